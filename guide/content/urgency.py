"""What the emergency screens, the "Get help now" box and the rescue pages must and must not say.

The December 2026 clinical and native-speaker reviews set these: each rule below once failed on
the published content. They hold in every language, on the pages for the worst moments (the
emergency screens, the box, and the water pack's page on helping someone); the one aftercare
rule after trouble in the water holds on the water pack's cramp and children pages too. The
guide's own wordings are phrasing.py's.
"""

# ruff: noqa: RUF001 (Russian patterns hold Cyrillic letters beside regex escapes; cm has a dash)

import re

from .pages import NUMBER_TOKEN, RED_FLAGS_SLUG

RESCUE_PAGES = {("now", "help-someone"), ("water", "helping-someone")}
# The pages that say who needs a doctor after trouble in the water: the rescue pages, and the water
# pack's pages on a cramp while swimming and on children. One rule in all of them and in the box.
AFTERCARE_PAGES = RESCUE_PAGES | {("water", "cramp-while-swimming"), ("water", "children")}

# An instruction to call at once must name the number to call ("call {number} now"): "call at
# once" left readers of the "today" list phoning their doctor for a clot in the lung.
CALL_NOW = {
    "en": r"\bcall\b[^.!?]*?\b(?:now|at once|immediately|straight away)\b",
    "ru": r"\b(?:по)?звоните\b[^.!?]*?\b(?:сразу|немедленно|сейчас)\b"
    r"|\b(?:сразу|немедленно)\b[^.!?]*?\b(?:по)?звоните\b",
    "es": r"\bllam[ae]\b[^.!?]*?\b(?:ya|enseguida|ahora mismo|de inmediato)\b"
    r"|\b(?:enseguida|ya)\b[^.!?]*?\bllam[ae]\b",
    # Brazil and Portugal both say «ligue (para)» («chame» is also shouting for help).
    "pt": r"\bligue\b[^.!?]*?(?:\bjá\b|\bimediatamente\b|\bde imediato\b|\bagora\b)"
    r"|(?:\bjá\b|\bimediatamente\b)[^.!?]*?\bligue\b",
    "fr": r"\bappelez\b[^.!?]*?\b(?:tout de suite|immédiatement|sans attendre|aussitôt"
    r"|maintenant)\b|\b(?:immédiatement|tout de suite|sans attendre)\b[^.!?]*?\bappelez\b",
}
CHEST_PAIN = {
    "en": r"chest pain",
    "ru": r"бол\w* в груди|в груди бол",
    "es": r"dolor en el pecho|duele el pecho",
    "pt": r"dor no peito|dor tor[áa]cica|peito d[óo]i",
    "fr": r"douleur (?:dans la|à la|de) poitrine|douleur thoracique|mal (?:à|dans) la poitrine",
}
# Tetanus: its symptoms (a stiff jaw, spasms) mean call now; only the risk after a wound waits
# for today.
TETANUS = {
    "en": r"tetanus",
    "ru": r"столбняк",
    "es": r"t[ée]tanos",
    "pt": r"t[ée]tano",
    "fr": r"t[ée]tanos",
}
TETANUS_SYMPTOMS = {
    "en": r"stiff|spasm|swallow",
    "ru": r"скован|спазм|глота|сводит|деревене|открыть рот",
    "es": r"r[íi]gid|espasm|tragar|abrir la boca",
    "pt": r"r[íi]gid|espasm|engolir|abrir a boca|maxilar|mandíbula",
    "fr": r"raide|raideur|spasme|avaler|ouvrir la bouche|mâchoire",
}
# Signs that belong to one level only. Listed under "call now" and again under "today", they
# left readers asking which applied (clinical review 2, major 4: dark urine at both levels).
# "Today" may still name one as the way up, in a sentence that names {number}: "If it turned
# cold, pale or blue suddenly, call {number} now."
ONE_LEVEL_SIGNS = {
    "brown or cola-coloured urine": {
        "en": r"\burine\b[^.]*\b(?:brown|dark|cola)\b|\b(?:brown|dark|cola)\b[^.]*\burine\b",
        "ru": r"моч[аеиуы][^.]*(?:коричнев|т[её]мн|кол[аы])"
        r"|(?:коричнев|т[её]мн|кол[аы])[^.]*моч[аеиуы]",
        "es": r"\borina\b[^.]*(?:marr[óo]n|oscur|\bcola\b)"
        r"|(?:marr[óo]n|oscur|\bcola\b)[^.]*\borina\b",
        "pt": r"\burina\b[^.]*(?:marrom|castanh|escur|\bcola\b)"
        r"|(?:marrom|castanh|escur|\bcola\b)[^.]*\burina\b",
        "fr": r"\burines?\b[^.]*(?:brun|fonc|\bcola\b)|(?:brun|fonc|\bcola\b)[^.]*\burines?\b",
    },
    "a leg suddenly cold, pale or blue": {
        "en": r"sudden[^.]*\b(?:cold|pale|blue)\b|\b(?:cold|pale|blue)\b[^.]*sudden",
        "ru": r"внезапн[^.]*(?:холодн|бледн|синюшн)|(?:холодн|бледн|синюшн)[^.]*внезапн",
        "es": r"(?:de repente|de golpe|repentin)[^.]*(?:fr[ií]|p[áa]lid|azul)"
        r"|(?:fr[ií]|p[áa]lid|azul)[^.]*(?:de repente|de golpe|repentin)",
        "pt": r"(?:de repente|s[úu]bit)[^.]*(?:fri[ao]|p[áa]lid|azul|arroxead)"
        r"|(?:fri[ao]|p[áa]lid|azul|arroxead)[^.]*(?:de repente|s[úu]bit)",
        "fr": r"(?:soudain|brusque|tout à coup)[^.]*(?:froid|p[âa]le|bleu)"
        r"|(?:froid|p[âa]le|bleu)[^.]*(?:soudain|brusque|tout à coup)",
    },
}
# What a sudden painful leg needs beside the pain to be "call now" (FORBIDDEN below).
LIMB_PAIN = {
    "en": "pain together with a leg cold, pale or blue, numb, or a foot that will not move",
    "ru": "боль вместе с холодной, бледной или синюшной ногой, онемением или неподвижной стопой",
    "es": "el dolor con la pierna fría, pálida o azulada, entumecida o el pie que no se mueve",
    "pt": "a dor junto com a perna fria, pálida ou arroxeada, dormente ou o pé que não se mexe",
    "fr": "la douleur avec une jambe froide, pâle ou bleutée, engourdie, ou un pied immobile",
}
# Wordings ruled out on these pages, with what to write instead.
FORBIDDEN = {
    "en": [
        # Swallowed water is harmless; water breathed in is the danger (clinical M5).
        (r"swallowed water", "the signs of water breathed in: coughing, fast breathing, froth"),
        # Exertional heatstroke often still sweats (clinical M7).
        (r"no longer sweat|stopped sweating", '"they may still be sweating"'),
        # A baby's chest: two thumbs around it or the heel of one hand; two fingers rarely
        # reach the depth (AHA and AAP 2025, clinical review 2, major 2).
        (r"\btwo fingers\b", '"both thumbs, your hands around the chest, or the heel of one hand"'),
        # Sudden pain on its own is every cramp: under "call now" it sent cramps to the emergency
        # number (clinical review 4, major 1). Pain counts with a cold, numb or still foot.
        (r"suddenly (?:very )?painful", LIMB_PAIN["en"]),
    ],
    "ru": [
        (r"наглотал", "признаки того, что вода попала в дыхательные пути"),
        (r"перестал\w* потеть", "«при этом он может и потеть»"),
        # A warm leg is the clot's sign; «горячая» raises the bar (native review 18).
        (
            r"(?:ног|икр|бедр)\w*[^.?!]{0,30}горяч|горяч\w*[^.?!]{0,30}(?:ног|икр|бедр)",
            "«тёплая на ощупь»",
        ),
        # «По громкой связи» is a loudspeaker announcement (native review 2.4).
        (r"по громкой связи", "«включите громкую связь»"),
        # Not «во время спорта» (native review 2.0.1, 2).
        (r"во время спорта", "«во время тренировки или игры»"),
        (r"двумя пальцами", "«двумя большими пальцами, обхватив грудь, или основанием ладони»"),
        (r"внезапно появил\w* сильн\w* боль", LIMB_PAIN["ru"]),
    ],
    "es": [
        (r"trag[óo] agua", "las señales de que ha entrado agua en los pulmones"),
        (r"ya no suda", "«aunque puede seguir sudando»"),
        # Untrained rescuers have not started yet (native review 15).
        (r"solo sigue presionando", "«presiona el centro del pecho sin parar»"),
        # «Ir a peor» is Spain's; «empeora» is understood everywhere (native review 3).
        (r"va a peor", "«empeora»"),
        (r"sensibilidad al tacto", "«dolor al tocar»"),
        (r"\bdos dedos\b", "«los dos pulgares, rodeando el pecho, o el talón de una mano»"),
        (r"(?:azulad|p[áa]lid|fr[ií])\w*,? (?:o )?te duele mucho", LIMB_PAIN["es"]),
    ],
    "pt": [
        (r"engol\w* água", "os sinais de que a água entrou nos pulmões (tosse, respiração rápida)"),
        (r"(?:parou|deixou) de suar|já não sua|não sua mais", "«mesmo que ainda esteja suando»"),
        (r"\bdois dedos\b", "«os dois polegares, envolvendo o peito, ou a base de uma mão»"),
        (
            r"(?:arroxead|azulad|p[áa]lid|fri)\w*,? (?:ou )?(?:dói muito|muito dolorid)",
            LIMB_PAIN["pt"],
        ),
        (r"(?:de repente|subitamente|s[úu]bit\w*) (?:muito )?dolorid", LIMB_PAIN["pt"]),
    ],
    "fr": [
        # «Boire la tasse» is swallowing water while swimming: harmless, not the danger.
        (
            r"aval\w* de l['’]eau|bu la tasse|boire la tasse",
            "les signes d’eau inhalée (toux, respiration rapide, mousse)",
        ),
        (
            r"ne transpire plus|arrêté de transpirer|cessé de transpirer",
            "«même s’il transpire encore»",
        ),
        (
            r"\bdeux doigts\b",
            "«les deux pouces, les mains autour du thorax, ou le talon d’une main»",
        ),
        (
            r"(?:bleue?|p[âa]le|froide?),? (?:ou )?(?:très douloureuse|fait très mal)",
            LIMB_PAIN["fr"],
        ),
        (r"(?:soudain\w*|brusquement|tout à coup) (?:très )?douloureu", LIMB_PAIN["fr"]),
    ],
}
# What the two rescue pages must say in every language (clinical C1, M1, M2, M4; review 4, m8).
RESCUE_NEEDS = {
    "gasping is not normal breathing": {
        "en": r"gasp",
        "ru": r"судорожн\w* вдох|агональн",
        "es": r"boque|agónic",
        # «Gasping» is the word Brazilian and Portuguese first-aid courses teach beside it.
        "pt": r"ag[ôó]nic|gasping|arquej",
        "fr": r"agonique|gasp",
    },
    "the defibrillator (AED)": {
        "en": r"defibrillator",
        "ru": r"дефибриллятор",
        "es": r"desfibrilador",
        "pt": r"desfibril(?:h)?ador",
        "fr": r"défibrillateur",
    },
    "wading into shallow water": {
        "en": r"shallow",
        "ru": r"мелк|мелководь",
        "es": r"poco profund",
        "pt": r"\bras[ao]s?\b|pouca profundidade|\bd[áa] pé\b",
        "fr": r"peu profond|\bpied\b",
    },
    # In winter the same pages are opened for someone through the ice; rescuers who walk onto
    # it are a second death (clinical review 4, minor 8).
    "staying off the ice": {
        "en": r"\bice\b",
        "ru": r"\bл[её]д|\bльд",
        "es": r"\bhielo\b",
        "pt": r"\bgelo\b",
        "fr": r"\bglace\b",
    },
}
# The CPR step itself says when to stop (clinical M3): help takes over, they wake, you cannot go on.
CPR_STOP_RULE = {
    "en": r"keep going until",
    "ru": r"(?:продолжайте|не прекращайте)[^.]*\bпока\b",
    "es": r"(?:sigue|continúa)[^.]*\bhasta que\b",
    "pt": r"(?:continue|não pare)[^.]*\baté\b",
    "fr": r"(?:continuez|n['’]arrêtez pas|ne vous arrêtez pas)[^.]*\bjusqu['’]",
}
# Spanish reads «de 5 a 6 cm» more easily than a dash in running text (native review, M-22);
# so do Portuguese and French («de 5 a 6 cm», «de 5 à 6 cm»).
DEPTH = r"(?:5[–-]6|(?:de )?5 [aà] 6)\s*(?:cm|см)"
# The CPR step gives the trained rescuer's cycle, 30 pushes then 2 breaths (clinical review 3,
# major 2: stated only where the breaths failed, it read as the fallback, not the cycle).
TRAINED_CYCLE = {
    "en": r"\b30\b[^.]*?\b2\b\W*breaths?",
    "ru": r"\b30\b[^.]*?\b2\b\W*вдох",
    "es": r"\b30\b[^.]*?\b2\b\W*respiraci",
    "pt": r"\b30\b[^.]*?\b2\b\W*(?:respira|insufla|ventila)",
    "fr": r"\b30\b[^.]*?\b2\b\W*(?:insufflation|respiration)",
}
# After trouble in the water a cough on its own that has not settled sends them to an emergency
# department; it is not a call-now sign (the breathing signs are). Once it stood under both, and
# a reader did not know which to follow (clinical review 3, major 1). Coughing up blood is
# another sign, the clot's.
COUGH = {
    "en": r"\bcough(?!ing up blood)",
    "ru": r"\bкаш(?:е)?л\w*\b(?!\s+с\s+кровью)",  # кашлять and the noun, кашель
    "es": r"\btos\b(?!\s+con\s+sangre)|\btos[ie]\w*",
    "pt": r"\btosse\b(?!\s+com\s+sangue)|\btoss(?:i|e\w)\w*",  # tossir, tosses; «tosse» is the noun
    "fr": r"\btou(?:x|sse\w*)\b(?!\s+(?:avec|de)\s+sang)",
}
EMERGENCY_DEPARTMENT = {
    "en": r"emergency department",
    "ru": r"приёмн\w* отделени",
    "es": r"urgencias",
    # Brazil's pronto-socorro and UPA, Portugal's urgência.
    "pt": r"pronto-socorro|\bUPA\b|urgência",
    "fr": r"\burgences\b",
}


