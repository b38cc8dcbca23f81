"""Reference lists for the national data set: municipalities, ministries, partners, people.

The seed holds the ten pilot municipalities of 2008; the generator tops these lists up to the
national numbers (342 municipalities, 12 ministries, 40 partners), skipping what exists.
"""

from __future__ import annotations

# Province -> the region of consult/seed/data.py it belongs to.
PROVINCE_REGION = {
    "groningen": "noord", "fryslan": "noord", "drenthe": "noord",
    "overijssel": "oost", "gelderland": "oost",
    "utrecht": "midden", "flevoland": "midden",
    "noord-holland": "noordwest",
    "zuid-holland": "zuidwest", "zeeland": "zuidwest",
    "noord-brabant": "brabant",
    "limburg": "limburg",
}

MUNICIPALITIES: dict[str, list[str]] = {
    "groningen": [
        "Groningen", "Het Hogeland", "Westerkwartier", "Midden-Groningen", "Eemsdelta",
        "Oldambt", "Pekela", "Stadskanaal", "Veendam", "Westerwolde",
    ],
    "fryslan": [
        "Leeuwarden", "Súdwest-Fryslân", "Smallingerland", "Heerenveen", "De Fryske Marren",
        "Achtkarspelen", "Ameland", "Dantumadiel", "Harlingen", "Noardeast-Fryslân",
        "Ooststellingwerf", "Opsterland", "Schiermonnikoog", "Terschelling",
        "Tytsjerksteradiel", "Vlieland", "Waadhoeke", "Weststellingwerf",
    ],
    "drenthe": [
        "Emmen", "Assen", "Hoogeveen", "Meppel", "Aa en Hunze", "Borger-Odoorn", "Coevorden",
        "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld", "De Wolden",
    ],
    "overijssel": [
        "Enschede", "Zwolle", "Deventer", "Hengelo", "Almelo", "Borne", "Dalfsen",
        "Dinkelland", "Haaksbergen", "Hardenberg", "Hellendoorn", "Hof van Twente", "Kampen",
        "Losser", "Oldenzaal", "Olst-Wijhe", "Ommen", "Raalte", "Rijssen-Holten", "Staphorst",
        "Steenwijkerland", "Tubbergen", "Twenterand", "Wierden", "Zwartewaterland",
    ],
    "flevoland": ["Almere", "Lelystad", "Dronten", "Noordoostpolder", "Urk", "Zeewolde"],
    "gelderland": [
        "Nijmegen", "Apeldoorn", "Arnhem", "Ede", "Aalten", "Barneveld", "Berg en Dal",
        "Berkelland", "Beuningen", "Bronckhorst", "Brummen", "Buren", "Culemborg", "Doesburg",
        "Doetinchem", "Druten", "Duiven", "Elburg", "Epe", "Ermelo", "Harderwijk", "Hattem",
        "Heerde", "Heumen", "Lingewaard", "Lochem", "Maasdriel", "Montferland",
        "Neder-Betuwe", "Nijkerk", "Nunspeet", "Oldebroek", "Oost Gelre",
        "Oude IJsselstreek", "Overbetuwe", "Putten", "Renkum", "Rheden", "Rozendaal",
        "Scherpenzeel", "Tiel", "Voorst", "Wageningen", "West Betuwe",
        "West Maas en Waal", "Westervoort", "Wijchen", "Winterswijk", "Zaltbommel",
        "Zevenaar", "Zutphen",
    ],
    "utrecht": [
        "Utrecht", "Amersfoort", "Veenendaal", "Zeist", "Nieuwegein", "Baarn", "De Bilt",
        "Bunnik", "Bunschoten", "Eemnes", "Houten", "IJsselstein", "Leusden", "Lopik",
        "Montfoort", "Oudewater", "Renswoude", "Rhenen", "De Ronde Venen", "Soest",
        "Stichtse Vecht", "Utrechtse Heuvelrug", "Vijfheerenlanden", "Wijk bij Duurstede",
        "Woerden", "Woudenberg",
    ],
    "noord-holland": [
        "Amsterdam", "Haarlem", "Haarlemmermeer", "Zaanstad", "Alkmaar", "Amstelveen",
        "Hilversum", "Purmerend", "Hoorn", "Dijk en Waard", "Aalsmeer", "Bergen (NH)",
        "Beverwijk", "Blaricum", "Bloemendaal", "Castricum", "Diemen", "Drechterland",
        "Edam-Volendam", "Enkhuizen", "Gooise Meren", "Heemskerk", "Heemstede", "Heiloo",
        "Den Helder", "Hollands Kroon", "Huizen", "Koggenland", "Landsmeer", "Laren",
        "Medemblik", "Oostzaan", "Opmeer", "Ouder-Amstel", "Schagen", "Stede Broec", "Texel",
        "Uitgeest", "Uithoorn", "Velsen", "Waterland", "Wijdemeren", "Wormerland",
        "Zandvoort",
    ],
    "zuid-holland": [
        "Rotterdam", "Den Haag", "Zoetermeer", "Leiden", "Dordrecht", "Delft", "Westland",
        "Alphen aan den Rijn", "Schiedam", "Leidschendam-Voorburg", "Gouda", "Vlaardingen",
        "Alblasserdam", "Albrandswaard", "Barendrecht", "Bodegraven-Reeuwijk",
        "Capelle aan den IJssel", "Goeree-Overflakkee", "Gorinchem",
        "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Hillegom", "Hoeksche Waard",
        "Kaag en Braassem", "Katwijk", "Krimpen aan den IJssel", "Krimpenerwaard",
        "Lansingerland", "Leiderdorp", "Lisse", "Maassluis", "Midden-Delfland",
        "Molenlanden", "Nieuwkoop", "Nissewaard", "Noordwijk", "Oegstgeest", "Papendrecht",
        "Pijnacker-Nootdorp", "Ridderkerk", "Rijswijk", "Sliedrecht", "Teylingen",
        "Voorne aan Zee", "Voorschoten", "Waddinxveen", "Wassenaar", "Zoeterwoude",
        "Zuidplas", "Zwijndrecht",
    ],
    "zeeland": [
        "Middelburg", "Vlissingen", "Terneuzen", "Goes", "Borsele", "Hulst", "Kapelle",
        "Noord-Beveland", "Reimerswaal", "Schouwen-Duiveland", "Sluis", "Tholen", "Veere",
    ],
    "noord-brabant": [
        "Eindhoven", "Tilburg", "Breda", "'s-Hertogenbosch", "Helmond", "Oss", "Roosendaal",
        "Meierijstad", "Land van Cuijk", "Alphen-Chaam", "Altena", "Asten", "Baarle-Nassau",
        "Bergeijk", "Bergen op Zoom", "Bernheze", "Best", "Bladel", "Boekel", "Boxtel",
        "Cranendonck", "Deurne", "Dongen", "Drimmelen", "Eersel", "Etten-Leur",
        "Geertruidenberg", "Geldrop-Mierlo", "Gemert-Bakel", "Gilze en Rijen", "Goirle",
        "Halderberge", "Heeze-Leende", "Heusden", "Hilvarenbeek", "Laarbeek", "Loon op Zand",
        "Maashorst", "Moerdijk", "Nuenen", "Oirschot", "Oisterwijk", "Oosterhout",
        "Reusel-De Mierden", "Rucphen", "Sint-Michielsgestel", "Someren", "Son en Breugel",
        "Steenbergen", "Valkenswaard", "Veldhoven", "Vught", "Waalre", "Waalwijk",
        "Woensdrecht", "Zundert",
    ],
    "limburg": [
        "Maastricht", "Venlo", "Sittard-Geleen", "Heerlen", "Roermond", "Weert", "Kerkrade",
        "Venray", "Beek", "Beekdaelen", "Beesel", "Bergen (L)", "Brunssum", "Echt-Susteren",
        "Eijsden-Margraten", "Gennep", "Gulpen-Wittem", "Horst aan de Maas", "Landgraaf",
        "Leudal", "Maasgouw", "Meerssen", "Mook en Middelaar", "Nederweert", "Peel en Maas",
        "Roerdalen", "Simpelveld", "Stein", "Vaals", "Valkenburg aan de Geul", "Voerendaal",
    ],
}

