"""Pages for amendments: proposing, reading, supporting, responding and deciding."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import login_required
from sqlalchemy import select

from consult.accounts.forms import EmptyForm
from consult.amendments import operations, permissions, queries
from consult.amendments.forms import AmendmentForm, DecisionForm, ResponseForm
from consult.amendments.models import Amendment, AmendmentStatus
from consult.comments import queries as comment_queries
from consult.comments.forms import CommentForm
from consult.comments.permissions import can_comment
from consult.core.auth import current_actor, moderator_required
from consult.core.errors import DomainError, MergeConflict
from consult.core.forms import apply_errors
from consult.core.paging import page_count, page_with_total, parse_page
from consult.extensions import db
from consult.organisations.models import Tier
from consult.speerpunten import queries as speerpunt_queries
from consult.speerpunten.models import SECTIONS, Speerpunt
from consult.speerpunten.textdiff import diff_words, merge_three_way
from consult.speerpunten.views import comment_tree

bp = Blueprint("amendments", __name__)

TIER_ORDER = [Tier.RIJK, Tier.PROVINCIE, Tier.GEMEENTE, Tier.PARTNER]
AMENDMENTS_PER_PAGE = 25
# A ministry's lists: what waits for its response, and the rest on its speerpunten.
MINISTRY_PER_PAGE = 20
# Overdue amendments named above them, the longest waiting first.
OVERDUE_SHOWN = 10


@bp.route("/speerpunten/<slug>/secties/<section>/amendement", methods=["GET", "POST"])
@login_required
def propose(slug: str, section: str):
    actor = current_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    if section not in SECTIONS:
        abort(404)
    current = speerpunt_queries.current_version(speerpunt)
    form = AmendmentForm()
    if not form.is_submitted():
        form.text.data = current.section(section)
        form.base_version.data = str(current.number)
    base_number = _int(form.base_version.data) or current.number
    base_number = base_number if 1 <= base_number <= current.number else current.number
    base = speerpunt_queries.get_version(speerpunt, base_number)
    preview = None
    status = 200
    if form.is_submitted() and request.form.get("action") == "preview":
        # Show the change as a diff before sending; nothing is saved.
        preview = diff_words(base.section(section), (form.text.data or "").replace("\r\n", "\n"))
    elif form.validate_on_submit():
        try:
            amendment = operations.propose_amendment(
                actor, speerpunt, section=section, base_version=base_number,
                text=form.text.data, rationale=form.rationale.data,
            )
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw amendement is ingediend."), "success")
            return redirect(url_for("amendments.detail", amendment_id=amendment.id))
    elif form.is_submitted():
        status = 400
    return render_template(
        "amendments/propose.html", speerpunt=speerpunt, section=section, form=form,
        base=base, preview=preview, may_propose=permissions.can_propose(actor, speerpunt),
    ), status


def _int(raw) -> int | None:
    if raw and str(raw).isascii() and str(raw).isdigit() and len(str(raw)) <= 9:
        return int(raw)
    return None


@bp.route("/speerpunten/<slug>/amendementen")
def index(slug: str):
    actor = current_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    raw_status = request.args.get("status") or None
    try:
        status = queries.parse_status(raw_status)
    except DomainError:
        abort(400)
    section = request.args.get("sectie") or None
    page = parse_page(request.args.get("pagina"))
    if (section is not None and section not in SECTIONS) or page is None:
        abort(400)
    amendments, total = queries.amendments_page(speerpunt, status, page, AMENDMENTS_PER_PAGE,
                                                section, with_text=False)
    pages = page_count(total, AMENDMENTS_PER_PAGE)
    if page > pages:
        abort(404)
    return render_template(
        "amendments/index.html", speerpunt=speerpunt, status=status, section=section,
        amendments=amendments, total=total, page=page, pages=pages,
        statuses=list(AmendmentStatus),
    )


def supports_by_tier(amendment: Amendment):
    """Supports grouped by tier, then by organisation, in the tiers' fixed order."""
    grouped: dict[Tier, dict[str, list]] = {tier: defaultdict(list) for tier in TIER_ORDER}
    for support in amendment.supports:
        grouped[support.organisation.tier][support.organisation.name].append(support)
    return [(tier, dict(orgs)) for tier, orgs in grouped.items() if orgs]


