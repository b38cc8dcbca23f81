"""The helpdesk: participants ask, FORUM's staff answer, close and publish a FAQ."""

import sqlalchemy as sa

from consult.accounts.models import Role, User
from consult.accounts.operations import create_user
from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.helpdesk.models import HelpdeskQuestion, HelpdeskStatus
from consult.helpdesk.permissions import can_answer_helpdesk
from consult.notifications.models import Notification
from consult.organisations.models import Organisation
from tests.amendments.test_journeys_web import login
from tests.helpdesk.samples import helpdesk_samples
from tests.helpers import table_counts

PASSWORD = "een lang en sterk wachtwoord"


def ask(client, subject="Toegang voor een collega",
        body="Hoe krijgt mijn collega van *Zaanstad* een account?"):
    response = client.post("/helpdesk", data={"subject": subject, "body": body})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def question(app, url) -> HelpdeskQuestion:
    with app.app_context():
        found = db.session.get(HelpdeskQuestion, int(url.rstrip("/").rsplit("/", 1)[1]))
        db.session.expunge(found)
        return found


def make_moderator_of(app, org_slug: str, email: str) -> None:
    with app.app_context():
        organisation = db.session.execute(
            sa.select(Organisation).where(Organisation.slug == org_slug)).scalar_one()
        create_user(email=email, name="Moderator Elders", organisation=organisation,
                    role=Role.MODERATOR, password=PASSWORD)
        db.session.commit()


def sign_in(app, email):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def test_a_helpdesk_question_is_answered_published_and_withdrawn(app):
    asker = login(app, "gemeente")
    url = ask(asker)
    assert "Toegang voor een collega" in asker.get("/helpdesk").get_data(as_text=True)
    assert "Nog geen antwoord" in asker.get(url).get_data(as_text=True)

    staff = login(app, "moderator")
    assert staff.post(f"{url}/antwoord", data={"answer": "Via uw **beheerder**."}
                      ).status_code == 302
    assert question(app, url).status == HelpdeskStatus.ANSWERED
    with app.app_context():
        told = db.session.execute(sa.select(Notification).where(
            Notification.kind == "helpdesk.answered")).scalars().all()
    assert [n.url for n in told] == [url.replace("http://localhost", "")]
    page = asker.get(url).get_data(as_text=True)
    assert "<strong>beheerder</strong>" in page and "Beantwoord" in page
    assert "Publiceren" not in page and "Vraag sluiten" not in page  # staff only

    assert "Toegang voor een collega" not in app.test_client().get(
        "/veelgestelde-vragen").get_data(as_text=True)
    staff_page = staff.get(url).get_data(as_text=True)
    assert "Toegang voor een collega" in staff_page  # the public question is prefilled
    assert staff.post(f"{url}/publiceren", data={
        "faq_question": "Hoe krijgt een collega een account?",
        "faq_answer": "Via de beheerder van uw organisatie."}).status_code == 302
    faq = app.test_client().get("/veelgestelde-vragen")
    assert faq.status_code == 200
    text = faq.get_data(as_text=True)
    assert "Hoe krijgt een collega een account?" in text and "Zaanstad" not in text

    assert staff.post(f"{url}/publicatie-intrekken").status_code == 302
    assert "Hoe krijgt een collega" not in app.test_client().get(
        "/veelgestelde-vragen").get_data(as_text=True)
    assert staff.post(f"{url}/sluiten").status_code == 302
    assert question(app, url).status == HelpdeskStatus.CLOSED
    with app.app_context():
        actions = list(db.session.execute(
            sa.select(AuditEntry.action).where(AuditEntry.action.like("helpdesk.%"))
            .order_by(AuditEntry.id)).scalars())
    assert actions == ["helpdesk.answer", "helpdesk.publish", "helpdesk.unpublish",
                       "helpdesk.close"]


def test_only_the_service_centres_staff_answer(app):
    url = ask(login(app, "gemeente"))
    make_moderator_of(app, "gemeente-delft", "moderator@delft.nl")
    for client in (login(app, "gemeente"), login(app, "provincie"), login(app, "partner"),
                   login(app, "ministry"), sign_in(app, "moderator@delft.nl")):
        before = table_counts(app)
        for action, data in (("antwoord", {"answer": "Zo."}), ("sluiten", {}),
                             ("publiceren", {"faq_question": "V", "faq_answer": "A"}),
                             ("publicatie-intrekken", {})):
            assert client.post(f"{url}/{action}", data=data).status_code == 403, action
        assert table_counts(app) == before
    assert "Zo." not in login(app, "gemeente").get(url).get_data(as_text=True)
    assert login(app, "admin").post(f"{url}/antwoord", data={"answer": "Beheer antwoordt."}
                                    ).status_code == 302
    with app.app_context():
        def who(email):
            return db.session.execute(User.by_email(email)).scalar_one()

        assert can_answer_helpdesk(who("moderator@demo.gia.nl"))
        assert can_answer_helpdesk(who("beheer@demo.gia.nl"))
        assert not can_answer_helpdesk(who("moderator@delft.nl"))
        assert not can_answer_helpdesk(who("partner@demo.gia.nl"))  # VNG, but a participant
        assert not can_answer_helpdesk(None)


