"""Reference data of the agenda: regions, organisations, speerpunten, responsibilities."""

from __future__ import annotations

# The source names seven regions without naming them; these follow the usual
# regional division of the provinces' and CMO's work.
REGIONS: list[tuple[str, str]] = [
    ("noord", "Noord (Groningen, Fryslân, Drenthe)"),
    ("oost", "Oost (Overijssel, Gelderland)"),
    ("midden", "Midden (Utrecht, Flevoland)"),
    ("noordwest", "Noordwest (Noord-Holland)"),
    ("zuidwest", "Zuidwest (Zuid-Holland, Zeeland)"),
    ("brabant", "Brabant (Noord-Brabant)"),
    ("limburg", "Limburg"),
]

# (slug, name, region)
MINISTRIES: list[tuple[str, str]] = [
    ("vrom-wwi", "Ministerie van VROM, Wonen, Wijken en Integratie"),
    ("ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap"),
    ("szw", "Ministerie van Sociale Zaken en Werkgelegenheid"),
    ("justitie", "Ministerie van Justitie"),
    ("bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
    ("vws", "Ministerie van Volksgezondheid, Welzijn en Sport"),
]

PROVINCES: list[tuple[str, str, str]] = [
    ("provincie-groningen", "Provincie Groningen", "noord"),
    ("provincie-fryslan", "Provincie Fryslân", "noord"),
    ("provincie-drenthe", "Provincie Drenthe", "noord"),
    ("provincie-overijssel", "Provincie Overijssel", "oost"),
    ("provincie-gelderland", "Provincie Gelderland", "oost"),
    ("provincie-utrecht", "Provincie Utrecht", "midden"),
    ("provincie-flevoland", "Provincie Flevoland", "midden"),
    ("provincie-noord-holland", "Provincie Noord-Holland", "noordwest"),
    ("provincie-zuid-holland", "Provincie Zuid-Holland", "zuidwest"),
    ("provincie-zeeland", "Provincie Zeeland", "zuidwest"),
    ("provincie-noord-brabant", "Provincie Noord-Brabant", "brabant"),
    ("provincie-limburg", "Provincie Limburg", "limburg"),
]

# The ten pilot municipalities of the source.
MUNICIPALITIES: list[tuple[str, str, str]] = [
    ("gemeente-nijmegen", "Gemeente Nijmegen", "oost"),
    ("gemeente-lelystad", "Gemeente Lelystad", "midden"),
    ("gemeente-s-hertogenbosch", "Gemeente 's-Hertogenbosch", "brabant"),
    ("gemeente-delft", "Gemeente Delft", "zuidwest"),
    ("gemeente-helden", "Gemeente Helden", "limburg"),
    ("gemeente-eindhoven", "Gemeente Eindhoven", "brabant"),
    ("gemeente-venlo", "Gemeente Venlo", "limburg"),
    ("gemeente-rotterdam", "Gemeente Rotterdam", "zuidwest"),
    ("gemeente-den-haag", "Gemeente Den Haag", "zuidwest"),
    ("gemeente-zaanstad", "Gemeente Zaanstad", "noordwest"),
]

# Small and large municipalities meet separately per theme ("klein/groot").
SIZE_CLASSES: dict[str, str] = {
    "gemeente-nijmegen": "groot", "gemeente-s-hertogenbosch": "groot",
    "gemeente-eindhoven": "groot", "gemeente-rotterdam": "groot", "gemeente-den-haag": "groot",
    "gemeente-zaanstad": "groot", "gemeente-lelystad": "klein", "gemeente-delft": "klein",
    "gemeente-helden": "klein", "gemeente-venlo": "klein",
}

# The timetable of the source, 2008: (title, date, status, description)
MILESTONES: list[tuple[str, str, str, str]] = [
    ("Inhoudelijk document gereed", "2008-02-01", "done",
     "De conceptteksten van de acht speerpunten zijn klaar voor consultatie."),
    ("Politieke accordering", "2008-03-31", "done",
     "Het kabinet stemt in met de Gemeenschappelijke Integratieagenda."),
    ("Aanbieding aan de Tweede Kamer", "2008-07-01", "done",
     "De agenda wordt aangeboden aan de Tweede Kamer."),
    ("Bijeenkomsten in zeven regio's", "2008-09-01", "in_progress",
     "Per thema, met de verantwoordelijke departementen aanwezig; FORUM organiseert samen "
     "met de regionale CMO's."),
    ("Bijeenkomst emancipatie in Arnhem", "2008-11-26", "planned",
     "Regio Oost, met het thema emancipatie van allochtone vrouwen."),
]

# IPO speaks for the provinces, so it counts in the provincial tier.
PROVINCIAL_PARTNERS: list[tuple[str, str, str | None]] = [
    ("ipo", "Interprovinciaal Overleg (IPO)", None),
]

PARTNERS: list[tuple[str, str, str | None]] = [
    ("vng", "Vereniging van Nederlandse Gemeenten (VNG)", None),
    ("forum", "FORUM, Instituut voor Multiculturele Ontwikkeling", None),
    *[(f"cmo-{slug}", f"Regionaal CMO {name.split(' (')[0]}", slug) for slug, name in REGIONS],
]

# (slug, title) in agenda order.
SPEERPUNTEN: list[tuple[str, str]] = [
    ("inburgering", "Inburgering"),
    ("wonen", "Wonen"),
    ("onderwijs", "Onderwijs"),
    ("werken", "Werken"),
    ("veiligheid", "Veiligheid"),
    ("sociale-integratie", "Sociale integratie"),
    ("actief-burgerschap", "Actief burgerschap"),
    ("emancipatie", "Emancipatie"),
]

RESPONSIBILITIES: dict[str, list[str]] = {
    "inburgering": ["vrom-wwi", "justitie"],
    "wonen": ["vrom-wwi"],
    "onderwijs": ["ocw"],
    "werken": ["szw"],
    "veiligheid": ["justitie", "bzk"],
    "sociale-integratie": ["vrom-wwi", "vws"],
    "actief-burgerschap": ["bzk", "vws"],
    "emancipatie": ["ocw", "szw"],
}

# Demo accounts: one per role and tier. Demo use only.
DEMO_PASSWORD = "demo-gia-2008"
# (email, name, function, organisation, role)
DEMO_USERS: list[tuple[str, str, str, str, str]] = [
    ("wethouder@demo.gia.nl", "Anouk de Vries", "wethouder", "gemeente-nijmegen", "participant"),
    ("ambtenaar@demo.gia.nl", "Mehmet Yilmaz", "beleidsmedewerker integratie",
     "gemeente-rotterdam", "participant"),
    ("gedeputeerde@demo.gia.nl", "Petra Kok", "gedeputeerde", "provincie-gelderland",
     "participant"),
    ("ministerie@demo.gia.nl", "Jeroen Bakker", "senior beleidsmedewerker", "vrom-wwi",
     "participant"),
    ("ocw@demo.gia.nl", "Fatima El Amrani", "beleidsmedewerker emancipatie", "ocw",
     "participant"),
    ("partner@demo.gia.nl", "Linda Jansen", "adviseur", "vng", "participant"),
    ("moderator@demo.gia.nl", "Sanne Visser", "procesbegeleider", "forum", "moderator"),
    ("beheer@demo.gia.nl", "Tom Hendriks", "functioneel beheerder", "forum", "admin"),
]