def _detail_context(actor, amendment: Amendment, speerpunt: Speerpunt, **overrides):
    base = speerpunt_queries.get_version(speerpunt, amendment.base_version)
    current = speerpunt_queries.current_version(speerpunt)
    base_text = base.section(amendment.section)
    merge = None
    if amendment.is_pending and current.number != base.number:
        merge = merge_three_way(base_text, current.section(amendment.section), amendment.text)
    roots, children = comment_tree(comment_queries.comments_on_amendment(amendment.id))
    supported = any(s.user_id == actor.id for s in amendment.supports) if actor else False
    decision_form = overrides.pop("decision_form", None) or DecisionForm(formdata=None)
    if decision_form.text.data is None:
        decision_form.text.data = (merge.text if merge and merge.ok else
                                   current.section(amendment.section) if merge else
                                   amendment.text)
    comment_form = CommentForm(formdata=None)
    comment_form.section.data = amendment.section
    comment_form.amendment_id.data = str(amendment.id)
    context = dict(
        speerpunt=speerpunt, amendment=amendment, base=base, current=current,
        diff=diff_words(base_text, amendment.text), merge=merge,
        supports=supports_by_tier(amendment), supported=supported,
        tiers_supporting=len({s.organisation.tier for s in amendment.supports}),
        roots=roots, children=children,
        may_support=permissions.can_support(actor, amendment, speerpunt),
        may_withdraw=permissions.can_withdraw(actor, amendment),
        may_respond=permissions.can_respond(actor, amendment, speerpunt),
        may_decide=permissions.can_decide(actor, amendment, speerpunt),
        may_comment=can_comment(actor, speerpunt),
        response_form=ResponseForm(formdata=None), decision_form=decision_form,
        response_due=queries.response_due(amendment, speerpunt),
        overdue=queries.is_overdue(amendment, speerpunt),
        comment_form=comment_form, button_form=EmptyForm(formdata=None), conflicts=None,
    )
    context.update(overrides)
    return context


@bp.route("/amendementen/<id:amendment_id>")
def detail(amendment_id: int):
    actor = current_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    return render_template("amendments/detail.html",
                           **_detail_context(actor, amendment, speerpunt))


def _load(amendment_id: int):
    actor = current_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    return actor, amendment, speerpunt


def _button_action(amendment_id: int, action, message: str):
    actor, amendment, speerpunt = _load(amendment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        action(actor, amendment, speerpunt)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("amendments.detail", amendment_id=amendment_id)), 303
    flash(message, "success")
    return redirect(url_for("amendments.detail", amendment_id=amendment_id))


@bp.route("/amendementen/<id:amendment_id>/steun", methods=["POST"])
@login_required
def support(amendment_id: int):
    return _button_action(amendment_id, operations.support, gettext("U steunt dit amendement."))


@bp.route("/amendementen/<id:amendment_id>/steun-intrekken", methods=["POST"])
@login_required
def unsupport(amendment_id: int):
    return _button_action(amendment_id, operations.withdraw_support,
                          gettext("Uw steun is ingetrokken."))


@bp.route("/amendementen/<id:amendment_id>/intrekken", methods=["POST"])
@login_required
def withdraw(amendment_id: int):
    return _button_action(amendment_id, lambda actor, amendment, _sp: operations.withdraw(
        actor, amendment), gettext("Uw amendement is ingetrokken."))


