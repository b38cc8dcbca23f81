"""Pages for regional meetings, their calendar files, and the process timeline."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext, pgettext
from flask_login import login_required
from icalendar import Calendar, Event
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from consult.accounts.forms import EmptyForm
from consult.accounts.models import User
from consult.amendments import operations as amendment_ops
from consult.comments import operations as comment_ops
from consult.core.auth import current_actor, moderator_required
from consult.core.errors import DomainError
from consult.core.forms import apply_errors
from consult.core.types import utcnow
from consult.extensions import db
from consult.meetings import operations, permissions
from consult.meetings.forms import MeetingForm, MilestoneForm, MinutesForm, OnBehalfForm
from consult.meetings.models import Meeting, Milestone, Registration, RegistrationStatus
from consult.organisations.models import Organisation, Region, Tier
from consult.speerpunten.models import SECTIONS, Speerpunt

bp = Blueprint("meetings", __name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _get(meeting_id: int) -> Meeting:
    meeting = db.session.execute(
        select(Meeting).where(Meeting.id == meeting_id).options(
            joinedload(Meeting.region), joinedload(Meeting.speerpunt),
            joinedload(Meeting.organiser), selectinload(Meeting.ministries))
    ).scalar_one_or_none()
    if meeting is None:
        abort(404)
    return meeting


@bp.route("/bijeenkomsten")
@login_required
def index():
    actor = current_actor()
    region = request.args.get("regio") or None
    statement = (select(Meeting).order_by(Meeting.starts_at)
                 .options(joinedload(Meeting.region), joinedload(Meeting.speerpunt),
                          joinedload(Meeting.organiser)))
    if region:
        statement = statement.join(Region).where(Region.slug == region)
    meetings = db.session.execute(statement).scalars().all()
    now = utcnow()
    return render_template(
        "meetings/index.html", upcoming=[m for m in meetings if m.ends_at >= now],
        past=[m for m in meetings if m.ends_at < now][::-1],
        regions=db.session.execute(Region.ordered()).scalars().all(), region=region,
        feed_url=url_for("meetings.feed", sleutel=_feed_key(actor), _external=True),
        may_schedule=permissions.can_schedule(actor),
    )


def _meeting_form() -> MeetingForm:
    form = MeetingForm()
    form.region.choices = [(r.slug, r.name) for r in db.session.execute(Region.ordered()).scalars()]
    form.speerpunt.choices = [(s.slug, s.title) for s in
                              db.session.execute(Speerpunt.ordered()).scalars()]
    organisations = db.session.execute(Organisation.ordered()).scalars().all()
    form.organiser.choices = [(o.slug, o.name) for o in organisations
                              if o.tier in (Tier.PARTNER, Tier.PROVINCIE, Tier.RIJK)]
    form.ministries.choices = [(o.slug, o.name) for o in organisations if o.tier == Tier.RIJK]
    return form


def _local(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=AMSTERDAM).astimezone(UTC) if value else None


@bp.route("/bijeenkomsten/nieuw", methods=["GET", "POST"])
@moderator_required
def new():
    form = _meeting_form()
    status = 200
    if form.validate_on_submit():
        by_slug = {o.slug: o for o in db.session.execute(select(Organisation)).scalars()}
        try:
            meeting = operations.schedule(
                current_actor(), title=form.title.data,
                region=db.session.execute(select(Region).where(
                    Region.slug == form.region.data)).scalar_one(),
                speerpunt=db.session.execute(select(Speerpunt).where(
                    Speerpunt.slug == form.speerpunt.data)).scalar_one(),
                starts_at=_local(form.starts_at.data), ends_at=_local(form.ends_at.data),
                place=form.place.data, organiser=by_slug[form.organiser.data],
                programme=form.programme.data or "", capacity=form.capacity.data,
                audience=form.audience.data,
                ministries=[by_slug[slug] for slug in form.ministries.data or []],
            )
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("De bijeenkomst is gepland."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    elif form.is_submitted():
        status = 400
    return render_template("meetings/new.html", form=form), status


def _detail(meeting: Meeting, **overrides):
    actor = current_actor()
    registrations = db.session.execute(
        select(Registration).where(Registration.meeting_id == meeting.id)
        .order_by(Registration.created_at, Registration.id)
        .options(joinedload(Registration.user))
    ).scalars().all()
    mine = next((r for r in registrations if r.user_id == actor.id), None)
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    from consult.amendments.models import Amendment
    from consult.comments.models import Comment

    on_behalf = {
        "comments": db.session.execute(select(Comment).where(
            Comment.meeting_id == meeting.id).order_by(Comment.created_at)).scalars().all(),
        "amendments": db.session.execute(select(Amendment).where(
            Amendment.meeting_id == meeting.id).order_by(Amendment.created_at)).scalars().all(),
    }
    behalf_form = overrides.pop("behalf_form", None) or OnBehalfForm(formdata=None)
    behalf_form.section.choices = list(SECTIONS.items())
    context = dict(
        meeting=meeting, mine=mine, registered=registered, waiting=waiting,
        waiting_position=(waiting.index(mine) + 1) if mine in waiting else None,
        may_manage=permissions.can_manage(actor, meeting),
        fits=permissions.fits_audience(actor, meeting), past=meeting.ends_at < utcnow(),
        button_form=EmptyForm(formdata=None),
        minutes_form=MinutesForm(formdata=None, data={"minutes": meeting.minutes}),
        behalf_form=behalf_form, on_behalf=on_behalf,
    )
    context.update(overrides)
    return context


@bp.route("/bijeenkomsten/<id:meeting_id>")
@login_required
def detail(meeting_id: int):
    return render_template("meetings/detail.html", **_detail(_get(meeting_id)))


@bp.route("/bijeenkomsten/<id:meeting_id>/aanmelden", methods=["POST"])
@login_required
def register(meeting_id: int):
    meeting = _get(meeting_id)
    try:
        registration = operations.register(current_actor(), meeting)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id)), 303
    if registration.status == RegistrationStatus.WAITING:
        flash(gettext("De bijeenkomst is vol: u staat op de wachtlijst."), "info")
    else:
        flash(pgettext("bijeenkomst", "U bent aangemeld."), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting_id))


@bp.route("/bijeenkomsten/<id:meeting_id>/afmelden", methods=["POST"])
@login_required
def cancel(meeting_id: int):
    meeting = _get(meeting_id)
    try:
        operations.cancel(current_actor(), meeting)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id)), 303
    flash(pgettext("bijeenkomst", "U bent afgemeld."), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting_id))


@bp.route("/bijeenkomsten/<id:meeting_id>/verslag", methods=["POST"])
@login_required
def minutes(meeting_id: int):
    meeting = _get(meeting_id)
    if not permissions.can_manage(current_actor(), meeting):
        abort(403)
    form = MinutesForm()
    if form.validate_on_submit():
        try:
            operations.record_minutes(current_actor(), meeting, form.minutes.data)
        except DomainError as exc:
            apply_errors(form, exc)
            return render_template("meetings/detail.html",
                                   **_detail(meeting, minutes_form=form)), exc.status
        flash(gettext("Het verslag is vastgelegd."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id))
    return render_template("meetings/detail.html", **_detail(meeting, minutes_form=form)), 400


@bp.route("/bijeenkomsten/<id:meeting_id>/inbreng", methods=["POST"])
@login_required
def on_behalf(meeting_id: int):
    """Comments and amendments that came out of the meeting, entered by its organiser."""
    meeting = _get(meeting_id)
    actor = current_actor()
    if not permissions.can_manage(actor, meeting):
        abort(403)
    form = OnBehalfForm()
    form.section.choices = list(SECTIONS.items())
    if form.validate_on_submit():
        try:
            if form.kind.data == "comment":
                comment_ops.post_comment(actor, meeting.speerpunt, section=form.section.data,
                                         body=form.body.data, meeting=meeting)
            else:
                amendment_ops.propose_amendment(
                    actor, meeting.speerpunt, section=form.section.data,
                    base_version=meeting.speerpunt.current_version, text=form.body.data,
                    rationale=form.rationale.data or "", meeting=meeting)
        except DomainError as exc:
            apply_errors(form, exc, {"text": "body"})
            return render_template("meetings/detail.html",
                                   **_detail(meeting, behalf_form=form)), exc.status
        flash(gettext("De inbreng van de bijeenkomst is vastgelegd."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id))
    return render_template("meetings/detail.html", **_detail(meeting, behalf_form=form)), 400


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{current_app.config['CONSULT_BASE_URL'].split('//')[-1]}")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", meeting.created_at)
    event.add("location", meeting.place)
    event.add("description", meeting.programme)
    event.add("url", current_app.config["CONSULT_BASE_URL"].rstrip("/")
              + url_for("meetings.detail", meeting_id=meeting.id))
    return event


def _calendar(meetings) -> Response:
    calendar = Calendar()
    calendar.add("prodid", "-//GIA Consultatieplatform//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("Bijeenkomsten Gemeenschappelijke Integratieagenda"))
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return Response(calendar.to_ical(), mimetype="text/calendar")


@bp.route("/bijeenkomsten/<id:meeting_id>/agenda.ics")
@login_required
def ics(meeting_id: int):
    response = _calendar([_get(meeting_id)])
    response.headers["Content-Disposition"] = f"attachment; filename=bijeenkomst-{meeting_id}.ics"
    return response


def _feed_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="meeting-feed")


def _feed_key(user: User) -> str:
    # Calendar apps send no cookie: the feed address carries a signed key instead, tied to
    # the session token so that changing one's password retires old feed addresses.
    return _feed_serializer().dumps([user.id, user.session_token[:8]])


@bp.route("/bijeenkomsten/mijn-agenda.ics")
def feed():
    try:
        user_id, token = _feed_serializer().loads(request.args.get("sleutel", ""))
    except (BadSignature, ValueError, TypeError):
        abort(404)
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_token[:8] != token:
        abort(404)
    meetings = db.session.execute(
        select(Meeting).join(Registration).where(
            Registration.user_id == user.id,
            Registration.status == RegistrationStatus.REGISTERED).order_by(Meeting.starts_at)
    ).scalars().all()
    return _calendar(meetings)


@bp.route("/tijdlijn", methods=["GET", "POST"])
@moderator_required
def timeline():
    form = MilestoneForm()
    status = 200
    if form.validate_on_submit():
        try:
            operations.set_milestone(current_actor(), None, title=form.title.data,
                                     description=form.description.data or "",
                                     due=form.due.data, status=form.status.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("De mijlpaal is toegevoegd."), "success")
            return redirect(url_for("meetings.timeline"))
    elif form.is_submitted():
        status = 400
    milestones = db.session.execute(Milestone.ordered()).scalars().all()
    return render_template("meetings/timeline.html", form=form, milestones=milestones,
                           status_form=EmptyForm(formdata=None)), status


@bp.route("/tijdlijn/<id:milestone_id>", methods=["POST"])
@moderator_required
def update_milestone(milestone_id: int):
    milestone = db.session.get(Milestone, milestone_id) or abort(404)
    try:
        operations.set_milestone(current_actor(), milestone, title=milestone.title,
                                 description=milestone.description, due=milestone.due,
                                 status=request.form.get("status", ""))
    except DomainError as exc:
        db.session.rollback()
        flash(" ".join((exc.fields or {}).values()) or exc.message, "error")
        return redirect(url_for("meetings.timeline")), 303
    flash(gettext("De mijlpaal is bijgewerkt."), "success")
    return redirect(url_for("meetings.timeline"))
