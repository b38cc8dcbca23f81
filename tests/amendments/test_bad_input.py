"""Bad input at every write endpoint: the documented 4xx, and nothing written."""

import pytest

from tests.amendments.test_rules import propose
from tests.helpers import assert_error, table_counts

LONG = "x" * 100_001


def warm(api):
    """Create the actors' tokens before counting rows."""
    for who in ("gemeente", "provincie", "ministry", "moderator"):
        api(who)
BAD_COMMENTS = [
    ({}, {"section", "body"}),
    ({"section": "ambitie"}, {"body"}),
    ({"section": "ambitie", "body": "   \n\t "}, {"body"}),
    ({"section": "ambitie", "body": "x" * 10_001}, {"body"}),
    ({"section": "bestaat-niet", "body": "Tekst"}, {"section"}),
    ({"section": 3, "body": "Tekst"}, {"section"}),
    ({"section": "ambitie", "body": ["Tekst"]}, {"body"}),
    ({"section": "ambitie", "body": "Tekst", "extra": 1}, {"extra"}),
    ({"section": "ambitie", "body": "Tekst", "parent_id": "1"}, {"parent_id"}),
    ({"section": "ambitie", "body": "Tekst", "parent_id": 999999}, {"parent_id"}),
    ({"section": "ambitie", "body": "Tekst", "amendment_id": 999999}, {"amendment_id"}),
    ({"section": "ambitie", "body": "Tekst", "parent_id": True}, {"parent_id"}),
]


@pytest.mark.parametrize("body, fields", BAD_COMMENTS)
def test_bad_comments_are_refused_field_by_field(app, api, body, fields):
    warm(api)
    before = table_counts(app)
    error = assert_error(api("gemeente").post("/speerpunten/wonen/comments", json=body),
                         400, "validation_failed")
    assert set(error["fields"]) == fields
    assert table_counts(app) == before


def amendment_body(**overrides):
    body = {"section": "ambitie", "base_version": 1, "text": "Een nieuwe tekst.",
            "rationale": "Omdat."}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}


BAD_AMENDMENTS = [
    (amendment_body(section=...), {"section"}),
    (amendment_body(base_version=...), {"base_version"}),
    (amendment_body(text=...), {"text"}),
    (amendment_body(rationale=...), {"rationale"}),
    (amendment_body(section="inleiding"), {"section"}),
    (amendment_body(base_version=0), {"base_version"}),
    (amendment_body(base_version=2), {"base_version"}),
    (amendment_body(base_version=-5), {"base_version"}),
    (amendment_body(base_version="1"), {"base_version"}),
    (amendment_body(base_version=1.5), {"base_version"}),
    (amendment_body(base_version=True), {"base_version"}),
    (amendment_body(base_version=10**30), {"base_version"}),
    (amendment_body(text=""), {"text"}),
    (amendment_body(text=LONG), {"text"}),
    (amendment_body(rationale="  "), {"rationale"}),
    (amendment_body(rationale="x" * 10_001), {"rationale"}),
    (amendment_body(text=None), {"text"}),
    (amendment_body(colour="rood"), {"colour"}),
]


@pytest.mark.parametrize("body, fields", BAD_AMENDMENTS)
def test_bad_amendments_are_refused_field_by_field(app, api, body, fields):
    warm(api)
    before = table_counts(app)
    error = assert_error(api("gemeente").post("/speerpunten/wonen/amendments", json=body),
                         400, "validation_failed")
    assert fields <= set(error["fields"]), error
    assert table_counts(app) == before


