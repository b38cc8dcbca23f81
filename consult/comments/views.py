"""Pages (form posts) for comments: posting, replying, flagging, hiding, restoring."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from consult.comments import operations, queries
from consult.comments.forms import CommentForm, FlagForm, ModerationForm
from consult.comments.permissions import can_comment
from consult.core.auth import current_actor, moderator_required
from consult.core.errors import DomainError
from consult.core.forms import apply_errors
from consult.core.paging import parse_page
from consult.extensions import db
from consult.speerpunten import queries as speerpunt_queries
from consult.speerpunten.models import SECTIONS
from flask_login import login_required

bp = Blueprint("comments", __name__)


def _optional_id(raw: str | None) -> int | None:
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None


def _back_to(comment) -> str:
    return comment_location(comment)


def comment_location(comment) -> str:
    """The page a comment is read on, with its anchor: the amendment's page for a comment
    about an amendment; otherwise the speerpunt page while its thread is among the newest
    there, else the page of the section's discussion that holds its thread."""
    anchor = f"reactie-{comment.id}"
    root = queries.thread_root(comment)
    amendment_id = root.amendment_id or comment.amendment_id
    if amendment_id:
        return url_for("amendments.detail", amendment_id=amendment_id, _anchor=anchor)
    slug = comment_speerpunt_slug(comment)
    position = queries.thread_position(root)
    if position < queries.THREADS_ON_SPEERPUNT:
        return url_for("speerpunten.detail", slug=slug, _anchor=anchor)
    return url_for("comments.discussion", slug=slug, section=root.section,
                   pagina=position // queries.THREADS_PER_PAGE + 1, _anchor=anchor)


def comment_speerpunt_slug(comment) -> str:
    from consult.speerpunten.models import Speerpunt

    return db.session.get(Speerpunt, comment.speerpunt_id).slug


@bp.route("/reacties/<id:comment_id>")
def show(comment_id: int):
    """A lasting address of a comment (in notifications and search results): the page that
    holds it changes as newer threads push it down, so it is looked up when followed."""
    comment, _speerpunt = queries.get_visible_comment(current_actor(), comment_id)
    return redirect(comment_location(comment))


@bp.route("/speerpunten/<slug>/secties/<section>/reacties")
def discussion(slug: str, section: str):
    """All threads on one section, newest first, a page at a time."""
    actor = current_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    if section not in SECTIONS:
        abort(404)
    page = parse_page(request.args.get("pagina"))
    if page is None:
        abort(400)
    count = queries.section_counts(speerpunt)[section]
    pages = count.pages()
    if page > pages:
        abort(404)
    roots, children = queries.thread_tree(queries.threads_page(speerpunt, section, page))
    return render_template(
        "comments/discussion.html", speerpunt=speerpunt, section=section, count=count,
        page=page, pages=pages, roots=roots[section], children=children,
        may_comment=can_comment(actor, speerpunt), comment_form=CommentForm(formdata=None),
    )


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
