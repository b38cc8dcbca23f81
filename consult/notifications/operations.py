"""Telling people what became of their input, in the same transaction as the event."""

from __future__ import annotations

from sqlalchemy import func, select, update

from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.models import Notification


def notify(user_id: int, kind: str, message: str, url: str = "") -> Notification:
    """Leave a message for a person; it is written with the event, or not at all."""
    notification = Notification(user_id=user_id, kind=kind, message=message[:2000], url=url)
    db.session.add(notification)
    return notification


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
