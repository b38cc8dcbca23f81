"""Pages for the agenda: the home page, a speerpunt, its versions, diffs and provenance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC
from typing import NamedTuple

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from consult.amendments import queries as amendment_queries
from consult.amendments.permissions import can_propose
from consult.comments import queries as comment_queries
from consult.comments.forms import CommentForm
from consult.comments.permissions import can_comment
from flask_login import login_required

from consult.core import chrome, fragments
from consult.core.auth import current_actor, moderator_required
from consult.core.i18n import current_locale
from consult.notifications import operations as notifications
from consult.core.errors import DomainError, StaleVersion
from consult.core.forms import apply_errors
from consult.endorsements.operations import can_endorse, endorsements_of
from consult.extensions import db
from consult.speerpunten import operations, queries
from consult.speerpunten.forms import EditSectionForm, PhaseForm
from consult.speerpunten.models import SECTIONS, Phase
from consult.speerpunten.permissions import can_change_phase, can_edit_directly
from consult.speerpunten.textdiff import diff_words

bp = Blueprint("speerpunten", __name__)


@bp.route("/")
def home():
    from consult.meetings.models import Milestone

    actor = current_actor()
    return render_template("speerpunten/home.html", speerpunten=queries.visible_speerpunten(actor),
                           milestones=db.session.execute(Milestone.ordered()).scalars().all())


def comment_tree(comments):
    """Comments grouped by section, each section's roots with their replies, oldest first."""
    children = defaultdict(list)
    roots = defaultdict(list)
    for comment in comments:
        if comment.parent_id is None:
            roots[comment.section].append(comment)
        else:
            children[comment.parent_id].append(comment)
    return roots, children


@dataclass(frozen=True)
class ViewerKind:
    """Who looks at a kept page part: what their role lets them see, never who they are.
    It stands in for current_user while such a part is rendered (no id: nobody's own)."""

    is_authenticated: bool
    is_moderator: bool
    id: None = None


def _page_parts(speerpunt, viewer: ViewerKind, may_comment: bool, may_propose: bool,
                may_edit: bool) -> dict[str, fragments.Kept]:
    """The parts of a speerpunt's page that are the same for every viewer of one kind: the
    text, the newest threads and pending amendments of each section."""
    version = queries.current_version(speerpunt)
    # Only the newest threads and pending amendments of each section, with counts and links
    # to the rest: the page stays the same size however much is said.
    roots, children = comment_queries.thread_tree(comment_queries.recent_threads(speerpunt))
    counts = comment_queries.section_counts(speerpunt)
    pending, pending_totals = amendment_queries.recent_pending(speerpunt)
    context = dict(
        speerpunt=speerpunt, version=version, roots=roots, children=children, counts=counts,
        pending=pending, pending_totals=pending_totals, may_comment=may_comment,
        may_propose=may_propose, may_edit=may_edit, comment_form=CommentForm(formdata=None),
        current_user=viewer, csrf_token=lambda: Markup(fragments.CSRF_MARK),
    )
    return {
        "meta": fragments.Kept(render_template("speerpunten/_page_meta.html", **context)),
        "sections": fragments.Kept(render_template("speerpunten/_page_sections.html",
                                                   **context)),
    }


