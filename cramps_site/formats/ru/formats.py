# E is the month in the genitive («ноября»); Django's own Russian format adds the word for year.
# No-break spaces: a date never breaks across lines (native review, December 2026, 2.0.2 item 17).
DATE_FORMAT = "j\u00a0E\u00a0Y"
