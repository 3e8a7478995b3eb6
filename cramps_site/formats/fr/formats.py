# «5 décembre 2026»: Django's own French format, with no-break spaces so a date never breaks
# across lines (French typography keeps the day with its month).
DATE_FORMAT = "j\u00a0F\u00a0Y"
