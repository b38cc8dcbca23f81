"""Walking the knowledge platform, and from there the helpdesk, as the issue asks: from a
question to a published FAQ, with attachments refused when they are too large or not what
they claim to be."""

import sqlalchemy as sa

from consult.accounts.models import User
from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.knowledge.models import MAX_ATTACHMENT_BYTES, KnowledgeQuestion
from consult.notifications.models import Notification
from tests.amendments.test_journeys_web import login
from tests.helpers import table_counts
from tests.knowledge import documents
from tests.knowledge.web import PLATFORM, ask, attachment_links, newest_question, share


def notifications_of(app, email: str, kind: str) -> list[Notification]:
    with app.app_context():
        user = db.session.execute(User.by_email(email)).scalar_one()
        return list(db.session.execute(
            sa.select(Notification).where(Notification.user_id == user.id,
                                          Notification.kind == kind)).scalars())


def test_from_question_to_published_faq_with_attachments_checked(app):
    app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    assert app.test_client().get("/kennis").status_code == 302

    # The wethouder finds the platform of her region for inburgering.
    wethouder = login(app, "gemeente")
    overview = wethouder.get("/kennis?regio=oost&speerpunt=inburgering").get_data(as_text=True)
    assert "Oost (Overijssel, Gelderland)" in overview
    assert "Noord (Groningen" not in overview.split("<h2>Kennisplatforms")[1].split("</table>")[0]
    assert f'href="{PLATFORM}"' in overview
    assert "nog geen praktijkvoorbeeld gedeeld" in wethouder.get(PLATFORM).get_data(as_text=True)

    # She shares a practice example; a fake PDF and an oversized file are refused first.
    before = table_counts(app)
    refused = share(wethouder, files=[(b"<html>geen pdf</html>", "aanpak.pdf")])
    assert refused.status_code == 400
    assert "geen PDF-bestand" in refused.get_data(as_text=True)
    too_large = share(wethouder, files=[(b"%PDF-" + bytes(MAX_ATTACHMENT_BYTES), "groot.pdf")])
    assert too_large.status_code == 400
    assert "groter dan 10 MB" in too_large.get_data(as_text=True)
    assert table_counts(app) == before
    shared = share(wethouder, files=[(documents.pdf(), "aanpak.pdf")])
    assert shared.status_code == 302
    example_page = wethouder.get(shared.headers["Location"]).get_data(as_text=True)
    assert "<strong>twee</strong>" in example_page
    assert "anouk@nijmegen.nl" in example_page
    assert ">taal<" in example_page and ">bibliotheek<" in example_page

    # A province reads it and downloads the attachment.
    gedeputeerde = login(app, "provincie")
    platform = gedeputeerde.get(PLATFORM).get_data(as_text=True)
    assert "Taalcafé in de bibliotheek" in platform
    download = gedeputeerde.get(attachment_links(example_page)[0])
    assert download.data == documents.pdf()

    # The wethouder asks the other regions; two of them answer and she hears of it.
    assert ask(wethouder).status_code == 302
    question_id = newest_question(app)
    question_url = f"/kennis/vragen/{question_id}"
    assert gedeputeerde.post(f"{question_url}/antwoorden", data={
        "body": "In Gelderland werken we met *taalmaatjes* via de bibliotheek."}).status_code == 302
    partner = login(app, "partner")
    assert partner.post(f"{question_url}/antwoorden", data={
        "body": "VNG heeft een handreiking."}).status_code == 302
    told = notifications_of(app, "wethouder@demo.gia.nl", "question.answered")
    assert len(told) == 2 and told[0].url.startswith(question_url)

    # She marks the province's answer as the one that helped, then changes her mind.
    page = wethouder.get(question_url).get_data(as_text=True)
    assert page.count("Dit antwoord heeft mij geholpen") == 2
    with app.app_context():
        answers = [a.id for a in db.session.get(KnowledgeQuestion, question_id).answers]
    assert wethouder.post(f"{question_url}/antwoorden/{answers[0]}/geholpen").status_code == 302
    page = wethouder.get(question_url).get_data(as_text=True)
    assert "Het antwoord van Petra Kok" in page and "heeft de vraagsteller geholpen" in page
    assert wethouder.post(f"{question_url}/antwoorden/{answers[1]}/geholpen").status_code == 302
    with app.app_context():
        assert db.session.get(KnowledgeQuestion, question_id).accepted_answer_id == answers[1]
    assert "Geholpen" in wethouder.get(PLATFORM).get_data(as_text=True)

    # A question for the service centre goes to the helpdesk and ends as a public FAQ.
    asked = wethouder.post("/helpdesk", data={
        "subject": "Kennisplatform voor onze regio",
        "body": "Kan FORUM bijeenkomsten organiseren rond het kennisplatform van Oost?"})
    assert asked.status_code == 302
    helpdesk_url = asked.headers["Location"]
    moderator = login(app, "moderator")
    queue = moderator.get("/helpdesk").get_data(as_text=True)
    assert "Kennisplatform voor onze regio" in queue and "Gemeente Nijmegen" in queue
    assert moderator.post(f"{helpdesk_url}/antwoord", data={
        "answer": "Ja, samen met de regionale CMO's."}).status_code == 302
    assert len(notifications_of(app, "wethouder@demo.gia.nl", "helpdesk.answered")) == 1
    assert "samen met de regionale CMO" in wethouder.get(helpdesk_url).get_data(as_text=True)
    assert moderator.post(f"{helpdesk_url}/publiceren", data={
        "faq_question": "Organiseert FORUM bijeenkomsten rond een regionaal kennisplatform?",
        "faq_answer": "Ja, samen met de **regionale CMO's**."}).status_code == 302
    faq = app.test_client().get("/veelgestelde-vragen").get_data(as_text=True)
    assert "Organiseert FORUM bijeenkomsten rond een regionaal kennisplatform?" in faq
    assert "<strong>regionale CMO" in faq
    assert "Kan FORUM" not in faq and "Nijmegen" not in faq
    with app.app_context():
        actions = set(db.session.execute(sa.select(AuditEntry.action)).scalars())
    assert {"helpdesk.answer", "helpdesk.publish"} <= actions
