"""Database behaviour shared by every domain: SQLite pragmas, write locking, how reads and
writes begin, and pooled connections tested after sitting idle."""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, g, has_request_context, request
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session

from consult.extensions import db

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)
_background: ContextVar[bool] = ContextVar("background", default=False)


# How long a statement waits for a lock SQLite's own way (a writer waits for the write lock
# in _take_sqlite_write_lock).
SQLITE_BUSY_TIMEOUT_MS = 15000


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below decide how transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("memory",):
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _visitor_request() -> str | None:
    """The method of the visitor's request the work is done for, if any."""
    if _background.get() or not has_request_context():
        return None
    return request.method


def reading() -> bool:
    """Whether the work at hand only reads: a visitor's GET (or HEAD, OPTIONS) request, outside
    any write_transaction, or the answer to a request whose write the database refused. Such
    a request writes nothing but the note of an API token's use."""
    if _write_intent.get():
        return False
    method = _visitor_request()
    return method in _SAFE_METHODS or (method is not None and _answering_only())


def _writing() -> bool:
    if _write_intent.get():
        return True
    method = _visitor_request()
    return method is not None and method not in _SAFE_METHODS and not _answering_only()


_ANSWERING_ONLY = "consult_answering_only"


def answer_without_writing() -> None:
    """What is left of this request only reads: the page or error that answers a write the
    database refused (on SQLite, waiting for the write lock again would fail again)."""
    g.setdefault(_ANSWERING_ONLY, True)


def _answering_only() -> bool:
    return g.get(_ANSWERING_ONLY, False)


# Marks a PostgreSQL connection put in autocommit for a read, to be taken out of it again.
_READ_AUTOCOMMIT = "consult.read_autocommit"


@event.listens_for(Engine, "begin")
def _begin(conn):
    if conn.dialect.name == "sqlite":
        # A SQLite transaction that reads first and writes later cannot upgrade its lock if
        # another writer went first. Requests that may write take the write lock up front,
        # so concurrent writers queue instead of failing or working on stale reads.
        if _writing():
            _take_sqlite_write_lock(conn.connection.dbapi_connection)
        else:
            conn.exec_driver_sql("BEGIN")
    elif conn.dialect.name == "postgresql":
        # A read runs without BEGIN and ROLLBACK: two round trips of the four or five a page
        # needs. It sees what it would have seen in a transaction, for under READ COMMITTED
        # every statement takes its own snapshot anyway. Everything else (every write
        # request, the command line, the workers) gets its transaction as always.
        record = conn.connection
        dbapi_connection = record.dbapi_connection
        if reading():
            if not dbapi_connection.autocommit:
                dbapi_connection.autocommit = True
                record.info[_READ_AUTOCOMMIT] = True
        elif record.info.pop(_READ_AUTOCOMMIT, False):
            dbapi_connection.autocommit = False


# How long a writer waits for SQLite's write lock, and how often it looks again meanwhile.
SQLITE_WRITE_WAIT_SECONDS = 15.0
SQLITE_WRITE_POLL_SECONDS = 0.0005


def _take_sqlite_write_lock(dbapi_connection) -> None:
    """BEGIN IMMEDIATE, waiting for another writer to finish by looking every half
    millisecond. SQLite's own busy handler waits 1, 2, 5, 10, 15, 20, 25... milliseconds
    between tries: a write of two milliseconds behind another one waited ten, and comment
    posts from two processes spent most of their time asleep (p95 62-77 ms)."""
    deadline = time.monotonic() + SQLITE_WRITE_WAIT_SECONDS
    dbapi_connection.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _sqlite_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise
            time.sleep(SQLITE_WRITE_POLL_SECONDS)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")


def _sqlite_busy(error: sqlite3.Error) -> bool:
    """SQLite's "database is locked": another connection holds the lock asked for."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY


# PostgreSQL's codes for a transaction ended because of other transactions:
# serialization_failure, deadlock_detected, lock_not_available.
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def transient(error: Exception) -> bool:
    """Whether the database refused because of other transactions at this moment (the same
    request may go through a moment later), from a DBAPI error or SQLAlchemy's wrapper."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error):
        return _sqlite_busy(original)
    return getattr(original, "sqlstate", None) in _TRANSIENT_SQLSTATES


@event.listens_for(Session, "before_flush")
def _refuse_writes_in_reads(session, _flush_context, _instances):
    # A read used to be rolled back at its end; on PostgreSQL it now commits each statement
    # as it goes. A read that changes objects is a mistake either way: refuse it loudly.
    if not reading():
        return
    changed = [*session.new, *session.deleted, *(
        obj for obj in session.dirty if session.is_modified(obj, include_collections=False))]
    if changed:
        raise RuntimeError(f"{request.method} {request.path} tried to write "
                           f"{sorted({type(obj).__name__ for obj in changed})}")


@contextmanager
def _marked(flag: ContextVar[bool]) -> Iterator[None]:
    token = flag.set(True)
    try:
        yield
    finally:
        flag.reset(token)


def write_transaction():
    """Mark work outside a request (CLI, background jobs) as writing, for SQLite's lock."""
    return _marked(_write_intent)


def background_work():
    """Mark work done for nobody's request (the export worker) though it runs inside a request
    context made for building links: its transactions are its own business."""
    return _marked(_background)


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


class _ColumnsWhenRead(Sequence):
    """A psycopg cursor's description, its columns built when someone reads them.

    psycopg builds a Python object per column every time `description` is asked for; SQLAlchemy
    asks after every statement but, for a statement it has run before, only looks whether
    there is a description (it keeps the columns it read the first time). For the API token's
    statement (24 columns) that building was an eighth of the statement's time."""

    __slots__ = ("_at", "_count", "_columns")

    def __init__(self, cursor, result):
        self._at = _CursorAt(cursor, result)
        self._count = result.nfields
        self._columns = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if self._columns is None:
            import psycopg

            self._columns = [psycopg.Column(self._at, i) for i in range(self._count)]
        return self._columns[index]


class _CursorAt:
    """The cursor as it was at one result, should it have moved on to the next."""

    __slots__ = ("_cursor", "pgresult")

    def __init__(self, cursor, result):
        self._cursor = cursor
        self.pgresult = result

    def __getattr__(self, name):
        return getattr(self._cursor, name)


@functools.cache
def _cursor_class():
    import psycopg
    from psycopg.pq import ExecStatus

    with_rows = {ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK}

    class Cursor(psycopg.Cursor):
        @property
        def description(self):
            result = self.pgresult
            # As psycopg decides it: a result with columns, or one that said it has rows.
            if result and (result.nfields or result.status in with_rows):
                return _ColumnsWhenRead(self, result)
            return None

    return Cursor


# A pooled PostgreSQL connection that sat unused this long is tested before it is used again
# (the server may have restarted or dropped it meanwhile). One in steady use is not: testing
# on every checkout cost a round trip per request.
PING_AFTER_IDLE_SECONDS = 1.0
_IDLE_SINCE = "consult.idle_since"


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        return
    cursor_class = _cursor_class()

    @event.listens_for(engine, "connect")
    def _describe_when_read(dbapi_connection, record):
        dbapi_connection.cursor_factory = cursor_class

    @event.listens_for(engine.pool, "checkin")
    def _note_idle(dbapi_connection, record):
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _ping_if_idle(dbapi_connection, record, proxy):
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool drops this connection and checks out another (a new one if need be).
            raise DisconnectionError() from exc
