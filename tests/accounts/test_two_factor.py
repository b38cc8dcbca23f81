"""Two-factor sign-in: required for moderators and admins, optional for everyone else."""

import re
import time

import pyotp
import pytest

from consult.accounts.models import User
from consult.extensions import db
from tests.conftest import ACTORS, DEMO_PASSWORD


@pytest.fixture
def strict(app):
    app.config["CONSULT_REQUIRE_2FA"] = True
    return app


def sign_in(client, who):
    return client.post("/login", data={"email": ACTORS[who], "password": DEMO_PASSWORD})


def set_up(client):
    page = client.get("/profiel/tweestaps").get_data(as_text=True)
    secret = re.search(r'<code class="token">([A-Z2-7]+)</code>', page).group(1)
    response = client.post("/profiel/tweestaps", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def test_a_moderator_must_set_up_two_factor_before_anything_else(strict):
    client = strict.test_client()
    sign_in(client, "moderator")
    response = client.get("/moderatie")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/profiel/tweestaps")
    page = client.get("/profiel/tweestaps").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code, served inline
    wrong = client.post("/profiel/tweestaps", data={"code": "000000"})
    assert wrong.status_code == 400
    set_up(client)
    assert client.get("/moderatie").status_code == 200


def test_signing_in_with_two_factor_needs_the_code(strict):
    client = strict.test_client()
    sign_in(client, "moderator")
    _secret, codes = set_up(client)
    client.post("/logout")

    response = sign_in(client, "moderator")
    assert response.headers["Location"] == "/login/tweestaps"
    assert client.get("/profiel").status_code == 302  # the password alone is not enough
    assert client.post("/login/tweestaps", data={"code": "123456"}).status_code == 400
    # A recovery code works once.
    assert client.post("/login/tweestaps", data={"code": codes[0].upper()}).status_code == 302
    assert client.get("/moderatie").status_code == 200
    client.post("/logout")
    sign_in(client, "moderator")
    assert client.post("/login/tweestaps", data={"code": codes[0]}).status_code == 400


def test_a_totp_code_is_accepted_once(strict):
    client = strict.test_client()
    sign_in(client, "gemeente")
    secret, _codes = set_up(client)
    client.post("/logout")
    with strict.app_context():
        user = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        user.totp_last_step = None  # forget the step used during set-up
        db.session.commit()
    code = pyotp.TOTP(secret).now()
    sign_in(client, "gemeente")
    assert client.post("/login/tweestaps", data={"code": code}).status_code == 302
    client.post("/logout")
    sign_in(client, "gemeente")
    assert client.post("/login/tweestaps", data={"code": code}).status_code == 400


def test_two_factor_is_optional_for_participants_and_can_be_turned_off(strict):
    client = strict.test_client()
    sign_in(client, "gemeente")
    assert client.get("/profiel").status_code == 200
    set_up(client)
    assert client.post("/profiel/tweestaps/uitzetten").status_code == 302
    client.post("/logout")
    assert sign_in(client, "gemeente").headers["Location"] == "/"


def test_moderators_cannot_turn_it_off(strict):
    client = strict.test_client()
    sign_in(client, "admin")
    set_up(client)
    assert client.post("/profiel/tweestaps/uitzetten").status_code == 303
    with strict.app_context():
        assert db.session.execute(User.by_email(ACTORS["admin"])).scalar_one().has_two_factor


def test_when_not_required_the_app_says_so_to_moderators(app):
    app.config["CONSULT_REQUIRE_2FA"] = False
    client = app.test_client()
    sign_in(client, "moderator")
    page = client.get("/moderatie").get_data(as_text=True)
    assert "CONSULT_REQUIRE_2FA=0" in page
    participant = app.test_client()
    sign_in(participant, "gemeente")
    assert "CONSULT_REQUIRE_2FA=0" not in participant.get("/").get_data(as_text=True)


def test_a_pending_second_factor_expires(strict, monkeypatch):
    client = strict.test_client()
    sign_in(client, "moderator")
    secret, _codes = set_up(client)
    client.post("/logout")
    sign_in(client, "moderator")
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/login/tweestaps", data={"code": "000000"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_sessions_end_at_their_maximum_age(app, client, auth, monkeypatch):
    auth.login("gemeente")
    assert client.get("/profiel").status_code == 200
    later = time.time() + app.config["CONSULT_SESSION_MAX_AGE"].total_seconds() + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/profiel")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_production_cookies_and_hsts(monkeypatch, database_url):
    from consult import create_app

    monkeypatch.setenv("CONSULT_SECURE_COOKIES", "1")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_FAST": True,
                      "CONSULT_REQUIRE_2FA": False})
    client = app.test_client()
    response = client.post("/login", data={"email": ACTORS["gemeente"],
                                           "password": DEMO_PASSWORD},
                           base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain" not in cookie and "Path=/" in cookie
    hsts = response.headers["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    with app.app_context():
        db.engine.dispose()


def test_an_idle_session_cookie_is_refused_by_the_server(app, client, auth, monkeypatch):
    auth.login("gemeente")
    assert client.get("/profiel").status_code == 200
    idle = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    later = time.time() + idle + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/profiel")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_session_in_use_stays_alive_and_is_renewed_at_most_once_a_minute(
        app, client, auth, monkeypatch):
    auth.login("gemeente")
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    # Within the minute a page view sends no new cookie ...
    now[0] += 30
    assert client.get("/profiel").status_code == 200
    response = client.get("/profiel")
    assert "Set-Cookie" not in response.headers
    # ... and after it, one that lives the idle limit from now.
    idle = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    for _ in range(3):
        now[0] += idle - 120
        response = client.get("/profiel")
        assert response.status_code == 200, "signed out while in use"
        assert "Set-Cookie" in response.headers
