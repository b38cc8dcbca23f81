"""Database behaviour shared by every domain: SQLite pragmas and write locking."""

from __future__ import annotations

import sqlite3
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from consult.extensions import db

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below decide how transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 15000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("memory",):
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(conn):
    if conn.dialect.name != "sqlite":
        return
    # A SQLite transaction that reads first and writes later cannot upgrade its lock if
    # another writer went first. Requests that may write take the write lock up front,
    # so concurrent writers queue instead of failing or working on stale reads.
    writing = _write_intent.get() or (
        has_request_context() and request.method not in _SAFE_METHODS
    )
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class write_transaction:
    """Mark work outside a request (CLI, background jobs) as writing, for SQLite's lock."""

    def __enter__(self):
        self._token = _write_intent.set(True)
        return self

    def __exit__(self, *exc):
        _write_intent.reset(self._token)
        return False


def lock_row(model, object_id: int):
    """Load a row with a write lock (PostgreSQL) so concurrent writers serialise on it.

    The lock is FOR NO KEY UPDATE, not FOR UPDATE: no writer changes a row's key, and the
    weaker lock lets other transactions go on inserting rows that refer to it (a foreign key
    takes FOR KEY SHARE on the row it points at). With FOR UPDATE a support given while an
    amendment was accepted deadlocked: the support held the amendment's key share and waited
    for the speerpunt's revision, which the accept held while it waited for the amendment.

    On SQLite the whole database is already locked by BEGIN IMMEDIATE.
    """
    statement = select(model).where(model.id == object_id).execution_options(
        populate_existing=True
    )
    if db.session.get_bind().dialect.name != "sqlite":
        statement = statement.with_for_update(key_share=True)
    return db.session.execute(statement).scalar_one()