def test_an_amendment_that_changes_nothing_is_refused(app, api):
    text = api("gemeente").get("/speerpunten/wonen").json["sections"]["ambitie"]
    error = assert_error(api("gemeente").post("/speerpunten/wonen/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text + "\n", "rationale": "x"}),
        400, "validation_failed")
    assert "text" in error["fields"]


@pytest.mark.parametrize("path", [
    "/speerpunten/wonen/comments", "/speerpunten/wonen/amendments",
    "/amendments/1/responses", "/amendments/1/decision", "/comments/1/flag",
    "/speerpunten/wonen/phase",
])
@pytest.mark.parametrize("data, content_type", [
    ("", "application/json"), ("{", "application/json"), ("[]", "application/json"),
    ('"tekst"', "application/json"), ("null", "application/json"),
    ("section=ambitie", "application/x-www-form-urlencoded"), ("{}", "text/plain"),
    ("\xff\xfe", "application/json"),
])
def test_bodies_that_are_not_json_objects_are_bad_requests(app, api, path, data, content_type):
    propose(api)
    api("gemeente").post("/speerpunten/wonen/comments", json={"section": "ambitie",
                                                              "body": "Tekst"})
    warm(api)
    before = table_counts(app)
    who = "ministry" if "responses" in path else "moderator" if (
        "decision" in path or "phase" in path) else "provincie"
    response = api(who).client.post(f"/api/v1{path}", data=data, headers={
        **api(who).headers, "Content-Type": content_type})
    assert_error(response, 400, "bad_request")
    assert table_counts(app) == before


@pytest.mark.parametrize("body, fields", [
    ({}, {"decision"}),
    ({"decision": "maybe"}, {"decision"}),
    ({"decision": "reject"}, {"reason"}),
    ({"decision": "reject", "reason": "   "}, {"reason"}),
    ({"decision": "accept", "text": ""}, {"text"}),
    ({"decision": "accept", "text": 5}, {"text"}),
    ({"decision": "reject", "reason": "x", "text": "Tekst"}, {"text"}),
    ({"decision": "accept", "reason": None}, {"reason"}),
    ({"decision": "accept", "by": "me"}, {"by"}),
])
def test_bad_decisions_are_refused_and_the_amendment_stays_pending(app, api, body, fields):
    amendment = propose(api)
    warm(api)
    before = table_counts(app)
    error = assert_error(api("moderator").post(f"/amendments/{amendment}/decision", json=body),
                         400, "validation_failed")
    assert fields <= set(error["fields"])
    assert table_counts(app) == before
    assert api("gemeente").get(f"/amendments/{amendment}").json["status"] == "pending"


@pytest.mark.parametrize("body, fields", [
    ({}, {"position", "body"}),
    ({"position": "neutral", "body": "x"}, {"position"}),
    ({"position": "support", "body": ""}, {"body"}),
    ({"position": "support", "body": "x" * 10_001}, {"body"}),
    ({"position": ["support"], "body": "x"}, {"position"}),
])
def test_bad_responses_are_refused(app, api, body, fields):
    amendment = propose(api)
    warm(api)
    before = table_counts(app)
    error = assert_error(api("ministry").post(f"/amendments/{amendment}/responses", json=body),
                         400, "validation_failed")
    assert fields <= set(error["fields"])
    assert table_counts(app) == before


@pytest.mark.parametrize("body, fields", [
    ({}, {"text", "base_version", "summary"}),
    ({"text": "", "base_version": 1, "summary": "x"}, {"text"}),
    ({"text": "Nieuw", "base_version": 1, "summary": ""}, {"summary"}),
    ({"text": "Nieuw", "base_version": 0, "summary": "x"}, {"base_version"}),
    ({"text": "Nieuw", "base_version": "1", "summary": "x"}, {"base_version"}),
    ({"text": LONG, "base_version": 1, "summary": "x"}, {"text"}),
])
def test_bad_direct_edits_are_refused(app, api, body, fields):
    warm(api)
    before = table_counts(app)
    error = assert_error(api("moderator").put("/speerpunten/wonen/sections/rijk", json=body),
                         400, "validation_failed")
    assert fields <= set(error["fields"])
    assert table_counts(app) == before


def test_unknown_section_in_a_direct_edit_is_not_found(api):
    assert_error(api("moderator").put("/speerpunten/wonen/sections/inleiding", json={
        "text": "x", "base_version": 1, "summary": "x"}), 404, "not_found")


@pytest.mark.parametrize("body", [{}, {"phase": "gesloten"}, {"phase": 1},
                                  {"phase": "open", "closes_at": "morgen"},
                                  {"phase": "open", "closes_at": "2001-01-01T00:00:00+00:00"},
                                  {"phase": "processing", "closes_at": "2099-01-01T00:00:00+00:00"},
                                  {"phase": "open", "closes_at": "2099-01-01T00:00:00"},
                                  {"phase": "open", "closes_at": "2099-01-01T00:00:00+00:00"},
                                  {"phase": "open", "closes_at": "9999-12-31T23:59:59-14:00"},
                                  {"phase": "open", "closes_at": "0001-01-01T00:00:00+14:00"}])
def test_bad_phase_changes_are_refused(app, api, body):
    from tests.helpers import set_phase

    set_phase(app, "wonen", "processing")
    assert_error(api("moderator").post("/speerpunten/wonen/phase", json=body),
                 400, "validation_failed")
    assert api("moderator").get("/speerpunten/wonen").json["phase"] == "processing"


@pytest.mark.parametrize("path", ["/amendments/0", "/amendments/999999", "/amendments/abc",
                                  "/amendments/-1", "/amendments/99999999999999999999",
                                  "/comments/0/flag", "/comments/999999/hide"])
def test_unknown_ids_are_not_found(api, path):
    method = "get" if "comments" not in path else "post"
    response = getattr(api("moderator"), method)(path, json={"reason": "x"} if
                                                 method == "post" else None)
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("query", ["status=open", "section=x", "page=0", "per_page=500"])
def test_bad_list_filters(api, query):
    path = "/speerpunten/wonen/comments" if "section" in query else "/speerpunten/wonen/amendments"
    assert_error(api("gemeente").get(f"{path}?{query}"), 400, "validation_failed")


@pytest.mark.parametrize("query", ["", "from=1", "from=a&to=1", "from=1&to=-1"])
def test_bad_diff_queries(api, query):
    assert_error(api("gemeente").get(f"/speerpunten/wonen/diff?{query}"), 400,
                 "validation_failed")


@pytest.mark.parametrize("query", ["from=0&to=1", "from=1&to=2"])
def test_diff_of_missing_versions(api, query):
    assert_error(api("gemeente").get(f"/speerpunten/wonen/diff?{query}"), 404, "not_found")


def test_oversized_body_is_413(app, api):
    response = api("gemeente").post("/speerpunten/wonen/comments",
                                    json={"section": "ambitie", "body": "x" * 2_000_000})
    assert_error(response, 413, "payload_too_large")
