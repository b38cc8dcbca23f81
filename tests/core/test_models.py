"""The database itself refuses data that breaks the model's rules."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from consult.accounts.models import User
from consult.extensions import db
from consult.organisations.models import Organisation, Tier
from consult.speerpunten.models import Responsibility, Speerpunt, Version


def _org(slug):
    return db.session.execute(sa.select(Organisation).where(Organisation.slug == slug)).scalar_one()


def _speerpunt(slug="wonen"):
    return db.session.execute(sa.select(Speerpunt).where(Speerpunt.slug == slug)).scalar_one()


def _expect_refused(statement, params=None):
    with pytest.raises((IntegrityError, StatementError)):
        with db.session.begin_nested():
            db.session.execute(sa.text(statement), params or {})


def test_database_refuses_a_municipality_as_responsible_ministry(ctx):
    delft = _org("gemeente-delft")
    wonen = _speerpunt()
    _expect_refused(
        "INSERT INTO responsibilities (speerpunt_id, organisation_id, organisation_tier, created_at)"
        " VALUES (:s, :o, 'rijk', CURRENT_TIMESTAMP)", {"s": wonen.id, "o": delft.id})
    _expect_refused(
        "INSERT INTO responsibilities (speerpunt_id, organisation_id, organisation_tier, created_at)"
        " VALUES (:s, :o, 'gemeente', CURRENT_TIMESTAMP)", {"s": wonen.id, "o": delft.id})


def test_database_refuses_changing_the_tier_of_a_responsible_ministry(ctx):
    ministry = _org("ocw")
    _expect_refused("UPDATE organisations SET tier = 'gemeente' WHERE id = :id", {"id": ministry.id})


def test_responsibility_is_unique_per_speerpunt_and_ministry(ctx):
    ministry = _org("vrom-wwi")
    wonen = _speerpunt()
    assert db.session.get(Responsibility, (wonen.id, ministry.id)) is not None
    _expect_refused(
        "INSERT INTO responsibilities (speerpunt_id, organisation_id, organisation_tier, created_at)"
        " VALUES (:s, :o, 'rijk', CURRENT_TIMESTAMP)", {"s": wonen.id, "o": ministry.id})


def test_version_numbers_are_unique_per_speerpunt_and_positive(ctx):
    wonen = _speerpunt()
    insert = ("INSERT INTO versions (speerpunt_id, number, kernprobleem, ambitie, rijk, gemeente,"
              " summary, created_at) VALUES (:s, :n, 'a', 'b', 'c', 'd', '', CURRENT_TIMESTAMP)")
    _expect_refused(insert, {"s": wonen.id, "n": 1})
    _expect_refused(insert, {"s": wonen.id, "n": 0})
    # The same number on another speerpunt is fine.
    other = _speerpunt("werken")
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Version)
                              .where(Version.speerpunt_id == other.id))
    assert count == 1


def test_database_refuses_unknown_enum_values(ctx):
    _expect_refused("UPDATE organisations SET tier = 'koninkrijk' WHERE slug = 'vng'")
    _expect_refused("UPDATE speerpunten SET phase = 'gesloten' WHERE slug = 'wonen'")
    _expect_refused("UPDATE users SET role = 'superuser' WHERE email = 'wethouder@demo.gia.nl'")


def test_database_refuses_bad_slugs_emails_and_duplicates(ctx):
    _expect_refused("UPDATE organisations SET slug = 'Met Spatie' WHERE slug = 'vng'")
    _expect_refused("UPDATE organisations SET slug = 'forum' WHERE slug = 'vng'")
    _expect_refused("UPDATE users SET email = 'Hoofdletters@Demo.nl' WHERE email = 'wethouder@demo.gia.nl'")
    _expect_refused("UPDATE users SET email = 'moderator@demo.gia.nl' WHERE email = 'wethouder@demo.gia.nl'")
    _expect_refused("UPDATE speerpunten SET position = 2 WHERE slug = 'inburgering'")


def test_timestamps_come_back_timezone_aware(ctx):
    user = db.session.execute(User.by_email("wethouder@demo.gia.nl")).scalar_one()
    assert user.created_at.tzinfo is not None
    assert _speerpunt().versions[0].created_at.tzinfo is not None


def test_seeded_reference_data_matches_the_brief(ctx):
    tiers = dict(db.session.execute(
        sa.select(Organisation.tier, sa.func.count()).group_by(Organisation.tier)).all())
    assert tiers[Tier.GEMEENTE] == 10
    assert tiers[Tier.PROVINCIE] == 13  # 12 provinces and IPO
    slugs = [sp.slug for sp in db.session.execute(Speerpunt.ordered()).scalars()]
    assert slugs == ["inburgering", "wonen", "onderwijs", "werken", "veiligheid",
                     "sociale-integratie", "actief-burgerschap", "emancipatie"]
    for speerpunt in db.session.execute(Speerpunt.ordered()).scalars():
        assert speerpunt.phase.value == "open"
        assert speerpunt.responsible_organisations, speerpunt.slug
        version = speerpunt.versions[0]
        for key, text in version.sections.items():
            assert len(text.split("\n\n")) >= 3, (speerpunt.slug, key)
    regions = db.session.scalar(sa.text("SELECT count(*) FROM regions"))
    assert regions == 7
