"""The person read through a Core statement is the object a query would have loaded."""

from sqlalchemy import inspect, select

from consult.accounts.models import User
from consult.accounts.operations import person_statement, read_person
from consult.extensions import db
from tests.conftest import ACTORS
from tests.core.test_query_counts import count_queries


def _read_person(email: str):
    users = User.__table__
    return read_person(person_statement().where(users.c.email == email), {})


def _database_values(email: str) -> dict:
    """The person's row, read apart from the session."""
    with db.engine.connect() as conn:
        return dict(conn.execute(select(User.__table__).where(
            User.__table__.c.email == email)).mappings().one())


def test_a_person_read_as_columns_is_loaded_like_a_query_loads_them(ctx):
    email = ACTORS["ministry"]
    user, more = _read_person(email)
    assert more == ()
    stored = _database_values(email)
    mapper = inspect(User)
    for attribute in mapper.column_attrs:
        assert getattr(user, attribute.key) == stored[attribute.columns[0].name], attribute.key
    assert user.organisation.slug and user.organisation.id == stored["organisation_id"]
    # In the session as a loaded object: found by its key without a statement, and unchanged.
    with count_queries(ctx) as statements:
        assert db.session.get(User, user.id) is user
        assert user.organisation.name
    assert statements == []
    assert user in db.session and not db.session.dirty and not db.session.is_modified(user)
    # Relationships not read along load on first use.
    assert isinstance(user.tokens, list)


def test_a_change_to_a_person_read_as_columns_is_written(ctx):
    email = ACTORS["gemeente"]
    user, _more = _read_person(email)
    user.function = "Wethouder integratie"
    assert db.session.is_modified(user)
    db.session.commit()
    assert _database_values(email)["function"] == "Wethouder integratie"


def test_a_person_already_in_the_session_is_kept_as_it_is(ctx):
    email = ACTORS["partner"]
    loaded = db.session.execute(User.by_email(email)).scalar_one()
    loaded.name = "Nog niet bewaard"
    user, _more = _read_person(email)
    assert user is loaded and user.name == "Nog niet bewaard"
