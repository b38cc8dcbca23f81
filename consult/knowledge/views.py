"""Pages of the knowledge platform: the overview, a platform per region and speerpunt,
practice examples with their attachments, and questions with their answers."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext
from flask_login import login_required
from werkzeug.datastructures import FileStorage

from consult.accounts.forms import EmptyForm
from consult.core.auth import current_actor
from consult.core.errors import DomainError
from consult.core.forms import apply_errors
from consult.extensions import db
from consult.knowledge import operations, permissions, queries
from consult.knowledge.files import LABELS, Upload, describe_size
from consult.knowledge.forms import AnswerForm, PracticeExampleForm, QuestionForm
from consult.knowledge.models import MAX_ATTACHMENT_BYTES, KnowledgeQuestion

bp = Blueprint("knowledge", __name__)


@bp.app_template_filter("filesize")
def filesize_filter(size: int) -> str:
    return describe_size(size)


@bp.app_template_filter("filekind")
def filekind_filter(extension: str) -> str:
    return LABELS.get(extension, extension.upper())


@bp.route("/kennis")
@login_required
def index():
    actor = current_actor()
    region_slug = request.args.get("regio") or None
    speerpunt_slug = request.args.get("speerpunt") or None
    tag = operations.tag_slug(request.args.get("trefwoord") or "")[:40].strip("-") or None
    all_regions = queries.regions()
    all_speerpunten = queries.visible_speerpunten(actor)
    region = next((r for r in all_regions if r.slug == region_slug), None)
    speerpunt = next((sp for sp in all_speerpunten if sp.slug == speerpunt_slug), None)
    if (region_slug and region is None) or (speerpunt_slug and speerpunt is None):
        abort(400)
    return render_template(
        "knowledge/index.html", all_regions=all_regions, all_speerpunten=all_speerpunten,
        region=region, speerpunt=speerpunt, tag=tag,
        **queries.overview(all_regions, all_speerpunten, region, speerpunt, tag),
    )


@bp.route("/kennis/<region_slug>/<speerpunt_slug>")
@login_required
def platform(region_slug: str, speerpunt_slug: str):
    actor = current_actor()
    region, speerpunt = queries.get_platform(actor, region_slug, speerpunt_slug)
    return render_template(
        "knowledge/platform.html", region=region, speerpunt=speerpunt,
        examples=queries.examples_on(region, speerpunt),
        questions=queries.questions_on(region, speerpunt),
    )


def _uploads(files) -> list[Upload]:
    """The chosen files; a file input left empty arrives as a part without a name."""
    uploads = []
    for storage in files or []:
        if isinstance(storage, FileStorage) and storage.filename:
            # One byte more than allowed is enough to know a file is too large.
            uploads.append(Upload(storage.filename, storage.stream.read(MAX_ATTACHMENT_BYTES + 1)))
    return uploads


@bp.route("/kennis/<region_slug>/<speerpunt_slug>/praktijkvoorbeeld-delen",
          methods=["GET", "POST"])
@login_required
def share_example(region_slug: str, speerpunt_slug: str):
    actor = current_actor()
    region, speerpunt = queries.get_platform(actor, region_slug, speerpunt_slug)
    form = PracticeExampleForm()
    if not form.is_submitted():
        form.contact_name.data = actor.name
        form.contact_email.data = actor.email
    status = 200
    if form.validate_on_submit():
        try:
            example = operations.share_example(
                actor, region, speerpunt, title=form.title.data, summary=form.summary.data,
                body=form.body.data, contact_name=form.contact_name.data,
                contact_email=form.contact_email.data, tags=form.tags.data or "",
                uploads=_uploads(form.attachments.data),
            )
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw praktijkvoorbeeld is gedeeld."), "success")
            return redirect(url_for("knowledge.example", example_id=example.id))
    elif form.is_submitted():
        status = 400
    return render_template("knowledge/share_example.html", region=region, speerpunt=speerpunt,
                           form=form), status


@bp.route("/kennis/praktijkvoorbeelden/<id:example_id>")
@login_required
def example(example_id: int):
    example = queries.get_visible_example(current_actor(), example_id)
    return render_template("knowledge/example.html", example=example, region=example.region,
                           speerpunt=example.speerpunt)


@bp.route("/kennis/bijlagen/<id:attachment_id>")
@login_required
def attachment(attachment_id: int):
    attachment = queries.get_visible_attachment(current_actor(), attachment_id)
    response = send_file(
        io.BytesIO(attachment.content), mimetype=attachment.content_type, as_attachment=True,
        download_name=attachment.filename, conditional=False, etag=False,
    )
    # Always a download, never rendered: no sniffing, no caching in shared caches, and a
    # sandbox in case a browser opens it anyway.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/kennis/<region_slug>/<speerpunt_slug>/vraag-stellen", methods=["GET", "POST"])
@login_required
def ask(region_slug: str, speerpunt_slug: str):
    actor = current_actor()
    region, speerpunt = queries.get_platform(actor, region_slug, speerpunt_slug)
    form = QuestionForm()
    status = 200
    if form.validate_on_submit():
        try:
            question = operations.ask_question(actor, region, speerpunt, title=form.title.data,
                                               body=form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw vraag staat op het kennisplatform."), "success")
            return redirect(url_for("knowledge.question", question_id=question.id))
    elif form.is_submitted():
        status = 400
    return render_template("knowledge/ask.html", region=region, speerpunt=speerpunt,
                           form=form), status


def _question_page(question: KnowledgeQuestion, answer_form: AnswerForm | None = None):
    actor = current_actor()
    answers = queries.answers_of(question)
    accepted = next((a for a in answers if a.id == question.accepted_answer_id), None)
    return render_template(
        "knowledge/question.html", question=question, region=question.region,
        speerpunt=question.speerpunt, answers=answers, accepted=accepted,
        may_answer=permissions.can_answer_question(actor, question.speerpunt),
        may_mark={a.id for a in answers if permissions.can_mark_helpful(actor, question, a)},
        answer_form=answer_form or AnswerForm(formdata=None), button_form=EmptyForm(formdata=None),
    )


@bp.route("/kennis/vragen/<id:question_id>")
@login_required
def question(question_id: int):
    return _question_page(queries.get_visible_question(current_actor(), question_id))


@bp.route("/kennis/vragen/<id:question_id>/antwoorden", methods=["POST"])
@login_required
def answer(question_id: int):
    actor = current_actor()
    question = queries.get_visible_question(actor, question_id)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            answer = operations.answer_question(actor, question, body=form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw antwoord is geplaatst."), "success")
            return redirect(url_for("knowledge.question", question_id=question_id,
                                    _anchor=f"antwoord-{answer.id}"))
    else:
        status = 400
    question = queries.get_visible_question(actor, question_id)
    return _question_page(question, form), status


@bp.route("/kennis/vragen/<id:question_id>/antwoorden/<id:answer_id>/geholpen",
          methods=["POST"])
@login_required
def mark_helpful(question_id: int, answer_id: int):
    actor = current_actor()
    question = queries.get_visible_question(actor, question_id)
    answer = queries.get_answer(question, answer_id)
    if not permissions.is_asker(actor, question):
        abort(403)
    if not EmptyForm().validate_on_submit():
        abort(400)
    back = url_for("knowledge.question", question_id=question_id, _anchor=f"antwoord-{answer_id}")
    try:
        operations.mark_helpful(actor, question, answer)
    except DomainError as exc:
        # A redirect counts as success for the commit at the end of the request.
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back), 303
    flash(gettext("U hebt aangegeven dat dit antwoord heeft geholpen."), "success")
    return redirect(back)
