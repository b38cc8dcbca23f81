"""Decisions racing on one speerpunt from several processes: no gaps, no duplicates, no loss."""

import multiprocessing

import pytest
import sqlalchemy as sa

from consult.amendments.models import Amendment
from consult.extensions import db
from consult.speerpunten.models import Speerpunt, Version
from tests.helpers import section_text

RACERS = 6


def _decide_in_another_process(database_url, headers, amendment_id, barrier, results):
    from consult import create_app
    from tests.conftest import base_config

    app = create_app(base_config(database_url))
    client = app.test_client()
    barrier.wait(timeout=60)
    response = client.post(f"/api/v1/amendments/{amendment_id}/decision", headers=headers,
                           json={"decision": "accept"})
    results.put((amendment_id, response.status_code, response.get_json()))


def _edit_in_another_process(database_url, headers, text, barrier, results):
    from consult import create_app
    from tests.conftest import base_config

    app = create_app(base_config(database_url))
    client = app.test_client()
    barrier.wait(timeout=60)
    response = client.put("/api/v1/speerpunten/onderwijs/sections/gemeente", headers=headers,
                          json={"text": text, "base_version": 1, "summary": "Race"})
    results.put(("edit", response.status_code, response.get_json()))


def test_racing_decisions_and_an_edit_keep_versions_whole(app, api, token, database_url):
    original = section_text(api("gemeente"), "onderwijs", "ambitie")
    words = original.split(" ")
    # Each amendment changes a different word, several words apart: all must survive.
    positions = [3 + 7 * i for i in range(RACERS)]
    amendment_ids = []
    for n, position in enumerate(positions):
        changed = list(words)
        changed[position] = f"WOORD{n}"
        response = api("gemeente").post("/speerpunten/onderwijs/amendments", json={
            "section": "ambitie", "base_version": 1, "text": " ".join(changed),
            "rationale": "Race."})
        amendment_ids.append(response.json["id"])
    edit_text = section_text(api("gemeente"), "onderwijs", "gemeente") + " Direct bewerkt."

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(RACERS + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_decide_in_another_process, args=(
            database_url, token("moderator" if n % 2 else "admin"), amendment_id, barrier,
            results))
        for n, amendment_id in enumerate(amendment_ids)
    ]
    processes.append(context.Process(target=_edit_in_another_process, args=(
        database_url, token("moderator"), edit_text, barrier, results)))
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0

    decided = [o for o in outcomes if o[0] != "edit"]
    assert all(status == 200 for _id, status, _body in decided), outcomes
    edit = next(o for o in outcomes if o[0] == "edit")
    # The direct edit was based on version 1: it either went first or was refused as stale.
    assert edit[1] in (200, 409), edit
    expected_versions = RACERS + 1 + (1 if edit[1] == 200 else 0)

    with app.app_context():
        speerpunt = db.session.execute(
            sa.select(Speerpunt).where(Speerpunt.slug == "onderwijs")).scalar_one()
        numbers = db.session.execute(
            sa.select(Version.number).where(Version.speerpunt_id == speerpunt.id)
            .order_by(Version.number)).scalars().all()
        assert numbers == list(range(1, expected_versions + 1))
        assert speerpunt.current_version == expected_versions
        results_versions = db.session.execute(
            sa.select(Amendment.result_version).where(Amendment.id.in_(amendment_ids))
        ).scalars().all()
        assert sorted(results_versions) == sorted(set(results_versions))
        final = db.session.execute(
            sa.select(Version).where(Version.speerpunt_id == speerpunt.id,
                                     Version.number == expected_versions)).scalar_one()
        for n in range(RACERS):
            assert f"WOORD{n}" in final.ambitie
        if edit[1] == 200:
            assert final.gemeente == edit_text


# PostgreSQL only: SQLite takes the whole database for every writer, so nothing interleaves.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_support_given_while_the_amendment_is_accepted_does_not_deadlock(
        app, api, backend, monkeypatch):
    """A support holds a key share on the amendment (its foreign key) and then raises the
    speerpunt's revision; an accept holds the speerpunt and then locks the amendment. Were
    that lock FOR UPDATE, each would wait for the other."""
    import threading

    from consult.amendments import operations

    amendment = api("gemeente").post("/speerpunten/onderwijs/amendments", json={
        "section": "ambitie", "base_version": 1,
        "text": section_text(api("gemeente"), "onderwijs", "ambitie") + " Samen.",
        "rationale": "Omdat."}).json["id"]
    inserted, go_on = threading.Event(), threading.Event()
    real_revise = operations.revise

    def revise_when_told(session, speerpunt_id):
        inserted.set()
        go_on.wait(30)
        real_revise(session, speerpunt_id)

    monkeypatch.setattr(operations, "revise", revise_when_told)
    results = {}

    def run(name, call):
        results[name] = call().status_code

    supporting = threading.Thread(target=run, args=("support", lambda: api("provincie").post(
        f"/amendments/{amendment}/support")))
    supporting.start()
    assert inserted.wait(30)
    accepting = threading.Thread(target=run, args=("accept", lambda: api("moderator").post(
        f"/amendments/{amendment}/decision", json={"decision": "accept"})))
    accepting.start()
    # Go on once the accept is done, or is waiting for a lock (as it did with FOR UPDATE).
    with app.app_context():
        for _ in range(300):
            waiting = db.session.scalar(sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"))
            db.session.rollback()
            if "accept" in results or waiting:
                break
            threading.Event().wait(0.1)
    go_on.set()
    supporting.join(60)
    accepting.join(60)
    assert results == {"support": 201, "accept": 200}
