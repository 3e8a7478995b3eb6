"""Wordings the medical and native-speaker reviews (November 2026) found wrong, per language.

A short list of mistakes once made, so they are not made again; not a style dictionary.
Each entry: a pattern (case-insensitive unless it says otherwise) and what to write instead.
"""

import re

FORBIDDEN = {
    "en": [
        # Quinine treats malaria, in pregnancy too: the rule is about cramps (clinical review 2.4).
        (r"never for pregnancy", 'say "never for cramps, especially in pregnancy"'),
        # Focal seizures jerk one limb with awareness kept (clinical review 2.5).
        (r"affects the whole body or awareness", "a fit often, not always, takes awareness"),
    ],
    "ru": [
        # «Растерян» is flustered, as everyone pulled from water is: the red flag is lost (A1).
        (r"растерян", "«сознание спутано (не понимает, где он, говорит бессвязно)»"),
        # The glossary's word for dehydration; «дегидратация» is jargon.
        (r"дегидратац", "«обезвоживание»"),
        # A brand as a common noun («пейте регидрон») hides that brands differ (A2, glossary).
        (r"(?-i:регидрон)", "«раствор для пероральной регидратации»; Регидрон only as a name"),
        # Pregnancy care in Russia is led by an obstetrician-gynaecologist (review B).
        (r"врача или акушерк", "«врача, который ведёт беременность (акушера-гинеколога)»"),
        # Light tea is nearly normal urine; the sign is brown (native review r2 of the guide, m2).
        (r"цвета чая", "«бурая, цвета крепкого чая или колы»"),
        # A Russian pharmacist does not say when to restart a prescription medicine such as a
        # statin (native review r2, M1; round-5 decision E).
        (r"врач\w* или фармацевт\w* не скаж", "«пока врач не скажет, что можно»"),
    ],
    "es": [
        # Of a person it means sexually aroused, in Spain and Latin America (review 1.2).
        (r"est[áa]s? muy caliente", "«tiene la piel muy caliente»"),
        # "Play dead", not floating on the back (glossary).
        (r"hacer el muerto", "«flota boca arriba»"),
        # Bare «suero» is an IV drip; the drink is «suero oral» or SRO (glossary).
        (r"\bsuero\b(?!\s+oral)", "«suero oral» or «solución de rehidratación oral (SRO)»"),
        # False: Chile 131, Peru 106, Colombia 123, Argentina 107 (review 1.1).
        (r"gran parte de (?:latinoam[ée]rica|am[ée]rica latina)", "name each country's number"),
        # «Analíticas» are lab tests in Spain (review 2).
        (r"anal[íi]ticas", "«estadísticas de uso»"),
        # Vulgar in Mexico and Argentina (glossary).
        (r"\bcog(?:er|e|ete|ela|elo)\b", "«agarra», «sujeta»"),
        # «Un sanitario» is a toilet in much of Latin America (native review, December, I-3).
        (
            r"\b(?:un|una|al|el|la|los|las) sanitari[oa]s?\b",
            "«el socorrista», «el puesto de socorro», «el personal de emergencias»",
        ),
        # Read first as "a strange dream", in a list of reasons to call (I-4).
        (r"sueño raro|somnolencia rara", "«más dormido de lo normal y cuesta despertarlo»"),
        # A calque of "breathe in water" (M-1).
        (r"respir(?:ar|ado|a|e) agua", "«le entra agua en los pulmones»"),
        # Says neither who nor where (I-2).
        (r"que te vean hoy", "«ve hoy mismo al médico o a urgencias (a la guardia)»"),
        # The UK's maternity triage line has no match in Spain or Latin America (I-1).
        (r"\btu maternidad\b", "«urgencias (la guardia), mejor las de obstetricia de tu hospital»"),
        # A tremor is Parkinson's; the twitching under the skin is fasciculation (I-7).
        (
            r"tiembl\w* bajo la piel|temblores musculares",
            "«saltitos o sacudidas del músculo bajo la piel (fasciculaciones)»",
        ),
    ],
    # One text for Brazil and Portugal: words that mean something else on the other side.
    "pt": [
        # Bare «soro» is an IV drip; the drink is «soro de reidratação oral» or SRO.
        (r"\bsoro\b(?!\s+(?:de reidrata|oral|caseiro))", "«soro de reidratação oral (SRO)»"),
        # A girl in Portugal, an insult in Brazil.
        (r"\brapariga", "«menina», «moça»"),
        # A queue in Portugal, a slur in Brazil.
        (r"\bbicha\b", "«fila»"),
        # Portugal's «tensão arterial» is Brazil's «pressão arterial»: give both once.
        (r"(?<!\()\btensão arterial\b(?!\s*\()", "«pressão arterial (tensão arterial)»"),
        # Every cramp turns a leg suddenly very painful: on its own it is no reason to call the
        # number, on the guide's pages either (night cramps, native pt-BR review M3). The limb's
        # signs are cold, pale or blue, numb, weak or a foot that will not move.
        (
            r"(?:de repente|subitamente|s[úu]bit\w*) (?:muito )?dolorid",
            "«de repente frio, pálido ou arroxeado, dormente ou fraco», a dor só junto com eles",
        ),
    ],
    # French for France, read in Belgium, Switzerland, Québec and West Africa.
    "fr": [
        # A bare «sérum» is a drip («sérum physiologique»); the drink is a SRO.
        (r"\bsérum\b(?! de réhydratation)", "«soluté de réhydratation orale (SRO)»"),
        # Breakfast, lunch or dinner depending on the country: say which meal.
        (r"(?<!petit-)(?<!petit )\b(?:déjeuner|dîner|souper)\b", "«repas de midi», «du soir»"),
        # «Breuvage» is a drink in Québec, a foul potion in France.
        (r"\bbreuvage", "«boisson»"),
        # Children in France, vulgar in Québec.
        (r"\bgosses?\b", "«enfants»"),
    ],
}

COMPILED = {
    language: [(re.compile(pattern, re.IGNORECASE), advice) for pattern, advice in entries]
    for language, entries in FORBIDDEN.items()
}


def forbidden_wordings(page):
    """(what was found, what to write instead) for each forbidden wording on the page."""
    found = []
    for text in page.texts:
        for pattern, advice in COMPILED.get(page.language, []):
            found += [(match[0], advice) for match in pattern.finditer(text)]
    return found