# Municipalities that meet as "groot" (the larger cities); the rest meet as "klein".
LARGE_MUNICIPALITIES = frozenset({
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
    "Almere", "Breda", "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Haarlemmermeer",
    "Amersfoort", "Zaanstad", "Enschede", "'s-Hertogenbosch", "Zwolle", "Zoetermeer", "Leiden",
    "Leeuwarden", "Maastricht", "Dordrecht", "Ede", "Alphen aan den Rijn", "Westland",
    "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard-Geleen", "Helmond", "Oss",
    "Amstelveen", "Hilversum", "Súdwest-Fryslân", "Heerlen", "Hengelo", "Purmerend",
    "Roosendaal", "Schiedam", "Leidschendam-Voorburg", "Almelo", "Gouda", "Vlaardingen",
    "Hoorn", "Zeist", "Dijk en Waard", "Meierijstad", "Land van Cuijk",
})

# Ministries beyond the six of the seed, to reach the twelve departments of 2008.
MINISTRIES: list[tuple[str, str]] = [
    ("az", "Ministerie van Algemene Zaken"),
    ("bz", "Ministerie van Buitenlandse Zaken"),
    ("defensie", "Ministerie van Defensie"),
    ("ez", "Ministerie van Economische Zaken"),
    ("financien", "Ministerie van Financiën"),
    ("lnv", "Ministerie van Landbouw, Natuur en Voedselkwaliteit"),
    ("venw", "Ministerie van Verkeer en Waterstaat"),
]

