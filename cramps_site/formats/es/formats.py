# «26 de noviembre de 2026»: the same as Django's own Spanish format, stated here on purpose.
DATE_FORMAT = r"j \d\e F \d\e Y"
