# Day, month, year, as in the UK and most of the English-speaking world outside the US.
DATE_FORMAT = "j F Y"
