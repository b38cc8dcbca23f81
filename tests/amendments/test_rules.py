"""Every rule of the contract's tables: who, in which phase, in which state, with its code."""

import pytest

from tests.helpers import assert_error, section_text, set_phase

PARTICIPANTS = ["gemeente", "provincie", "ministry", "other_ministry", "partner"]
PHASES = ["concept", "open", "processing", "adopted"]


def propose(api, who="gemeente", slug="wonen", suffix=" Aanvulling."):
    text = section_text(api(who), slug, "ambitie") + suffix
    response = api(who).post(f"/speerpunten/{slug}/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text, "rationale": "Omdat."})
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("who", ["gemeente", "ministry", "moderator"])
def test_comments_and_amendments_only_in_the_open_phase(app, api, who, phase):
    set_phase(app, "wonen", phase)
    comment = api(who).post("/speerpunten/wonen/comments",
                            json={"section": "ambitie", "body": "Een reactie."})
    amendment = api(who).post("/speerpunten/wonen/amendments", json={
        "section": "ambitie", "base_version": 1, "text": "Geheel nieuwe tekst.",
        "rationale": "Omdat."})
    if phase == "concept" and who != "moderator":
        assert_error(comment, 404, "not_found")
        assert_error(amendment, 404, "not_found")
    elif phase == "open":
        assert comment.status_code == 201 and amendment.status_code == 201
    else:
        assert_error(comment, 409, "phase_closed")
        assert_error(amendment, 409, "phase_closed")


def test_an_open_phase_past_its_closing_date_behaves_as_processing(app, api):
    from datetime import UTC, datetime, timedelta

    amendment = propose(api)
    set_phase(app, "wonen", "open", closes_at=datetime.now(UTC) - timedelta(minutes=1))
    # It reads as processing, in the API and on the home page, without anyone acting.
    assert api("gemeente").get("/speerpunten/wonen").json["phase"] == "processing"
    from tests.amendments.test_journeys_web import login

    home = login(app, "gemeente").get("/").get_data(as_text=True)
    assert home.count("In verwerking") == 1
    assert_error(api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Te laat."}), 409, "phase_closed")
    assert_error(api("provincie").post(f"/amendments/{amendment}/support"), 409, "phase_closed")
    # Responses and decisions go on, as in processing.
    assert api("ministry").post(f"/amendments/{amendment}/responses", json={
        "position": "support", "body": "Goed."}).status_code == 201
    assert api("moderator").post(f"/amendments/{amendment}/decision", json={
        "decision": "reject", "reason": "Later."}).status_code == 200


@pytest.mark.parametrize("phase, expected", [("open", 201), ("processing", 409),
                                             ("adopted", 409)])
def test_support_only_while_open(app, api, phase, expected):
    amendment = propose(api)
    set_phase(app, "wonen", phase)
    response = api("provincie").post(f"/amendments/{amendment}/support")
    if expected == 201:
        assert response.status_code == 201
        assert len(response.json["supports"]) == 1
    else:
        assert_error(response, 409, "phase_closed")


def test_support_is_once_per_person_and_not_on_ones_own(api):
    amendment = propose(api)
    assert api("provincie").post(f"/amendments/{amendment}/support").status_code == 201
    again = api("provincie").post(f"/amendments/{amendment}/support")
    assert again.status_code == 200 and len(again.json["supports"]) == 1
    assert_error(api("gemeente").post(f"/amendments/{amendment}/support"), 409, "conflict")
    assert api("provincie").delete(f"/amendments/{amendment}/support").status_code == 204
    assert api("gemeente").get(f"/amendments/{amendment}").json["supports"] == []
    assert api("provincie").delete(f"/amendments/{amendment}/support").status_code == 204


@pytest.mark.parametrize("who, phase, expected", [
    ("ministry", "open", 201), ("ministry", "processing", 201),
    ("ministry", "adopted", "phase_closed"),
    ("other_ministry", "open", "forbidden"), ("gemeente", "open", "forbidden"),
    ("provincie", "open", "forbidden"), ("moderator", "open", "forbidden"),
    ("admin", "open", "forbidden"),
])
def test_only_a_responsible_ministry_responds(app, api, who, phase, expected):
    amendment = propose(api)
    set_phase(app, "wonen", phase)
    response = api(who).post(f"/amendments/{amendment}/responses",
                             json={"position": "partial", "body": "Deels eens."})
    if expected == 201:
        assert response.status_code == 201
    elif expected == "forbidden":
        assert_error(response, 403, "forbidden")
    else:
        assert_error(response, 409, expected)


@pytest.mark.parametrize("who", PARTICIPANTS)
def test_participants_cannot_decide(api, who):
    amendment = propose(api, "gemeente2")
    for body in ({"decision": "accept"}, {"decision": "reject", "reason": "Nee."}, {}):
        assert_error(api(who).post(f"/amendments/{amendment}/decision", json=body),
                     403, "forbidden")
    assert api("gemeente").get(f"/amendments/{amendment}").json["status"] == "pending"


@pytest.mark.parametrize("phase, expected", [("open", 200), ("processing", 200),
                                             ("adopted", "phase_closed")])
def test_decisions_in_open_and_processing_only(app, api, phase, expected):
    amendment = propose(api)
    set_phase(app, "wonen", phase)
    response = api("moderator").post(f"/amendments/{amendment}/decision",
                                     json={"decision": "accept"})
    if expected == 200:
        assert response.status_code == 200 and response.json["version"] == 2
    else:
        assert_error(response, 409, expected)


def test_a_decided_amendment_cannot_be_decided_again(api):
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision",
                          json={"decision": "reject", "reason": "Nee."})
    for body in ({"decision": "accept"}, {"decision": "reject", "reason": "Nogmaals."}):
        assert_error(api("admin").post(f"/amendments/{amendment}/decision", json=body),
                     409, "conflict")
    assert_error(api("ministry").post(f"/amendments/{amendment}/responses",
                                      json={"position": "support", "body": "Ja."}),
                 409, "conflict")
    assert_error(api("provincie").post(f"/amendments/{amendment}/support"), 409, "conflict")
    assert_error(api("gemeente").post(f"/amendments/{amendment}/withdraw"), 409, "conflict")


def test_withdraw_by_the_author_only_and_while_pending(api):
    amendment = propose(api)
    assert_error(api("gemeente2").post(f"/amendments/{amendment}/withdraw"), 403, "forbidden")
    assert_error(api("moderator").post(f"/amendments/{amendment}/withdraw"), 403, "forbidden")
    response = api("gemeente").post(f"/amendments/{amendment}/withdraw")
    assert response.status_code == 200 and response.json["status"] == "withdrawn"
    assert_error(api("gemeente").post(f"/amendments/{amendment}/withdraw"), 409, "conflict")
    assert_error(api("moderator").post(f"/amendments/{amendment}/decision",
                                       json={"decision": "accept"}), 409, "conflict")
    listed = api("gemeente").get("/speerpunten/wonen/amendments?status=withdrawn").json
    assert [a["id"] for a in listed["items"]] == [amendment]


def test_direct_edit_by_moderators_and_refused_when_stale(app, api):
    text = section_text(api("moderator"), "wonen", "rijk")
    body = {"text": text + " Nieuw.", "base_version": 1, "summary": "Aanvulling"}
    assert_error(api("gemeente").put("/speerpunten/wonen/sections/rijk", json=body),
                 403, "forbidden")
    first = api("moderator").put("/speerpunten/wonen/sections/rijk", json=body)
    assert first.status_code == 200 and first.json["current_version"] == 2
    stale = api("admin").put("/speerpunten/wonen/sections/rijk", json={
        **body, "text": text + " Iets anders."})
    assert_error(stale, 409, "stale_version")
    assert section_text(api("gemeente"), "wonen", "rijk") == text + " Nieuw."
    versions = api("gemeente").get("/speerpunten/wonen/versions").json["items"]
    assert versions[-1]["summary"] == "Aanvulling"
    assert versions[-1]["author"]["name"] == "Sanne Visser"
    set_phase(app, "wonen", "adopted")
    assert_error(api("moderator").put("/speerpunten/wonen/sections/rijk", json={
        **body, "base_version": 2, "text": "Na vaststelling."}), 409, "phase_closed")


@pytest.mark.parametrize("start, target, allowed", [
    ("concept", "open", True), ("open", "processing", True), ("processing", "open", True),
    ("processing", "adopted", True), ("concept", "processing", False),
    ("concept", "adopted", False), ("open", "adopted", False), ("open", "concept", False),
    ("adopted", "open", False), ("adopted", "processing", False), ("open", "open", False),
    ("processing", "concept", False),
])
def test_phase_moves(app, api, start, target, allowed):
    set_phase(app, "wonen", start)
    response = api("moderator").post("/speerpunten/wonen/phase", json={"phase": target})
    if allowed:
        assert response.status_code == 200 and response.json["phase"] == target
    else:
        assert_error(response, 409, "conflict")
        assert api("moderator").get("/speerpunten/wonen").json["phase"] == start


def test_participants_cannot_change_phase(api):
    assert_error(api("gemeente").post("/speerpunten/wonen/phase", json={"phase": "processing"}),
                 403, "forbidden")


def test_hide_and_restore_are_for_moderators(api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Tekst."}).json["id"]
    for who in PARTICIPANTS:
        assert_error(api(who).post(f"/comments/{comment}/hide", json={"reason": "x"}),
                     403, "forbidden")
    assert api("moderator").post(f"/comments/{comment}/hide",
                                 json={"reason": "Persoonlijk."}).status_code == 200
    assert_error(api("moderator").post(f"/comments/{comment}/hide", json={"reason": "x"}),
                 409, "conflict")
    assert_error(api("gemeente").post(f"/comments/{comment}/restore", json={"reason": "x"}),
                 403, "forbidden")
    assert api("admin").post(f"/comments/{comment}/restore",
                             json={"reason": "Toch in orde."}).status_code == 200
    assert_error(api("moderator").post(f"/comments/{comment}/restore", json={"reason": "x"}),
                 409, "conflict")


def test_audit_is_for_moderators_and_admins(api):
    for who in PARTICIPANTS:
        assert_error(api(who).get("/audit"), 403, "forbidden")
    assert api("moderator").get("/audit").status_code == 200
    assert api("admin").get("/audit").status_code == 200


def test_concept_amendments_and_comments_are_invisible_to_participants(app, api):
    amendment = propose(api)
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Tekst."}).json["id"]
    set_phase(app, "wonen", "concept")
    assert_error(api("gemeente").get(f"/amendments/{amendment}"), 404, "not_found")
    assert_error(api("provincie").post(f"/comments/{comment}/flag", json={"reason": "spam"}),
                 404, "not_found")
    assert api("moderator").get(f"/amendments/{amendment}").status_code == 200


def test_a_moderator_sets_a_closing_date_through_the_api(app, api):
    from datetime import UTC, datetime, timedelta

    set_phase(app, "wonen", "processing")
    closes = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    response = api("moderator").post("/speerpunten/wonen/phase", json={
        "phase": "open", "closes_at": closes.isoformat()})
    assert response.status_code == 200, response.json
    assert response.json["phase"] == "open"
    assert api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Nog op tijd."}).status_code == 201
