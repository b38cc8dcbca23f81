"""Reads and writes per request: a write is one transaction, a read never writes."""

from contextlib import contextmanager

import pytest
from flask import jsonify
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from consult.extensions import db
from consult.speerpunten.models import Speerpunt


def _transaction_starts(app):
    """Two statements apart in time; whether they saw the same transaction start."""
    first = db.session.scalar(text("SELECT now()"))
    db.session.execute(text("SELECT pg_sleep(0.02)"))
    second = db.session.scalar(text("SELECT now()"))
    return jsonify(same_transaction=first == second)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_reads_run_statement_by_statement_and_writes_in_one_transaction(app, client, auth):
    # A read on PostgreSQL skips BEGIN and ROLLBACK (under READ COMMITTED every statement
    # takes its own snapshot anyway); a write request, on the same pooled connection right
    # after it, is one transaction again.
    app.add_url_rule("/__tx", "tx_read", lambda: _transaction_starts(app), methods=["GET"])
    app.add_url_rule("/__tx", "tx_write", lambda: _transaction_starts(app), methods=["POST"])
    app.config["WTF_CSRF_ENABLED"] = False
    for _ in range(2):
        assert client.get("/__tx").json == {"same_transaction": False}
        assert client.post("/__tx").json == {"same_transaction": True}


def test_a_read_that_changes_an_object_is_refused_and_changes_nothing(app, client):
    def careless_read():
        speerpunt = db.session.execute(
            select(Speerpunt).where(Speerpunt.slug == "wonen")).scalar_one()
        speerpunt.title = "Per ongeluk gewijzigd"
        db.session.flush()
        return "klaar"

    app.add_url_rule("/__careless", "careless", careless_read)
    response = client.get("/__careless")
    assert response.status_code == 500
    with app.app_context():
        title = db.session.scalar(select(Speerpunt.title).where(Speerpunt.slug == "wonen"))
    assert title != "Per ongeluk gewijzigd"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_connection_the_server_dropped_while_idle_is_replaced_unnoticed(
        app, client, monkeypatch):
    import sqlalchemy as sa

    from consult.core import database

    assert client.get("/").status_code == 200  # leaves a connection in the pool
    # The server drops every connection to this database, as a restart would ...
    admin = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        dropped = conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
    admin.dispose()
    assert dropped >= 1
    # ... while the pooled connection sat idle longer than the threshold.
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)
    response = client.get("/")
    assert response.status_code == 200
    assert "Gemeenschappelijke Integratieagenda" in response.get_data(as_text=True)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_cursor_describes_the_result_it_was_asked_about(app):
    # Columns are built when read (consult/core/database.py): read after the cursor moved on,
    # they still describe the statement they were asked for.
    with app.app_context():
        cursor = db.session.connection().connection.dbapi_connection.cursor()
        cursor.execute("SELECT 1 AS een, 'twee' AS twee")
        first = cursor.description
        cursor.execute("SELECT 3 AS drie")
        assert len(first) == 2
        assert [column.name for column in first] == ["een", "twee"]
        assert [column.name for column in cursor.description] == ["drie"]
        cursor.execute("SET LOCAL statement_timeout = 1000")
        assert cursor.description is None
        assert list(db.session.execute(text("SELECT 5 AS vijf, 6 AS zes")).mappings()) == [
            {"vijf": 5, "zes": 6}]
        db.session.rollback()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_writer_on_sqlite_waits_for_the_one_before_it(app, api):
    # Writers look for the write lock every half millisecond instead of SQLite's own
    # back-off; one that finds it taken waits for it, and then writes.
    import sqlite3
    import threading

    writer = api("gemeente")
    with app.app_context():
        path = db.engine.url.database
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.rollback)
    release.start()
    try:
        response = writer.post("/speerpunten/inburgering/comments", json={
            "section": "ambitie", "body": "Na de ander."})
    finally:
        release.join()
        other.close()
    assert response.status_code == 201, response.json
    listed = writer.get("/speerpunten/inburgering/comments?section=ambitie&per_page=100").json
    assert response.json["id"] in [item["id"] for item in listed["items"]]
    with app.app_context():
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000