# Partners beyond those of the seed: (slug, name, region or None for national ones).
PARTNERS: list[tuple[str, str, str | None]] = [
    ("divosa", "Divosa", None),
    ("movisie", "MOVISIE", None),
    ("kis", "Kennisplatform Integratie & Samenleving", None),
    ("vluchtelingenwerk", "VluchtelingenWerk Nederland", None),
    ("coa", "Centraal Orgaan opvang asielzoekers (COA)", None),
    ("art1", "Art.1, landelijke vereniging tegen discriminatie", None),
    ("smn", "Samenwerkingsverband Marokkaanse Nederlanders (SMN)", None),
    ("iot", "Inspraakorgaan Turken in Nederland (IOT)", None),
    ("lom", "Landelijk Overleg Minderheden (LOM)", None),
    ("nji", "Nederlands Jeugdinstituut", None),
    ("aedes", "Aedes, vereniging van woningcorporaties", None),
    ("woonbond", "Nederlandse Woonbond", None),
    ("uwv", "UWV", None),
    ("mbo-raad", "MBO Raad", None),
    ("po-raad", "PO-Raad", None),
    ("vo-raad", "VO-raad", None),
    ("lezen-en-schrijven", "Stichting Lezen & Schrijven", None),
    ("politie", "Nationale Politie", None),
    ("ccv", "Centrum voor Criminaliteitspreventie en Veiligheid", None),
    ("sociaal-werk-nederland", "Sociaal Werk Nederland", None),
    ("humanitas", "Humanitas", None),
    ("rode-kruis", "Het Nederlandse Rode Kruis", None),
    ("oranje-fonds", "Oranje Fonds", None),
    ("scp", "Sociaal en Cultureel Planbureau", None),
    ("e-quality", "E-Quality, kenniscentrum voor gender en diversiteit", None),
    ("vrouwenraad", "Nederlandse Vrouwen Raad", None),
    ("idw", "Internationale Diplomawaardering (IDW)", None),
    ("radar", "RADAR, antidiscriminatievoorziening Rotterdam-Rijnmond", "zuidwest"),
    ("discriminatie-gelderland", "Meldpunt Discriminatie Gelderland", "oost"),
    ("vluchtelingenwerk-noord", "VluchtelingenWerk Noord-Nederland", "noord"),
    ("taalhuis-brabant", "Taalhuizen Brabant", "brabant"),
    ("welzijn-limburg", "Welzijn Limburg", "limburg"),
    ("pharos", "Pharos, expertisecentrum gezondheidsverschillen", None),
    ("cbs", "Centraal Bureau voor de Statistiek", None),
]

FIRST_NAMES = [
    "Anouk", "Mehmet", "Petra", "Jeroen", "Fatima", "Linda", "Sanne", "Tom", "Sven", "Eva",
    "Mohamed", "Ayşe", "Bram", "Lotte", "Daan", "Fleur", "Youssef", "Samira", "Pieter",
    "Marieke", "Hanneke", "Kees", "Noor", "Emre", "Priya", "Rachid", "Ingrid", "Willem",
    "Sophie", "Ahmed", "Naima", "Jan", "Els", "Bas", "Iris", "Ruud", "Karin", "Hasan", "Layla",
    "Thijs", "Femke", "Joost", "Zeynep", "Ricardo", "Shanti", "Gerrit", "Wendy", "Khadija",
    "Martijn", "Esther", "Omar", "Annelies", "Dewi", "Frank", "Mariam", "Koen", "Yvonne",
    "Ibrahim", "Nadia", "Hendrik", "Chantal", "Erik", "Saskia", "Tariq", "Loes", "Murat",
]

LAST_NAMES = [
    "de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani", "Kaya", "Öztürk", "Bouzid",
    "Ramdin", "Sedney", "Koster", "Prins", "van Dam", "Kok", "Jacobs", "Vermeulen",
    "van den Berg", "van Dijk", "Willems", "Şahin", "Ait Taleb", "Boukhari", "Tahiri",
    "Nguyen", "Postma", "Hoekstra", "Kramer", "Kuipers", "Veenstra", "Aydın", "Doğan",
    "Baldewsingh", "Martina", "Pinas", "Wolters", "Schouten", "Verbeek", "Kaddouri",
]

FUNCTIONS = {
    "gemeente": ["beleidsmedewerker integratie", "projectleider inburgering",
                 "beleidsadviseur wonen", "consulent werk en inkomen", "wijkregisseur",
                 "beleidsmedewerker onderwijs", "programmamanager participatie"],
    "provincie": ["beleidsadviseur sociaal domein", "programmamanager", "beleidsmedewerker"],
    "rijk": ["senior beleidsmedewerker", "beleidsadviseur", "directeur integratie",
             "coördinator gemeenten"],
    "partner": ["adviseur", "programmamanager", "projectleider", "beleidsadviseur"],
}
