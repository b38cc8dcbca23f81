"""A speerpunt with many followers: accepting an amendment does not wait for telling them,
and each of them is told all the same: once, in their language, by their email choice."""

from __future__ import annotations

import secrets
import threading
from collections import Counter

import pytest
import sqlalchemy as sa

from consult.accounts.models import EmailFrequency, Role, User
from consult.core.types import utcnow
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.notifications.models import Announcement, Follow, Notification
from consult.notifications.operations import (
    follow,
    tell_announcements,
    tell_next_chunk,
    unread_count,
)
from consult.organisations.models import Organisation
from consult.speerpunten.models import Speerpunt
from tests.amendments.test_rules import propose
from tests.conftest import ACTORS

NEW_VERSION = {"nl": "Er is een nieuwe versie (2) van Wonen",
               "en": "There is a new version (2) of Wonen"}
# locale, email frequency, active: every combination that tells apart what a follower gets.
KINDS = [("nl", "immediate", True), ("en", "immediate", True), ("nl", "daily", True),
         ("en", "off", True), ("en", "immediate", False)]


def add_followers(app, count: int, slug: str = "wonen", start: int = 0) -> dict[int, tuple]:
    """`count` people following a speerpunt, of every kind in turn; {user id: kind}."""
    with app.app_context():
        organisation = db.session.execute(
            sa.select(Organisation.id).where(Organisation.slug == "vng")).scalar_one()
        speerpunt = db.session.execute(
            sa.select(Speerpunt.id).where(Speerpunt.slug == slug)).scalar_one()
        rows = []
        for n in range(start, start + count):
            locale, frequency, active = KINDS[n % len(KINDS)]
            rows.append({"email": f"volger{n}@test.nl", "name": f"Volger {n}",
                         "organisation_id": organisation, "role": Role.PARTICIPANT,
                         "password_hash": "x", "active": active, "session_token":
                         secrets.token_hex(16), "created_at": utcnow(), "function": "",
                         "may_endorse": False, "locale": locale,
                         "email_frequency": EmailFrequency(frequency)})
        db.session.execute(sa.insert(User.__table__), rows)
        ids = dict(db.session.execute(sa.select(User.email, User.id).where(
            User.email.in_([row["email"] for row in rows]))).all())
        db.session.execute(sa.insert(Follow.__table__), [
            {"user_id": ids[row["email"]], "target_type": "speerpunt", "target_id": speerpunt,
             "created_at": utcnow()} for row in rows])
        db.session.commit()
        return {ids[f"volger{n}@test.nl"]: KINDS[n % len(KINDS)]
                for n in range(start, start + count)}


def user_id(app, who: str) -> int:
    with app.app_context():
        return db.session.execute(User.by_email(ACTORS[who])).scalar_one().id


def version_notes(app) -> Counter:
    """How many notifications of a new version each person has."""
    with app.app_context():
        return Counter(db.session.execute(sa.select(Notification.user_id).where(
            Notification.kind == "speerpunt.version")).scalars())


def new_version_mail(app) -> Counter:
    with app.app_context():
        return Counter(db.session.execute(sa.select(OutboxMessage.user_id).where(
            OutboxMessage.subject.like("GIA: Er is een nieuwe versie%")
            | OutboxMessage.subject.like("GIA: There is a new version%"))).scalars())


@pytest.fixture
def busy(app):
    """Announcements for more than two followers, told two at a time."""
    app.config.update(CONSULT_NOTIFY_INLINE_FOLLOWERS=2, CONSULT_NOTIFY_CHUNK=2)
    return app


