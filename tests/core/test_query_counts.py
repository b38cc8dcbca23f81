"""Queries per page do not grow with the data: an N+1 query cannot come back unnoticed."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from consult.extensions import db
from tests.amendments.test_journeys_web import login


@contextmanager
def count_queries(app):
    statements = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.split(" ", 1)[0] not in ("BEGIN", "PRAGMA"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def add_activity(api, n: int, slug="inburgering"):
    people = ["gemeente", "provincie", "partner", "gemeente2"]
    for i in range(n):
        who = people[i % len(people)]
        comment = api(who).post(f"/speerpunten/{slug}/comments", json={
            "section": "ambitie", "body": f"Reactie {i}"}).json
        api(people[(i + 1) % len(people)]).post(f"/speerpunten/{slug}/comments", json={
            "section": "ambitie", "body": f"Antwoord {i}", "parent_id": comment["id"]})
        text = api(who).get(f"/speerpunten/{slug}").json["sections"]["rijk"] + f" Extra {i}."
        amendment = api(who).post(f"/speerpunten/{slug}/amendments", json={
            "section": "rijk", "base_version": 1, "text": text, "rationale": "Omdat."}).json
        api(people[(i + 2) % len(people)]).post(f"/amendments/{amendment['id']}/support")
        api("ministry").post(f"/amendments/{amendment['id']}/responses", json={
            "position": "partial", "body": "Deels."})


PAGES = [
    ("gemeente", "/speerpunten/inburgering"),
    ("gemeente", "/speerpunten/inburgering/amendementen"),
    ("gemeente", "/speerpunten/inburgering/amendementen?status=pending&sectie=rijk"),
    ("gemeente", "/speerpunten/inburgering/secties/ambitie/reacties"),
    ("gemeente", "/amendementen/1"),
    ("ministry", "/ministerie"),
    ("moderator", "/moderatie"),
    ("moderator", "/moderatie?speerpunt=inburgering&soort=amendementen"),
    ("gemeente", "/speerpunten/inburgering/versies"),
    ("moderator", "/audit"),
    ("gemeente", "/afstemmingsmonitor"),
    ("gemeente", "/zoeken?q=reactie&kind=comment"),
]


@pytest.mark.parametrize("who, path", PAGES)
def test_page_query_count_does_not_grow_with_activity(app, api, who, path):
    client = login(app, who)
    add_activity(api, 2)
    with count_queries(app) as small:
        assert client.get(path).status_code == 200
    add_activity(api, 12)
    with count_queries(app) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small), (len(small), len(large))
    assert len(large) <= 12, large


@pytest.mark.parametrize("path", ["/speerpunten/inburgering/comments",
                                  "/speerpunten/inburgering/amendments",
                                  "/speerpunten/inburgering"])
def test_api_query_count_does_not_grow_with_activity(app, api, client, path):
    reader = api("gemeente")
    add_activity(api, 2)
    with count_queries(app) as small:
        assert reader.get(path).status_code == 200
    add_activity(api, 12)
    with count_queries(app) as large:
        assert reader.get(path).status_code == 200
    assert len(large) == len(small)
    assert len(large) <= 12, large


def add_followers(app, count: int, slug: str = "wonen", start: int = 0) -> None:
    """`count` people who follow a speerpunt, written in bulk."""
    import secrets

    import sqlalchemy as sa

    from consult.accounts.models import Role, User
    from consult.core.types import utcnow
    from consult.notifications.models import Follow
    from consult.organisations.models import Organisation
    from consult.speerpunten.models import Speerpunt

    with app.app_context():
        organisation = db.session.execute(
            sa.select(Organisation.id).where(Organisation.slug == "vng")).scalar_one()
        speerpunt = db.session.execute(
            sa.select(Speerpunt.id).where(Speerpunt.slug == slug)).scalar_one()
        emails = [f"volger{n}@test.nl" for n in range(start, start + count)]
        db.session.execute(sa.insert(User.__table__), [
            {"email": email, "name": email, "organisation_id": organisation,
             "role": Role.PARTICIPANT, "password_hash": "x", "session_token":
             secrets.token_hex(16), "created_at": utcnow()} for email in emails])
        ids = db.session.execute(sa.select(User.id).where(User.email.in_(emails))).scalars()
        db.session.execute(sa.insert(Follow.__table__), [
            {"user_id": user, "target_type": "speerpunt", "target_id": speerpunt,
             "created_at": utcnow()} for user in ids])
        db.session.commit()


def test_accepting_costs_the_same_queries_for_thirty_followers_as_for_a_thousand(app, api):
    moderator = api("moderator")

    def accept() -> list[str]:
        current = moderator.get("/speerpunten/wonen").json
        amendment = api("gemeente").post("/speerpunten/wonen/amendments", json={
            "section": "ambitie", "base_version": current["current_version"],
            "text": current["sections"]["ambitie"] + " Aanvulling.", "rationale": "Omdat."}).json
        with count_queries(app) as statements:
            response = moderator.post(f"/amendments/{amendment['id']}/decision",
                                      json={"decision": "accept"})
        assert response.status_code == 200, response.json
        return list(statements)

    accept()  # the first request of its kind fills caches
    add_followers(app, 30)
    few = accept()
    add_followers(app, 1_100, start=30)
    many = accept()
    assert len(many) <= len(few), (len(few), len(many))


@pytest.mark.parametrize("who", ["gemeente", "moderator"])
def test_a_speerpunt_page_seen_before_reads_only_the_speerpunt_and_the_reader(app, api, who):
    # The text, threads and amendment lists are kept per revision of the speerpunt; what
    # is left per request is the reader, the speerpunt (with its revision), whether the
    # reader follows it, and the unread count in the header.
    client = login(app, who)
    add_activity(api, 2)
    with count_queries(app) as first:
        assert client.get("/speerpunten/inburgering").status_code == 200
    with count_queries(app) as again:
        assert client.get("/speerpunten/inburgering").status_code == 200
    assert len(again) < len(first)
    # One statement: the reader read with the speerpunt the URL names, whether they follow it
    # and their unread count.
    assert len(again) == 1, again


@pytest.mark.parametrize("path", ["/speerpunten/inburgering",
                                  "/speerpunten/inburgering/comments"])
def test_an_api_read_seen_before_is_one_statement(app, api, path):
    # The token is read with the speerpunt the URL names; the document is kept per revision.
    reader = api("gemeente")
    add_activity(api, 2)
    assert reader.get(path).status_code == 200
    with count_queries(app) as again:
        response = reader.get(path)
    assert response.status_code == 200
    assert len(again) == 1, again


def test_a_page_under_an_unknown_or_hidden_speerpunt_is_not_found(app, api):
    # What is read along with the reader goes through the same visibility rules.
    from tests.helpers import set_phase

    client = login(app, "gemeente")
    assert client.get("/speerpunten/onderwijs").status_code == 200
    assert api("gemeente").get("/speerpunten/onderwijs/comments").status_code == 200
    set_phase(app, "onderwijs", "concept")
    for path in ("/speerpunten/onderwijs", "/speerpunten/bestaat-niet"):
        assert client.get(path).status_code == 404
        assert api("gemeente").get(path).status_code == 404
        assert api("gemeente").get(path + "/comments").status_code == 404
    assert login(app, "moderator").get("/speerpunten/onderwijs").status_code == 200
    assert api("moderator").get("/speerpunten/onderwijs").status_code == 200
