"""What a venue's visitors call its lifeguards, first-aid point and defibrillator, where
Portuguese and French differ by country (Spanish's are in venues.py).

A poster hangs at one pool or beach, so it speaks as the people there do. Brazil says
salva-vidas and DEA (desfibrilador externo automático); Portugal, and the African countries and
Timor-Leste that write European Portuguese, nadadores-salvadores and DAE (desfibrilhador
automático externo). France, Belgium, Luxembourg and Monaco call pool lifeguards maîtres-nageurs
and beach ones sauveteurs, and say poste de secours; Switzerland says gardiens de bain; Québec
(Canada) says sauveteurs, premiers soins and DEA (défibrillateur externe automatisé). Countries
not named here take the catalogue's words: Brazil's for Portuguese, France's for French.
"""

# Portuguese as written in Portugal: Angola, Cabo Verde, Guinea-Bissau, Mozambique, São Tomé
# and Príncipe, Timor-Leste, Macau.
EUROPEAN_PORTUGUESE = {"PT", "AO", "CV", "GW", "MZ", "ST", "TL", "MO"}
NADADORES = {
    "lifeguards": "Nadadores-salvadores",
    "lifeguard_hours": "Horário dos nadadores-salvadores",
    "lifeguard_phone": "Telefone dos nadadores-salvadores",
    "first_aid_point": "Posto de primeiros socorros",
    "defibrillator": "Desfibrilhador mais próximo (DAE)",
}
# French: (lifeguards at a pool, lifeguards elsewhere, first-aid point, defibrillator).
FRENCH_BY_COUNTRY = {
    "CH": ("gardiens de bain", "gardiens de bain", "Poste de premiers secours", "DAE"),
    "CA": ("sauveteurs", "sauveteurs", "Premiers soins", "DEA"),
}
FRENCH_ELSEWHERE = ("maîtres-nageurs", "sauveteurs", "Poste de secours", "DAE")


def words(venue):
    """The venue's words where its language and country call for others than the catalogue's."""
    if venue.language == "pt" and venue.country in EUROPEAN_PORTUGUESE:
        return dict(NADADORES)
    if venue.language == "fr" and venue.country:
        pool, elsewhere, first_aid, acronym = FRENCH_BY_COUNTRY.get(venue.country, FRENCH_ELSEWHERE)
        lifeguards = pool if venue.kind == venue.Kind.POOL else elsewhere
        return {
            "lifeguards": lifeguards.capitalize(),
            "lifeguard_hours": "Horaires de surveillance",
            "lifeguard_phone": f"Téléphone des {lifeguards}",
            "first_aid_point": first_aid,
            "defibrillator": f"Défibrillateur le plus proche ({acronym})",
        }
    return {}
