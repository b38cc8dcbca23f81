"""Telling people what became of their input, in the same transaction as the event."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from sqlalchemy import delete, func, select, update

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
    user_ids = db.session.execute(select(Follow.user_id).where(
        Follow.target_type == target_type, Follow.target_id == target_id)).scalars().all()
    count = 0
    for user_id in user_ids:
        if user_id != except_user_id:
            notify(user_id, kind, message, url)
            count += 1
    return count


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
