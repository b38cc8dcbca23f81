"""The read part of the API: tokens, the error format, pagination, the OpenAPI document."""

import re
from datetime import UTC, datetime

import pytest

from consult.extensions import db
from consult.seed.texts import SPEERPUNT_TEXTS
from tests.speerpunten.test_pages import set_phase


def assert_error(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


@pytest.mark.parametrize("path", [
    "/api/v1/speerpunten", "/api/v1/speerpunten/wonen", "/api/v1/speerpunten/wonen/versions",
    "/api/v1/speerpunten/wonen/versions/1",
])
@pytest.mark.parametrize("header", [
    None, "Bearer", "Bearer ", "Bearer onzin", "Basic d2V0aG91ZGVyOmRlbW8=", "gia_zonder_schema",
    "Bearer " + "x" * 5000,
])
def test_api_refuses_requests_without_a_valid_token(client, path, header):
    headers = {"Authorization": header} if header is not None else {}
    assert_error(client.get(path, headers=headers), 401, "unauthorized")


def test_api_does_not_accept_the_session_cookie(client, auth):
    auth.login("gemeente")
    assert_error(client.get("/api/v1/speerpunten"), 401, "unauthorized")


def test_list_speerpunten_in_agenda_order(client, token):
    response = client.get("/api/v1/speerpunten", headers=token())
    assert response.status_code == 200
    body = response.json
    assert [item["slug"] for item in body["items"]] == list(SPEERPUNT_TEXTS)
    assert body["page"] == 1 and body["per_page"] == 50 and body["total"] == 8
    assert body["items"][0] == {"slug": "inburgering", "title": "Inburgering",
                                "phase": "open", "current_version": 1}


def test_pagination(client, token):
    headers = token()
    body = client.get("/api/v1/speerpunten?page=2&per_page=3", headers=headers).json
    assert [item["slug"] for item in body["items"]] == ["werken", "veiligheid",
                                                        "sociale-integratie"]
    assert body["total"] == 8 and body["page"] == 2 and body["per_page"] == 3
    assert client.get("/api/v1/speerpunten?page=9", headers=headers).json["items"] == []


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=een", "per_page=101",
                                   "per_page=0", "per_page=1.5", "page=1e3",
                                   "page=1%27%20OR%201=1", "page=٣"])
def test_bad_pagination_is_a_validation_error(client, token, query):
    response = client.get(f"/api/v1/speerpunten?{query}", headers=token())
    assert_error(response, 400, "validation_failed")
    assert response.json["error"]["fields"]


def test_get_speerpunt_with_sections_and_responsible(client, token):
    body = client.get("/api/v1/speerpunten/emancipatie", headers=token()).json
    assert body["slug"] == "emancipatie" and body["phase"] == "open"
    assert body["current_version"] == 1
    assert sorted(body["responsible"]) == ["ocw", "szw"]
    assert body["sections"] == SPEERPUNT_TEXTS["emancipatie"]


def test_versions_list_and_single_version(client, token):
    headers = token()
    body = client.get("/api/v1/speerpunten/wonen/versions", headers=headers).json
    assert body["total"] == 1
    first = body["items"][0]
    assert first["number"] == 1 and first["amendment_id"] is None
    assert first["created_at"].endswith("+00:00")
    version = client.get("/api/v1/speerpunten/wonen/versions/1", headers=headers).json
    assert version["sections"] == SPEERPUNT_TEXTS["wonen"]
    assert version["number"] == 1


@pytest.mark.parametrize("path", [
    "/api/v1/speerpunten/bestaat-niet",
    "/api/v1/speerpunten/bestaat-niet/versions",
    "/api/v1/speerpunten/bestaat-niet/versions/1",
    "/api/v1/speerpunten/wonen/versions/0",
    "/api/v1/speerpunten/wonen/versions/2",
    "/api/v1/speerpunten/wonen/versions/-1",
    "/api/v1/speerpunten/wonen/versions/een",
    "/api/v1/speerpunten/wonen/versions/1.0",
    "/api/v1/speerpunten/wonen/versions/99999999999999999999999",
    "/api/v1/bestaat-niet",
])
def test_unknown_things_are_404_in_the_error_format(client, token, path):
    assert_error(client.get(path, headers=token()), 404, "not_found")


def test_wrong_method_is_json_too(client, token):
    response = client.delete("/api/v1/speerpunten", headers=token())
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("who, status", [("gemeente", 404), ("moderator", 200)])
def test_concept_is_not_found_for_participants(app, client, token, who, status):
    set_phase(app, "veiligheid", "concept")
    headers = token(who)
    assert client.get("/api/v1/speerpunten/veiligheid", headers=headers).status_code == status
    slugs = [i["slug"] for i in client.get("/api/v1/speerpunten", headers=headers).json["items"]]
    assert ("veiligheid" in slugs) == (status == 200)


def test_inactive_users_token_stops_working(app, client, token):
    from consult.accounts.models import User
    from consult.extensions import db

    headers = token("gemeente")
    with app.app_context():
        db.session.execute(User.by_email("wethouder@demo.gia.nl")).scalar_one().active = False
        db.session.commit()
    assert_error(client.get("/api/v1/speerpunten", headers=headers), 401, "unauthorized")


def test_openapi_needs_no_token_and_describes_every_api_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.1")
    def shape(path: str) -> str:
        # Parameter names may differ between the URL map and the document; positions not.
        return re.sub(r"\{[^}]*\}", "{}", path)

    documented = {(shape(path), method) for path, ops in spec["paths"].items() for method in ops}
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<[^>]*>", "{}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((path, method.lower()))
            assert (path, method.lower()) in documented, (path, method)
    assert documented == routes  # nothing documented that does not exist


def test_nul_in_a_query_is_a_bad_request(client, token):
    assert_error(client.get("/api/v1/speerpunten?per_page=%00", headers=token()), 400,
                 "bad_request")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_token_whose_last_use_cannot_be_noted_still_answers(app, client, token):
    """A read notes the token's last use. On SQLite that write is refused at once when another
    connection wrote since the request began reading (two requests with one token at the same
    moment do exactly that): the request answers all the same."""
    import sqlite3

    import sqlalchemy as sa

    headers = token()
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with app.app_context():
        engine = db.engine
        db.session.execute(sa.text("UPDATE api_tokens SET last_used_at = NULL"))
        db.session.commit()
    written = []

    def write_elsewhere(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE api_tokens") and not written:
            other = sqlite3.connect(path)
            other.execute("UPDATE api_tokens SET last_used_at = '2026-01-01 00:00:00'")
            other.commit()
            other.close()
            written.append(True)

    sa.event.listen(engine, "before_cursor_execute", write_elsewhere)
    try:
        response = client.get("/api/v1/speerpunten/wonen", headers=headers)
    finally:
        sa.event.remove(engine, "before_cursor_execute", write_elsewhere)
    assert written
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["slug"] == "wonen"
    # A later request notes it.
    assert client.get("/api/v1/speerpunten/wonen", headers=headers).status_code == 200
    with app.app_context():
        from consult.accounts.models import ApiToken

        noted = db.session.execute(sa.select(ApiToken.last_used_at)).scalar_one()
        assert noted > datetime(2026, 1, 2, tzinfo=UTC)
