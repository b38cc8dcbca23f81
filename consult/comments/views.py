"""Pages (form posts) for comments: posting, replying, flagging, hiding, restoring."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext

from consult.comments import operations, queries
from consult.comments.forms import CommentForm, FlagForm, ModerationForm
from consult.core.auth import current_actor, moderator_required
from consult.core.errors import DomainError
from consult.core.forms import apply_errors
from consult.extensions import db
from consult.speerpunten import queries as speerpunt_queries
from flask_login import login_required

bp = Blueprint("comments", __name__)


def _optional_id(raw: str | None) -> int | None:
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None


def _back_to(comment) -> str:
    if comment.amendment_id:
        return url_for("amendments.detail", amendment_id=comment.amendment_id,
                       _anchor=f"reactie-{comment.id}")
    return url_for("speerpunten.detail", slug=comment_speerpunt_slug(comment),
                   _anchor=f"reactie-{comment.id}")


def comment_speerpunt_slug(comment) -> str:
    from consult.speerpunten.models import Speerpunt

    return db.session.get(Speerpunt, comment.speerpunt_id).slug


@bp.route("/speerpunten/<slug>/reacties", methods=["POST"])
@login_required
def post(slug: str):
    actor = current_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comment = operations.post_comment(
                actor, speerpunt, section=form.section.data, body=form.body.data,
                parent_id=_optional_id(form.parent_id.data),
                amendment_id=_optional_id(form.amendment_id.data),
            )
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw reactie is geplaatst."), "success")
            return redirect(_back_to(comment))
    else:
        status = 400
    return render_template("comments/form_error.html", speerpunt=speerpunt, form=form), status


@bp.route("/reacties/<id:comment_id>/melden", methods=["GET", "POST"])
@login_required
def flag(comment_id: int):
    actor = current_actor()
    comment, speerpunt = queries.get_visible_comment(actor, comment_id)
    form = FlagForm()
    status = 200
    if form.validate_on_submit():
        try:
            created = operations.flag_comment(actor, comment, form.reason.data,
                                              form.explanation.data or "")
        except DomainError as exc:
            apply_errors(form, exc, {"reason": "explanation"})
            status = exc.status
        else:
            flash(gettext("Dank u. Een moderator bekijkt de melding.") if created
                  else gettext("U had deze reactie al gemeld."), "success")
            return redirect(_back_to(comment))
    elif form.is_submitted():
        status = 400
    return render_template("comments/flag.html", speerpunt=speerpunt, comment=comment,
                           form=form), status


def _moderate(comment_id: int, action):
    actor = current_actor()
    comment, speerpunt = queries.get_visible_comment(actor, comment_id)
    form = ModerationForm()
    status = 200
    if form.validate_on_submit():
        try:
            action(actor, comment, form.reason.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("De reactie is bijgewerkt."), "success")
            return redirect(_back_to(comment))
    elif form.is_submitted():
        status = 400
    return render_template("comments/moderate.html", speerpunt=speerpunt, comment=comment,
                           form=form, hiding=action is operations.hide_comment), status


@bp.route("/reacties/<id:comment_id>/verbergen", methods=["GET", "POST"])
@moderator_required
def hide(comment_id: int):
    return _moderate(comment_id, operations.hide_comment)


@bp.route("/reacties/<id:comment_id>/herstellen", methods=["GET", "POST"])
@moderator_required
def restore(comment_id: int):
    return _moderate(comment_id, operations.restore_comment)