def compiled(patterns):
    return {language: re.compile(pattern, re.IGNORECASE) for language, pattern in patterns.items()}


CALL_NOW_RE = compiled(CALL_NOW)
CHEST_PAIN_RE = compiled(CHEST_PAIN)
TETANUS_RE = compiled(TETANUS)
TETANUS_SYMPTOMS_RE = compiled(TETANUS_SYMPTOMS)
CPR_STOP_RULE_RE = compiled(CPR_STOP_RULE)
TRAINED_CYCLE_RE = compiled(TRAINED_CYCLE)
COUGH_RE = compiled(COUGH)
EMERGENCY_DEPARTMENT_RE = compiled(EMERGENCY_DEPARTMENT)
ONE_LEVEL_SIGNS_RE = {sign: compiled(patterns) for sign, patterns in ONE_LEVEL_SIGNS.items()}
SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def in_scope(page):
    return page.section == "now" or (page.section, page.slug) in RESCUE_PAGES


def urgency_problems(page):
    """What this page says against the rules above; empty when all is well (or out of scope)."""
    if page.language not in CALL_NOW:
        return []
    if (page.section, page.slug) in AFTERCARE_PAGES or page.slug == RED_FLAGS_SLUG:
        found = cough_problems(page)
    else:
        found = []
    if not in_scope(page):
        return found
    language = page.language
    for text in page.texts:
        for sentence in SENTENCE.findall(text):
            if CALL_NOW_RE[language].search(sentence) and NUMBER_TOKEN not in sentence:
                found.append(f"says to call at once without the number: {sentence.strip()!r}")
        for pattern, advice in FORBIDDEN[language]:
            for match in re.finditer(pattern, text, re.IGNORECASE):
                found.append(f"{match[0]!r} is a wording the reviews ruled out; write {advice}")
    for flag in page.flags:
        chest_pain = CHEST_PAIN_RE[language].search(flag.text)
        if chest_pain and flag.level != "emergency" and NUMBER_TOKEN not in flag.text:
            found.append(f"the chest-pain line must name the number: {flag.text!r}")
        if (
            TETANUS_RE[language].search(flag.text)
            and TETANUS_SYMPTOMS_RE[language].search(flag.text)
            and flag.level != "emergency"
        ):
            found.append(f"tetanus symptoms belong under call now: {flag.text!r}")
    found += one_level_problems(page)
    if (page.section, page.slug) in RESCUE_PAGES:
        found += rescue_problems(page)
    return found


