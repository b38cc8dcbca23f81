"""Endorsement: once a speerpunt is adopted, an organisation endorses it through a member an
admin designated, with an optional statement, visible per organisation."""

from consult.audit.models import AuditEntry
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.helpers import set_phase


def test_designated_members_endorse_an_adopted_speerpunt_once_per_organisation(app):
    from consult.accounts.models import User

    admin = login(app, "admin")
    with app.app_context():
        ids = {email: db.session.execute(User.by_email(email)).scalar_one().id
               for email in ("partner@demo.gia.nl", "moderator@demo.gia.nl",
                             "gedeputeerde@demo.gia.nl")}
    for email, org, role in (("partner@demo.gia.nl", "vng", "participant"),
                             ("moderator@demo.gia.nl", "forum", "moderator")):
        assert admin.post(f"/beheer/gebruikers/{ids[email]}", data={
            "function": "adviseur", "organisation": org, "role": role, "active": "y",
            "may_endorse": "y"}).status_code == 302
    vng = login(app, "partner")
    # Not while the speerpunt is still open.
    assert vng.post("/speerpunten/emancipatie/onderschrijven").status_code == 303
    set_phase(app, "emancipatie", "adopted")
    assert vng.post("/speerpunten/emancipatie/onderschrijven", data={
        "statement": "De VNG staat achter de gezamenlijke visie."}).status_code == 302
    assert login(app, "moderator").post("/speerpunten/emancipatie/onderschrijven"
                                        ).status_code == 302
    # Once per organisation; undesignated members cannot.
    assert vng.post("/speerpunten/emancipatie/onderschrijven").status_code == 303
    assert login(app, "provincie").post("/speerpunten/emancipatie/onderschrijven"
                                        ).status_code == 303
    page = app.test_client().get("/speerpunten/emancipatie").get_data(as_text=True)  # public
    assert "Onderschreven door (2)" in page
    assert "Vereniging van Nederlandse Gemeenten (VNG)" in page
    assert "De VNG staat achter de gezamenlijke visie." in page
    assert "FORUM, Instituut voor Multiculturele Ontwikkeling" in page
    with app.app_context():
        actions = [e.action for e in db.session.execute(AuditEntry.newest_first()).scalars()]
    assert actions.count("speerpunt.endorse") == 2
    assert ids["gedeputeerde@demo.gia.nl"]
