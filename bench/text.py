"""Dutch text for the generated data: comments, rationales, responses, section edits.

Made of the agenda's own vocabulary, so that realistic searches ("taalles op de werkvloer",
"statushouders", "discriminatie arbeidsmarkt") find realistic numbers of passages. Every
choice comes from the random.Random passed in, so the same seed writes the same words.
"""

from __future__ import annotations

import random
import re

# What each speerpunt's texts talk about.
THEMES: dict[str, list[str]] = {
    "inburgering": [
        "taalles op de werkvloer", "duale inburgeringstrajecten", "het inburgeringsexamen",
        "taalcoaches voor nieuwkomers", "een vast aanspreekpunt voor inburgeraars",
        "de doorstroom naar een hoger taalniveau", "trajecten voor oudkomers",
        "de inkoop van taalcursussen", "uitval tijdens het traject", "alfabetisering",
    ],
    "wonen": [
        "gemengde wijken", "de wijkaanpak", "huisvesting van statushouders",
        "betaalbare huurwoningen", "ontmoetingsplekken in de buurt",
        "afspraken met woningcorporaties", "leefbaarheid in krachtwijken",
        "de wachttijd voor een woning", "bewonersparticipatie bij herstructurering",
    ],
    "onderwijs": [
        "voorschoolse educatie", "een schooladvies zonder vooroordelen",
        "de betrokkenheid van ouders", "segregatie in het onderwijs", "stages voor mbo-studenten",
        "voortijdig schoolverlaten", "taalachterstanden bij peuters", "brede scholen",
        "schakelklassen", "de aansluiting tussen school en arbeidsmarkt",
    ],
    "werken": [
        "werkervaringsplaatsen", "discriminatie op de arbeidsmarkt",
        "de erkenning van buitenlandse diploma's", "begeleiding naar betaald werk",
        "ondernemerschap van migranten", "anoniem solliciteren", "de werkloosheid onder jongeren",
        "leerwerktrajecten bij werkgevers", "re-integratie van uitkeringsgerechtigden",
    ],
    "veiligheid": [
        "buurtbemiddeling", "de aanpak van radicalisering", "samenwerking met de politie",
        "preventie van jeugdcriminaliteit", "huiselijk geweld", "eergerelateerd geweld",
        "overlast op straat", "vertrouwen in de wijkagent", "polarisatie in de buurt",
    ],
    "sociale-integratie": [
        "ontmoeting tussen bewoners", "vrijwilligerswerk", "sportverenigingen in de wijk",
        "het tegengaan van eenzaamheid", "contact tussen oude en nieuwe Nederlanders",
        "maatjesprojecten", "buurthuizen", "sociale samenhang in de wijk",
    ],
    "actief-burgerschap": [
        "deelname aan verkiezingen", "bewonersinitiatieven", "participatie in de gemeenteraad",
        "burgerschapsonderwijs", "maatschappelijke stages", "zelforganisaties van migranten",
        "inspraak bij gemeentelijk beleid", "jongerenraden",
    ],
    "emancipatie": [
        "de emancipatie van migrantenvrouwen", "economische zelfstandigheid van vrouwen",
        "vrouwen die geïsoleerd leven", "opvoedingsondersteuning", "zelforganisaties van vrouwen",
        "sleutelfiguren uit de gemeenschap", "huisbezoeken", "laagdrempelige ontmoetingsplekken",
    ],
}

# (subject, plural?) so that the verb agrees with it.
SUBJECTS = [
    ("De gemeente", False), ("Het rijk", False), ("De provincie", False), ("Het college", False),
    ("De wethouder", False), ("Maatschappelijke organisaties", True),
    ("Werkgevers in de regio", True), ("Zelforganisaties van migranten", True),
    ("Scholen", True), ("Woningcorporaties", True), ("Het wijkteam", False),
    ("Vrijwilligers", True), ("De VNG", False), ("Het ministerie", False),
    ("Het regionale CMO", False), ("Buurtbewoners", True), ("Jongerenwerkers", True),
    ("Consulenten inburgering", True), ("De regio", False), ("Kleine gemeenten", True),
]

