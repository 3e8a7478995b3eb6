"""Spaces that must not break: a number and its unit, and French punctuation.

On a narrow phone «30 секунд» or «15 °C» can break after the number and leave "30" alone at
the end of a line (native reviews, December 2026: ru 2.0.2 item 17, es 2.21 item 93). Russian,
Spanish, Portuguese and French typography want a no-break space (U+00A0) there, and after «№».
This module knows the units the content and the interface use, and finds an ordinary space
(U+0020) in their place. It finds, it does not guess: a unit missing from these lists is not
checked.

French also spaces its high punctuation and its guillemets, and a line must never start with
"?" or "»": a no-break space before « ; : ! ? » and inside « », never an ordinary space or
none (`french_punctuation`). We write the narrow one (U+202F) before ; ! ? and the full one
(U+00A0) before the colon and inside guillemets, as the Imprimerie nationale's rules do; both
are accepted, since both keep the sign on its word's line and Belgian, Swiss and Québec
editors may use either. U+202F is safe on phones: CLDR groups French thousands with it, so
every browser and system font has it.

Russian also ties a dash to the word before it («Судорога\u00a0— это…»): a line that starts
with « — » reads as a new line of dialogue, and the native review of the guide and the water
pack (December 2026, minor item 27) asked for it. Spanish uses the dash otherwise; not checked.
"""

# ruff: noqa: RUF001 (Russian text is meant to hold Cyrillic letters)

import re

# What counts as the number: digits (with a decimal part), or a placeholder that becomes one
# ("%(seconds)s", "%%(count)s" in a catalogue's JavaScript strings, "{weeks}").
NUMBER = r"(?:%%?\(\w+\)[sd]|\{\w+\}|(?<![\w.,])\d+(?:[.,]\d+)?)"
# A unit ends where letters end: «м» is metres, «мы» is not.
END = r"(?![^\W\d_])"


def listed(text):
    """A list written as words: one unit (or one pattern) per word."""
    return text.split()


# Symbols, written exactly so (case matters: mOsm, mL).
SYMBOLS = {
    "ru": listed("ммоль мОсм ккал мкг мг кг мл см мм км мин сек г л м ч"),
    "es": listed("mmol mOsm kcal µg mg kg ml mL cm mm km min g l L m h s"),
    "pt": listed("mmol mOsm kcal µg mg kg ml mL cm mm km min MB g l L m h s"),
    # French writes megabytes "Mo" and hours "20 h".
    "fr": listed("mmol mOsm kcal µg mg kg ml mL cm mm km min Mo g l L m h s"),
}
# Signs that follow a number in both languages («15 °C», «94 %»); "%(" starts a placeholder.
SIGNS = [r"°C", r"°", r"%(?![(%])", r"‰"]
# Unit words with their endings: time, measures, the counts the steps use, a date's month.
# A year is not a duration: «в 2015 году» may break (\x20 is the space, as a pattern word).
WORDS = {
    "ru": listed(r"""
        секунд\w* минут\w* час(?:а|ов|у|ам|ами)? сут(?:ки|ок|кам) дн(?:я|ей|ям) день недел\w*
        месяц\w* лет (?<!\d{4}\x20)год(?:а|у|ом|ам|ами)? раза? литр\w* миллилитр\w* грамм\w*
        миллиграмм\w* килограмм\w* градус\w* сантиметр\w* миллиметр\w* метр(?:а|ов)?
        километр\w* процент\w* вдох\w* надавлива\w* нажати\w* стакан\w* ложк\w* пакетик\w*
        таблетк\w* январ[яь] феврал[яь] марта? апрел[яь] ма[яй] июн[яь] июл[яь] августа?
        сентябр[яь] октябр[яь] ноябр[яь] декабр[яь] звёзд\w* звезд\w*
    """),
    "es": listed(r"""
        segundos? minutos? horas? d[íi]as? semanas? mes(?:es)? a[ñn]os? litros? mililitros?
        gramos? miligramos? kilo(?:gramo)?s? grados? cent[íi]metros? mil[íi]metros? metros?
        kil[óo]metros? vez veces respiraci[óo]n(?:es)? compresi[óo]n(?:es)? vasos?
        cucharad(?:it)?as? por\s+ciento
    """),
    "pt": listed(r"""
        segundos? minutos? horas? dias? semanas? m[êe]s(?:es)? anos? litros? mililitros?
        gramas? miligramas? quilo(?:grama)?s? graus? cent[íi]metros? mil[íi]metros? metros?
        quil[ôó]metros? vez(?:es)? respira[çc](?:ão|ões) insufla[çc](?:ão|ões)
        compress(?:ão|ões) copos? colher(?:es)? colherinhas? saquetas? sach[êe]s? envelopes?
        comprimidos? por\s+cento
    """),
    # A date keeps its day with its month: «5 décembre» (the year may go to the next line).
    "fr": listed(r"""
        secondes? minutes? heures? jours? semaines? mois ans années? litres? millilitres?
        grammes? milligrammes? kilo(?:gramme)?s? degrés? centimètres? millimètres? mètres?
        kilomètres? fois respirations? insufflations? compressions? verres? cuill[èe]res?
        sachets? comprimés? pour\s+cent janvier février mars avril mai juin juillet août
        septembre octobre novembre décembre
    """),
}