@bp.route("/amendementen/<id:amendment_id>/reactie", methods=["POST"])
@login_required
def respond(amendment_id: int):
    actor, amendment, speerpunt = _load(amendment_id)
    if not permissions.is_responsible_ministry_member(actor, speerpunt):
        abort(403)
    form = ResponseForm()
    if form.validate_on_submit():
        try:
            operations.respond(actor, amendment, speerpunt, position=form.position.data,
                               body=form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("De reactie van uw ministerie is vastgelegd."), "success")
            return redirect(url_for("amendments.detail", amendment_id=amendment_id))
    else:
        status = 400
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    return render_template("amendments/detail.html", **_detail_context(
        actor, amendment, speerpunt, response_form=form)), status


@bp.route("/amendementen/<id:amendment_id>/besluit", methods=["POST"])
@moderator_required
def decide(amendment_id: int):
    actor, amendment, speerpunt = _load(amendment_id)
    form = DecisionForm()
    conflicts = None
    status = 400
    if form.validate_on_submit():
        choice = form.decision.data
        text = form.text.data if choice == "accept_modified" else None
        try:
            operations.decide(
                actor, amendment, speerpunt,
                decision="reject" if choice == "reject" else "accept",
                reason=form.reason.data or "", text=text,
            )
        except MergeConflict as exc:
            apply_errors(form, exc)
            conflicts = exc.extra.get("conflicts")
            status = 409
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            amendment = db.session.get(Amendment, amendment_id)
            if amendment.status == AmendmentStatus.ACCEPTED:
                flash(gettext("Overgenomen: versie %(number)s is gemaakt.",
                              number=amendment.result_version), "success")
            else:
                flash(gettext("Het amendement is niet overgenomen."), "success")
            return redirect(url_for("amendments.detail", amendment_id=amendment_id))
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    return render_template("amendments/detail.html", **_detail_context(
        actor, amendment, speerpunt, decision_form=form, conflicts=conflicts)), status


@bp.route("/ministerie")
@login_required
def ministry():
    """What the signed-in ministry still has to respond to, oldest first, then the rest, each
    list paged on its own; above them the longest overdue."""
    actor = current_actor()
    if actor.organisation.tier != Tier.RIJK:
        abort(403)
    waiting_page = parse_page(request.args.get("pagina"))
    others_page = parse_page(request.args.get("overigepagina"))
    if waiting_page is None or others_page is None:
        abort(400)
    organisation_id = actor.organisation_id
    responsible = [sp for sp in speerpunt_queries.visible_speerpunten(actor)
                   if any(org.id == organisation_id for org in sp.responsible_organisations)]
    speerpunten = {sp.id: sp for sp in responsible}
    waiting, waiting_total, others, others_total = [], 0, [], 0
    late, late_total = queries.most_overdue(responsible, OVERDUE_SHOWN, organisation_id)
    if speerpunten:
        waiting_statement = operations.waiting_for_response(organisation_id).where(
            Amendment.speerpunt_id.in_(list(speerpunten)))
        listed = queries.LISTED
        waiting, waiting_total = page_with_total(waiting_statement, waiting_page,
                                                 MINISTRY_PER_PAGE, *listed)
        waiting_ids = waiting_statement.with_only_columns(Amendment.id).order_by(None)
        others, others_total = page_with_total(
            select(Amendment).where(Amendment.speerpunt_id.in_(list(speerpunten)),
                                    Amendment.id.not_in(waiting_ids))
            .order_by(Amendment.created_at.desc(), Amendment.id.desc()),
            others_page, MINISTRY_PER_PAGE, *listed)
    return render_template(
        "amendments/ministry.html", waiting=waiting, waiting_total=waiting_total,
        waiting_page=waiting_page, waiting_pages=page_count(waiting_total, MINISTRY_PER_PAGE),
        others=others, others_total=others_total, others_page=others_page,
        others_pages=page_count(others_total, MINISTRY_PER_PAGE),
        speerpunten=speerpunten, responsible=responsible, late=late, late_total=late_total)