# (singular, plural)
VERBS = [
    ("zorgt voor", "zorgen voor"), ("werkt aan", "werken aan"), ("investeert in", "investeren in"),
    ("ondersteunt", "ondersteunen"), ("organiseert", "organiseren"),
    ("stimuleert", "stimuleren"), ("versterkt", "versterken"), ("verbetert", "verbeteren"),
    ("maakt afspraken over", "maken afspraken over"), ("ontwikkelt", "ontwikkelen"),
    ("evalueert", "evalueren"), ("financiert", "financieren"),
    ("houdt toezicht op", "houden toezicht op"), ("geeft prioriteit aan", "geven prioriteit aan"),
]

QUALIFIERS = [
    "samen met de regio", "in nauw overleg met de VNG", "op basis van ervaringen in de praktijk",
    "binnen de bestaande middelen", "vanaf volgend jaar", "in alle wijken",
    "met aandacht voor kleine gemeenten", "zonder extra administratieve lasten",
    "voor zowel nieuwkomers als oudkomers", "met meetbare doelen", "in elke regio",
    "met de verantwoordelijke departementen", "voor de komende vier jaar",
]

VENUES = ["stadhuis", "provinciehuis", "buurthuis De Schakel", "bibliotheek", "ROC",
          "wijkcentrum", "raadszaal", "congrescentrum"]

MODERATOR_SUMMARIES = [
    "Redactionele verbetering", "Verwerking van de regiobijeenkomsten",
    "Tekst ingekort en verduidelijkt", "Aanvulling na overleg met de departementen",
    "Uitkomsten van het bestuurlijk overleg verwerkt", "Verwijzingen geactualiseerd",
]

REPLIES = [
    "Dank voor deze aanvulling.", "Eens, dit herkennen wij ook.",
    "Dat is bij ons anders gegaan.", "Goed punt, dit nemen we mee in de regio.",
    "Kunt u dit toelichten?", "Wij zien hetzelfde in onze gemeente.",
]

_FORMS = ["ambtenaar", "wethouder", "gedeputeerde", "projectleider"]


