"""The speerpunt page and its API documents are kept and reused between requests; whatever
changes what they show appears on the very next view, and what one person sees never
reaches another."""

from __future__ import annotations

import re
import uuid

import sqlalchemy as sa

from consult import create_app
from consult.extensions import db
from consult.organisations.models import Organisation
from tests.amendments.test_journeys_web import login
from tests.conftest import base_config
from tests.helpers import Api, section_text

PAGE = "/speerpunten/inburgering"


def words() -> str:
    return "Tekst " + uuid.uuid4().hex


def view(client, path: str = PAGE) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card(page: str, amendment_id: int) -> str:
    """The pending amendment's line in a section's list on the speerpunt page."""
    match = re.search(rf">Amendement {amendment_id}</a>(.*?)</li>", page, re.S)
    assert match, amendment_id
    return match.group(1)


def propose(api, who: str = "partner") -> int:
    text = section_text(api(who), "inburgering", "rijk") + " " + words() + "."
    response = api(who).post("/speerpunten/inburgering/amendments", json={
        "section": "rijk", "base_version": 1, "text": text, "rationale": "Omdat."})
    assert response.status_code == 201, response.json
    return response.json["id"]


def comment(api, who: str = "partner", body: str | None = None, **extra) -> dict:
    response = api(who).post("/speerpunten/inburgering/comments", json={
        "section": "ambitie", "body": body or words(), **extra})
    assert response.status_code == 201, response.json
    return response.json


def test_a_new_comment_and_a_reply_show_on_the_next_view(app, api):
    reader = login(app, "gemeente")
    view(reader)
    posted = comment(api)
    assert posted["body"] in view(reader)
    reply = comment(api, "provincie", parent_id=posted["id"])
    assert reply["body"] in view(reader)


def test_a_new_amendment_shows_on_the_next_view(app, api):
    reader = login(app, "gemeente")
    view(reader)
    amendment_id = propose(api)
    assert f">Amendement {amendment_id}</a>" in view(reader)


def test_support_given_and_taken_back_shows_on_the_next_view(app, api):
    amendment_id = propose(api)
    reader = login(app, "gemeente2")
    assert "0 steunbetuigingen" in card(view(reader), amendment_id)
    assert api("gemeente").post(f"/amendments/{amendment_id}/support").status_code == 201
    assert "1 steunbetuiging" in card(view(reader), amendment_id)
    assert api("gemeente").delete(f"/amendments/{amendment_id}/support").status_code == 204
    assert "0 steunbetuigingen" in card(view(reader), amendment_id)


def test_a_ministry_response_shows_on_the_next_view(app, api):
    amendment_id = propose(api)
    reader = login(app, "gemeente")
    assert "0 reacties van het rijk" in card(view(reader), amendment_id)
    response = api("ministry").post(f"/amendments/{amendment_id}/responses", json={
        "position": "support", "body": "Wij steunen dit."})
    assert response.status_code == 201, response.json
    assert "1 reactie van het rijk" in card(view(reader), amendment_id)


def test_an_accepted_amendment_changes_the_text_on_the_next_view(app, api):
    amendment_id = propose(api)
    added = api("partner").get(f"/amendments/{amendment_id}").json["text"].rsplit(" ", 1)[-1]
    reader = login(app, "gemeente")
    before = view(reader)
    assert added.rstrip(".") not in before
    decided = api("moderator").post(f"/amendments/{amendment_id}/decision", json={
        "decision": "accept", "reason": "Goed voorstel."})
    assert decided.status_code == 200, decided.json
    after = view(reader)
    assert added.rstrip(".") in after
    assert f">Amendement {amendment_id}</a>" not in after
    assert api("gemeente").get("/speerpunten/inburgering").json["current_version"] == \
        decided.json["version"]


def test_hiding_and_restoring_a_comment_shows_on_the_next_view(app, api):
    posted = comment(api)
    reader = login(app, "gemeente")
    assert posted["body"] in view(reader)
    hidden = api("moderator").post(f"/comments/{posted['id']}/hide", json={"reason": "Spam."})
    assert hidden.status_code == 200, hidden.json
    page = view(reader)
    assert posted["body"] not in page
    assert "Verborgen door een moderator." in page
    assert api("moderator").post(f"/comments/{posted['id']}/restore",
                                 json={"reason": "Toch niet."}).status_code == 200
    assert posted["body"] in view(reader)