# A space between a word (or a closing mark) and a dash that stands between words.
DASH = {"ru": r"|(?<=\S)( )—(?=\s)"}


def _pattern(language):
    symbols = sorted(SYMBOLS[language], key=len, reverse=True)
    units = "|".join(
        [
            *(re.escape(symbol) + END for symbol in symbols),
            *SIGNS,
            *(rf"(?i:{word}){END}" for word in WORDS[language]),
        ]
    )
    return re.compile(
        rf"{NUMBER}( )(?:{units})"  # a number, a space, a unit
        r"|№( )(?=\d)"  # «№ 17»
        r"|(?<=\d)( )(?=\d{3}(?!\d))"  # between groups of digits: 1 000, 900 202 202
        + DASH.get(language, "")  # «Судорога — это»
    )


PATTERNS = {language: _pattern(language) for language in WORDS}


def loose_spaces(text, language):
    """(line number, the words around it) for each ordinary space that should not break."""
    pattern = PATTERNS.get(language)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        space = next(index for index in range(1, match.re.groups + 1) if match.start(index) != -1)
        at = match.start(space)
        line = text.count("\n", 0, at) + 1
        found.append((line, text[max(at - 15, 0) : at + 15].replace("\n", " ")))
    return found


# French punctuation. Addresses and link targets are not prose: "https:", "(guide:stretches)",
# "?q=" keep their characters as they are, and so do times and ratios ("20:30", "1:1"). An
# address may hold a pair of parentheses ("…/disease(pad)/?locale=en"), not an unmatched one.
NOT_PROSE = re.compile(r"https?://(?:[^\s()\]>\"]|\([^\s()]*\))+|\]\([^)]*\)|<[a-z]+:[^>]*>|\d:\d")
NO_BREAK = "\u00a0\u202f"
FRENCH = re.compile(
    rf"(?P<before>[ ]|(?<=[^\s{NO_BREAK}?!;:«(\[]))(?P<sign>[;:!?])"  # «mot ?», «mot?»
    rf"|(?P<open>«)(?P<after>[ ]|(?=[^\s{NO_BREAK}]))"  # «« texte», «texte»
    rf"|(?P<space>[ ]|(?<=[^\s{NO_BREAK}]))(?P<close>»)"  # «texte »», «texte»»
)


def french_punctuation(text):
    """(line number, the words around it) where a French sign lacks its no-break space."""
    prose = NOT_PROSE.sub(lambda match: " " * len(match[0]), text)
    found = []
    for match in FRENCH.finditer(prose):
        sign = match.start("sign") if match["sign"] else match.start()
        line = text.count("\n", 0, sign) + 1
        found.append((line, text[max(sign - 15, 0) : sign + 15].replace("\n", " ")))
    return found


def catalogue_entries(po_text):
    """(msgid, msgstr) of each translated entry of a .po file, plural forms included."""
    entries = []
    for block in po_text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        fields = {}
        key = None
        for line in block.splitlines():
            if line.startswith(("msgid", "msgstr", "msgctxt")):
                key, _space, rest = line.partition(" ")
                fields[key] = rest[1:-1]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        msgid = fields.get("msgid", "")
        for key, value in fields.items():
            if key.startswith("msgstr") and msgid:
                entries.append((msgid, value.replace('\\"', '"').replace("\\n", "\n")))
    return entries


# A Russian one-letter word (a preposition, a conjunction, «я») ends no line: on a narrow phone
# «в», «к» or «и» left at a line's end reads as a dropped word (native review of the
# emergency screens, December 2026, minor 26). Russian typesetting ties it to the next word.
# Unlike the checks above this is done when the text is shown, not asked of editors: the
# content stays readable in a plain editor, and no new page can forget it.
SHORT_WORD = re.compile(r"(?<![\w-])([вксуоиаяВКСУОИАЯ]) (?=\S)")


def tie_short_words(text):
    """Text (or HTML) with a no-break space after each one-letter Russian word."""
    return SHORT_WORD.sub("\\1\u00a0", text)
