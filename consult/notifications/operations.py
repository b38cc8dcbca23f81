"""Telling people what became of their input, in the same transaction as the event."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from sqlalchemy import delete, func, insert, select, update

from consult.core.i18n import user_locale
from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.models import Follow, Notification


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


def is_following(user_id: int, target_type: str, target_id: int) -> bool:
    return db.session.execute(select(Follow.id).where(
        Follow.user_id == user_id, Follow.target_type == target_type,
        Follow.target_id == target_id)).first() is not None


def notify_followers(target_type: str, target_id: int, kind: str, message: str | LazyString,
                     url: str, *, except_user_id: int | None = None) -> int:
    """Tell everyone who follows something, except the person who caused the event."""
    user_ids = [user_id for user_id in db.session.execute(select(Follow.user_id).where(
        Follow.target_type == target_type, Follow.target_id == target_id)).scalars()
        if user_id != except_user_id]
    return notify_many(user_ids, kind, message, url)


def notify_many(user_ids: list[int], kind: str, message: str | LazyString, url: str) -> int:
    """What notify does, for many people in a handful of statements: a speerpunt may have
    thousands of followers, and its new version is announced while its row is locked."""
    from consult.accounts.models import User
    from consult.mail.operations import queue_notification_emails

    # Plain rows, not User objects: loading thousands of people with their organisations
    # would cost more than everything else the announcement does.
    users = []
    for start in range(0, len(user_ids), 1000):
        users += db.session.execute(
            select(User.id, User.email, User.name, User.locale, User.email_frequency,
                   User.active).where(User.id.in_(user_ids[start:start + 1000]))).all()
    messages: dict[str, str] = {}
    for user in users:
        locale = user_locale(user)
        if locale not in messages:
            with force_locale(locale):
                messages[locale] = str(message)[:2000]
    now = utcnow()
    emailed = {u.id for u in users if u.email_frequency == "immediate" and u.active}
    rows = [{"user_id": u.id, "kind": kind, "message": messages[user_locale(u)], "url": url,
             "created_at": now, "emailed_at": now if u.id in emailed else None} for u in users]
    if rows:
        # The table, not the entity: one executemany, without the ORM's per-row bookkeeping.
        db.session.execute(insert(Notification.__table__), rows)
        queue_notification_emails(users, messages, url)
    return len(rows)


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


def mark_all_read(user_id: int) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