@bp.route("/speerpunten/<slug>")
def detail(slug: str):
    actor = current_actor()
    speerpunt, following = queries.get_visible_speerpunt_followed(actor, slug)
    viewer = ViewerKind(actor is not None, actor is not None and actor.is_moderator)
    may_comment = can_comment(actor, speerpunt)
    may_propose = can_propose(actor, speerpunt)
    may_edit = can_edit_directly(actor, speerpunt)
    # The revision moves with every change to what the parts show, in the same transaction;
    # the phase with the clock (an open phase that closes by itself).
    key = ("speerpunt-page", speerpunt.id, speerpunt.revision, speerpunt.effective_phase.value,
           current_locale(), viewer, may_comment, may_propose, may_edit)
    parts = fragments.cached(
        key, lambda: _page_parts(speerpunt, viewer, may_comment, may_propose, may_edit))
    user_id = actor.id if actor is not None else None
    # Only an adopted speerpunt is endorsed, and it stays adopted.
    endorsements = endorsements_of(speerpunt) if speerpunt.phase == Phase.ADOPTED else []
    may_change_phase = can_change_phase(actor, speerpunt)
    may_endorse = can_endorse(actor, speerpunt) and not any(
        e.organisation_id == actor.organisation_id for e in endorsements)
    context = dict(
        speerpunt=speerpunt, may_change_phase=may_change_phase, endorsements=endorsements,
        may_endorse=may_endorse, following=following,
        phase_form=PhaseForm(formdata=None) if may_change_phase else None,
    )
    if session.get("_flashes"):
        # A message for this visitor alone: the page around the parts is theirs.
        return fragments.render_page("speerpunten/detail.html", parts, user_id, **context)
    # Otherwise the whole page is the same for everyone with the same key, the header's
    # included; what is theirs (form token, name, organisation, unread count, the way back
    # after a language switch, their own comments' links) is filled in.
    whole = (key, chrome.header_key(), following, may_endorse, may_change_phase)

    def render(part_marks) -> str:
        with chrome.keeping_page():
            return render_template(
                "speerpunten/detail.html", parts=part_marks, **context,
                csrf_token=lambda: Markup(fragments.CSRF_MARK),
                current_user=PageReader(actor is not None, _MARKED_ORGANISATION))

    return fragments.kept_page(whole, render, parts, user_id, chrome.own_details())


class _MarkedOrganisation(NamedTuple):
    name: Markup


_MARKED_ORGANISATION = _MarkedOrganisation(chrome.MARKS.organisation)


class PageReader(NamedTuple):
    """Stands for current_user while a whole speerpunt page is rendered to be kept: whether
    someone is signed in, and a mark for their organisation's name."""

    is_authenticated: bool
    organisation: _MarkedOrganisation


@bp.route("/speerpunten/<slug>/versies")
def history(slug: str):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    return render_template(
        "speerpunten/history.html", speerpunt=speerpunt, versions=queries.version_history(speerpunt)
    )


@bp.route("/speerpunten/<slug>/versies/<int(signed=True):number>")
def version(slug: str, number: int):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    version = queries.get_version(speerpunt, number)
    return render_template("speerpunten/version.html", speerpunt=speerpunt, version=version)


@bp.route("/speerpunten/<slug>/versies/<int(signed=True):number>/herkomst")
def provenance(slug: str, number: int):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    version = queries.get_version(speerpunt, number)
    return render_template(
        "speerpunten/provenance.html", speerpunt=speerpunt, version=version,
        passages=queries.provenance_of(speerpunt, number),
    )


def _version_number(raw: str | None, default: int) -> int | None:
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


@bp.route("/speerpunten/<slug>/verschil")
def diff(slug: str):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    latest = speerpunt.current_version
    old_number = _version_number(request.args.get("van"), max(latest - 1, 1))
    new_number = _version_number(request.args.get("tot"), latest)
    if old_number is None or new_number is None:
        abort(400)
    old = queries.get_version(speerpunt, old_number)
    new = queries.get_version(speerpunt, new_number)
    diffs = {key: diff_words(old.section(key), new.section(key)) for key in SECTIONS}
    return render_template(
        "speerpunten/diff.html", speerpunt=speerpunt, old=old, new=new, diffs=diffs,
        versions=queries.version_history(speerpunt),
    )


