"""Signing in and out, passwords and API tokens on the profile page."""

import pytest
import sqlalchemy as sa

from consult.accounts.models import ApiToken, User
from consult.extensions import db
from tests.conftest import DEMO_PASSWORD


def test_sign_in_and_see_own_name(client, auth):
    response = auth.login("gemeente")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Anouk de Vries" in page
    assert "Gemeente Nijmegen" in page


@pytest.mark.parametrize("email, password", [
    ("wethouder@demo.gia.nl", "verkeerd wachtwoord"),
    ("niemand@demo.gia.nl", DEMO_PASSWORD),
    ("", ""),
])
def test_failed_sign_in_shows_one_message_and_signs_nobody_in(client, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "error-summary" in page
    assert client.get("/profiel").status_code == 302


def test_inactive_user_cannot_sign_in(app, client, auth):
    with app.app_context():
        user = db.session.execute(User.by_email("wethouder@demo.gia.nl")).scalar_one()
        user.active = False
        db.session.commit()
    response = auth.login("gemeente")
    assert response.status_code == 400
    assert "niet actief" in response.get_data(as_text=True)
    assert client.get("/profiel").status_code == 302


def test_email_is_case_insensitive(client):
    response = client.post("/login", data={"email": "  WETHOUDER@demo.gia.nl ",
                                           "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_sign_in_follows_a_local_next_but_never_another_site(client):
    data = {"email": "wethouder@demo.gia.nl", "password": DEMO_PASSWORD}
    response = client.post("/login?next=/speerpunten/wonen", data=data)
    assert response.headers["Location"] == "/speerpunten/wonen"
    for target in ["https://evil.example/", "//evil.example/", "/\\evil.example",
                   "javascript:alert(1)"]:
        client.post("/logout")
        response = client.post(f"/login?next={target}", data=data)
        assert response.status_code == 302
        assert response.headers["Location"] == "/", target


def test_sign_out_invalidates_the_session_on_the_server(client, auth):
    auth.login("gemeente")
    cookie = client.get_cookie("session")
    assert client.get("/profiel").status_code == 200
    auth.logout()
    assert client.get("/profiel").status_code == 302
    # Replaying the old cookie does not bring the session back.
    client.set_cookie("session", cookie.value)
    assert client.get("/profiel").status_code == 302


def test_changing_the_password_ends_other_sessions(app, client, auth):
    other = app.test_client()
    other.post("/login", data={"email": "wethouder@demo.gia.nl", "password": DEMO_PASSWORD})
    assert other.get("/profiel").status_code == 200
    auth.login("gemeente")
    response = client.post("/profiel/wachtwoord", data={
        "current_password": DEMO_PASSWORD, "new_password": "een nieuw lang wachtwoord",
        "confirm_password": "een nieuw lang wachtwoord"})
    assert response.status_code == 302
    assert client.get("/profiel").status_code == 200  # this session goes on
    assert other.get("/profiel").status_code == 302  # the other one ended
    client.post("/logout")
    assert auth.login("gemeente").status_code == 400
    assert auth.login("gemeente", "een nieuw lang wachtwoord").status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"current_password": "fout fout fout", "new_password": "een nieuw lang wachtwoord",
      "confirm_password": "een nieuw lang wachtwoord"}, "huidige wachtwoord klopt niet"),
    ({"current_password": DEMO_PASSWORD, "new_password": "kort",
      "confirm_password": "kort"}, "minstens 12 tekens"),
    ({"current_password": DEMO_PASSWORD, "new_password": "een nieuw lang wachtwoord",
      "confirm_password": "iets anders"}, "niet gelijk"),
])
def test_bad_password_change_is_refused_with_a_message(client, auth, data, message):
    auth.login("gemeente")
    response = client.post("/profiel/wachtwoord", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    client.post("/logout")
    assert auth.login("gemeente").status_code == 302  # old password still works


def test_create_list_and_revoke_an_api_token(app, client, auth):
    auth.login("gemeente")
    response = client.post("/profiel/tokens", data={"name": "Regionaal platform"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    secret = page.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("gia_")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/speerpunten", headers=headers).status_code == 200

    profile = client.get("/profiel").get_data(as_text=True)
    assert "Regionaal platform" in profile
    assert secret not in profile  # shown once only
    with app.app_context():
        stored = db.session.execute(sa.select(ApiToken)).scalar_one()
        assert secret not in (stored.token_hash, stored.prefix)  # only a hash is kept
        token_id = stored.id
    assert client.post(f"/profiel/tokens/{token_id}/intrekken").status_code == 302
    assert "Ingetrokken" in client.get("/profiel").get_data(as_text=True)
    assert client.get("/api/v1/speerpunten", headers=headers).status_code == 401


def test_nobody_revokes_another_users_token(app, client, auth, token):
    headers = token("moderator")
    with app.app_context():
        token_id = db.session.execute(sa.select(ApiToken.id)).scalar_one()
    auth.login("gemeente")
    assert client.post(f"/profiel/tokens/{token_id}/intrekken").status_code == 404
    assert client.get("/api/v1/speerpunten", headers=headers).status_code == 200


def test_forms_need_a_csrf_token_when_protection_is_on(app, client, auth):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/login", data={"email": "wethouder@demo.gia.nl",
                                           "password": DEMO_PASSWORD})
    assert response.status_code == 400
    assert client.get("/profiel").status_code == 302


@pytest.mark.parametrize("password, message", [
    ("kort", "minstens 12 tekens"),
    ("password1234", "veelgebruikte wachtwoorden"),
    ("qwertyuiop12", "veelgebruikte wachtwoorden"),
    ("aaaaaaaaaaaa", "te makkelijk te raden"),
    ("wethouderwethouder", "te makkelijk te raden"),
    ("devriesanouk", "te makkelijk te raden"),
])
def test_weak_passwords_are_refused(client, auth, password, message):
    auth.login("gemeente")
    response = client.post("/profiel/wachtwoord", data={
        "current_password": DEMO_PASSWORD, "new_password": password,
        "confirm_password": password})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