def one_level_problems(page):
    """A sign listed under "call now" must not also wait under "today" (ONE_LEVEL_SIGNS)."""
    found = []
    for sign, patterns in ONE_LEVEL_SIGNS_RE.items():
        pattern = patterns[page.language]
        if not any(pattern.search(flag.text) for flag in page.emergency_flags):
            continue
        for flag in page.urgent_flags:
            for sentence in SENTENCE.findall(flag.text):
                if pattern.search(sentence) and NUMBER_TOKEN not in sentence:
                    found.append(
                        f"{sign} stands under call now and again under today: {flag.text!r}"
                    )
    return found


def cough_problems(page):
    """A cough on its own goes to the emergency department, never to {number} (COUGH)."""
    language = page.language
    cough = COUGH_RE[language]
    problem = "a cough on its own goes to the emergency department, not to call {number}"
    found = []
    for text in page.texts:
        for sentence in SENTENCE.findall(text):
            if NUMBER_TOKEN in sentence and cough.search(sentence):
                found.append(f"{problem}: {sentence.strip()!r}")
    for flag in page.emergency_flags:  # the box's "call now" list names no number of its own
        if cough.search(flag.text) and not EMERGENCY_DEPARTMENT_RE[language].search(flag.text):
            found.append(f"{problem}: {flag.text!r}")
    return found