@contextmanager
def _speerpunt_held_by_another_writer(app, monkeypatch, slug: str):
    """Another transaction holds what a new comment on `slug` must write to, for longer
    than a request waits for it: SQLite's write lock, or the speerpunt's row on PostgreSQL."""
    with app.app_context():
        engine = db.engine
    if engine.url.get_backend_name() == "sqlite":
        import sqlite3

        from consult.core import database

        monkeypatch.setattr(database, "SQLITE_WRITE_WAIT_SECONDS", 0.2)
        other = sqlite3.connect(engine.url.database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.rollback()
            other.close()
        return

    # Requests wait a fifth of a second for a row lock, as a busy server waits for
    # PostgreSQL to find a deadlock.
    def impatient(dbapi_connection, _record):
        dbapi_connection.execute("SET lock_timeout = '200ms'")
        dbapi_connection.commit()  # a SET in a transaction rolled back would be undone

    engine.dispose()
    event.listen(engine, "connect", impatient)
    try:
        with engine.connect() as other:
            other.execute(text("SELECT id FROM speerpunten WHERE slug = :slug FOR UPDATE"),
                          {"slug": slug})
            yield
            other.rollback()
    finally:
        event.remove(engine, "connect", impatient)
        engine.dispose()


def test_a_write_the_database_keeps_waiting_is_refused_as_a_conflict(
        app, api, auth, client, monkeypatch):
    # Not a 500: the database refused for the moment, nothing was written, and the answer
    # says to try again (the API contract's 409 conflict, with Retry-After).
    writer = api("gemeente")
    before = writer.get("/speerpunten/inburgering/comments?per_page=100").json["total"]
    auth.login("gemeente")
    with _speerpunt_held_by_another_writer(app, monkeypatch, "inburgering"):
        refused = writer.post("/speerpunten/inburgering/comments", json={
            "section": "ambitie", "body": "Terwijl een ander schrijft."})
        page = client.post("/speerpunten/inburgering/reacties", data={
            "section": "ambitie", "body": "Ook via het formulier."})
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["code"] == "conflict"
    assert "probeer opnieuw" in refused.json["error"]["message"]
    assert refused.headers["Retry-After"] == "1"
    assert page.status_code == 409
    assert "Niet mogelijk" in page.get_data(as_text=True)
    assert "probeer opnieuw" in page.get_data(as_text=True)
    assert page.headers["Retry-After"] == "1"
    assert writer.get("/speerpunten/inburgering/comments?per_page=100").json["total"] == before
    # Once the other writer is done, the same request goes through.
    again = writer.post("/speerpunten/inburgering/comments", json={
        "section": "ambitie", "body": "Terwijl een ander schrijft."})
    assert again.status_code == 201, again.json
    assert writer.get("/speerpunten/inburgering/comments?per_page=100").json["total"] == before + 1


def _refusing_commit(refusal: Exception):
    def commit(self):
        raise OperationalError("COMMIT", {}, refusal)

    return commit


def _sqlite_error(message: str, code: int) -> Exception:
    import sqlite3

    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


def test_a_commit_refused_for_the_moment_is_a_conflict_and_any_other_failure_a_500(
        app, api, monkeypatch):
    import sqlite3

    from sqlalchemy.orm import Session

    writer = api("gemeente")
    before = writer.get("/speerpunten/inburgering/comments?per_page=100").json["total"]
    comment = {"section": "ambitie", "body": "Op het laatste moment geweigerd."}

    monkeypatch.setattr(Session, "commit", _refusing_commit(
        _sqlite_error("database is locked", sqlite3.SQLITE_BUSY)))
    refused = writer.post("/speerpunten/inburgering/comments", json=comment)
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["code"] == "conflict"
    assert refused.headers["Retry-After"] == "1"
    # The response made in place of the view's still carries the security headers.
    assert refused.headers["X-Frame-Options"] == "DENY"
    assert refused.headers["Cache-Control"] == "no-store"

    # A broken disk or connection is no collision: nobody knows whether it was written, and
    # trying again is no advice to give.
    monkeypatch.setattr(Session, "commit", _refusing_commit(
        _sqlite_error("disk I/O error", sqlite3.SQLITE_IOERR)))
    failed = writer.post("/speerpunten/inburgering/comments", json=comment)
    assert failed.status_code == 500
    assert failed.json["error"]["code"] == "internal_error"
    assert "Retry-After" not in failed.headers
    assert failed.headers["X-Frame-Options"] == "DENY"

    monkeypatch.undo()
    assert writer.get("/speerpunten/inburgering/comments?per_page=100").json["total"] == before
