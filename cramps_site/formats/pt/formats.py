# «5 de dezembro de 2026», in Brazil and in Portugal: Django's own format, stated here on purpose.
# The month's small letter comes from cramps_site/locale/pt (Django's catalogue capitalises it).
DATE_FORMAT = r"j \d\e F \d\e Y"
