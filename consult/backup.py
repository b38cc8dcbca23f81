"""Dumping the whole installation to one portable file, and loading it into an empty database.

The file is gzip-compressed JSON lines: a header line, then for every table of the metadata
(parents before children) a line naming the table and its columns followed by one line per row,
a JSON list of values. Timestamps are ISO 8601 with their zone, dates ISO 8601, bytes an object
{"$b64": ...}; everything else is plain JSON. The same file loads into SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import enum
import gzip
import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from consult.core.database import write_transaction
from consult.extensions import db

FORMAT = "consult-dump"
VERSION = 1
BATCH_SIZE = 1000


class BackupError(Exception):
    """A dump or load that cannot go ahead; the message is meant for the operator."""


# -- values -------------------------------------------------------------------------------


def _python_type(column: sa.Column):
    kind = column.type
    while isinstance(kind, sa.TypeDecorator):
        kind = kind.impl_instance
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def _encode(value):
    if value is None or isinstance(value, (bool, int, float, str, dict, list)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write a value of type {type(value).__name__} to a dump")


def _decoder(column: sa.Column):
    """The function that turns a dumped value back into what the column takes."""
    kind = _python_type(column)
    if isinstance(column.type, sa.JSON):
        return None
    if kind is datetime:
        def decode(value):
            parsed = datetime.fromisoformat(value)
            # A zone-aware column gets a zone-aware value; UTC when the dump held none.
            if parsed.tzinfo is None and getattr(column.type, "timezone", False):
                parsed = parsed.replace(tzinfo=UTC)
            return parsed
        return decode
    if kind is date:
        return date.fromisoformat
    if kind is time:
        return time.fromisoformat
    if kind is Decimal:
        return Decimal
    if kind is bytes:
        return lambda value: base64.b64decode(value["$b64"])
    return None


# -- dump ---------------------------------------------------------------------------------


def _schema_revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _snapshot_connection() -> Connection:
    """A connection whose reads all see one moment of the database."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        return conn
    # SQLite: the engine hook begins a (deferred) transaction; in WAL mode its first read fixes
    # the snapshot that every later read in the transaction sees.
    conn = engine.connect()
    conn.begin()
    return conn


