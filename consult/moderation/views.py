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
from consult.extensions import db
from consult.speerpunten import queries as speerpunt_queries

bp = Blueprint("moderation", __name__)

KINDS = (None, "amendementen", "reacties")


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
        .options(joinedload(Comment.author), joinedload(Comment.organisation),
                 selectinload(Comment.flags))
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
    all_speerpunten = speerpunt_queries.visible_speerpunten(current_actor())
    by_id = {sp.id: sp for sp in all_speerpunten}
    selected = next((sp for sp in all_speerpunten if sp.slug == slug), None)
    if slug and selected is None:
        abort(404)
    amendments, comments = [], []
    if kind in (None, "amendementen"):
        statement = (select(Amendment).where(Amendment.status == AmendmentStatus.PENDING)
                     .order_by(Amendment.created_at, Amendment.id)
                     .options(*amendment_queries.FULL))
        if selected:
            statement = statement.where(Amendment.speerpunt_id == selected.id)
        amendments = list(db.session.execute(statement).scalars())
    if kind in (None, "reacties"):
        comments = list(db.session.execute(
            flagged_comments(selected.id if selected else None)).scalars())
    late = [(a, sp) for a, sp in amendment_queries.overdue()
            if selected is None or sp.id == selected.id] if kind in (None, "amendementen") else []
    return render_template(
        "moderation/queue.html", amendments=amendments, comments=comments, by_id=by_id,
        late=late,
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
