"""The three journeys of the brief, end to end through the pages (test client)."""

import re

import sqlalchemy as sa

from consult.amendments.models import Amendment
from consult.extensions import db
from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.helpers import section_text


def login(app, who):
    client = app.test_client()
    response = client.post("/login", data={"email": ACTORS[who], "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(?:\r?\n)?(.*?)</textarea>', page, re.S)
    assert match, name
    import html

    return html.unescape(match.group(1))


def latest_amendment_id(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(Amendment.id)))


def test_wethouder_journey_in_the_browser(app, api):
    wethouder = login(app, "gemeente")
    page = wethouder.get("/speerpunten/onderwijs").get_data(as_text=True)
    assert "Wat doet de gemeente" in page and "Wijziging voorstellen" in page

    response = wethouder.post("/speerpunten/onderwijs/reacties", data={
        "section": "gemeente", "body": "Voorschoolse educatie **verdient** meer aandacht."})
    assert response.status_code == 302
    page = wethouder.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>verdient</strong>" in page
    assert "Anouk de Vries" in page and "wethouder" in page and "Gemeente Nijmegen" in page

    form = wethouder.get("/speerpunten/onderwijs/secties/gemeente/amendement")
    assert form.status_code == 200
    current = textarea(form.get_data(as_text=True), "text")
    assert current == section_text(api("gemeente"), "onderwijs", "gemeente")
    proposed = current.replace("gemeente", "gemeente en de schoolbesturen", 1)

    preview = wethouder.post("/speerpunten/onderwijs/secties/gemeente/amendement", data={
        "base_version": "1", "text": proposed.replace("\n", "\r\n"), "rationale": "",
        "action": "preview"})
    assert preview.status_code == 200
    assert "<ins>" in preview.get_data(as_text=True)
    assert latest_amendment_id(app) is None  # a preview saves nothing

    submitted = wethouder.post("/speerpunten/onderwijs/secties/gemeente/amendement", data={
        "base_version": "1", "text": proposed.replace("\n", "\r\n"),
        "rationale": "Zonder de schoolbesturen lukt het niet.", "action": "submit"})
    assert submitted.status_code == 302
    amendment_id = latest_amendment_id(app)
    page = wethouder.get(f"/amendementen/{amendment_id}").get_data(as_text=True)
    assert "In behandeling" in page
    assert "ingevoegd:" in page  # the change is announced to screen readers

    moderator = login(app, "moderator")
    decided = moderator.post(f"/amendementen/{amendment_id}/besluit", data={
        "decision": "accept", "reason": "Sluit aan bij de praktijk."})
    assert decided.status_code == 302

    page = wethouder.get(f"/amendementen/{amendment_id}").get_data(as_text=True)
    assert "Overgenomen" in page and "versie 2" in page
    assert "Sluit aan bij de praktijk." in page
    assert section_text(api("gemeente"), "onderwijs", "gemeente") == proposed


def test_ministry_journey_in_the_browser(app, api):
    text = section_text(api("gemeente"), "sociale-integratie", "rijk")
    first = api("gemeente").post("/speerpunten/sociale-integratie/amendments", json={
        "section": "rijk", "base_version": 1, "text": text + " Eerste.", "rationale": "Een."})
    second = api("provincie").post("/speerpunten/sociale-integratie/amendments", json={
        "section": "rijk", "base_version": 1, "text": text + " Tweede.", "rationale": "Twee."})
    ministry = login(app, "ministry")
    page = ministry.get("/ministerie").get_data(as_text=True)
    waiting = page.split("Wachten op onze reactie")[1].split("Overige amendementen")[0]
    # Oldest first.
    assert waiting.index(f"Amendement {first.json['id']}:") < waiting.index(
        f"Amendement {second.json['id']}:")

    page = ministry.get(f"/amendementen/{first.json['id']}").get_data(as_text=True)
    assert "Reactie vastleggen" in page
    missing = ministry.post(f"/amendementen/{first.json['id']}/reactie", data={"body": "x"})
    assert missing.status_code == 400
    assert "Kies een standpunt." in missing.get_data(as_text=True)
    for amendment, position in [(first, "support"), (second, "oppose")]:
        response = ministry.post(f"/amendementen/{amendment.json['id']}/reactie", data={
            "position": position, "body": "Het kabinet weegt dit mee."})
        assert response.status_code == 302
    page = ministry.get(f"/amendementen/{second.json['id']}").get_data(as_text=True)
    assert "Steunt het voorstel niet" in page
    assert "Er wacht niets op een reactie" in ministry.get("/ministerie").get_data(as_text=True)
    # Another ministry's member sees no response form and cannot post one.
    other = login(app, "other_ministry")
    assert "Reactie vastleggen" not in other.get(
        f"/amendementen/{first.json['id']}").get_data(as_text=True)
    assert other.post(f"/amendementen/{first.json['id']}/reactie", data={
        "position": "support", "body": "x"}).status_code == 403


def test_moderator_journey_in_the_browser(app, api):
    base = section_text(api("gemeente"), "veiligheid", "ambitie")
    words = base.split(" ")

    def variant(index, word):
        changed = list(words)
        changed[index] = word
        return " ".join(changed)

    ids = {}
    for key, who, text in [("a", "gemeente", variant(2, "EERSTE")),
                           ("b", "provincie", variant(30, "TWEEDE")),
                           ("c", "partner", variant(2, "DERDE")),
                           ("d", "gemeente2", base + " Overbodig.")]:
        ids[key] = api(who).post("/speerpunten/veiligheid/amendments", json={
            "section": "ambitie", "base_version": 1, "text": text,
            "rationale": "Voorstel."}).json["id"]
    api("provincie").post(f"/amendments/{ids['a']}/support")
    api("ministry").post(f"/amendments/{ids['a']}/support")
    flagged = api("gemeente").post("/speerpunten/veiligheid/comments", json={
        "section": "ambitie", "body": "Reclame voor horloges"}).json["id"]
    for who in ["provincie", "partner", "gemeente2"]:
        api(who).post(f"/comments/{flagged}/flag", json={"reason": "spam"})

    moderator = login(app, "moderator")
    queue = moderator.get("/moderatie").get_data(as_text=True)
    positions = [queue.index(f"Amendement {ids[k]}:") for k in "abcd"]
    assert positions == sorted(positions)  # oldest first
    assert "Reclame voor horloges" in queue

    page = moderator.get(f"/amendementen/{ids['a']}").get_data(as_text=True)
    assert "Gesteund vanuit 2" in page and "Provincie Gelderland" in page
    assert "Besluit vastleggen" in page

    assert moderator.post(f"/amendementen/{ids['a']}/besluit",
                          data={"decision": "accept"}).status_code == 302
    page = moderator.get(f"/amendementen/{ids['b']}").get_data(as_text=True)
    assert "wordt bij overnemen samengevoegd" in page
    assert moderator.post(f"/amendementen/{ids['b']}/besluit",
                          data={"decision": "accept"}).status_code == 302
    merged = section_text(api("gemeente"), "veiligheid", "ambitie")
    assert "EERSTE" in merged and "TWEEDE" in merged

    conflict = moderator.post(f"/amendementen/{ids['c']}/besluit", data={"decision": "accept"})
    assert conflict.status_code == 409
    page = conflict.get_data(as_text=True)
    assert "Conflict: kies de tekst" in page and "EERSTE" in page and "DERDE" in page
    resolved = merged.replace("EERSTE", "EERSTE-EN-DERDE", 1)
    done = moderator.post(f"/amendementen/{ids['c']}/besluit", data={
        "decision": "accept_modified", "text": resolved, "reason": "Samengevoegd."})
    assert done.status_code == 302
    assert section_text(api("gemeente"), "veiligheid", "ambitie") == resolved

    no_reason = moderator.post(f"/amendementen/{ids['d']}/besluit", data={"decision": "reject"})
    assert no_reason.status_code == 400
    assert "Geef een reden" in no_reason.get_data(as_text=True)
    assert moderator.post(f"/amendementen/{ids['d']}/besluit", data={
        "decision": "reject", "reason": "Voegt niets toe."}).status_code == 302
    assert api("gemeente").get(f"/amendments/{ids['d']}").json["status"] == "rejected"

    # Clearing the flagged comment.
    assert moderator.get(f"/reacties/{flagged}/verbergen").status_code == 200
    assert moderator.post(f"/reacties/{flagged}/verbergen",
                          data={"reason": "Reclame."}).status_code == 302
    page = login(app, "gemeente2").get("/speerpunten/veiligheid").get_data(as_text=True)
    assert "Verborgen door een moderator." in page and "Reclame voor horloges" not in page
    queue = moderator.get("/moderatie?soort=reacties").get_data(as_text=True)
    assert "Reclame voor horloges" not in queue
    history = moderator.get("/speerpunten/veiligheid/versies").get_data(as_text=True)
    assert "Versie 4" in history and f"Amendement {ids['c']}" in history
    audit = moderator.get("/audit").get_data(as_text=True)
    assert "comment.hide" in audit and "amendment.reject" in audit


def test_direct_edit_page_refuses_a_stale_base(app):
    moderator = login(app, "moderator")
    page = moderator.get("/speerpunten/wonen/secties/rijk/bewerken").get_data(as_text=True)
    text = textarea(page, "text")
    first = moderator.post("/speerpunten/wonen/secties/rijk/bewerken", data={
        "base_version": "1", "text": text + " Een.", "summary": "Eerste"})
    assert first.status_code == 302
    stale = moderator.post("/speerpunten/wonen/secties/rijk/bewerken", data={
        "base_version": "1", "text": text + " Twee.", "summary": "Tweede"})
    assert stale.status_code == 409
    assert "de huidige versie is 2" in stale.get_data(as_text=True)
    participant = login(app, "gemeente")
    assert participant.get("/speerpunten/wonen/secties/rijk/bewerken").status_code == 403


def test_phase_form_moves_a_speerpunt_and_refuses_bad_moves(app):
    moderator = login(app, "moderator")
    assert moderator.post("/speerpunten/wonen/fase", data={"phase": "processing"}).status_code == 302
    page = moderator.get("/speerpunten/wonen").get_data(as_text=True)
    assert "In verwerking" in page
    refused = moderator.post("/speerpunten/wonen/fase", data={"phase": "concept"})
    assert refused.status_code == 303
    assert "niet gewijzigd" in moderator.get("/speerpunten/wonen").get_data(as_text=True)
    participant = login(app, "gemeente")
    assert participant.post("/speerpunten/wonen/fase", data={"phase": "open"}).status_code == 403


def test_the_amendments_list_pages_and_keeps_its_filters(app, api):
    from tests.amendments.test_rules import propose

    ids = [propose(api, suffix=f" Aanvulling {i}.") for i in range(26)]
    reader = login(app, "partner")
    base = "/speerpunten/wonen/amendementen?status=pending&sectie=ambitie"
    first = reader.get(base).get_data(as_text=True)
    listed = [int(x) for x in re.findall(r'href="/amendementen/(\d+)">Amendement', first)]
    assert listed == ids[:25]  # oldest first, as before
    assert "In behandeling (26)" in first and "Pagina 1 van 2" in first
    assert ('href="/speerpunten/wonen/amendementen?status=pending&amp;sectie=ambitie&amp;'
            'pagina=2">Volgende</a>') in first
    second = reader.get(base + "&pagina=2").get_data(as_text=True)
    assert re.findall(r'href="/amendementen/(\d+)">Amendement', second) == [str(ids[25])]
    assert reader.get(base + "&pagina=3").status_code == 404
    assert reader.get("/speerpunten/wonen/amendementen?sectie=slot").status_code == 400
