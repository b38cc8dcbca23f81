"""The moderators' queue: pending amendments and flagged comments, oldest first."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from consult.amendments import queries as amendment_queries
from consult.amendments.models import Amendment, AmendmentStatus
from consult.comments import operations as comment_ops
from consult.comments.models import Comment, CommentStatus, Flag
from consult.core.auth import current_actor, moderator_required
from consult.core.errors import DomainError
from consult.core.paging import page_count, page_with_total, parse_page
from consult.extensions import db
from consult.speerpunten import queries as speerpunt_queries

bp = Blueprint("moderation", __name__)

KINDS = (None, "amendementen", "reacties")
PER_PAGE = 25
# The overdue amendments listed above the queue; the rest are counted.
OVERDUE_SHOWN = 25


def flagged_comments(speerpunt_id: int | None = None):
    """Comments with unreviewed flags, and comments hidden by flags awaiting a moderator."""
    open_flags = select(Flag.comment_id).where(Flag.dismissed_at.is_(None))
    statement = (
        select(Comment)
        .where(
            (Comment.id.in_(open_flags) & Comment.reviewed_at.is_(None))
            | (Comment.auto_hidden & (Comment.status == CommentStatus.HIDDEN)
               & Comment.hidden_by_id.is_(None))
        )
        .order_by(Comment.created_at, Comment.id)
    )
    if speerpunt_id is not None:
        statement = statement.where(Comment.speerpunt_id == speerpunt_id)
    return statement


@bp.route("/moderatie")
@moderator_required
def queue():
    slug = request.args.get("speerpunt") or None
    kind = request.args.get("soort") or None
    if kind not in KINDS:
        abort(400)
    amendment_page = parse_page(request.args.get("pagina"))
    comment_page = parse_page(request.args.get("reactiepagina"))
    if amendment_page is None or comment_page is None:
        abort(400)
    all_speerpunten = speerpunt_queries.visible_speerpunten(current_actor())
    by_id = {sp.id: sp for sp in all_speerpunten}
    selected = next((sp for sp in all_speerpunten if sp.slug == slug), None)
    if slug and selected is None:
        abort(404)
    # Each list is paged on its own, oldest first, so that a moderator works through one
    # while the other stays where it was; the page links keep the filters and the other page.
    amendments, amendment_total = [], 0
    late, late_total = [], 0
    if kind in (None, "amendementen"):
        statement = (select(Amendment).where(Amendment.status == AmendmentStatus.PENDING)
                     .order_by(Amendment.created_at, Amendment.id))
        if selected:
            statement = statement.where(Amendment.speerpunt_id == selected.id)
        amendments, amendment_total = page_with_total(
            statement, amendment_page, PER_PAGE, *amendment_queries.LISTED)
        late, late_total = amendment_queries.most_overdue(
            [selected] if selected else all_speerpunten, OVERDUE_SHOWN)
    comments, comment_total = [], 0
    if kind in (None, "reacties"):
        comments, comment_total = page_with_total(
            flagged_comments(selected.id if selected else None), comment_page, PER_PAGE,
            joinedload(Comment.author), joinedload(Comment.organisation),
            selectinload(Comment.flags))
    return render_template(
        "moderation/queue.html", amendments=amendments, comments=comments, by_id=by_id,
        late=late, late_total=late_total, amendment_total=amendment_total,
        comment_total=comment_total, amendment_page=amendment_page,
        amendment_pages=page_count(amendment_total, PER_PAGE), comment_page=comment_page,
        comment_pages=page_count(comment_total, PER_PAGE),
        speerpunten=all_speerpunten, selected=selected, kind=kind,
    )


@bp.route("/moderatie/reacties", methods=["POST"])
@moderator_required
def moderate_comments():
    """Hide, restore or dismiss the flags of several comments at once, with one reason."""

    raw_ids = request.form.getlist("comment_ids")
    ids = [int(raw) for raw in raw_ids if raw.isascii() and raw.isdigit() and len(raw) <= 9]
    comments = list(db.session.execute(
        select(Comment).where(Comment.id.in_(ids)).options(selectinload(Comment.flags))
    ).scalars()) if ids else []
    try:
        count = comment_ops.moderate_many(current_actor(), comments,
                                          request.form.get("action", ""),
                                          request.form.get("reason", ""))
    except DomainError as exc:
        db.session.rollback()
        message = " ".join((exc.fields or {}).values()) or exc.message
        flash(gettext("Niets gewijzigd: %(reason)s", reason=message), "error")
        return redirect(url_for("moderation.queue", soort="reacties")), 303
    flash(ngettext("%(num)d reactie bijgewerkt.", "%(num)d reacties bijgewerkt.", count),
          "success")
    return redirect(url_for("moderation.queue", soort="reacties"))