def test_a_question_is_seen_by_its_asker_and_the_staff_only(app):
    url = ask(login(app, "gemeente"))
    assert login(app, "gemeente").get(url).status_code == 200
    assert login(app, "moderator").get(url).status_code == 200
    assert login(app, "gemeente2").get(url).status_code == 404
    assert login(app, "provincie").get(url).status_code == 404
    assert app.test_client().get(url).status_code == 302
    others = login(app, "gemeente2").get("/helpdesk").get_data(as_text=True)
    assert "Toegang voor een collega" not in others


def test_the_staff_queue_shows_open_questions_first_oldest_first(app):
    first = ask(login(app, "gemeente"), subject="Eerste vraag")
    ask(login(app, "provincie"), subject="Tweede vraag")
    ask(login(app, "gemeente2"), subject="Derde vraag")
    staff = login(app, "moderator")
    assert staff.post(f"{first}/antwoord", data={"answer": "Klaar."}).status_code == 302
    page = staff.get("/helpdesk").get_data(as_text=True)
    assert page.index("Tweede vraag") < page.index("Derde vraag") < page.index("Eerste vraag")
    participant = login(app, "provincie").get("/helpdesk").get_data(as_text=True)
    assert "Alle vragen aan de helpdesk" not in participant and "Derde vraag" not in participant


def test_a_closed_question_takes_no_answer_and_an_open_one_is_not_published(app):
    url = ask(login(app, "gemeente"))
    staff = login(app, "moderator")
    before = table_counts(app)
    refused = staff.post(f"{url}/publiceren", data={"faq_question": "V?", "faq_answer": "A."})
    assert refused.status_code == 409
    assert "Alleen een beantwoorde vraag" in refused.get_data(as_text=True)
    assert table_counts(app) == before
    assert staff.post(f"{url}/sluiten").status_code == 302
    assert "gesloten zonder antwoord" in login(app, "gemeente").get(url).get_data(as_text=True)
    before = table_counts(app)
    refused = staff.post(f"{url}/antwoord", data={"answer": "Te laat."})
    assert refused.status_code == 409
    again = staff.post(f"{url}/sluiten")
    assert again.status_code == 303
    assert table_counts(app) == before
    assert question(app, url).answer == ""


def test_the_faq_page_is_public_and_shows_only_published_items(app):
    anonymous = app.test_client()
    page = anonymous.get("/veelgestelde-vragen")
    assert page.status_code == 200
    assert "nog geen veelgestelde vragen" in page.get_data(as_text=True)
    helpdesk_samples(app)  # answered and published in other words
    url = ask(login(app, "provincie"), subject="Niet voor publicatie", body="Geheim.")
    assert login(app, "moderator").post(f"{url}/antwoord", data={"answer": "Alleen voor u."}
                                        ).status_code == 302
    text = anonymous.get("/veelgestelde-vragen").get_data(as_text=True)
    assert "Waar vraag ik subsidie aan?" in text
    assert "Waar vraag ik subsidie aan voor een taalcafé?" not in text  # the asker's words
    assert "Niet voor publicatie" not in text and "Alleen voor u" not in text
    assert text.count("<h1") == 1


BAD_INPUT = [
    ("", {"subject": "", "body": "Vraag."}, "subject"),
    ("", {"subject": "Onderwerp", "body": "  "}, "body"),
    ("", {"subject": "o" * 201, "body": "Vraag."}, "subject"),
    ("", {"subject": "Onderwerp", "body": "v" * 10_001}, "body"),
    ("/antwoord", {"answer": ""}, "answer"),
    ("/antwoord", {"answer": "a" * 10_001}, "answer"),
    ("/publiceren", {"faq_question": "", "faq_answer": "Antwoord."}, "faq_question"),
    ("/publiceren", {"faq_question": "q" * 501, "faq_answer": "Antwoord."}, "faq_question"),
    ("/publiceren", {"faq_question": "Vraag?", "faq_answer": "\x01"}, "faq_answer"),
]


def test_bad_input_is_refused_and_writes_nothing(app):
    sample = helpdesk_samples(app)
    client = login(app, "moderator")
    before = table_counts(app)
    for path, data, field in BAD_INPUT:
        url = "/helpdesk" + (f"/{sample['helpdesk_question_id']}{path}" if path else "")
        response = client.post(url, data=data)
        assert response.status_code == 400, (path, data)
        assert f'id="{field}-error"' in response.get_data(as_text=True), (path, data)
    assert table_counts(app) == before
