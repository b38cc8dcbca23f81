"""People hear what became of their input: in the application, with an unread count."""

from tests.amendments.test_journeys_web import login
from tests.amendments.test_rules import propose


def test_the_author_is_told_when_a_comment_is_hidden_and_why(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Iets ongepasts"}).json["id"]
    api("moderator").post(f"/comments/{comment}/hide", json={"reason": "Persoonlijke aanval."})
    author = login(app, "gemeente")
    home = author.get("/").get_data(as_text=True)
    assert "1<span class=\"visually-hidden\"> ongelezen" in home
    page = author.get("/meldingen").get_data(as_text=True)
    assert "Uw reactie is verborgen door een moderator. Reden: Persoonlijke aanval." in page
    assert f'href="/reacties/{comment}"' in page
    assert author.post("/meldingen/gelezen").status_code == 302
    assert "ongelezen" not in author.get("/").get_data(as_text=True)


def test_the_author_is_told_when_flags_hide_a_comment(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Spam"}).json["id"]
    for who in ("provincie", "partner", "ministry"):
        api(who).post(f"/comments/{comment}/flag", json={"reason": "spam"})
    page = login(app, "gemeente").get("/meldingen").get_data(as_text=True)
    assert "na meldingen van deelnemers" in page


def test_replies_responses_and_decisions_reach_the_author(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Vraag"}).json["id"]
    api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Antwoord", "parent_id": comment})
    # Replying to oneself tells nobody.
    api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Aanvulling", "parent_id": comment})
    amendment = propose(api)
    api("ministry").post(f"/amendments/{amendment}/responses", json={
        "position": "oppose", "body": "Nee."})
    api("moderator").post(f"/amendments/{amendment}/decision", json={
        "decision": "reject", "reason": "Past niet."})
    page = login(app, "gemeente").get("/meldingen").get_data(as_text=True)
    assert page.count("notification--unread") == 3
    assert "Petra Kok (Provincie Gelderland) antwoordde op uw reactie" in page
    assert "reageerde op uw amendement" in page and "steunt het voorstel niet" in page
    assert "is niet overgenomen. Reden: Past niet." in page
    assert "U hebt nog geen meldingen." in login(app, "partner").get("/meldingen").get_data(
        as_text=True)


def test_every_follower_hears_of_a_new_version_in_their_own_name_and_language(app, api):
    import sqlalchemy as sa

    from consult.accounts.models import EmailFrequency, Role, User
    from consult.accounts.operations import create_user
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.mail.models import OutboxMessage
    from consult.notifications.models import Notification
    from consult.notifications.operations import follow
    from consult.organisations.models import Organisation
    from consult.speerpunten.models import Speerpunt

    people = [("anne@test.nl", "Anne <de> Vries & Co", "nl", EmailFrequency.IMMEDIATE),
              ("bob@test.nl", "Bob Smith", "en", EmailFrequency.IMMEDIATE),
              ("cor@test.nl", "Cor Daily", "nl", EmailFrequency.DAILY)]
    with app.app_context(), write_transaction():
        organisation = db.session.execute(
            sa.select(Organisation).where(Organisation.slug == "vng")).scalar_one()
        wonen = db.session.execute(sa.select(Speerpunt).where(Speerpunt.slug == "wonen")
                                   ).scalar_one()
        for email, name, locale, frequency in people:
            user = create_user(email=email, name=name, organisation=organisation,
                               role=Role.PARTICIPANT, password="een lang wachtwoord")
            user.locale, user.email_frequency = locale, frequency
            db.session.flush()
            follow(user.id, "speerpunt", wonen.id)
        db.session.commit()
    amendment = propose(api, "gemeente", "wonen", " Nieuwe zin.")
    assert api("moderator").post(f"/amendments/{amendment}/decision",
                                 json={"decision": "accept"}).status_code == 200
    with app.app_context():
        mail = {m.to_address: m for m in db.session.execute(sa.select(OutboxMessage).where(
            OutboxMessage.to_address.in_([p[0] for p in people]))).scalars()}
        notes = {email: n for n, email in db.session.execute(
            sa.select(Notification, User.email).join(User, User.id == Notification.user_id)
            .where(User.email.in_([p[0] for p in people])))}
    assert set(notes) == {"anne@test.nl", "bob@test.nl", "cor@test.nl"}
    assert set(mail) == {"anne@test.nl", "bob@test.nl"}  # Cor gets the daily digest
    assert "Beste Anne <de> Vries & Co," in mail["anne@test.nl"].body_text
    assert "Anne &lt;de&gt; Vries &amp; Co" in mail["anne@test.nl"].body_html
    assert "Bob Smith" in mail["bob@test.nl"].body_text
    assert "Beste" not in mail["bob@test.nl"].body_text  # written in English
    assert notes["anne@test.nl"].message != notes["bob@test.nl"].message
    assert notes["cor@test.nl"].emailed_at is None and notes["anne@test.nl"].emailed_at
    assert mail["anne@test.nl"].message_id != mail["bob@test.nl"].message_id
