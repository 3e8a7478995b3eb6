# E is the month in the genitive («ноября»); Django's own Russian format adds the word for year.
DATE_FORMAT = "j E Y"