def test_each_follower_is_told_once_in_their_language_after_the_accept(busy, api):
    app = busy
    followers = add_followers(app, 11)
    author = user_id(app, "gemeente")
    with app.app_context():
        follow(author, "speerpunt", db.session.execute(
            sa.select(Speerpunt.id).where(Speerpunt.slug == "wonen")).scalar_one())
        db.session.commit()
    amendment = propose(api)
    assert api("moderator").post(f"/amendments/{amendment}/decision",
                                 json={"decision": "accept"}).status_code == 200
    # Accepted and announced in one transaction; deciding again changes and announces nothing.
    assert api("moderator").post(f"/amendments/{amendment}/decision",
                                 json={"decision": "accept"}).status_code == 409
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Announcement)) == 1
    # Someone who follows only after the event is not told of it.
    late = add_followers(app, 1, start=100)

    with app.app_context():
        told = tell_announcements()
        assert tell_announcements() == 0  # a second pass tells nobody again
        announcement = db.session.execute(sa.select(Announcement)).scalar_one()
        assert announcement.done_at is not None and announcement.told == len(followers)
    assert told == len(followers)
    notes = version_notes(app)
    assert notes == Counter(dict.fromkeys(followers, 1))
    assert author not in notes and not set(late) & set(notes)
    with app.app_context():
        for user, (locale, frequency, active) in followers.items():
            message = db.session.execute(sa.select(Notification.message).where(
                Notification.user_id == user)).scalar_one()
            assert message.startswith(NEW_VERSION[locale]), (locale, message)
            assert unread_count(user) == 1
    mail = new_version_mail(app)
    assert mail == Counter({user: 1 for user, (_l, frequency, active) in followers.items()
                            if frequency == "immediate" and active})
    with app.app_context():
        waiting = set(db.session.execute(sa.select(Notification.user_id).where(
            Notification.emailed_at.is_(None))).scalars())
        # The daily digest picks up the notifications of those who chose it.
        assert {u for u, (_l, f, _a) in followers.items() if f == "daily"} <= waiting
        english = db.session.execute(sa.select(OutboxMessage).where(
            OutboxMessage.user_id.in_([u for u, k in followers.items() if k[0] == "en"]))
        ).scalars().first()
        assert english.locale == "en" and "There is a new version" in english.body_text


def test_followers_are_told_once_the_response_is_sent(busy, api):
    followers = add_followers(busy, 5)
    amendment = propose(api)
    # Buffered, the test client closes the response as a server does after sending it.
    assert api("moderator").post(f"/amendments/{amendment}/decision", json={
        "decision": "accept"}, buffered=True).status_code == 200
    assert version_notes(busy) == Counter(dict.fromkeys(followers, 1))
    with busy.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Announcement).where(
            Announcement.done_at.is_(None))) == 0


def test_the_mail_worker_tells_what_was_left_and_sends_it(busy, api, runner):
    followers = add_followers(busy, 6)
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision", json={"decision": "accept"})
    assert version_notes(busy) == Counter()
    result = runner.invoke(args=["consult", "deliver-mail"])
    assert "Meldingen aan volgers: 6" in result.output
    assert version_notes(busy) == Counter(dict.fromkeys(followers, 1))


def test_few_followers_are_told_in_the_event_itself(app, api):
    followers = add_followers(app, 3)
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision", json={"decision": "accept"})
    assert version_notes(app) == Counter(dict.fromkeys(followers, 1))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Announcement)) == 0


# PostgreSQL only: SQLite lets one process write at a time, so tellers cannot overlap there.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_tellers_at_once_tell_nobody_twice(busy, api, backend, monkeypatch):
    from consult.notifications import operations

    followers = add_followers(busy, 9)
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision", json={"decision": "accept"})

    telling, release = threading.Event(), threading.Event()
    real_tell = operations._tell
    first = threading.Lock()

    def slow_tell(*args, **kwargs):
        # The first teller stops halfway through its chunk, holding the announcement.
        if first.acquire(blocking=False):
            telling.set()
            release.wait(30)
        return real_tell(*args, **kwargs)

    monkeypatch.setattr(operations, "_tell", slow_tell)
    results = {}

    def first_teller():
        with busy.app_context():
            results["first"] = tell_next_chunk()

    thread = threading.Thread(target=first_teller)
    thread.start()
    try:
        assert telling.wait(30)
        with busy.app_context():
            # The second teller passes the announcement by instead of telling its followers.
            results["second"] = tell_announcements()
    finally:
        release.set()
        thread.join()
    assert results == {"first": 2, "second": 0}
    with busy.app_context():
        assert tell_announcements() == len(followers) - 2
    assert version_notes(busy) == Counter(dict.fromkeys(followers, 1))


def test_an_announcement_that_cannot_be_told_holds_up_no_other(busy, api, caplog):
    followers = add_followers(busy, 4)
    with busy.app_context():
        wonen = db.session.execute(
            sa.select(Speerpunt.id).where(Speerpunt.slug == "wonen")).scalar_one()
        db.session.add(Announcement(target_type="speerpunt", target_id=wonen, kind="test",
                                    messages="{niet leesbaar", url=""))
        db.session.commit()
    amendment = propose(api)
    api("moderator").post(f"/amendments/{amendment}/decision", json={"decision": "accept"})
    with busy.app_context():
        assert tell_announcements() == len(followers)
        waiting = db.session.execute(sa.select(Announcement.kind).where(
            Announcement.done_at.is_(None))).scalars().all()
    assert waiting == ["test"]
    assert version_notes(busy) == Counter(dict.fromkeys(followers, 1))
    assert "followers not told" in caplog.text
