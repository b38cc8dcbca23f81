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
    assert len(again) <= 4, again