def _line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def dump(path: str | os.PathLike) -> dict[str, int]:
    """Write every table of the database, read in one transaction, to a gzip JSON-lines file
    at path (via path.tmp, renamed when complete), and return the number of rows per table."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    counts: dict[str, int] = {}
    try:
        with _snapshot_connection() as conn, gzip.open(tmp, "wt", encoding="utf-8") as out:
            revision = _schema_revision(conn)
            if revision is None:
                raise BackupError("Deze database heeft geen schema; er valt niets te bewaren.")
            out.write(_line({"format": FORMAT, "version": VERSION, "schema_revision": revision,
                             "created_at": datetime.now(UTC).isoformat()}))
            for table in db.metadata.sorted_tables:
                columns = list(table.columns)
                out.write(_line({"table": table.name, "columns": [c.name for c in columns]}))
                statement = (sa.select(*columns).order_by(*table.primary_key.columns)
                             .execution_options(yield_per=BATCH_SIZE))
                result = conn.execute(statement)
                count = 0
                for row in result:
                    out.write(_line([_encode(value) for value in row]))
                    count += 1
                counts[table.name] = count
            conn.rollback()
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"Kan {path} niet schrijven: {exc.strerror or exc}.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return counts


# -- load ---------------------------------------------------------------------------------


def _read_lines(path: Path) -> Iterator:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            for line in source:
                yield json.loads(line)
    except FileNotFoundError:
        raise BackupError(f"Het bestand {path} bestaat niet.") from None
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is geen leesbare consult-dump ({exc}).") from None


def _postponed_columns(tables: list[sa.Table]) -> dict[str, list[str]]:
    """Per table, the nullable columns that refer to its own or a later table (a cycle the
    insertion order cannot satisfy): loaded as NULL first and filled in at the end, together
    with any nullable column a CHECK constraint ties to them."""
    position = {table.name: n for n, table in enumerate(tables)}
    postponed: dict[str, list[str]] = {}
    for table in tables:
        names: list[str] = []
        for fk in table.foreign_keys:
            column = fk.parent
            if (position[fk.column.table.name] >= position[table.name] and column.nullable
                    and not column.primary_key and column.name not in names):
                names.append(column.name)
        if not names:
            continue
        for constraint in table.constraints:
            if not isinstance(constraint, sa.CheckConstraint):
                continue
            text = str(constraint.sqltext)
            if any(re.search(rf"\b{re.escape(name)}\b", text) for name in names):
                for column in table.columns:
                    if (column.nullable and not column.primary_key and column.name not in names
                            and re.search(rf"\b{re.escape(column.name)}\b", text)):
                        names.append(column.name)
        postponed[table.name] = names
    return postponed


def _check_target(conn: Connection, revision: str) -> None:
    current = _schema_revision(conn)
    if current is None:
        raise BackupError("Deze database heeft nog geen schema. Voer eerst `consult init-db` uit.")
    if current != revision:
        raise BackupError(f"De dump is van schemaversie {revision}, deze database van {current}. "
                          "Breng beide naar dezelfde versie (`consult init-db`) en probeer opnieuw.")
    for table in db.metadata.sorted_tables:
        rows = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        if rows:
            raise BackupError(f"De database is niet leeg: tabel {table.name} heeft {rows} "
                              f"{'rij' if rows == 1 else 'rijen'}. "
                              "Laden kan alleen in een lege database.")


def load(path: str | os.PathLike) -> dict[str, int]:
    """Insert every row of a dump, in one transaction, into an empty database at the dump's
    schema revision, refusing anything else, and return the number of rows per table."""
    path = Path(path)
    lines = _read_lines(path)
    header = next(lines, None)
    if not (isinstance(header, dict) and header.get("format") == FORMAT):
        raise BackupError(f"{path} is geen consult-dump.")
    if header.get("version") != VERSION:
        raise BackupError(f"{path} heeft dumpformaat {header.get('version')}; "
                          f"deze versie van Consult leest formaat {VERSION}.")
    tables = db.metadata.sorted_tables
    by_name = {table.name: table for table in tables}
    postponed = _postponed_columns(tables)
    counts: dict[str, int] = {}
    # Per table: (primary key names, later values as dicts with the key) for the cyclic columns.
    fill_in: dict[str, list[dict]] = {}

    with write_transaction(), db.engine.connect() as conn:
        with conn.begin():
            _check_target(conn, header.get("schema_revision"))

            table = None
            names: list[str] = []
            decoders: list = []
            later: list[str] = []
            batch: list[dict] = []

            def flush():
                if batch:
                    conn.execute(table.insert(), batch)
                    batch.clear()

            for item in lines:
                if isinstance(item, dict):
                    flush()
                    table = by_name.get(item.get("table"))
                    if table is None:
                        raise BackupError(f"De dump bevat een onbekende tabel {item.get('table')}.")
                    names = list(item.get("columns") or [])
                    if sorted(names) != sorted(table.columns.keys()):
                        raise BackupError(f"De kolommen van tabel {table.name} in de dump "
                                          "passen niet bij deze database.")
                    decoders = [_decoder(table.columns[name]) for name in names]
                    later = postponed.get(table.name, [])
                    counts[table.name] = 0
                    continue
                if table is None or not isinstance(item, list) or len(item) != len(names):
                    raise BackupError(f"{path} is beschadigd: een rij zonder passende tabel.")
                row = {
                    name: (decode(value) if decode is not None and value is not None else value)
                    for name, decode, value in zip(names, decoders, item, strict=True)
                }
                if later and any(row[name] is not None for name in later):
                    key = {f"pk_{c.name}": row[c.name] for c in table.primary_key.columns}
                    fill_in.setdefault(table.name, []).append(
                        key | {f"v_{name}": row[name] for name in later})
                    for name in later:
                        row[name] = None
                batch.append(row)
                counts[table.name] += 1
                if len(batch) >= BATCH_SIZE:
                    flush()
            flush()

            for name, updates in fill_in.items():
                target = by_name[name]
                columns = postponed[name]
                statement = (
                    target.update()
                    .where(*(c == sa.bindparam(f"pk_{c.name}") for c in target.primary_key.columns))
                    .values({column: sa.bindparam(f"v_{column}") for column in columns})
                )
                for start in range(0, len(updates), BATCH_SIZE):
                    conn.execute(statement, updates[start:start + BATCH_SIZE])

            if conn.dialect.name == "postgresql":
                for target in tables:
                    if "id" in target.c and isinstance(target.c.id.type, sa.Integer):
                        conn.execute(sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{target.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM \"{target.name}\"), 0) + 1, false)"
                        ))
    return counts
