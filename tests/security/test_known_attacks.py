"""Known attacks on participation platforms, each as a test."""

import threading

import pytest
import sqlalchemy as sa

from consult.amendments.models import Support
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.amendments.test_rules import propose
from tests.helpers import assert_error, table_counts


def test_twenty_parallel_identical_supports_make_exactly_one(app, api, token):
    amendment = propose(api)
    headers = token("provincie")
    barrier = threading.Barrier(20)
    statuses = []

    def support():
        client = app.test_client()
        barrier.wait()
        response = client.post(f"/api/v1/amendments/{amendment}/support", headers=headers)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=support) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 19 + [201]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Support)) == 1


def test_changing_ids_in_urls_does_not_reach_other_peoples_things(app, api, auth, client):
    amendment = propose(api, "gemeente2")
    # Someone else's amendment cannot be withdrawn, through the API or the page.
    assert_error(api("gemeente").post(f"/amendments/{amendment}/withdraw"), 403, "forbidden")
    web = login(app, "gemeente")
    web.post(f"/amendementen/{amendment}/intrekken")
    assert api("gemeente").get(f"/amendments/{amendment}").json["status"] == "pending"
    # Someone else's API token cannot be revoked by guessing its id.
    other = api("moderator")
    from consult.accounts.models import ApiToken, User

    with app.app_context():
        token_id = db.session.execute(
            sa.select(ApiToken.id).join(User).where(User.email == "moderator@demo.gia.nl")
        ).scalar_one()
    assert web.post(f"/profiel/tokens/{token_id}/intrekken").status_code == 404
    assert other.get("/speerpunten").status_code == 200
    # An admin page with another user's id is still an admin page.
    assert web.get("/beheer/gebruikers/1").status_code == 403


@pytest.mark.parametrize("query", [
    "page=1;DROP TABLE users", "per_page=50%20OR%201=1", "page=<script>", "sort=name;--",
    "per_page=1e9", "page=%27%22", "order=desc%00",
])
def test_script_or_sql_in_list_parameters(app, api, query):
    api("gemeente")
    before = table_counts(app)
    response = api("gemeente").get(f"/speerpunten/wonen/comments?{query}")
    assert response.status_code in (200, 400)
    assert "<script>" not in response.get_data(as_text=True)
    assert table_counts(app) == before


@pytest.mark.parametrize("query", ["pagina=1;DROP", "pagina=<script>", "pagina=-1",
                                   "pagina=99999999999"])
def test_script_or_sql_in_page_parameters_of_pages(app, query):
    client = login(app, "moderator")
    response = client.get(f"/audit?{query}")
    assert response.status_code == 400
    assert "<script>" not in response.get_data(as_text=True)


def test_api_never_accepts_the_session_cookie_for_writes(app, api, auth, client):
    auth.login("moderator")
    before = table_counts(app)
    response = client.post("/api/v1/speerpunten/wonen/comments",
                           json={"section": "ambitie", "body": "Via cookie"})
    assert_error(response, 401, "unauthorized")
    assert table_counts(app) == before


def test_an_oversized_form_is_refused_with_a_page(app):
    client = login(app, "gemeente")
    response = client.post("/speerpunten/wonen/reacties",
                           data={"section": "ambitie", "body": "x" * 2_000_000})
    assert response.status_code == 413
    assert "Te groot" in response.get_data(as_text=True)


def web_posts(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            yield rule


def test_every_form_needs_a_csrf_token(app, api):
    amendment = propose(api)
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Tekst"}).json["id"]
    values = {"slug": "wonen", "section": "ambitie", "amendment_id": amendment,
              "comment_id": comment, "token_id": 1, "user_id": 1, "org_slug": "vrom-wwi",
              "meeting_id": 1, "milestone_id": 1, "region_slug": "oost",
              "speerpunt_slug": "wonen", "question_id": 1, "answer_id": 1,
              "helpdesk_question_id": 1}
    clients = {who: login(app, who) for who in ("admin", "moderator", "ministry", "provincie")}
    app.config["WTF_CSRF_ENABLED"] = True
    before = table_counts(app)
    checked = 0
    for rule in web_posts(app):
        url = rule.build({k: values[k] for k in rule.arguments})[1]
        for client in clients.values():
            response = client.post(url, data={"section": "ambitie", "body": "x",
                                              "reason": "x", "decision": "accept",
                                              "phase": "processing", "position": "support"})
            assert response.status_code == 400, (url, response.status_code)
            checked += 1
    assert checked >= 4 * 20
    app.config["WTF_CSRF_ENABLED"] = False
    assert table_counts(app) == before
