"""Admin pages for organisations, users and responsibilities."""

import pytest
import sqlalchemy as sa

from consult.accounts.models import User
from consult.extensions import db
from consult.organisations.models import Organisation
from tests.conftest import ACTORS

ADMIN_PAGES = ["/beheer/organisaties", "/beheer/gebruikers", "/beheer/verantwoordelijkheden",
               "/beheer/gebruikers/1"]


@pytest.mark.parametrize("who", ["gemeente", "ministry", "moderator"])
def test_only_admins_reach_admin_pages(client, auth, who):
    auth.login(who)
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path
    assert client.post("/beheer/organisaties", data={
        "name": "X", "slug": "x", "tier": "rijk", "region": ""}).status_code == 403


def test_admin_adds_an_organisation_and_sees_errors(app, client, auth):
    auth.login("admin")
    assert client.get("/beheer/organisaties").status_code == 200
    response = client.post("/beheer/organisaties", data={
        "name": "Gemeente Arnhem", "slug": "gemeente-arnhem", "tier": "gemeente",
        "region": "oost"})
    assert response.status_code == 302
    assert "Gemeente Arnhem" in client.get("/beheer/organisaties").get_data(as_text=True)
    bad = client.post("/beheer/organisaties", data={
        "name": "Dubbel", "slug": "gemeente-arnhem", "tier": "gemeente", "region": ""})
    assert bad.status_code == 400
    assert "Bestaat al" in bad.get_data(as_text=True)
    bad = client.post("/beheer/organisaties", data={
        "name": "X", "slug": "Met Spaties", "tier": "keizerrijk", "region": "atlantis"})
    assert bad.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)
                                 .where(Organisation.name.in_(["Dubbel", "X"]))) == 0


def test_admin_creates_and_deactivates_a_user(app, client, auth):
    auth.login("admin")
    response = client.post("/beheer/gebruikers", data={
        "name": "Karin Smit", "email": "karin@delft.nl", "function": "wethouder",
        "organisation": "gemeente-delft", "role": "participant",
        "password": "een lang wachtwoord"})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.execute(User.by_email("karin@delft.nl")).scalar_one()
        user_id = user.id
    other = app.test_client()
    assert other.post("/login", data={"email": "karin@delft.nl",
                                      "password": "een lang wachtwoord"}).status_code == 302
    response = client.post(f"/beheer/gebruikers/{user_id}", data={
        "function": "wethouder", "organisation": "gemeente-delft", "role": "participant"})
    assert response.status_code == 302
    # Deactivating ends the running session too.
    assert other.get("/profiel").status_code == 302


def test_admin_user_form_errors(app, client, auth):
    auth.login("admin")
    response = client.post("/beheer/gebruikers", data={
        "name": "", "email": "geen-adres", "organisation": "gemeente-delft",
        "role": "participant", "password": "kort"})
    assert response.status_code == 400
    response = client.post("/beheer/gebruikers", data={
        "name": "Dubbel", "email": ACTORS["gemeente"], "organisation": "gemeente-delft",
        "role": "participant", "password": "een lang wachtwoord"})
    assert response.status_code == 400
    assert "Bestaat al" in response.get_data(as_text=True)
    assert client.get("/beheer/gebruikers/999999").status_code == 404


def test_admin_assigns_and_removes_a_responsibility(client, auth, token):
    auth.login("admin")
    response = client.post("/beheer/verantwoordelijkheden",
                           data={"speerpunt": "werken", "organisation": "ocw"})
    assert response.status_code == 302
    headers = token("gemeente")
    assert "ocw" in client.get("/api/v1/speerpunten/werken", headers=headers).json["responsible"]
    response = client.post("/beheer/verantwoordelijkheden/werken/ocw/verwijderen")
    assert response.status_code == 302
    assert "ocw" not in client.get("/api/v1/speerpunten/werken",
                                   headers=headers).json["responsible"]
    # Only ministries can be chosen.
    response = client.post("/beheer/verantwoordelijkheden",
                           data={"speerpunt": "werken", "organisation": "gemeente-delft"})
    assert response.status_code == 400


def test_responsibility_changes_are_audited(app, client, auth):
    from consult.audit.models import AuditEntry

    auth.login("admin")
    client.post("/beheer/verantwoordelijkheden", data={"speerpunt": "werken",
                                                       "organisation": "ocw"})
    client.post("/beheer/verantwoordelijkheden/werken/ocw/verwijderen")
    with app.app_context():
        actions = [(e.action, e.detail.get("organisation")) for e in
                   db.session.execute(AuditEntry.newest_first()).scalars()][:2]
    assert actions == [("responsibility.withdraw", "ocw"), ("responsibility.assign", "ocw")]


def test_only_an_admin_may_change_an_account_also_outside_the_pages(app):
    from consult.accounts import operations
    from consult.accounts.models import Role
    from consult.core.errors import Forbidden

    with app.app_context():
        moderator = db.session.execute(User.by_email(ACTORS["moderator"])).scalar_one()
        target = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        with pytest.raises(Forbidden):
            operations.update_user(moderator, target, function="x",
                                   organisation=target.organisation, role=Role.ADMIN,
                                   active=True)
        assert target.role == Role.PARTICIPANT