class Writer:
    def __init__(self, rng: random.Random, places: list[str]):
        self.rng = rng
        self.places = places

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def topic(self, theme: str) -> str:
        return self.pick(THEMES[theme])

    def clause(self) -> tuple[str, str]:
        """A subject with a verb that agrees with it."""
        subject, plural = self.pick(SUBJECTS)
        return subject, self.pick(VERBS)[1 if plural else 0]

    def sentence(self, theme: str) -> str:
        r = self.rng.random()
        topic, other = self.rng.sample(THEMES[theme], 2)
        subject, verb = self.clause()
        if r < 0.4:
            text = f"{subject} {verb} {topic} {self.pick(QUALIFIERS)}."
        elif r < 0.6:
            text = (f"In {self.pick(self.places)} werkt {topic} beter sinds "
                    f"{subject[0].lower() + subject[1:]} ook aandacht heeft voor {other}."
                    if subject.split()[0] in ("De", "Het") else
                    f"In {self.pick(self.places)} werkt {topic} beter sinds "
                    f"{subject.lower()} ook aandacht hebben voor {other}.")
        elif r < 0.8:
            text = (f"Voor {topic} is meer inzet nodig van {subject[0].lower() + subject[1:]}, "
                    f"{self.pick(QUALIFIERS)}.")
        else:
            text = (f"Uit de evaluatie komt naar voren dat {topic} en {other} elkaar "
                    f"versterken, zeker {self.pick(QUALIFIERS)}.")
        return text[0].upper() + text[1:]

    def paragraph(self, theme: str, sentences: int) -> str:
        return " ".join(self.sentence(theme) for _ in range(sentences))

    def section_of_words(self, theme: str, words: int) -> str:
        """Paragraphs of five to eight sentences until the text holds about `words` words."""
        paragraphs: list[str] = []
        count = 0
        while count < words:
            paragraph = self.paragraph(theme, self.rng.randint(5, 8))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return "\n\n".join(paragraphs)

    def comment(self, theme: str) -> str:
        r = self.rng.random()
        topic = self.topic(theme)
        if r < 0.25:
            opening = f"Wij missen in deze sectie aandacht voor {topic}."
        elif r < 0.45:
            opening = (f"In {self.pick(self.places)} zien we dat {topic} goed werkt. "
                       f"Kan de tekst daar sterker op ingaan?")
        elif r < 0.6:
            opening = f"Graag concreter: wie is verantwoordelijk voor {topic}?"
        elif r < 0.75:
            opening = f"Hoe verhoudt dit zich tot {topic}? Dat is voor kleine gemeenten onduidelijk."
        else:
            opening = f"Als {self.pick(_FORMS)} vraag ik aandacht voor {topic}."
        parts = [opening] + [self.sentence(theme) for _ in range(self.rng.randint(0, 3))]
        body = " ".join(parts)
        if self.rng.random() < 0.1:
            items = "\n".join(f"- {self.topic(theme)}" for _ in range(3))
            body += f"\n\nDenk aan:\n\n{items}"
        if self.rng.random() < 0.15:
            body = body.replace(topic, f"**{topic}**", 1)
        return body

    def reply(self, theme: str) -> str:
        return " ".join([self.pick(REPLIES)] + [self.sentence(theme)
                                                for _ in range(self.rng.randint(0, 2))])

    def rationale(self, theme: str) -> str:
        return (f"{self.pick(['Dit sluit aan bij de praktijk', 'Dit voorkomt onduidelijkheid', 'Dit maakt de ambitie concreet', 'Zo wordt de rol van gemeenten helder'])}. "
                + " ".join(self.sentence(theme) for _ in range(self.rng.randint(1, 3))))

    def response(self, theme: str, position: str) -> str:
        opening = {
            "support": "Het rijk steunt dit voorstel.",
            "partial": "Het rijk steunt de richting van dit voorstel, maar niet op alle punten.",
            "oppose": "Het rijk steunt dit voorstel niet.",
        }[position]
        return opening + " " + " ".join(self.sentence(theme)
                                        for _ in range(self.rng.randint(1, 2)))

    def rejection(self, theme: str) -> str:
        return (f"{self.pick(['Dit valt buiten de reikwijdte van de agenda', 'De departementen zijn hierover al in gesprek', 'Dit doorkruist bestaande afspraken', 'Het voorstel is te gedetailleerd voor deze agenda'])}. "
                f"Wel nemen we {self.topic(theme)} mee in de uitwerking.")

    def minutes(self, theme: str) -> str:
        return "\n\n".join(self.paragraph(theme, self.rng.randint(2, 4)) for _ in range(3))

    def edit(self, text: str, theme: str) -> str:
        """The text with one small, local change: a sentence added, replaced or a paragraph
        inserted, as an amendment or a moderator's edit would make."""
        paragraphs = text.split("\n\n")
        index = self.rng.randrange(len(paragraphs))
        r = self.rng.random()
        if r < 0.45:
            paragraphs[index] = paragraphs[index] + " " + self.sentence(theme)
        elif r < 0.8:
            sentences = re.split(r"(?<=\.) ", paragraphs[index])
            sentences[self.rng.randrange(len(sentences))] = self.sentence(theme)
            paragraphs[index] = " ".join(sentences)
        else:
            paragraphs.insert(index + 1, self.paragraph(theme, self.rng.randint(2, 4)))
        edited = "\n\n".join(paragraphs)
        return edited if edited != text else text + " " + self.sentence(theme)