def rescue_problems(page):
    """The two rescue pages: current lay guidance, in every language."""
    language = page.language
    text = " ".join(page.texts)
    found = [
        f"must name {need}"
        for need, patterns in RESCUE_NEEDS.items()
        if not re.search(patterns[language], text, re.IGNORECASE)
    ]
    if page.section != "now":
        return found
    if not re.search(DEPTH, text):
        found.append("must give the depth of chest compressions (5–6 cm)")
    # Its first line: someone already out and not responding goes straight to CPR (clinical
    # review 2, major 1): the lead names the number and jumps to the group with the beat.
    if NUMBER_TOKEN not in page.lead:
        found.append("needs its own lead: call {number} and go straight to CPR")
    jump = next(
        (g for g in page.step_groups if any(s.anchor == page.lead_anchor for s in g[1])), None
    )
    if not page.lead_anchor or not jump or not any(s.beats_per_minute for s in jump[1]):
        found.append("its lead must jump to the CPR steps: anchor the first step out of the water")
    cpr = [step for step in page.steps if step.beats_per_minute]
    if not cpr or not CPR_STOP_RULE_RE[language].search(cpr[0].text):
        found.append("the CPR step (the one with the beat) must say when to stop")
    if not cpr or not TRAINED_CYCLE_RE[language].search(cpr[0].text):
        found.append("the CPR step (the one with the beat) must give the trained cycle: 30 and 2")
    if not any(step.defibrillator for step in page.steps):
        found.append("needs a step with defibrillator = true (where a venue's AED is)")
    return found
