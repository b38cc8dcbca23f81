"""Telling people what became of their input, in the same transaction as the event; the
many followers of something are told of it just after, from one announcement."""

from __future__ import annotations

import functools
import json
import logging

from flask import current_app, g, has_app_context
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from sqlalchemy import bindparam, delete, func, insert, select, update

from consult.core.database import write_transaction
from consult.core.i18n import DEFAULT_LOCALE, LOCALES, user_locale
from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.models import Announcement, Follow, Notification

log = logging.getLogger(__name__)


def notify(user_id: int, kind: str, message: str | LazyString, url: str = "") -> Notification:
    """Leave a message for a person, and queue its email if they want it right away; both
    are written with the event, or not at all.

    The message is best a lazy string (lazy_gettext): it is then written in the language of
    the person it is for, not in that of whoever caused the event.
    """
    from consult.accounts.models import User
    from consult.mail.operations import email_notification

    user = db.session.get(User, user_id)
    with force_locale(user_locale(user)):
        notification = Notification(user_id=user_id, kind=kind, message=str(message)[:2000],
                                    url=url)
    db.session.add(notification)
    if user is not None:
        email_notification(user, notification)
    return notification


def follow(user_id: int, target_type: str, target_id: int) -> bool:
    """Follow a speerpunt, meeting or question; False if already followed."""
    exists = db.session.execute(select(Follow.id).where(
        Follow.user_id == user_id, Follow.target_type == target_type,
        Follow.target_id == target_id)).first()
    if exists:
        return False
    db.session.add(Follow(user_id=user_id, target_type=target_type, target_id=target_id))
    db.session.flush()
    return True


def unfollow(user_id: int, target_type: str, target_id: int) -> None:
    db.session.execute(delete(Follow).where(
        Follow.user_id == user_id, Follow.target_type == target_type,
        Follow.target_id == target_id))


# Up to this many followers are told within the event's own transaction, so that they see
# it at once; more get one announcement, told after the commit (CONSULT_NOTIFY_INLINE_FOLLOWERS).
DEFAULT_INLINE_FOLLOWERS = 100
# Followers told per transaction when an announcement is told (CONSULT_NOTIFY_CHUNK).
DEFAULT_CHUNK = 500
# Marks a session whose transaction wrote an announcement, for the request cycle.
ANNOUNCED = "consult.announced"


def notify_followers(target_type: str, target_id: int, kind: str, message: str | LazyString,
                     url: str, *, except_user_id: int | None = None) -> int:
    """Tell everyone who follows something, except the person who caused the event.

    A few followers are told in this transaction. Many get one announcement, written in this
    transaction too (so an event is never announced without happening, nor the other way
    round), and told to each follower after the commit: the event's transaction, which may
    hold a speerpunt locked, then costs the same for ten followers as for ten thousand.
    Returns the number told now.
    """
    inline = current_app.config.get("CONSULT_NOTIFY_INLINE_FOLLOWERS", DEFAULT_INLINE_FOLLOWERS)
    followers = db.session.execute(
        _followers(target_type, target_id, except_user_id).limit(inline + 1)).all()
    if len(followers) <= inline:
        return _tell(followers, kind, _render(message, {user_locale(f) for f in followers}),
                     url, utcnow())
    db.session.add(Announcement(
        target_type=target_type, target_id=target_id, kind=kind,
        messages=json.dumps(_render(message, LOCALES), ensure_ascii=False), url=url,
        except_user_id=except_user_id, created_at=utcnow()))
    db.session.info[ANNOUNCED] = True
    return 0


def _followers(target_type: str, target_id: int, except_user_id: int | None):
    """Who follows something, with what telling them needs, in the order of their follows."""
    from consult.accounts.models import User

    # Plain rows, not User objects: loading thousands of people with their organisations
    # would cost more than everything else the announcement does.
    statement = (
        select(User.id, User.email, User.name, User.locale, User.email_frequency, User.active,
               Follow.id.label("follow_id"))
        .join(Follow, Follow.user_id == User.id)
        .where(Follow.target_type == target_type, Follow.target_id == target_id)
        .order_by(Follow.id))
    if except_user_id is not None:
        statement = statement.where(Follow.user_id != except_user_id)
    return statement


def _render(message: str | LazyString, locales) -> dict[str, str]:
    """The message in each of these languages."""
    rendered = {}
    for locale in locales:
        with force_locale(locale):
            rendered[locale] = str(message)[:2000]
    return rendered