def test_what_a_moderator_sees_never_reaches_others_who_view_after_them(app, api, client):
    posted = comment(api)
    api("moderator").post(f"/comments/{posted['id']}/hide", json={"reason": "Spam."})
    moderator_page = view(login(app, "moderator"))
    assert posted["body"] in moderator_page and "Herstellen" in moderator_page
    participant_page = view(login(app, "gemeente"))
    assert posted["body"] not in participant_page
    assert "Alleen zichtbaar voor moderatoren" not in participant_page
    assert "/herstellen" not in participant_page and "/verbergen" not in participant_page
    anonymous = client.get(PAGE)
    assert posted["body"] not in anonymous.get_data(as_text=True)
    path = "/speerpunten/inburgering/comments?per_page=100"
    read_by = {who: {c["id"]: c["body"] for c in api(who).get(path).json["items"]}
               for who in ("moderator", "gemeente")}
    assert read_by["moderator"][posted["id"]] == posted["body"]
    assert read_by["gemeente"][posted["id"]] is None


def test_a_phase_change_shows_on_the_next_view(app, api):
    reader = login(app, "gemeente")
    page = view(reader)
    assert "phase--open" in page and "Reactie plaatsen" in page
    moved = api("moderator").post("/speerpunten/inburgering/phase", json={"phase": "processing"})
    assert moved.status_code == 200, moved.json
    page = view(reader)
    assert "phase--processing" in page
    assert "Reactie plaatsen" not in page and "Wijziging voorstellen" not in page
    assert api("gemeente").get("/speerpunten/inburgering").json["phase"] == "processing"
    # Nothing the reader may do changes with this move; only what the page says.
    adopted = api("moderator").post("/speerpunten/inburgering/phase", json={"phase": "adopted"})
    assert adopted.status_code == 200, adopted.json
    assert "phase--adopted" in view(reader)
    assert api("gemeente").get("/speerpunten/inburgering").json["phase"] == "adopted"


def test_a_renamed_organisation_shows_in_bylines_on_the_next_view(app, api):
    posted = comment(api, "partner")
    reader = login(app, "gemeente")
    assert posted["author"]["organisation"]["name"] in view(reader)
    new_name = "Hernoemd " + uuid.uuid4().hex[:8]
    with app.app_context():
        organisation = db.session.execute(sa.select(Organisation).where(
            Organisation.slug == posted["author"]["organisation"]["slug"])).scalar_one()
        organisation.name = new_name
        db.session.commit()
    assert new_name in view(reader)
    listed = api("gemeente").get("/speerpunten/inburgering/comments?per_page=100").json["items"]
    assert {c["author"]["organisation"]["name"] for c in listed if c["id"] == posted["id"]} \
        == {new_name}


def test_a_change_through_one_instance_shows_at_once_through_another(app, api, database_url):
    other = create_app(base_config(database_url))
    try:
        here, there = login(app, "gemeente"), login(other, "gemeente")
        from tests.conftest import ACTORS  # noqa: F401  (same demo accounts)

        there_api = Api(other.test_client(), api("gemeente").headers)
        view(here), view(there), there_api.get("/speerpunten/inburgering")
        posted = comment(api)
        assert posted["body"] in view(there)
        listed = there_api.get("/speerpunten/inburgering/comments?per_page=100").json
        assert posted["id"] in {c["id"] for c in listed["items"]}
        moved = api("moderator").post("/speerpunten/inburgering/phase",
                                      json={"phase": "processing"})
        assert moved.status_code == 200
        assert there_api.get("/speerpunten/inburgering").json["phase"] == "processing"
        assert "phase--processing" in view(there)
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def test_dutch_and_english_pages_do_not_mix(app):
    dutch, english = login(app, "gemeente"), login(app, "gemeente")
    english.post("/taal", data={"lang": "en", "next": PAGE})
    assert "Openstaande amendementen" in view(dutch) or "Reactie plaatsen" in view(dutch)
    page = view(english)
    assert "Post comment" in page and "Reactie plaatsen" not in page
    page = view(dutch)
    assert "Reactie plaatsen" in page and "Post comment" not in page


def form_tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]*)"', page))


def test_each_session_gets_its_own_form_token_in_every_form(app):
    first, second = login(app, "gemeente"), login(app, "gemeente")
    one, other = view(first), view(second)
    assert len(form_tokens(one)) == 1 and len(form_tokens(other)) == 1
    assert form_tokens(one) != form_tokens(other)
    assert "csrf-token" not in one and "csrf-token" not in other


def test_the_report_link_is_on_others_comments_only(app, api):
    mine = comment(api, "gemeente")
    theirs = comment(api, "partner")
    flag = "/reacties/{}/melden"
    partner_page = view(login(app, "partner"))
    assert flag.format(mine["id"]) in partner_page
    assert flag.format(theirs["id"]) not in partner_page
    own_page = view(login(app, "gemeente"))
    assert flag.format(mine["id"]) not in own_page
    assert flag.format(theirs["id"]) in own_page
