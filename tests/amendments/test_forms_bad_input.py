"""Bad input to every form of the workflow: a 4xx with the form shown again, nothing written."""

import pytest

from tests.amendments.test_journeys_web import login
from tests.helpers import table_counts

LONG = "x" * 100_001


@pytest.fixture
def ids(api):
    text = api("gemeente").get("/speerpunten/wonen").json["sections"]["ambitie"]
    amendment = api("gemeente").post("/speerpunten/wonen/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text + " Extra.",
        "rationale": "Omdat."}).json["id"]
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Tekst"}).json["id"]
    return {"amendment": amendment, "comment": comment}


CASES = [
    ("provincie", "/speerpunten/wonen/reacties", {"section": "ambitie", "body": ""}),
    ("provincie", "/speerpunten/wonen/reacties", {"section": "ambitie", "body": "x" * 10_001}),
    ("provincie", "/speerpunten/wonen/reacties", {"section": "inleiding", "body": "Tekst"}),
    ("provincie", "/speerpunten/wonen/reacties", {"section": "ambitie", "body": "Tekst",
                                                  "parent_id": "999999"}),
    ("provincie", "/speerpunten/wonen/reacties", {"section": "rijk", "body": "Tekst",
                                                  "parent_id": "{comment}"}),
    ("provincie", "/speerpunten/bestaat-niet/reacties", {"section": "ambitie", "body": "Tekst"}),
    ("provincie", "/speerpunten/wonen/secties/ambitie/amendement",
     {"base_version": "1", "text": "", "rationale": "Omdat", "action": "submit"}),
    ("provincie", "/speerpunten/wonen/secties/ambitie/amendement",
     {"base_version": "1", "text": "Nieuwe tekst", "rationale": "", "action": "submit"}),
    ("provincie", "/speerpunten/wonen/secties/ambitie/amendement",
     {"base_version": "1", "text": LONG, "rationale": "Omdat", "action": "submit"}),
    ("provincie", "/speerpunten/wonen/secties/inleiding/amendement",
     {"base_version": "1", "text": "Tekst", "rationale": "Omdat", "action": "submit"}),
    ("ministry", "/amendementen/{amendment}/reactie", {"position": "misschien", "body": "x"}),
    ("ministry", "/amendementen/{amendment}/reactie", {"position": "support", "body": ""}),
    ("other_ministry", "/amendementen/{amendment}/reactie", {"position": "support", "body": "x"}),
    ("moderator", "/amendementen/{amendment}/besluit", {"decision": "reject", "reason": ""}),
    ("moderator", "/amendementen/{amendment}/besluit", {"decision": "weet-niet"}),
    ("moderator", "/amendementen/{amendment}/besluit",
     {"decision": "accept_modified", "text": ""}),
    ("gemeente2", "/amendementen/{amendment}/besluit", {"decision": "accept"}),
    ("moderator", "/amendementen/999999/besluit", {"decision": "accept"}),
    ("provincie", "/reacties/{comment}/melden", {"reason": "other", "explanation": ""}),
    ("provincie", "/reacties/{comment}/melden", {"reason": "vervelend"}),
    ("gemeente", "/reacties/{comment}/melden", {"reason": "spam"}),
    ("moderator", "/reacties/{comment}/verbergen", {"reason": ""}),
    ("gemeente", "/reacties/{comment}/verbergen", {"reason": "Weg ermee"}),
    ("moderator", "/reacties/{comment}/herstellen", {"reason": "Is niet verborgen"}),
    ("moderator", "/speerpunten/wonen/secties/rijk/bewerken",
     {"base_version": "1", "text": "", "summary": "x"}),
    ("moderator", "/speerpunten/wonen/secties/rijk/bewerken",
     {"base_version": "1", "text": "Nieuw", "summary": ""}),
    ("moderator", "/speerpunten/wonen/secties/rijk/bewerken",
     {"base_version": "abc", "text": "Nieuw", "summary": "x"}),
    ("moderator", "/speerpunten/wonen/secties/inleiding/bewerken",
     {"base_version": "1", "text": "Nieuw", "summary": "x"}),
]


@pytest.mark.parametrize("who, path, data", CASES)
def test_bad_form_posts_are_refused_and_change_nothing(app, ids, who, path, data):
    client = login(app, who)
    path = path.format(**ids)
    data = {k: v.format(**ids) if isinstance(v, str) else v for k, v in data.items()}
    before = table_counts(app)
    response = client.post(path, data=data)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    after = table_counts(app)
    assert after == before


def test_a_refused_form_shows_the_error_next_to_the_field(app, ids):
    client = login(app, "provincie")
    response = client.post("/speerpunten/wonen/secties/ambitie/amendement", data={
        "base_version": "1", "text": "Nieuwe tekst", "rationale": "", "action": "submit"})
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert 'href="#rationale"' in page
    assert 'aria-invalid="true"' in page
    assert "Nieuwe tekst" in page  # what the person typed is kept
