"""Search: Dutch words found (stemmed on PostgreSQL, exact on SQLite), ranked, filtered, never
showing what the searcher may not see, current from the moment a write commits, and unbreakable
by whatever is typed into it."""

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.accounts.models import User
from consult.core.database import write_transaction
from consult.extensions import db
from consult.knowledge import operations as knowledge
from consult.organisations.models import Region
from consult.search.models import SearchEntry
from consult.speerpunten.models import Speerpunt
from tests.amendments.test_journeys_web import login
from tests.helpers import Api, assert_error, replace_once, section_text, set_phase, table_counts


def comment(api, who, body, slug="wonen", section="ambitie"):
    response = api(who).post(f"/speerpunten/{slug}/comments",
                             json={"section": section, "body": body})
    assert response.status_code == 201, response.json
    return response.json["id"]


def found(api, who, query, **filters):
    response = api(who).get("/search", query_string={"q": query, **filters})
    assert response.status_code == 200, response.json
    return [(item["kind"], item["id"]) for item in response.json["items"]]


def share(app, who_email, title, summary, body="Zie de samenvatting.", region="oost",
          slug="inburgering"):
    with app.app_context(), write_transaction():
        actor = db.session.execute(User.by_email(who_email)).scalar_one()
        example = knowledge.share_example(
            actor, db.session.execute(sa.select(Region).where(Region.slug == region)).scalar_one(),
            db.session.execute(sa.select(Speerpunt).where(Speerpunt.slug == slug)).scalar_one(),
            title=title, summary=summary, body=body, contact_name="Anna de Vries",
            contact_email="anna@example.nl", uploads=[])
        db.session.commit()
        return example.id


def test_the_api_lists_hits_in_the_contract_format_with_a_marked_up_free_snippet(api):
    comment_id = comment(api, "gemeente", "Statushouders wachten te lang op een woning in Zwolle.")
    response = api("partner").get("/search", query_string={"q": "zwolle"})
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"items", "page", "per_page", "total"}
    assert body["total"] == 1 and body["page"] == 1
    (item,) = body["items"]
    assert set(item) == {"kind", "id", "title", "snippet", "url"}
    assert (item["kind"], item["id"]) == ("comment", comment_id)
    assert "Zwolle" in item["snippet"] and "<" not in item["snippet"]
    assert item["url"] == f"/reacties/{comment_id}"
    assert item["title"] == "Reactie bij Wonen: Ambitie"


def test_inflected_dutch_words_are_found_on_postgresql_exact_words_everywhere(api, backend):
    comment_id = comment(api, "gemeente", "De kleinere gemeenten bouwen woningen met corporaties.")
    assert ("comment", comment_id) in found(api, "partner", "gemeenten")
    assert ("comment", comment_id) in found(api, "partner", "Corporaties GEMEENTEN")
    stemmed = found(api, "partner", "gemeente woning")
    if backend == "postgresql":
        # The Dutch stemmer brings gemeente/gemeenten and woning/woningen together.
        assert ("comment", comment_id) in stemmed
        assert ("comment", comment_id) in found(api, "partner", "Woning")
    else:
        assert ("comment", comment_id) not in stemmed


def test_every_word_must_occur(api):
    both = comment(api, "gemeente", "Taalmaatjes helpen nieuwkomers in Deventer.")
    one = comment(api, "provincie", "Taalmaatjes zijn er ook in Apeldoorn.")
    hits = found(api, "partner", "taalmaatjes deventer")
    assert ("comment", both) in hits and ("comment", one) not in hits
    assert {("comment", both), ("comment", one)} <= set(found(api, "partner", "taalmaatjes"))


def test_a_title_hit_ranks_above_a_body_hit(app, api):
    body_hit = share(app, "partner@demo.gia.nl", "Samen koken in de wijk",
                     "Elke week een buurtmaaltijd; het begon als een zwaluwstaart-project.")
    title_hit = share(app, "wethouder@demo.gia.nl", "Het zwaluwstaart-project in Arnhem",
                      "Een buurtmaaltijd met nieuwkomers en buren.")
    hits = found(api, "provincie", "zwaluwstaart")
    assert hits[:2] == [("example", title_hit), ("example", body_hit)]
    # The speerpunt's own title ranks its text above a comment that only names it.
    mention = comment(api, "gemeente", "Ook hier gaat het over emancipatie.", slug="wonen")
    hits = found(api, "provincie", "emancipatie")
    assert hits.index(("comment", mention)) > max(
        i for i, (kind, _id) in enumerate(hits) if kind == "speerpunt")


