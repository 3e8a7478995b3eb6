"""Date formats per language, where Django's own differ from how each language writes a date.

English "26 November 2026", Russian «26 ноября 2026» (the month in the genitive, no year
word), Spanish «26 de noviembre de 2026». Templates use them through the date filter.
"""
