"""Every page of the application, for every kind of actor: a page or a clear refusal, never
a 500. A new route without sample values here fails the suite."""

import pytest

from tests.amendments.test_journeys_web import login

ACTORS = [None, "gemeente", "provincie", "ministry", "other_ministry", "partner", "moderator",
          "admin"]


@pytest.fixture
def samples(app, api):
    comment = api("gemeente").post("/speerpunten/inburgering/comments", json={
        "section": "ambitie", "body": "Een reactie met *nadruk*."}).json
    text = api("gemeente").get("/speerpunten/inburgering").json["sections"]["ambitie"]
    amendment = api("gemeente").post("/speerpunten/inburgering/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text + " Extra.",
        "rationale": "Omdat."}).json
    api("moderator").put("/speerpunten/inburgering/sections/rijk", json={
        "text": "Nieuwe tekst.", "base_version": 1, "summary": "Proef"})
    from tests.meetings.test_meetings import schedule
    from tests.amendments.test_journeys_web import login

    meeting = schedule(login(app, "moderator"))
    from tests.helpdesk.samples import helpdesk_samples
    from tests.knowledge.samples import knowledge_samples

    extra = {**knowledge_samples(app), **helpdesk_samples(app)}
    return {"slug": "inburgering", "section": "ambitie", "number": 2,
            "amendment_id": amendment["id"], "comment_id": comment["id"], "user_id": 1,
            "token_id": 1, "org_slug": "vrom-wwi", "filename": "css/consult.css",
            "meeting_id": meeting, "milestone_id": 1, "table": "steun-per-amendement", **extra}


def get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.rule.startswith("/api/"):
            yield rule


@pytest.mark.parametrize("who", ACTORS)
def test_every_page_answers_every_actor_without_a_server_error(app, samples, who):
    client = login(app, who) if who else app.test_client()
    for rule in get_routes(app):
        missing = set(rule.arguments) - set(samples)
        assert not missing, f"no sample value for {missing} in {rule.rule}"
        url = rule.build({k: samples[k] for k in rule.arguments})[1]
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (who, url, response.status_code)
        if response.status_code == 200 and response.mimetype == "text/html":
            page = response.get_data(as_text=True)
            assert '<html lang="nl">' in page
            assert page.count("<h1") == 1, url