def test_nothing_hidden_or_in_concept_reaches_someone_who_may_not_see_it(app, api, client):
    secret = comment(api, "gemeente", "Conceptwoord kwartelkoning in het onderwijs.",
                     slug="onderwijs")
    hidden = comment(api, "gemeente", "Een kwartelkoning die de moderator verbergt.")
    assert api("moderator").post(f"/comments/{hidden}/hide",
                                 json={"reason": "Persoonlijke gegevens."}).status_code == 200
    example = share(app, "partner@demo.gia.nl", "Kwartelkoning-aanpak", "Alleen voor leden.")
    set_phase(app, "onderwijs", "concept")

    assert found(api, "gemeente", "kwartelkoning") == [("example", example)]
    assert set(found(api, "moderator", "kwartelkoning")) == {
        ("comment", secret), ("comment", hidden), ("example", example)}
    # A moderator may filter on hidden comments; anyone else finds none.
    assert found(api, "moderator", "kwartelkoning", status="hidden") == [("comment", hidden)]
    assert found(api, "gemeente", "kwartelkoning", status="hidden") == []
    # A concept speerpunt is unknown to a participant as a filter, too.
    assert_error(api("gemeente").get("/search", query_string={"q": "x", "speerpunt": "onderwijs"}),
                 400, "validation_failed")

    # Anonymous visitors see adopted speerpunten only, and no knowledge platform.
    page = client.get("/zoeken", query_string={"q": "kwartelkoning"}).get_data(as_text=True)
    assert "0 resultaten" in page and "Kwartelkoning-aanpak" not in page
    open_text = section_text(api("gemeente"), "wonen", "ambitie").split()[3]
    assert "0 resultaten" in client.get("/zoeken", query_string={"q": open_text}).get_data(
        as_text=True)
    set_phase(app, "wonen", "adopted")
    page = client.get("/zoeken", query_string={"q": open_text}).get_data(as_text=True)
    assert "0 resultaten" not in page and "/speerpunten/wonen#sectie-" in page


def test_the_index_follows_every_write_in_its_own_transaction(app, api):
    slug, section = "wonen", "ambitie"
    text = section_text(api("moderator"), slug, section)
    old_word = "ijsvogelbeleid"
    edited = api("moderator").put(f"/speerpunten/{slug}/sections/{section}", json={
        "text": text + f" Het {old_word} loopt.", "base_version": 1, "summary": "Aanvulling."})
    assert edited.status_code == 200, edited.json
    assert found(api, "partner", old_word) == [("speerpunt", _speerpunt_id(app, slug))]

    # An accepted amendment replaces the word; the old text is no longer found.
    current = section_text(api("gemeente"), slug, section)
    proposal = api("gemeente").post(f"/speerpunten/{slug}/amendments", json={
        "section": section, "base_version": 2, "rationale": "Scherper: reigerbeleid.",
        "text": replace_once(current, old_word, "reigerbeleid")}).json["id"]
    assert found(api, "partner", "reigerbeleid") == [("amendment", proposal)]
    assert api("moderator").post(f"/amendments/{proposal}/decision", json={
        "decision": "accept"}).status_code == 200
    assert found(api, "partner", old_word) == []
    assert set(found(api, "partner", "reigerbeleid")) == {
        ("amendment", proposal), ("speerpunt", _speerpunt_id(app, slug))}
    assert found(api, "partner", "reigerbeleid", status="accepted") == [("amendment", proposal)]

    # A ministry's response is found, and points at its amendment.
    other = api("provincie").post(f"/speerpunten/{slug}/amendments", json={
        "section": "kernprobleem", "base_version": 3, "rationale": "Omdat.",
        "text": section_text(api("provincie"), slug, "kernprobleem") + " Extra."}).json["id"]
    response = api("ministry").post(f"/amendments/{other}/responses", json={
        "position": "partial", "body": "Het ministerie onderzoekt de boomkikker-regeling."})
    assert response.status_code == 201, response.json
    item = api("partner").get("/search", query_string={"q": "boomkikker"}).json["items"][0]
    assert item["kind"] == "response" and item["url"] == f"/amendementen/{other}#rijk-kop"

    # A refused write leaves the index as it was.
    before = table_counts(app)["search_entries"]
    assert api("gemeente").post(f"/speerpunten/{slug}/comments", json={
        "section": "geen-sectie", "body": "Salamanderzaak."}).status_code == 400
    assert table_counts(app)["search_entries"] == before
    assert found(api, "partner", "salamanderzaak") == []

    # Restoring a hidden comment makes it findable again.
    hidden = comment(api, "gemeente", "Over de steenuil.")
    api("moderator").post(f"/comments/{hidden}/hide", json={"reason": "Controle."})
    assert found(api, "partner", "steenuil") == []
    api("moderator").post(f"/comments/{hidden}/restore", json={"reason": "In orde."})
    assert found(api, "partner", "steenuil") == [("comment", hidden)]


