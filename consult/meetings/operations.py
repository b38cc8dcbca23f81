"""Rules for regional meetings: scheduling, registering with a waiting list, minutes."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext, lazy_gettext
from sqlalchemy import func, select

from consult.accounts.models import User
from consult.audit.operations import record
from consult.core.database import lock_row
from consult.core.errors import Conflict, Forbidden, ValidationFailed
from consult.core.links import path_for
from consult.core.text import check_length, normalise_text
from consult.core.types import utcnow
from consult.extensions import db
from consult.meetings import permissions
from consult.meetings.models import (
    Audience,
    Meeting,
    MeetingMinistry,
    Milestone,
    MilestoneStatus,
    Registration,
    RegistrationStatus,
)
from consult.notifications.operations import follow, notify, notify_followers
from consult.organisations.models import Organisation, Region, Tier
from consult.speerpunten.models import Speerpunt


def schedule(
    actor: User, *, title: str, region: Region, speerpunt: Speerpunt, starts_at: datetime,
    ends_at: datetime, place: str, organiser: Organisation, programme: str, capacity: int,
    audience: str, ministries: list[Organisation],
) -> Meeting:
    """A moderator schedules a meeting in a region about a speerpunt; everyone in the region
    hears of it."""
    if not permissions.can_schedule(actor):
        raise Forbidden(gettext("Alleen moderatoren plannen bijeenkomsten."))
    fields: dict[str, str] = {}
    title, place, programme = (normalise_text(v) for v in (title, place, programme))
    check_length(title, "title", minimum=1, maximum=200, fields=fields)
    check_length(place, "place", minimum=1, maximum=300, fields=fields)
    check_length(programme, "programme", minimum=0, maximum=20_000, fields=fields)
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        fields["starts_at"] = gettext("Geef een tijdstip met tijdzone.")
    elif ends_at <= starts_at:
        fields["ends_at"] = gettext("Het einde ligt na het begin.")
    if not 1 <= capacity <= 10_000:
        fields["capacity"] = gettext("Tussen 1 en 10.000 plaatsen.")
    try:
        parsed_audience = Audience(audience)
    except ValueError:
        fields["audience"] = gettext("Kies alle, klein of groot.")
    if any(m.tier != Tier.RIJK for m in ministries):
        fields["ministries"] = gettext("Alleen ministeries.")
    if fields:
        raise ValidationFailed(fields=fields)
    meeting = Meeting(
        title=title, region_id=region.id, speerpunt_id=speerpunt.id, starts_at=starts_at,
        ends_at=ends_at, place=place, organiser_id=organiser.id, programme=programme,
        capacity=capacity, audience=parsed_audience, created_by_id=actor.id,
    )
    db.session.add(meeting)
    db.session.flush()
    for ministry in ministries:
        db.session.add(MeetingMinistry(meeting_id=meeting.id, organisation_id=ministry.id,
                                       organisation_tier="rijk"))
    record(actor, "meeting.schedule", f"meeting:{meeting.id}", region=region.slug,
           speerpunt=speerpunt.slug)
    people = db.session.execute(
        select(User.id).join(Organisation, Organisation.id == User.organisation_id)
        .where(Organisation.region_id == region.id, User.active)
    ).scalars().all()
    link = path_for("meetings.detail", meeting_id=meeting.id)
    for user_id in people:
        if user_id != actor.id:
            notify(user_id, "meeting.new",
                   lazy_gettext("Nieuwe bijeenkomst in uw regio: %(title)s, %(place)s.",
                                title=title, place=place), link)
    db.session.flush()
    return meeting


def registered_count(meeting: Meeting) -> int:
    return db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.meeting_id == meeting.id,
        Registration.status == RegistrationStatus.REGISTERED))


def register(actor: User, meeting: Meeting) -> Registration:
    """Take a place, or a place on the waiting list once the meeting is full."""
    if not permissions.fits_audience(actor, meeting):
        raise Conflict(gettext("Deze bijeenkomst is voor %(audience)s.",
                               audience=meeting.audience.label.lower()))
    if meeting.ends_at <= utcnow():
        raise Conflict(gettext("Deze bijeenkomst is al voorbij."))
    # Places are counted under a lock, so two people never take the last place both.
    meeting = lock_row(Meeting, meeting.id)
    registration = db.session.execute(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.user_id == actor.id)
    ).scalar_one_or_none()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        return registration
    status = (RegistrationStatus.REGISTERED if registered_count(meeting) < meeting.capacity
              else RegistrationStatus.WAITING)
    if registration is None:
        registration = Registration(meeting_id=meeting.id, user_id=actor.id, status=status)
        db.session.add(registration)
    else:
        registration.status = status
        registration.created_at = utcnow()
    db.session.flush()
    follow(actor.id, "meeting", meeting.id)
    return registration


def cancel(actor: User, meeting: Meeting) -> Registration | None:
    """Give up one's place; the first person waiting moves up and is told. Returns who moved up."""
    meeting = lock_row(Meeting, meeting.id)
    registration = db.session.execute(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.user_id == actor.id)
    ).scalar_one_or_none()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise Conflict(gettext("U bent niet aangemeld voor deze bijeenkomst."))
    had_place = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    db.session.flush()
    if not had_place:
        return None
    first_waiting = db.session.execute(
        select(Registration).where(Registration.meeting_id == meeting.id,
                                   Registration.status == RegistrationStatus.WAITING)
        .order_by(Registration.created_at, Registration.id).limit(1)
    ).scalar_one_or_none()
    if first_waiting is None:
        return None
    first_waiting.status = RegistrationStatus.REGISTERED
    db.session.flush()
    notify(first_waiting.user_id, "meeting.place",
           lazy_gettext("Er is een plaats vrijgekomen: u bent nu aangemeld voor %(title)s "
                        "(%(place)s).", title=meeting.title, place=meeting.place),
           path_for("meetings.detail", meeting_id=meeting.id))
    return first_waiting