@bp.route("/speerpunten/<slug>/secties/<section>/bewerken", methods=["GET", "POST"])
@moderator_required
def edit_section(slug: str, section: str):
    actor = current_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    if section not in SECTIONS:
        abort(404)
    current = queries.current_version(speerpunt)
    form = EditSectionForm()
    if not form.is_submitted():
        form.text.data = current.section(section)
        form.base_version.data = str(current.number)
    status = 200
    stale_from = None
    if form.validate_on_submit():
        try:
            base = int(form.base_version.data or 0)
        except ValueError:
            base = 0
        try:
            version = operations.edit_section(
                actor, speerpunt, section=section, text=form.text.data, base_version=base,
                summary=form.summary.data,
            )
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
            if isinstance(exc, StaleVersion):
                # Show what changed meanwhile; saving again builds on the newest version.
                stale_from = base
                form.base_version.data = str(exc.extra["current_version"])
        else:
            flash(gettext("Versie %(number)s is opgeslagen.", number=version.number), "success")
            return redirect(url_for("speerpunten.detail", slug=slug, _anchor=f"sectie-{section}"))
    elif form.is_submitted():
        status = 400
    return render_template(
        "speerpunten/edit_section.html", speerpunt=speerpunt, section=section, form=form,
        current=queries.current_version(speerpunt), stale_from=stale_from,
    ), status


@bp.route("/speerpunten/<slug>/fase", methods=["POST"])
@moderator_required
def change_phase(slug: str):
    actor = current_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    form = PhaseForm()
    if not form.validate_on_submit():
        flash(gettext("De fase kon niet worden gewijzigd: controleer de invoer."), "error")
        return redirect(url_for("speerpunten.detail", slug=slug)), 303
    closes_at = form.closes_at.data
    if closes_at is not None:
        from zoneinfo import ZoneInfo

        closes_at = closes_at.replace(tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
    try:
        operations.change_phase(actor, speerpunt, form.phase.data, closes_at=closes_at)
    except DomainError as exc:
        db.session.rollback()
        message = exc.message
        if exc.fields:
            message = " ".join(exc.fields.values())
        flash(gettext("De fase is niet gewijzigd: %(reason)s", reason=message), "error")
        return redirect(url_for("speerpunten.detail", slug=slug)), 303
    flash(gettext("De fase is nu: %(phase)s.", phase=speerpunt.phase.label), "success")
    return redirect(url_for("speerpunten.detail", slug=slug))


@bp.route("/speerpunten/<slug>/volgen", methods=["POST"])
@login_required
def follow(slug: str):
    actor = current_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    if request.form.get("stop"):
        notifications.unfollow(actor.id, "speerpunt", speerpunt.id)
        flash(gettext("U volgt %(speerpunt)s niet meer.", speerpunt=speerpunt.title), "success")
    else:
        notifications.follow(actor.id, "speerpunt", speerpunt.id)
        flash(gettext("U volgt %(speerpunt)s: u hoort het als er een nieuwe versie is.",
                      speerpunt=speerpunt.title), "success")
    return redirect(url_for("speerpunten.detail", slug=slug))


@bp.route("/speerpunten/<slug>/reactietermijn", methods=["POST"])
@moderator_required
def response_term(slug: str):
    actor = current_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    raw = request.form.get("days", "")
    try:
        operations.set_response_term(actor, speerpunt, int(raw) if raw.isdigit() else 0)
    except DomainError as exc:
        db.session.rollback()
        flash(gettext("De reactietermijn is niet gewijzigd: %(reason)s",
                      reason=" ".join((exc.fields or {}).values())), "error")
        return redirect(url_for("speerpunten.detail", slug=slug)), 303
    flash(ngettext("De reactietermijn is nu %(num)d dag.", "De reactietermijn is nu %(num)d dagen.",
                   speerpunt.response_term_days), "success")
    return redirect(url_for("speerpunten.detail", slug=slug))


@bp.route("/speerpunten/<slug>/onderschrijven", methods=["POST"])
@login_required
def endorse(slug: str):
    from consult.endorsements import operations as endorsements

    actor = current_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    try:
        endorsements.endorse(actor, speerpunt, request.form.get("statement", ""))
    except DomainError as exc:
        db.session.rollback()
        flash(" ".join((exc.fields or {}).values()) or exc.message, "error")
        return redirect(url_for("speerpunten.detail", slug=slug)), 303
    flash(gettext("%(organisation)s onderschrijft nu %(speerpunt)s.",
                  organisation=actor.organisation.name, speerpunt=speerpunt.title), "success")
    return redirect(url_for("speerpunten.detail", slug=slug))
