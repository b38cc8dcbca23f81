"""The benchmark's data generator keeps up with the schema: at a tiny scale it writes the
national numbers of organisations, a consultation whose rows satisfy every constraint and
relation the application relies on, and the same rows again for the same seed."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from bench.generate import (
    BENCH_ACCOUNTS,
    BENCH_PASSWORD,
    BIG_SECTION,
    BIG_SPEERPUNT,
    GEMEENTEN,
    MINISTRIES,
    PARTNERS,
    Plan,
    generate,
)
from consult import create_app
from consult.accounts import operations as accounts
from consult.accounts.models import User
from consult.amendments.models import Amendment, Response
from consult.comments.models import Comment
from consult.core.database import write_transaction
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.search import queries as search
from consult.search.models import SearchEntry
from consult.speerpunten.models import Responsibility, Speerpunt, Version
from tests.conftest import base_config

PLAN = Plan.of(scale=0.01, seed=7, anchor=date(2026, 3, 1))


def quietly(*_args) -> None:
    pass


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def fingerprint() -> str:
    """A hash of every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa.select(table).order_by(*table.primary_key.columns))
        for row in rows:
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_generator_writes_national_organisations_and_a_consistent_consultation(ctx):
    users_before = count(User)
    # The generator writes on its own connection; end this session's read transaction so
    # that it sees what was written (on SQLite it would keep reading its snapshot).
    db.session.rollback()
    generate(PLAN, log=quietly)

    tiers = dict(db.session.execute(
        sa.select(Organisation.tier, sa.func.count()).group_by(Organisation.tier)).all())
    assert tiers["gemeente"] == GEMEENTEN
    assert tiers["rijk"] == MINISTRIES
    assert tiers["partner"] == PARTNERS
    assert count(Organisation, Organisation.slug.like("provincie-%")) == 12
    assert count(User) == users_before + PLAN.users

    speerpunten = db.session.execute(sa.select(Speerpunt)).scalars().all()
    for speerpunt in speerpunten:
        numbers = db.session.execute(sa.select(Version.number).where(
            Version.speerpunt_id == speerpunt.id).order_by(Version.number)).scalars().all()
        assert numbers == list(range(1, PLAN.versions_per_speerpunt + 1))
        assert speerpunt.current_version == PLAN.versions_per_speerpunt
        statuses = set(db.session.execute(sa.select(Amendment.status).where(
            Amendment.speerpunt_id == speerpunt.id)).scalars())
        assert {s.value for s in statuses} == {"pending", "accepted", "rejected", "withdrawn"}
        assert count(Comment, Comment.speerpunt_id == speerpunt.id) >= \
            PLAN.comments_per_speerpunt

    # Every accepted amendment wrote the version it names, and that version names it back.
    for amendment, version in db.session.execute(
            sa.select(Amendment, Version).outerjoin(Version, sa.and_(
                Version.speerpunt_id == Amendment.speerpunt_id,
                Version.number == Amendment.result_version))
            .where(Amendment.status == "accepted")):
        assert version is not None and version.amendment_id == amendment.id
        assert version.changed_sections == amendment.section
        assert amendment.base_version < version.number

    # Replies stay in their parent's thread and come after it.
    comments = {c.id: c for c in db.session.execute(sa.select(Comment)).scalars()}
    for comment in comments.values():
        assert comment.version_number >= 1
        if comment.parent_id is not None:
            parent = comments[comment.parent_id]
            assert (parent.speerpunt_id, parent.section, parent.amendment_id) == \
                (comment.speerpunt_id, comment.section, comment.amendment_id)
            assert parent.created_at <= comment.created_at

    # Formal responses come from ministries responsible for the speerpunt.
    responsible = defaultdict(set)
    for speerpunt_id, org_id in db.session.execute(
            sa.select(Responsibility.speerpunt_id, Responsibility.organisation_id)):
        responsible[speerpunt_id].add(org_id)
    for response, speerpunt_id in db.session.execute(
            sa.select(Response, Amendment.speerpunt_id).join(Amendment)):
        assert response.organisation_id in responsible[speerpunt_id]

    big = db.session.execute(sa.select(Speerpunt).where(Speerpunt.slug == BIG_SPEERPUNT)
                             ).scalar_one()
    current = db.session.execute(Version.of(big, big.current_version)).scalar_one()
    assert len(current.section(BIG_SECTION).split()) >= 4500

    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(sa.text("PRAGMA foreign_key_check")).all() == []

    # The search index holds the bulk-written rows, and finds them.
    assert count(SearchEntry, SearchEntry.kind == "comment") == len(comments)
    with write_transaction():
        participant = accounts.authenticate(BENCH_ACCOUNTS["participant"], BENCH_PASSWORD)
        assert participant is not None
        for role in ("moderator", "ministry"):
            assert accounts.authenticate(BENCH_ACCOUNTS[role], BENCH_PASSWORD) is not None
        db.session.rollback()
    hits, total = search.search(participant, "inburgering", search.Filters(), 1, 10)
    assert total > 0 and hits


def test_the_same_seed_writes_the_same_rows(app, template, tmp_path):
    with app.app_context():
        generate(PLAN, log=quietly)
        first = fingerprint()
    if template.backend == "sqlite":
        again = tmp_path / "again"
        again.mkdir()
        other = create_app(base_config(template.fresh_url(again)))
    else:
        # One PostgreSQL test database: start it over from the seeded state instead.
        other = app
        with app.app_context():
            template.reset(app)
    with other.app_context():
        generate(PLAN, log=quietly)
        assert fingerprint() == first
        db.session.remove()
        if other is not app:
            db.engine.dispose()