def _tell(users: list, kind: str, messages: dict[str, str], url: str, created_at) -> int:
    """One notification for each of these people, and the email of those who want it at
    once, each in their language; a handful of statements however many people."""
    from consult.mail.operations import queue_notification_emails

    if not users:
        return 0
    # A language the application learnt after the announcement was written reads Dutch.
    messages = {locale: messages.get(locale, messages[DEFAULT_LOCALE])
                for locale in {user_locale(u) for u in users}}
    now = utcnow()
    emailed = {u.id for u in users if u.email_frequency == "immediate" and u.active}
    rows = [{"user_id": u.id, "kind": kind,
             "message": messages[user_locale(u)], "url": url,
             "created_at": created_at, "emailed_at": now if u.id in emailed else None}
            for u in users]
    # The table, not the entity: one executemany, without the ORM's per-row bookkeeping.
    db.session.execute(insert(Notification.__table__), rows)
    queue_notification_emails(users, messages, url)
    return len(rows)


class TellingFailed(Exception):
    """Telling an announcement's followers failed; its chunk was rolled back."""

    def __init__(self, announcement_id: int):
        super().__init__(f"announcement {announcement_id}")
        self.announcement_id = announcement_id


def tell_next_chunk(passing: set[int] | frozenset[int] = frozenset()) -> int | None:
    """Tell the next chunk of followers of the oldest announcement not yet told to all
    (leaving out those `passing`), in one transaction that this commits; None when no
    announcement is waiting.

    The announcement's row is locked while its chunk is told (PostgreSQL: FOR UPDATE SKIP
    LOCKED, so a second process takes another announcement or none; SQLite writes one at a
    time anyway), and the chunk's notifications are committed with its `told_through`, so no
    follower is told twice and none is skipped, also after a crash.
    """
    chunk = current_app.config.get("CONSULT_NOTIFY_CHUNK", DEFAULT_CHUNK)
    with write_transaction():
        statement = (select(Announcement).where(Announcement.done_at.is_(None))
                     .order_by(Announcement.id).limit(1))
        if passing:
            statement = statement.where(Announcement.id.not_in(passing))
        if db.session.get_bind().dialect.name == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        announcement = db.session.execute(statement).scalar_one_or_none()
        if announcement is None:
            db.session.rollback()
            return None
        announcement_id = announcement.id
        try:
            followers = db.session.execute(
                _followers(announcement.target_type, announcement.target_id,
                           announcement.except_user_id)
                .where(Follow.id > announcement.told_through,
                       Follow.created_at <= announcement.created_at)
                .limit(chunk)).all()
            told = _tell(followers, announcement.kind, json.loads(announcement.messages),
                         announcement.url, announcement.created_at)
            announcement.told += told
            if followers:
                announcement.told_through = followers[-1].follow_id
            if len(followers) < chunk:
                announcement.done_at = utcnow()
            db.session.commit()
        except Exception as exc:
            db.session.rollback()
            raise TellingFailed(announcement_id) from exc
        return told


def tell_announcements() -> int:
    """Tell every waiting announcement to its followers; the number of notifications written.

    Run after the commit of a request that announced something, and by `consult
    deliver-mail` on each pass for what a process that died left behind. Call it outside a
    transaction: it commits chunk by chunk. An announcement that cannot be told is logged
    and left for the next pass, without holding up the others.
    """
    total, failed = 0, set()
    while True:
        try:
            told = tell_next_chunk(failed)
        except TellingFailed as exc:
            log.exception("followers not told of %s; trying again on the next pass", exc)
            failed.add(exc.announcement_id)
            continue
        if told is None:
            return total
        total += told


def tell_after_request(app) -> None:
    """Tell what the request announced, once its response is sent (response.call_on_close)."""
    with app.app_context():
        try:
            tell_announcements()
        except Exception:  # noqa: BLE001 - the mail worker tells what is left
            db.session.rollback()
            log.exception("announcements not told after the request; the mail worker will")


# Where the unread count read along with the signed-in person is kept for the request.
_UNREAD_KEPT = "consult_unread"


def unread_count(user_id: int) -> int:
    kept = g.get(_UNREAD_KEPT) if has_app_context() else None
    if kept is not None and kept[0] == user_id:
        return kept[1]
    return db.session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


@functools.cache
def _user_with_unread():
    from consult.accounts.models import User
    from consult.accounts.operations import person_statement

    users = User.__table__
    unread = (select(func.count()).select_from(Notification)
              .where(Notification.user_id == users.c.id, Notification.read_at.is_(None))
              .correlate(users).scalar_subquery())
    return person_statement(unread).where(users.c.id == bindparam("user_id"))


def load_user_with_unread(user_id: int, along=None):
    """The person with this id, their unread count read in the same statement and kept for
    the rest of the request (every page shows it in the account bar); None if unknown.

    `along` (speerpunten.queries.Along) is read in the same statement and kept too."""
    from consult.accounts.operations import read_person

    found = read_person(_user_with_unread(), {"user_id": user_id}, along)
    if found is None:
        return None
    user, (unread,) = found
    g.setdefault(_UNREAD_KEPT, (user.id, unread))
    return user


def mark_all_read(user_id: int) -> None:
    g.pop(_UNREAD_KEPT, None)
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
