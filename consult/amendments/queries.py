"""Lookups of amendments that respect who may see them, loaded without N+1 queries."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from consult.accounts.models import User
from consult.amendments.models import Amendment, AmendmentStatus, Response, Support
from consult.core.errors import NotFound, ValidationFailed
from consult.core.paging import page_of
from consult.core.types import utcnow
from consult.extensions import db
from consult.speerpunten.models import Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt

# Many-to-one relations are joined into the same query, collections take one query
# each: three queries for any number of amendments.
FULL = (
    joinedload(Amendment.author),
    joinedload(Amendment.organisation),
    joinedload(Amendment.decided_by),
    selectinload(Amendment.supports).options(
        joinedload(Support.user), joinedload(Support.organisation)),
    selectinload(Amendment.responses).options(
        joinedload(Response.author), joinedload(Response.organisation)),
)


def parse_status(raw: str | None) -> AmendmentStatus | None:
    if raw is None or raw == "":
        return None
    try:
        return AmendmentStatus(raw)
    except ValueError as exc:
        allowed = ", ".join(status.value for status in AmendmentStatus)
        raise ValidationFailed(
            fields={"status": gettext("Kies een van: %(allowed)s.", allowed=allowed)}) from exc


def amendments_page(
    speerpunt: Speerpunt, status: AmendmentStatus | None, page: int, per_page: int
) -> tuple[list[Amendment], int]:
    statement = Amendment.of_speerpunt(speerpunt.id)
    if status is not None:
        statement = statement.where(Amendment.status == status)
    return page_of(statement, page, per_page, *FULL)


def amendments_of(speerpunt: Speerpunt, status: AmendmentStatus | None = None) -> list[Amendment]:
    statement = Amendment.of_speerpunt(speerpunt.id).options(*FULL)
    if status is not None:
        statement = statement.where(Amendment.status == status)
    return list(db.session.execute(statement).scalars())


def get_visible_amendment(user: User | None, amendment_id: int) -> tuple[Amendment, Speerpunt]:
    amendment = db.session.execute(
        select(Amendment).where(Amendment.id == amendment_id).options(*FULL)
    ).scalar_one_or_none()
    if amendment is None:
        raise NotFound(gettext("Dit amendement bestaat niet."))
    speerpunt = db.session.get(Speerpunt, amendment.speerpunt_id)
    if not can_view_speerpunt(user, speerpunt):
        raise NotFound(gettext("Dit amendement bestaat niet."))
    return amendment, speerpunt


def response_due(amendment: Amendment, speerpunt: Speerpunt) -> datetime:
    """When the responsible ministries' formal response is due."""
    return amendment.created_at + timedelta(days=speerpunt.response_term_days)


def is_overdue(amendment: Amendment, speerpunt: Speerpunt, now: datetime | None = None,
               organisation_id: int | None = None) -> bool:
    """A pending amendment past its response term without a formal response (from the given
    ministry, or from any ministry)."""
    if not amendment.is_pending:
        return False
    responded = [r for r in amendment.responses
                 if organisation_id is None or r.organisation_id == organisation_id]
    return not responded and response_due(amendment, speerpunt) < (now or utcnow())


def overdue(organisation_id: int | None = None) -> list[tuple[Amendment, Speerpunt]]:
    """Overdue amendments, oldest first: of one ministry's speerpunten, or all of them."""
    from consult.speerpunten.models import Responsibility

    statement = (select(Amendment, Speerpunt)
                 .join(Speerpunt, Speerpunt.id == Amendment.speerpunt_id)
                 .where(Amendment.status == AmendmentStatus.PENDING)
                 .order_by(Amendment.created_at, Amendment.id).options(*FULL))
    if organisation_id is not None:
        statement = statement.join(Responsibility, Responsibility.speerpunt_id == Speerpunt.id
                                   ).where(Responsibility.organisation_id == organisation_id)
    now = utcnow()
    return [(a, sp) for a, sp in db.session.execute(statement).unique().all()
            if is_overdue(a, sp, now, organisation_id)]