def _speerpunt_id(app, slug):
    with app.app_context():
        return db.session.execute(sa.select(Speerpunt.id).where(Speerpunt.slug == slug)).scalar_one()


def test_a_new_version_rewrites_only_the_passage_of_the_section_it_changed(app, api):
    # On PostgreSQL every passage written is parsed into the text index again: one of
    # 5,000 words was most of what accepting an amendment cost the database.
    slug = "wonen"
    speerpunt_id = _speerpunt_id(app, slug)

    def passages():
        with app.app_context():
            return {e.section: (e.id, e.body) for e in db.session.execute(
                sa.select(SearchEntry).where(SearchEntry.kind == "speerpunt",
                                             SearchEntry.object_id == speerpunt_id)).scalars()}

    before = passages()
    text = section_text(api("gemeente"), slug, "rijk")
    proposal = api("gemeente").post(f"/speerpunten/{slug}/amendments", json={
        "section": "rijk", "base_version": 1, "rationale": "Aanvulling.",
        "text": text + " Met de grutto als voorbeeld."}).json["id"]
    assert api("moderator").post(f"/amendments/{proposal}/decision", json={
        "decision": "accept"}).status_code == 200
    after = passages()
    assert after["rijk"][1].endswith("Met de grutto als voorbeeld.")
    assert after["rijk"][0] != before["rijk"][0]
    assert {s: after[s] for s in after if s != "rijk"} == {
        s: before[s] for s in before if s != "rijk"}
    assert ("speerpunt", speerpunt_id) in found(api, "partner", "grutto")


def test_filters_narrow_by_kind_speerpunt_tier_region_and_status(app, api):
    wonen = comment(api, "gemeente", "Het woord merelzang op wonen.")
    onderwijs = comment(api, "provincie", "Het woord merelzang op onderwijs.", slug="onderwijs")
    example = share(app, "wethouder@demo.gia.nl", "Merelzang in Oost", "Praktijk.", region="oost")
    assert set(found(api, "partner", "merelzang")) == {
        ("comment", wonen), ("comment", onderwijs), ("example", example)}
    assert set(found(api, "partner", "merelzang", kind="comment")) == {
        ("comment", wonen), ("comment", onderwijs)}
    assert found(api, "partner", "merelzang", speerpunt="onderwijs") == [("comment", onderwijs)]
    assert set(found(api, "partner", "merelzang", tier="gemeente")) == {
        ("comment", wonen), ("example", example)}
    assert found(api, "partner", "merelzang", tier="provincie") == [("comment", onderwijs)]
    assert found(api, "partner", "merelzang", kind="example", region="oost") == [
        ("example", example)]
    for name, value in (("kind", "roman"), ("tier", "wijk"), ("region", "atlantis"),
                        ("status", "misschien"), ("speerpunt", "bestaat-niet")):
        error = assert_error(api("partner").get("/search", query_string={"q": "x", name: value}),
                             400, "validation_failed")
        assert name in error["fields"]
    page = login(app, "partner").get("/zoeken", query_string={"q": "x", "kind": "roman"})
    assert page.status_code == 400 and "Onbekende soort." in page.get_data(as_text=True)


