"""The exports: the handreiking (agenda as PDF and DOCX) and the consultatieverslag (PDF and
CSV), read back as their recipients would, for what they contain and what they withhold.

PDF rendering takes a second or so; the tests that render are few and read one document
for many facts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from consult.exports import csvstream, pdf, queries
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.core.test_query_counts import count_queries
from tests.exports.documents import Docx, Pdf, csv_rows
from tests.helpers import section_text, set_phase

ACCEPTED_SENTENCE = "Corporaties bouwen gemengde wijken met ruimte voor ontmoeting."
ACCEPTED_RESPONSE = "Het rijk onderschrijft de gemengde wijken van harte."
REJECTED_SENTENCE = "Het rijk benoemt per provincie een woningbouwcoördinator."
REJECT_REASON = ("Een coördinator per provincie doorkruist de taakverdeling tussen rijk en "
                 "provincies.")
PENDING_SENTENCE = "Gemeenten bieden elke inburgeraar een taalmaatje uit de buurt."
PENDING_RESPONSE = ("Taalmaatjes zijn waardevol, maar het rijk kan ze niet voor elke gemeente "
                    "betalen.")


@dataclass
class World:
    accepted: int
    rejected: int
    pending: int


def propose(api, who: str, slug: str, section: str, sentence: str, rationale: str) -> int:
    text = section_text(api(who), slug, section) + " " + sentence
    response = api(who).post(f"/speerpunten/{slug}/amendments", json={
        "section": section, "base_version": 1, "text": text, "rationale": rationale})
    assert response.status_code == 201, response.json
    return response.json["id"]


def build_world(api) -> World:
    """On wonen, an amendment of Gemeente Nijmegen supported by a province and a
    municipality and accepted (version 2), and one of Provincie Gelderland rejected with a
    reason; on inburgering, one of the VNG still pending, with the ministry's response.
    Comments on wonen: two on its ambition (one a reply) and one that a moderator hid."""
    accepted = propose(api, "gemeente", "wonen", "ambitie", ACCEPTED_SENTENCE,
                       "Gemengde wijken werken in Nijmegen.")
    for who in ("provincie", "gemeente2"):
        assert api(who).post(f"/amendments/{accepted}/support").status_code == 201
    api("ministry").post(f"/amendments/{accepted}/responses", json={
        "position": "support", "body": ACCEPTED_RESPONSE})
    decided = api("moderator").post(f"/amendments/{accepted}/decision",
                                    json={"decision": "accept"})
    assert decided.json["version"] == 2, decided.json

    rejected = propose(api, "provincie", "wonen", "rijk", REJECTED_SENTENCE,
                       "Provincies willen één aanspreekpunt.")
    api("ministry").post(f"/amendments/{rejected}/responses", json={
        "position": "oppose", "body": "Dit past niet bij de taakverdeling."})
    assert api("moderator").post(f"/amendments/{rejected}/decision", json={
        "decision": "reject", "reason": REJECT_REASON}).status_code == 200

    pending = propose(api, "partner", "inburgering", "kernprobleem", PENDING_SENTENCE,
                      "Taal leer je in de buurt.")
    assert api("ministry").post(f"/amendments/{pending}/responses", json={
        "position": "partial", "body": PENDING_RESPONSE}).status_code == 201

    first = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Mooi doel."}).json["id"]
    api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Eens.", "parent_id": first})
    hidden = api("partner").post("/speerpunten/wonen/comments", json={
        "section": "kernprobleem", "body": "Reclame."}).json["id"]
    assert api("moderator").post(f"/comments/{hidden}/hide",
                                 json={"reason": "Reclame."}).status_code == 200
    return World(accepted=accepted, rejected=rejected, pending=pending)


@pytest.fixture
def world(app, api) -> World:
    pdf.clear_cache()
    return build_world(api)


def get(client, path: str, status: int = 200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response


# --- the handreiking ---------------------------------------------------------------------

def test_agenda_pdf_has_title_page_contents_sections_and_change_log(app, world):
    response = get(login(app, "gemeente"), "/export/agenda.pdf")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('inline; filename="integratieagenda-')
    document = Pdf(response.data)

    assert document.title == "Gemeenschappelijke Integratieagenda – Handreiking"
    assert document.language == "nl"
    title_page = " ".join(document.pages[0].split())
    assert title_page.startswith("HANDREIKING VOOR GEMEENTEN Gemeenschappelijke Integratieagenda")
    # Contents with a page number per speerpunt; every speerpunt in consultation is there.
    assert document.pages[1].startswith("Inhoud")
    assert "1. Inburgering" in document.pages[1] and "2. Wonen" in document.pages[1]
    assert document.top_bookmarks() == [
        "Inhoud", "1. Inburgering", "2. Wonen", "3. Onderwijs", "4. Werken", "5. Veiligheid",
        "6. Sociale integratie", "7. Actief burgerschap", "8. Emancipatie"]
    assert document.bookmarks().count("Wat doet de gemeente") == 8
    assert document.bookmarks().count("Overgenomen amendementen") == 8

    text = document.text
    # Wonen is at its version 2, which holds the accepted sentence, not the rejected one.
    assert "Tekst: versie 2 van" in text
    assert ACCEPTED_SENTENCE in text
    assert REJECTED_SENTENCE not in text
    # The change log names the amendment, its organisation and tier, and the version.
    assert (f"2 Ambitie Amendement {world.accepted} Gemeente Nijmegen (Gemeente) Overgenomen"
            in text)
    assert "Er zijn geen amendementen op dit speerpunt overgenomen." in text
    assert "Deze tekst is nog niet vastgesteld" in text
    assert f"Pagina {len(document.pages)} van {len(document.pages)}" in document.pages[-1]


def test_agenda_docx_has_title_contents_headings_and_change_log(app, world):
    response = get(login(app, "gemeente"), "/export/agenda.docx")
    assert response.mimetype == ("application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.document")
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="integratieagenda-')
    document = Docx(response.data)

    assert document.document.core_properties.title == (
        "Gemeenschappelijke Integratieagenda – Handreiking")
    assert document.document.core_properties.language == "nl-NL"
    assert document.styled("Title") == ["Gemeenschappelijke Integratieagenda"]
    assert document.styled("TOC Heading") == ["Inhoud"]
    assert document.styled("Heading 1")[:2] == ["1. Inburgering", "2. Wonen"]
    assert len(document.styled("Heading 1")) == 8
    assert document.styled("Heading 2")[:5] == [
        "Kernprobleem", "Ambitie", "Wat doet het rijk", "Wat doet de gemeente",
        "Overgenomen amendementen"]
    assert ACCEPTED_SENTENCE in document.text
    assert REJECTED_SENTENCE not in document.text
    assert ["2", "Ambitie", f"Amendement {world.accepted}", "Gemeente Nijmegen (Gemeente)"] \
        == document.table_rows()[1][:4]
    assert document.table_rows()[1][4].startswith("Overgenomen, ")
    # A table of contents field that Word fills in when the document is opened.
    assert 'TOC \\o "1-2"' in document.document.element.xml
    settings = [child.tag.split("}")[1] for child in document.document.settings.element]
    assert settings.index("updateFields") < settings.index("compat"), "schema order"


# --- the consultatieverslag ----------------------------------------------------------------

def test_report_pdf_shows_every_amendment_with_supports_responses_and_decision(app, world):
    response = get(login(app, "gemeente"), "/export/consultatieverslag/all.pdf")
    assert response.headers["Content-Disposition"].startswith(
        'inline; filename="consultatieverslag-all-')
    document = Pdf(response.data)
    assert document.title == "Consultatieverslag – Gemeenschappelijke Integratieagenda"
    text = document.text

    assert f"Amendement {world.accepted} · Gemeente Nijmegen" in text
    assert "Ingediend door: Gemeente Nijmegen (Gemeente)" in text
    assert "Steun: 2 (rijk 0, provincie 1, gemeente 1, partner 0): Provincie Gelderland, " \
           "Gemeente Rotterdam" in text
    assert "Besluit: Overgenomen, " in text and "opgenomen in versie 2" in text
    assert ACCEPTED_RESPONSE in text

    assert f"Amendement {world.rejected} · Provincie Gelderland" in text
    assert "Besluit: Niet overgenomen" in text
    assert f"Motivering: {REJECT_REASON}" in text
    assert "Ministerie van VROM, Wonen, Wijken en Integratie: steunt het voorstel niet" in text

    assert f"Amendement {world.pending} · Vereniging van Nederlandse Gemeenten (VNG)" in text
    assert "Besluit: In behandeling" in text
    assert "Ministerie van VROM, Wonen, Wijken en Integratie: steunt het voorstel deels" in text
    assert PENDING_RESPONSE in text
    assert PENDING_SENTENCE in text  # the proposed change, shown as a diff

    # Comments per section of wonen: two visible on the ambition, one hidden.
    assert "Kernprobleem 0 1 Ambitie 2 0 Wat doet het rijk 0 0" in text
    assert "Deelnemende organisaties: 5 (rijk 1, provincie 1, gemeente 2, partner 1)" in text
    participants = text[text.index("Organisaties die een amendement indienden"):]
    for name in ("Ministerie van VROM", "Provincie Gelderland", "Gemeente Nijmegen",
                 "Gemeente Rotterdam", "Vereniging van Nederlandse Gemeenten"):
        assert name in participants


def test_report_pdf_of_one_speerpunt_covers_only_that_speerpunt(app, world):
    document = Pdf(get(login(app, "gemeente"),
                       "/export/consultatieverslag/inburgering.pdf").data)
    assert document.title == "Consultatieverslag – Inburgering"
    assert f"Amendement {world.pending} " in document.text
    assert f"Amendement {world.accepted} " not in document.text
    assert ACCEPTED_RESPONSE not in document.text


def test_report_csv_has_one_row_per_amendment(app, world, api):
    withdrawn = propose(api, "partner", "werken", "ambitie", "Meer stages.", "Omdat.")
    api("partner").post(f"/amendments/{withdrawn}/withdraw")
    response = get(login(app, "gemeente"), "/export/consultatieverslag/all.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="consultatieverslag-all-')
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = csv_rows(response.data)

    with app.app_context():
        from consult.amendments.models import Amendment

        total = db.session.scalar(sa.select(sa.func.count()).select_from(Amendment))
    assert len(rows) == total == 4
    assert list(rows[0]) == csvstream.COLUMNS
    by_id = {int(row["Nummer"]): row for row in rows}
    # Agenda order: inburgering (position 1), wonen (2), werken (4).
    assert list(by_id) == [world.pending, world.accepted, world.rejected, withdrawn]

    accepted = by_id[world.accepted]
    assert accepted["Speerpunt"] == "Wonen" and accepted["Sectie"] == "Ambitie"
    assert accepted["Organisatie"] == "Gemeente Nijmegen"
    assert accepted["Bestuurslaag"] == "Gemeente"
    assert ACCEPTED_SENTENCE in accepted["Voorgestelde tekst"]
    assert (accepted["Steun totaal"], accepted["Steun rijk"], accepted["Steun provincie"],
            accepted["Steun gemeente"], accepted["Steun partner"]) == ("2", "0", "1", "1", "0")
    assert accepted["Steunende organisaties"].split("\n") == [
        "Provincie Gelderland (Provincie)", "Gemeente Rotterdam (Gemeente)"]
    assert accepted["Besluit"] == "Overgenomen"
    assert accepted["Opgenomen in versie"] == "2"
    assert accepted["Besloten op"]

    rejected = by_id[world.rejected]
    assert rejected["Besluit"] == "Niet overgenomen"
    assert rejected["Motivering besluit"] == REJECT_REASON
    assert rejected["Opgenomen in versie"] == ""
    assert rejected["Bestuurslaag"] == "Provincie"

    pending = by_id[world.pending]
    assert pending["Besluit"] == "In behandeling"
    assert pending["Besloten op"] == ""
    assert pending["Standpunten van het rijk"] == (
        "Ministerie van VROM, Wonen, Wijken en Integratie: steunt het voorstel deels")
    assert PENDING_RESPONSE in pending["Reacties van het rijk"]
    assert by_id[withdrawn]["Besluit"] == "Ingetrokken door de indiener"


def test_report_csv_of_one_speerpunt_has_only_its_amendments(app, world):
    rows = csv_rows(get(login(app, "gemeente"), "/export/consultatieverslag/wonen.csv").data)
    assert [int(row["Nummer"]) for row in rows] == [world.accepted, world.rejected]


def test_report_csv_cells_cannot_run_as_spreadsheet_formulas(app, api):
    amendment = propose(api, "gemeente", "wonen", "ambitie", "Extra.",
                        '=HYPERLINK("http://example.org","klik")')
    rows = csv_rows(get(login(app, "gemeente"), "/export/consultatieverslag/wonen.csv").data)
    assert rows[0]["Nummer"] == str(amendment)
    assert rows[0]["Toelichting"] == '\'=HYPERLINK("http://example.org","klik")'


# --- who sees what ------------------------------------------------------------------------

def test_concept_and_consultation_texts_do_not_leak_to_anonymous_visitors(app, world, client):
    set_phase(app, "wonen", "adopted")
    set_phase(app, "veiligheid", "concept")

    document = Pdf(get(client, "/export/agenda.pdf").data)
    assert document.top_bookmarks() == ["Inhoud", "1. Wonen"]
    assert ACCEPTED_SENTENCE in document.text
    assert "Vastgestelde tekst van alle opgenomen speerpunten." in document.text
    assert "Deze tekst is nog niet vastgesteld" not in document.text

    docx = Docx(get(client, "/export/agenda.docx").data)
    assert docx.styled("Heading 1") == ["1. Wonen"]

    rows = csv_rows(get(client, "/export/consultatieverslag/all.csv").data)
    assert {row["Speerpunt"] for row in rows} == {"Wonen"}
    assert PENDING_RESPONSE not in str(rows)
    for slug in ("veiligheid", "inburgering"):
        get(client, f"/export/consultatieverslag/{slug}.csv", 404)
        get(client, f"/export/consultatieverslag/{slug}.pdf", 404)


def test_concepts_are_only_in_a_moderators_export(app, world):
    set_phase(app, "veiligheid", "concept")
    participant = Docx(get(login(app, "gemeente"), "/export/agenda.docx").data)
    assert "5. Veiligheid" not in participant.styled("Heading 1")
    assert len(participant.styled("Heading 1")) == 7
    get(login(app, "gemeente"), "/export/consultatieverslag/veiligheid.csv", 404)

    moderator = Docx(get(login(app, "moderator"), "/export/agenda.docx").data)
    assert "5. Veiligheid" in moderator.styled("Heading 1")
    get(login(app, "moderator"), "/export/consultatieverslag/veiligheid.csv")


def test_anonymous_visitor_without_adopted_speerpunten_gets_an_empty_handreiking(client):
    docx = Docx(get(client, "/export/agenda.docx").data)
    assert docx.styled("Heading 1") == []
    assert "Er zijn nog geen speerpunten die u kunt inzien." in docx.text
    assert csv_rows(get(client, "/export/consultatieverslag/all.csv").data) == []


@pytest.mark.parametrize("path", ["/export/consultatieverslag/bestaat-niet.pdf",
                                  "/export/consultatieverslag/bestaat-niet.csv",
                                  "/export/consultatieverslag/.csv",
                                  "/export/agenda.odt"])
def test_unknown_exports_are_not_found(app, path):
    get(login(app, "moderator"), path, 404)


# --- links ---------------------------------------------------------------------------------

def test_agenda_and_speerpunt_pages_link_to_the_exports(app):
    client = login(app, "gemeente")
    home = get(client, "/").get_data(as_text=True)
    for href in ("/export/agenda.pdf", "/export/agenda.docx",
                 "/export/consultatieverslag/all.pdf", "/export/consultatieverslag/all.csv"):
        assert f'href="{href}"' in home
    page = get(client, "/speerpunten/wonen").get_data(as_text=True)
    assert 'href="/export/consultatieverslag/wonen.pdf"' in page
    assert 'href="/export/consultatieverslag/wonen.csv"' in page


# --- bounded work ----------------------------------------------------------------------------

def add_amendments(api, n: int) -> None:
    people = ["gemeente", "provincie", "partner", "gemeente2"]
    for i in range(n):
        amendment = propose(api, people[i % 4], "inburgering", "rijk", f"Extra {i}.", "Omdat.")
        api(people[(i + 1) % 4]).post(f"/amendments/{amendment}/support")
        api("ministry").post(f"/amendments/{amendment}/responses", json={
            "position": "partial", "body": "Deels."})
        if i % 2:
            api("moderator").post(f"/amendments/{amendment}/decision",
                                  json={"decision": "reject", "reason": "Nee."})


def test_csv_query_count_does_not_grow_with_the_number_of_amendments(app, api):
    client = login(app, "gemeente")
    add_amendments(api, 2)
    with count_queries(app) as small:
        assert len(csv_rows(get(client, "/export/consultatieverslag/all.csv").data)) == 2
    add_amendments(api, 10)
    with count_queries(app) as large:
        assert len(csv_rows(get(client, "/export/consultatieverslag/all.csv").data)) == 12
    assert len(large) == len(small), (len(small), len(large))


def test_csv_is_streamed_in_chunks_of_bounded_size(app, api):
    add_amendments(api, 5)
    response = login(app, "gemeente").get("/export/consultatieverslag/all.csv")
    assert response.is_streamed
    with app.test_request_context():
        scope = queries.report_scope(_user(app, "moderator"), "all")
    with count_queries(app) as statements:
        pieces = list(csvstream.stream_report(app, scope, chunk_size=2))
    # The header, then one piece per chunk of two; each chunk takes the same few queries.
    assert len(pieces) == 1 + 3
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 3 * 3, selects
    rows = csv_rows("".join(pieces).encode("utf-8"))
    assert len(rows) == 5 == len({row["Nummer"] for row in rows})


def _user(app, who: str):
    from consult.accounts.models import User
    from tests.conftest import ACTORS

    return db.session.execute(User.by_email(ACTORS[who])).scalar_one()


def test_pdf_data_query_counts_do_not_grow_with_the_number_of_amendments(app, api):
    def collect() -> int:
        with app.test_request_context():
            user = _user(app, "gemeente")
            with count_queries(app) as statements:
                queries.collect_agenda(user)
                queries.collect_report(user, queries.report_scope(user, "all"))
            return len(statements)

    add_amendments(api, 2)
    small = collect()
    add_amendments(api, 10)
    assert collect() == small


# --- the PDF machinery ------------------------------------------------------------------------

def test_a_pdf_is_rendered_once_for_the_same_html(app, monkeypatch):
    renders = []

    import weasyprint

    class Counting(weasyprint.HTML):
        def write_pdf(self, *args, **kwargs):
            renders.append(1)
            return super().write_pdf(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", Counting)
    html = '<!doctype html><html lang="nl"><title>Proef</title><p>Tekst</p></html>'
    with app.app_context():
        pdf.clear_cache()
        first = pdf.render_pdf(html)
        assert pdf.render_pdf(html) == first
        assert len(renders) == 1
        assert pdf.render_pdf(html.replace("Tekst", "Andere tekst")) != first
        assert len(renders) == 2
        app.config["CONSULT_EXPORT_PDF_CACHE_SIZE"] = 0
        pdf.clear_cache()
        pdf.render_pdf(html)
        pdf.render_pdf(html)
        assert len(renders) == 4


def test_the_renderer_loads_nothing_from_outside(app, tmp_path):
    secret = tmp_path / "geheim.css"
    secret.write_text("p::after { content: 'GEHEIM' }")
    html = (f'<!doctype html><html lang="nl"><head><link rel="stylesheet" href="file://{secret}">'
            f'</head><body><p>Tekst</p><img src="file:///etc/hostname"></body></html>')
    with app.app_context():
        pdf.clear_cache()
        assert "GEHEIM" not in Pdf(pdf.render_pdf(html)).text


@pytest.mark.parametrize("base, proposed, expected", [
    ("een twee drie", "een twee vier", [("equal", "een twee "), ("delete", "drie"),
                                        ("insert", "vier")]),
    (" ".join(f"w{i}" for i in range(40)) + " oud " + " ".join(f"v{i}" for i in range(40)),
     " ".join(f"w{i}" for i in range(40)) + " nieuw " + " ".join(f"v{i}" for i in range(40)),
     [("equal", "… " + " ".join(f"w{i}" for i in range(28, 40)) + " "), ("delete", "oud"),
      ("insert", "nieuw"), ("equal", " " + " ".join(f"v{i}" for i in range(12)) + " …")]),
])
def test_compact_diff_keeps_a_few_words_around_each_change(base, proposed, expected):
    assert pdf.compact_diff(base, proposed, context=12) == expected