def record_minutes(actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """The organiser records what was discussed; those who follow the meeting hear of it."""
    if not permissions.can_manage(actor, meeting):
        raise Forbidden(gettext("Alleen de organisator legt het verslag vast."))
    minutes = normalise_text(minutes)
    fields: dict[str, str] = {}
    check_length(minutes, "minutes", minimum=1, maximum=50_000, fields=fields)
    if fields:
        raise ValidationFailed(fields=fields)
    meeting.minutes = minutes
    meeting.minutes_at = utcnow()
    record(actor, "meeting.minutes", f"meeting:{meeting.id}")
    notify_followers("meeting", meeting.id, "meeting.minutes",
                     lazy_gettext("Het verslag van %(title)s staat online.",
                                  title=meeting.title),
                     path_for("meetings.detail", meeting_id=meeting.id),
                     except_user_id=actor.id)
    return meeting


def check_on_behalf(actor: User, meeting: Meeting, speerpunt: Speerpunt) -> None:
    """Input on behalf of a meeting comes from its organiser, about its own speerpunt."""
    if not permissions.can_manage(actor, meeting):
        raise Forbidden(gettext("Alleen de organisator voert inbreng in namens de bijeenkomst."))
    if meeting.speerpunt_id != speerpunt.id:
        raise ValidationFailed(fields={"meeting_id": gettext(
            "Deze bijeenkomst ging over een ander speerpunt.")})


def set_milestone(actor: User, milestone: Milestone | None, *, title: str, description: str,
                  due, status: str) -> Milestone:
    """Moderators keep the milestones of the process."""
    if actor is None or not actor.is_moderator:
        raise Forbidden(gettext("Alleen moderatoren houden de tijdlijn bij."))
    fields: dict[str, str] = {}
    title, description = normalise_text(title), normalise_text(description)
    check_length(title, "title", minimum=1, maximum=200, fields=fields)
    check_length(description, "description", minimum=0, maximum=2000, fields=fields)
    try:
        parsed = MilestoneStatus(status)
    except ValueError:
        fields["status"] = gettext("Kies gepland, bezig of afgerond.")
    if due is None:
        fields["due"] = gettext("Geef een datum.")
    if fields:
        raise ValidationFailed(fields=fields)
    if milestone is None:
        milestone = Milestone(title=title, description=description, due=due, status=parsed)
        db.session.add(milestone)
    else:
        milestone.title, milestone.description, milestone.due, milestone.status = (
            title, description, due, parsed)
    db.session.flush()
    record(actor, "milestone.save", f"milestone:{milestone.id}", status=parsed.value)
    return milestone
