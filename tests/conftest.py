"""Test fixtures: every test runs once on SQLite and once on PostgreSQL.

PostgreSQL runs when CONSULT_TEST_POSTGRES_URL names a database that the tests may wipe;
without it those tests are skipped with a visible reason, except in CI, where a missing
PostgreSQL fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from consult import create_app
from consult.core.database import write_transaction
from consult.extensions import db

POSTGRES_URL = os.environ.get("CONSULT_TEST_POSTGRES_URL", "")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BACKENDS = ["sqlite", "postgresql"]


def _pg_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def base_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_FAST": True,
        # Two-factor sign-in has its own tests; elsewhere moderators sign in with a password.
        "CONSULT_REQUIRE_2FA": False,
        # Tests sign in far more often than people do; the limits have tests of their own.
        "CONSULT_RATELIMIT_SIGNIN": "10000 per minute",
        "CONSULT_RATELIMIT_SIGNIN_ACCOUNT": "10000 per minute",
        "CONSULT_RATELIMIT_API_WRITE": "10000 per minute",
        # Every test run counts its own rate limits, also when they live in Redis.
        "RATELIMIT_KEY_PREFIX": "test-" + os.environ.get("CONSULT_TEST_RATELIMIT_PREFIX", uuid.uuid4().hex),
        "SERVER_NAME": None,
    }


class Template:
    """A migrated and seeded database that each test starts from."""

    def __init__(self, backend: str, tmp_path: Path):
        self.backend = backend
        if backend == "sqlite":
            self.template_file = tmp_path / "template.sqlite3"
            self.url = f"sqlite:///{self.template_file}"
        else:
            self.url = _pg_url(POSTGRES_URL)
        self.snapshot: dict[str, list[dict]] = {}

    def build(self) -> None:
        if self.backend == "postgresql":
            engine = sa.create_engine(self.url)
            with engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
            engine.dispose()
        app = create_app(base_config(self.url))
        with app.app_context():
            upgrade()
            from consult.seed.operations import seed_demo_accounts, seed_reference_data

            with write_transaction():
                seed_reference_data()
                seed_demo_accounts()
                db.session.commit()
            if self.backend == "postgresql":
                for table in db.metadata.sorted_tables:
                    rows = db.session.execute(sa.select(table)).mappings().all()
                    self.snapshot[table.name] = [dict(row) for row in rows]
            db.session.remove()
            db.engine.dispose()

    def fresh_url(self, tmp_path: Path) -> str:
        if self.backend == "sqlite":
            target = tmp_path / f"test-{uuid.uuid4().hex}.sqlite3"
            shutil.copyfile(self.template_file, target)
            return f"sqlite:///{target}"
        return self.url

    def reset(self, app) -> None:
        """Bring the PostgreSQL database back to the seeded state."""
        if self.backend != "postgresql":
            return
        tables = db.metadata.sorted_tables
        with db.engine.begin() as conn:
            names = ", ".join(f'"{table.name}"' for table in tables)
            # The audit log refuses TRUNCATE by trigger; tests start over all the same.
            conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            conn.execute(sa.text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
            for table in tables:
                rows = self.snapshot.get(table.name)
                if rows:
                    conn.execute(table.insert(), rows)
                if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"
                    ))


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    return {}


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "postgresql" and not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CI must run the PostgreSQL tests: set CONSULT_TEST_POSTGRES_URL")
        pytest.skip("PostgreSQL not configured: set CONSULT_TEST_POSTGRES_URL to run these")
    return request.param


@pytest.fixture
def template(backend, templates, tmp_path_factory) -> Template:
    if backend not in templates:
        template = Template(backend, tmp_path_factory.mktemp(f"template-{backend}"))
        template.build()
        templates[backend] = template
    return templates[backend]


@pytest.fixture
def database_url(template, tmp_path) -> str:
    return template.fresh_url(tmp_path)


@pytest.fixture
def app(template, database_url):
    app = create_app(base_config(database_url))
    with app.app_context():
        template.reset(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """An application context for tests that call operations directly."""
    with app.app_context():
        yield app


DEMO_PASSWORD = "demo-gia-2008"
# Demo accounts by the kind of actor they stand for.
ACTORS = {
    "gemeente": "wethouder@demo.gia.nl",
    "gemeente2": "ambtenaar@demo.gia.nl",
    "provincie": "gedeputeerde@demo.gia.nl",
    "ministry": "ministerie@demo.gia.nl",  # responsible for inburgering, wonen, sociale-integratie
    "other_ministry": "ocw@demo.gia.nl",  # responsible for onderwijs and emancipatie
    "partner": "partner@demo.gia.nl",
    "moderator": "moderator@demo.gia.nl",
    "admin": "beheer@demo.gia.nl",
}


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, who: str = "gemeente", password: str = DEMO_PASSWORD):
        email = ACTORS.get(who, who)
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def token(app):
    """Create an API token for an actor; returns the Authorization header."""

    def make(who: str = "gemeente") -> dict[str, str]:
        from consult.accounts import operations
        from consult.accounts.models import User

        with app.app_context():
            user = db.session.execute(User.by_email(ACTORS.get(who, who))).scalar_one()
            _token, secret = operations.create_token(user, "test")
            db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def api(client, token):
    """api('moderator') gives a JSON client acting as that demo actor."""
    from tests.helpers import Api

    made: dict[str, Api] = {}

    def make(who: str = "gemeente") -> Api:
        if who not in made:
            made[who] = Api(client, token(who))
        return made[who]

    return make
