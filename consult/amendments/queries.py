"""Lookups of amendments that respect who may see them, loaded without N+1 queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext
from sqlalchemy import func, or_, select
from sqlalchemy.orm import defer, joinedload, selectinload

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
# For lists of amendments, whose rows show no text: an amendment carries its whole section
# (37,000 characters for the longest), and a page that counts its rows with a window reads
# every row it counts.
LISTED = (*FULL, defer(Amendment.text))


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
    speerpunt: Speerpunt, status: AmendmentStatus | None, page: int, per_page: int,
    section: str | None = None, with_text: bool = True,
) -> tuple[list[Amendment], int]:
    statement = Amendment.of_speerpunt(speerpunt.id)
    if status is not None:
        statement = statement.where(Amendment.status == status)
    if section is not None:
        statement = statement.where(Amendment.section == section)
    return page_of(statement, page, per_page, *(FULL if with_text else LISTED))


# The speerpunt page lists this many pending amendments per section, newest first; the
# amendments page has them all.
PENDING_ON_SPEERPUNT = 10


@dataclass(frozen=True)
class PendingSummary:
    """A pending amendment as the speerpunt page lists it: its supports and responses
    counted in the database rather than loaded."""

    amendment: Amendment
    supports: int
    responses: int


def recent_pending(speerpunt: Speerpunt, per_section: int = PENDING_ON_SPEERPUNT
                   ) -> tuple[dict[str, list[PendingSummary]], dict[str, int]]:
    """The newest pending amendments of each section, and how many each section has, in
    one query."""
    ranked = (
        select(Amendment.id,
               func.row_number().over(partition_by=Amendment.section,
                                      order_by=(Amendment.created_at.desc(),
                                                Amendment.id.desc())).label("rank"),
               func.count().over(partition_by=Amendment.section).label("total"))
        .where(Amendment.speerpunt_id == speerpunt.id,
               Amendment.status == AmendmentStatus.PENDING)
        .subquery()
    )
    supports = (select(func.count()).where(Support.amendment_id == Amendment.id)
                .correlate(Amendment).scalar_subquery())
    responses = (select(func.count()).where(Response.amendment_id == Amendment.id)
                 .correlate(Amendment).scalar_subquery())
    rows = db.session.execute(
        select(Amendment, supports, responses, ranked.c.total)
        .join(ranked, ranked.c.id == Amendment.id)
        .where(ranked.c.rank <= per_section)
        .order_by(ranked.c.rank)
        .options(joinedload(Amendment.author), joinedload(Amendment.organisation))
    ).all()
    listed: dict[str, list[PendingSummary]] = {}
    totals: dict[str, int] = {}
    for amendment, support_count, response_count, total in rows:
        listed.setdefault(amendment.section, []).append(
            PendingSummary(amendment, support_count, response_count))
        totals[amendment.section] = total
    return listed, totals


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


def most_overdue(speerpunten: list[Speerpunt], limit: int, organisation_id: int | None = None,
                 load: tuple = ()) -> tuple[list[tuple[Amendment, Speerpunt]], int]:
    """The `limit` longest overdue amendments of these speerpunten (pending, past the term
    without a formal response, from the given ministry or from any), oldest first, and how
    many there are, in one query. The rule is is_overdue's, applied in the database: each
    speerpunt's term makes a cut-off. The amendments come without their text (counting them
    all would otherwise read every one of them), with what `load` adds."""
    if not speerpunten:
        return [], 0
    now = utcnow()
    by_id = {speerpunt.id: speerpunt for speerpunt in speerpunten}
    past_term = or_(*(
        (Amendment.speerpunt_id == speerpunt.id)
        & (Amendment.created_at < now - timedelta(days=speerpunt.response_term_days))
        for speerpunt in speerpunten))
    responses = select(Response.id).where(Response.amendment_id == Amendment.id)
    if organisation_id is not None:
        responses = responses.where(Response.organisation_id == organisation_id)
    rows = db.session.execute(
        select(Amendment, func.count().over())
        .where(Amendment.status == AmendmentStatus.PENDING, past_term, ~responses.exists())
        .order_by(Amendment.created_at, Amendment.id).limit(limit)
        .options(defer(Amendment.text), *load)
    ).all()
    return [(a, by_id[a.speerpunt_id]) for a, _total in rows], rows[0][1] if rows else 0
