"""Email that is never lost: written with the event, delivered over real SMTP, retried
with back-off while the server is down, and not duplicated when it comes back."""

import email
import socket
from datetime import timedelta
from email import policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from consult.accounts.models import EmailFrequency, User
from consult.core.types import utcnow
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.notifications.models import Notification
from tests.amendments.test_rules import propose
from tests.conftest import ACTORS


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(app):
    port = free_port()
    app.config.update(CONSULT_SMTP_HOST="127.0.0.1", CONSULT_SMTP_PORT=port,
                      CONSULT_SMTP_TIMEOUT=5, CONSULT_BASE_URL="https://gia.example.nl")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)

    class Server:
        def start(self):
            controller.start()

        def stop(self):
            controller.stop()

    server = Server()
    server.inbox = inbox
    yield server
    try:
        controller.stop()
    except (AssertionError, RuntimeError):
        pass


def deliver(runner, *args):
    return runner.invoke(args=["consult", "deliver-mail", *args])


def outbox(app):
    with app.app_context():
        return db.session.execute(sa.select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()


def set_frequency(app, who, frequency):
    with app.app_context():
        db.session.execute(User.by_email(ACTORS[who])).scalar_one().email_frequency = (
            EmailFrequency(frequency))
        db.session.commit()


def test_a_decision_mails_the_author_once_in_dutch_with_a_link(app, api, runner, smtp):
    smtp.start()
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision",
                          json={"decision": "reject", "reason": "Past niet."})
    assert len(outbox(app)) == 1  # written with the decision itself
    result = deliver(runner)
    assert result.exit_code == 0 and "verstuurd: 1" in result.output
    [message] = smtp.inbox.messages
    assert message["To"] == ACTORS["gemeente"]
    assert message["Subject"].startswith("GIA: Uw amendement")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "is niet overgenomen. Reden: Past niet." in text
    assert f"https://gia.example.nl/amendementen/{amendment}" in text
    assert f'href="https://gia.example.nl/amendementen/{amendment}"' in html
    assert message["Message-ID"] == outbox(app)[0].message_id
    assert "verstuurd: 0" in deliver(runner).output  # no second copy
    assert len(smtp.inbox.messages) == 1


def test_a_refused_event_queues_no_mail(app, api, runner):
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision", json={"decision": "reject"})
    assert outbox(app) == []


def test_mail_survives_a_server_that_is_down_and_is_sent_once_when_it_is_back(
        app, api, runner, smtp):
    amendment = propose(api)
    api("ministry").post(f"/amendments/{amendment}/responses",
                         json={"position": "support", "body": "Eens."})
    # The SMTP server is down: the message stays queued, with a later next attempt.
    down = deliver(runner)
    assert down.exit_code != 0 and "mislukt: 1" in down.output
    [queued] = outbox(app)
    assert queued.sent_at is None and queued.attempts == 1 and queued.last_error
    assert queued.due_at > utcnow() + timedelta(seconds=30)
    again = deliver(runner)  # not due yet: nothing is tried
    assert "verstuurd: 0, mislukt: 0" in again.output

    smtp.start()
    assert "verstuurd: 0" in deliver(runner).output  # still waiting for its next attempt
    flushed = deliver(runner, "--flush")  # the operator fixed the server and flushes
    assert flushed.exit_code == 0 and "verstuurd: 1" in flushed.output
    assert len(smtp.inbox.messages) == 1
    [sent] = outbox(app)
    assert sent.sent_at is not None and sent.attempts == 2
    assert "verstuurd: 0" in deliver(runner, "--flush").output
    assert len(smtp.inbox.messages) == 1


def test_backoff_grows_and_is_capped():
    from consult.mail.operations import backoff

    assert [backoff(n).total_seconds() / 60 for n in range(1, 8)] == [1, 2, 4, 8, 16, 32, 60]


def test_the_daily_digest_groups_a_days_events_into_one_message(app, api, runner, smtp):
    smtp.start()
    set_frequency(app, "gemeente", "daily")
    set_frequency(app, "provincie", "daily")
    first = propose(api)
    second = propose(api, suffix=" Nog een aanvulling.")
    api("ministry").post(f"/amendments/{first}/responses", json={"position": "partial",
                                                                 "body": "Deels."})
    api("moderator").post(f"/amendments/{second}/decision",
                          json={"decision": "reject", "reason": "Dubbel."})
    comment = api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Vraag"}).json["id"]
    api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Antwoord", "parent_id": comment})
    assert outbox(app) == []  # daily: nothing goes out per event
    # Today's events wait for tomorrow's digest.
    assert "Dagoverzichten: 0" in deliver(runner).output
    with app.app_context():
        yesterday = utcnow() - timedelta(days=1)
        db.session.execute(sa.update(Notification).values(created_at=yesterday))
        db.session.commit()
    result = deliver(runner)
    assert "Dagoverzichten: 2, verstuurd: 2" in result.output
    by_recipient = {m["To"]: m for m in smtp.inbox.messages}
    digest = by_recipient[ACTORS["gemeente"]].get_body(("plain",)).get_content()
    assert "reageerde op uw amendement" in digest and "is niet overgenomen" in digest
    assert by_recipient[ACTORS["gemeente"]]["Subject"] == "GIA: uw dagoverzicht (2 meldingen)"
    assert "antwoordde op uw reactie" in by_recipient[ACTORS["provincie"]].get_body(
        ("plain",)).get_content()
    assert "Dagoverzichten: 0, verstuurd: 0" in deliver(runner).output


def test_no_email_for_those_who_chose_none(app, api, runner):
    set_frequency(app, "gemeente", "off")
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision",
                          json={"decision": "reject", "reason": "Nee."})
    assert outbox(app) == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 1


def test_followers_hear_of_a_new_version_and_the_profile_sets_the_frequency(app, api):
    from tests.amendments.test_journeys_web import login

    follower = login(app, "provincie")
    assert follower.post("/speerpunten/wonen/volgen").status_code == 302
    text = api("moderator").get("/speerpunten/wonen").json["sections"]["rijk"]
    api("moderator").put("/speerpunten/wonen/sections/rijk", json={
        "text": text + " Nieuw.", "base_version": 1, "summary": "Aanvulling rijk"})
    page = follower.get("/meldingen").get_data(as_text=True)
    assert "Er is een nieuwe versie (2) van Wonen: Aanvulling rijk" in page
    assert follower.post("/profiel/email", data={"frequency": "daily"}).status_code == 302
    assert '<input checked id="frequency-1" name="frequency" required type="radio" value="daily">' in follower.get("/profiel").get_data(as_text=True)
    assert follower.post("/profiel/email", data={"frequency": "vaak"}).status_code == 303
