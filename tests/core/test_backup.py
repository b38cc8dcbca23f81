"""consult dump / consult load: a portable backup that moves an installation between databases.

These tests build their own databases (a SQLite source, throw-away PostgreSQL databases on the
server of CONSULT_TEST_POSTGRES_URL), so they run once rather than once per backend.
"""

from __future__ import annotations

import gzip
import json
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from consult import backup, create_app
from consult.core.database import write_transaction
from consult.extensions import db
from tests.conftest import ACTORS, IN_CI, POSTGRES_URL, _pg_url, base_config
from tests.helpers import Api, replace_once, section_text


@pytest.fixture
def postgres():
    """Makes empty PostgreSQL databases on the test server; drops them afterwards."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CI must run the PostgreSQL tests: set CONSULT_TEST_POSTGRES_URL")
        pytest.skip("PostgreSQL not configured: set CONSULT_TEST_POSTGRES_URL to run these")
    server = sa.make_url(_pg_url(POSTGRES_URL)).set(database="postgres")
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"consult_backup_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _app(url: str, revision: str | None = "head"):
    app = create_app(base_config(url))
    if revision:
        with app.app_context():
            upgrade(revision=revision)
    return app


def _close(*apps) -> None:
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _rows(app) -> dict[str, list[tuple]]:
    with app.app_context():
        return {
            table.name: [tuple(row) for row in db.session.execute(
                sa.select(table).order_by(*table.primary_key.columns))]
            for table in db.metadata.sorted_tables
        }


def _counts(app) -> dict[str, int]:
    return {name: len(rows) for name, rows in _rows(app).items()}


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["consult", *args])


def _seed(app, discussion: bool = True) -> None:
    from consult.seed.operations import (
        seed_demo_accounts,
        seed_demo_discussion,
        seed_reference_data,
    )

    with app.app_context(), write_transaction():
        seed_reference_data()
        seed_demo_accounts()
        if discussion:
            seed_demo_discussion()
        db.session.commit()


def _api(app, client, who: str) -> Api:
    from consult.accounts import operations
    from consult.accounts.models import User

    with app.app_context():
        user = db.session.execute(User.by_email(ACTORS[who])).scalar_one()
        _token, secret = operations.create_token(user, "test")
        db.session.commit()
    return Api(client, {"Authorization": f"Bearer {secret}"})


def _rich_source(tmp_path):
    """A SQLite installation with every kind of data the cycles and types make interesting."""
    from consult.knowledge import operations as knowledge
    from consult.knowledge.models import KnowledgeAnswer, KnowledgeQuestion
    from tests.knowledge.samples import _user, knowledge_samples

    app = _app(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    _seed(app)
    client = app.test_client()
    api = {who: _api(app, client, who) for who in ("gemeente", "provincie", "partner",
                                                  "ministry", "moderator")}

    first = api["gemeente"].post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Kleine gemeenten missen hier de *regionale* aanpak."})
    assert first.status_code == 201, first.json
    reply = api["provincie"].post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Eens, en de provincie wil meedenken.",
        "parent_id": first.json["id"]})
    assert reply.status_code == 201, reply.json
    api["partner"].post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Ook de VNG heeft hier ideeën over — “zeker”.",
        "parent_id": reply.json["id"]})
    rude = api["partner"].post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Dit hoort hier niet."}).json["id"]
    hidden = api["moderator"].post(f"/comments/{rude}/hide", json={"reason": "Buiten de orde."})
    assert hidden.status_code == 200, hidden.json

    old = section_text(api["gemeente"], "wonen", "gemeente")
    sentence = old.split(". ")[0]
    proposals = []
    for n, who in enumerate(["gemeente", "provincie"]):
        response = api[who].post("/speerpunten/wonen/amendments", json={
            "section": "gemeente", "base_version": 1,
            "text": replace_once(old, sentence, sentence + f" samen met de regio {n}"),
            "rationale": "Wonen houdt niet op bij de gemeentegrens."})
        assert response.status_code == 201, response.json
        proposals.append(response.json["id"])
    api["partner"].post(f"/amendments/{proposals[0]}/support")
    api["provincie"].post(f"/amendments/{proposals[0]}/support")
    responded = api["ministry"].post(f"/amendments/{proposals[0]}/responses", json={
        "position": "partial", "body": "Het rijk neemt dit mee."})
    assert responded.status_code == 201, responded.json
    api["gemeente"].post("/speerpunten/wonen/comments", json={
        "section": "gemeente", "body": "Over dit amendement.", "amendment_id": proposals[0]})
    accepted = api["moderator"].post(f"/amendments/{proposals[0]}/decision",
                                     json={"decision": "accept", "reason": "Goed."})
    assert accepted.status_code == 200, accepted.json

    samples = knowledge_samples(app)
    with app.app_context(), write_transaction():
        question = db.session.get(KnowledgeQuestion, samples["question_id"])
        answer = db.session.get(KnowledgeAnswer, samples["answer_id"])
        knowledge.mark_helpful(_user(ACTORS["gemeente"]), question, answer)
        db.session.commit()
    return app


def test_round_trip_sqlite_postgresql_sqlite_keeps_every_row(tmp_path, postgres):
    source = _rich_source(tmp_path)
    original = _rows(source)
    for table in ("comments", "amendments", "supports", "responses", "versions", "audit_log",
                  "practice_attachments", "knowledge_questions", "knowledge_answers"):
        assert original[table], table
    assert any(row.parent_id for row in _rows_named(source, "comments"))
    assert any(row.amendment_id for row in _rows_named(source, "versions"))
    assert any(row.accepted_answer_id for row in _rows_named(source, "knowledge_questions"))
    assert any(row.status.value == "hidden" for row in _rows_named(source, "comments"))

    first = tmp_path / "eerste.consult.gz"
    result = _cli(source, "dump", str(first))
    assert result.exit_code == 0, result.output
    total = sum(len(rows) for rows in original.values())
    assert result.output.strip() == (
        f"{total:,}".replace(",", ".")
        + f" rijen uit {len(original)} tabellen geschreven naar {first}")
    assert not first.with_name(first.name + ".tmp").exists()

    pg = _app(postgres())
    result = _cli(pg, "load", str(first))
    assert result.exit_code == 0, result.output
    assert "geladen uit" in result.output
    assert _rows(pg) == original

    # The sequences continue after the loaded ids: new rows can be written.
    with pg.app_context():
        from consult.accounts import operations
        from consult.accounts.models import User

        user = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        operations.create_token(user, "na het laden")
        db.session.commit()
        db.session.execute(sa.text("DELETE FROM api_tokens WHERE name = 'na het laden'"))
        db.session.commit()

    second = tmp_path / "tweede.consult.gz"
    assert _cli(pg, "dump", str(second)).exit_code == 0
    final = _app(f"sqlite:///{tmp_path / 'final.sqlite3'}")
    result = _cli(final, "load", str(second))
    assert result.exit_code == 0, result.output
    assert _rows(final) == original
    with final.app_context():
        content = db.session.execute(sa.text("SELECT content FROM practice_attachments")).scalar()
    assert content.startswith(b"%PDF-")
    _close(source, pg, final)


def _rows_named(app, table_name: str):
    with app.app_context():
        table = db.metadata.tables[table_name]
        return db.session.execute(sa.select(table)).all()


def test_the_file_is_gzip_json_lines_with_a_header(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    _seed(app, discussion=False)
    target = tmp_path / "backup.gz"
    counts = backup_dump(app, target)
    with gzip.open(target, "rt", encoding="utf-8") as source:
        lines = [json.loads(line) for line in source]
    header = lines[0]
    assert header["format"] == "consult-dump" and header["version"] == 1
    with app.app_context():
        revision = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    assert header["schema_revision"] == revision
    assert header["created_at"].endswith("+00:00")
    tables = [line["table"] for line in lines if isinstance(line, dict) and "table" in line]
    assert tables == [table.name for table in db.metadata.sorted_tables]
    assert len([line for line in lines if isinstance(line, list)]) == sum(counts.values())
    assert counts["users"] == len(ACTORS)
    _close(app)


def backup_dump(app, target):
    with app.app_context():
        return backup.dump(target)


def test_loading_into_a_database_that_is_not_empty_is_refused(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    _seed(app, discussion=False)
    dumped = tmp_path / "backup.gz"
    assert _cli(app, "dump", str(dumped)).exit_code == 0
    before = _rows(app)

    result = _cli(app, "load", str(dumped))
    assert result.exit_code != 0
    assert result.stdout == ""
    # The first table (parents first) that has rows is named.
    name, rows = next((name, rows) for name, rows in before.items() if rows)
    assert (f"De database is niet leeg: tabel {name} heeft {len(rows)} rijen. "
            "Laden kan alleen in een lege database.") in result.stderr
    assert _rows(app) == before

    # One row anywhere is enough to refuse, and nothing of the dump is written.
    other = _app(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    with other.app_context():
        db.session.execute(sa.text(
            "INSERT INTO regions (slug, name, position) VALUES ('noord', 'Noord', 1)"))
        db.session.commit()
    result = _cli(other, "load", str(dumped))
    assert result.exit_code != 0
    assert "tabel regions heeft 1 rij." in result.stderr
    assert sum(_counts(other).values()) == 1
    _close(app, other)


def test_loading_into_another_schema_revision_or_no_schema_is_refused(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    _seed(app, discussion=False)
    dumped = tmp_path / "backup.gz"
    assert _cli(app, "dump", str(dumped)).exit_code == 0
    with app.app_context():
        head = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    older = _app(f"sqlite:///{tmp_path / 'older.sqlite3'}", revision="0001")
    result = _cli(older, "load", str(dumped))
    assert result.exit_code != 0
    assert f"De dump is van schemaversie {head}, deze database van 0001." in result.stderr
    with older.app_context():
        assert db.session.execute(sa.text("SELECT count(*) FROM regions")).scalar() == 0

    bare = _app(f"sqlite:///{tmp_path / 'bare.sqlite3'}", revision=None)
    result = _cli(bare, "load", str(dumped))
    assert result.exit_code != 0
    assert "Voer eerst `consult init-db` uit" in result.stderr

    not_a_dump = tmp_path / "iets.gz"
    not_a_dump.write_bytes(b"geen gzip")
    result = _cli(bare, "load", str(not_a_dump))
    assert result.exit_code != 0 and "geen leesbare consult-dump" in result.stderr
    assert _cli(bare, "load", str(tmp_path / "weg.gz")).exit_code != 0
    _close(app, older, bare)


def test_a_failed_dump_leaves_no_file(tmp_path, monkeypatch):
    app = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    _seed(app, discussion=False)
    result = _cli(app, "dump", str(tmp_path / "bestaat-niet" / "backup.gz"))
    assert result.exit_code != 0 and "niet schrijven" in result.stderr

    def broken(value):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(backup, "_encode", broken)
    target = tmp_path / "backup.gz"
    with pytest.raises(RuntimeError):
        backup_dump(app, target)
    assert list(tmp_path.glob("backup.gz*")) == []
    _close(app)


def _dump_while_another_connection_writes(app, target, monkeypatch) -> dict[str, int]:
    """Dump, and once the dump has begun reading, add a region and an organisation in it."""
    written = []
    real_line = backup._line

    def line_then_write(obj):
        if isinstance(obj, dict) and obj.get("table") == "milestones" and not written:
            other = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
            with other.begin() as conn:
                region = conn.execute(sa.text(
                    "INSERT INTO regions (slug, name, position) VALUES ('tijdens', 'Tijdens', 99) "
                    "RETURNING id")).scalar_one()
                conn.execute(sa.text(
                    "INSERT INTO organisations (slug, name, tier, region_id) "
                    "VALUES ('gemeente-tijdens', 'Gemeente Tijdens', 'gemeente', :region)"),
                    {"region": region})
            other.dispose()
            written.append(True)
        return real_line(obj)

    monkeypatch.setattr(backup, "_line", line_then_write)
    counts = backup_dump(app, target)
    assert written
    return counts


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_dump_is_one_moment_even_while_others_write(kind, tmp_path, monkeypatch, request):
    url = (request.getfixturevalue("postgres")() if kind == "postgresql"
           else f"sqlite:///{tmp_path / 'a.sqlite3'}")
    app = _app(url)
    _seed(app, discussion=False)
    before = _counts(app)
    target = tmp_path / "backup.gz"
    counts = _dump_while_another_connection_writes(app, target, monkeypatch)
    assert counts == before
    after = _counts(app)
    assert after["regions"] == before["regions"] + 1
    assert after["organisations"] == before["organisations"] + 1
    with gzip.open(target, "rt", encoding="utf-8") as source:
        assert "tijdens" not in source.read()
    _close(app)