def test_results_page_through_and_marks_the_words_without_trusting_the_text(app, api):
    ids = [comment(api, "gemeente", f"Reactie {n} over de <b>grutto</b> & zijn weide.")
           for n in range(3)]
    response = api("partner").get("/search", query_string={"q": "grutto", "per_page": 2})
    assert response.json["total"] == 3 and len(response.json["items"]) == 2
    second = api("partner").get("/search", query_string={"q": "grutto", "per_page": 2,
                                                          "page": 2}).json["items"]
    assert {item["id"] for item in response.json["items"] + second} == set(ids)
    page = login(app, "partner").get("/zoeken", query_string={"q": "grutto"}).get_data(
        as_text=True)
    assert "3 resultaten" in page
    # The text's own markup is shown as text (SQLite) or left out (PostgreSQL's headline skips
    # tags), never passed through; only the engine's marks become <mark>.
    assert "<mark>grutto</mark>" in page and "&amp; zijn weide" in page
    assert "<b>" not in page


STRANGE_QUERIES = [
    '"', '""', "'", "\"unterminated", "AND", "OR NOT", "NEAR(a b, 2)", "a OR b AND NOT c",
    "title:gemeente", "^begin", "woord*", "-uitgesloten", "(haakjes", "))", "{a b}", "a:b:c",
    "!!!", "&|!<->", "'; DROP TABLE search_entries; --", "\\", "%_%", "☃ ünïcödé Fryslân",
    "x" * 10_000, "gemeente " * 1_250, " ".join(f"w{n}" for n in range(2_000)), "   ", "",
]


@pytest.mark.parametrize("query", STRANGE_QUERIES, ids=range(len(STRANGE_QUERIES)))
def test_any_query_string_gives_results_or_none_but_never_an_error(api, client, query):
    assert api("partner").get("/search", query_string={"q": query}).status_code == 200
    assert client.get("/zoeken", query_string={"q": query}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                     max_size=300))
def test_generated_query_strings_never_fail(api, query):
    assert api("partner").get("/search", query_string={"q": query}).status_code == 200


def test_the_index_is_rebuilt_identically_from_the_data(app, api):
    # A new comment is indexed from the object as the session holds it, without reading it
    # back: on the speerpunt, as a reply, on an amendment, by each tier.
    first = comment(api, "gemeente", "Een reactie voor de herbouw.")
    api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Een antwoord", "parent_id": first})
    text = api("partner").get("/speerpunten/wonen").json["sections"]["rijk"] + " Extra."
    amendment = api("partner").post("/speerpunten/wonen/amendments", json={
        "section": "rijk", "base_version": 1, "text": text, "rationale": "Omdat."}).json
    assert api("ministry").post("/speerpunten/wonen/comments", json={
        "section": "rijk", "body": "Over dit amendement",
        "amendment_id": amendment["id"]}).status_code == 201
    from consult.search.indexing import rebuild

    def entries():
        return sorted(
            (e.kind, e.object_id, e.section, e.parent_id, e.speerpunt_id, e.tier, e.region_id,
             e.status, e.hidden, e.title, e.body)
            for e in db.session.execute(sa.select(SearchEntry)).scalars())

    with app.app_context():
        kept = entries()
        with write_transaction():
            rebuild(db.session.connection())
        assert entries() == kept
        db.session.rollback()


def test_common_function_words_alone_find_nothing_and_say_why(app, api):
    comment_id = comment(api, "gemeente", "De taalcoach en het werk.")
    assert found(api, "partner", "de het en") == []
    assert found(api, "partner", "de taalcoach") == [("comment", comment_id)]
    page = login(app, "partner").get("/zoeken", query_string={"q": "de het"}).get_data(
        as_text=True)
    assert "alleen heel gewone woorden" in page and "resultaten-kop" not in page


def test_totals_are_counted_up_to_a_thousand(app, api, monkeypatch):
    from consult.search import queries

    monkeypatch.setattr(queries, "MAX_TOTAL", 2)
    for n in range(3):
        comment(api, "gemeente", f"Over de kievit, deel {n}.")
    response = api("partner").get("/search", query_string={"q": "kievit"}).json
    assert response["total"] == 2 and len(response["items"]) == 2
    page = login(app, "partner").get("/zoeken", query_string={"q": "kievit"}).get_data(
        as_text=True)
    assert "Meer dan 2 resultaten" in page
