"""Pages of the helpdesk: my questions and the form to ask, the staff's queue, one question
with its answer, and the public FAQ."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import login_required

from consult.accounts.forms import EmptyForm
from consult.core.auth import current_actor
from consult.core.errors import DomainError
from consult.core.forms import apply_errors
from consult.extensions import db
from consult.helpdesk import operations, permissions, queries
from consult.helpdesk.forms import HelpdeskAnswerForm, HelpdeskQuestionForm, PublishForm
from consult.helpdesk.models import HelpdeskQuestion

bp = Blueprint("helpdesk", __name__)


@bp.route("/helpdesk", methods=["GET", "POST"])
@login_required
def index():
    actor = current_actor()
    form = HelpdeskQuestionForm()
    status = 200
    if form.validate_on_submit():
        try:
            question = operations.ask(actor, subject=form.subject.data, body=form.body.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Uw vraag is naar de helpdesk gestuurd. U krijgt een melding zodra er "
                          "een antwoord is."), "success")
            return redirect(url_for("helpdesk.detail", helpdesk_question_id=question.id))
    elif form.is_submitted():
        status = 400
    staff = permissions.can_answer_helpdesk(actor)
    return render_template("helpdesk/index.html", form=form, mine=queries.asked_by(actor),
                           queue=queries.queue() if staff else None), status


def _detail_page(question: HelpdeskQuestion, **forms):
    actor = current_actor()
    answer_form = forms.get("answer_form") or HelpdeskAnswerForm(formdata=None)
    if answer_form.answer.data is None:
        answer_form.answer.data = question.answer
    publish_form = forms.get("publish_form") or PublishForm(formdata=None)
    if publish_form.faq_question.data is None:
        publish_form.faq_question.data = question.faq_question or question.subject
    if publish_form.faq_answer.data is None:
        publish_form.faq_answer.data = question.faq_answer or question.answer
    staff = permissions.can_answer_helpdesk(actor)
    return render_template(
        "helpdesk/detail.html", question=question, staff=staff,
        may_answer=staff and not question.is_closed,
        may_publish=permissions.can_publish_faq(actor, question),
        answer_form=answer_form, publish_form=publish_form,
        button_form=EmptyForm(formdata=None),
    )


@bp.route("/helpdesk/<id:helpdesk_question_id>")
@login_required
def detail(helpdesk_question_id: int):
    return _detail_page(queries.get_visible_question(current_actor(), helpdesk_question_id))


def _load_for_staff(helpdesk_question_id: int):
    actor = current_actor()
    if not permissions.can_answer_helpdesk(actor):
        abort(403)
    return actor, queries.get_visible_question(actor, helpdesk_question_id)


@bp.route("/helpdesk/<id:helpdesk_question_id>/antwoord", methods=["POST"])
@login_required
def answer(helpdesk_question_id: int):
    actor, question = _load_for_staff(helpdesk_question_id)
    form = HelpdeskAnswerForm()
    if form.validate_on_submit():
        try:
            operations.answer(actor, question, text=form.answer.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("Het antwoord is verstuurd naar de vraagsteller."), "success")
            return redirect(url_for("helpdesk.detail", helpdesk_question_id=question.id))
    else:
        status = 400
    question = queries.get_visible_question(actor, helpdesk_question_id)
    return _detail_page(question, answer_form=form), status


@bp.route("/helpdesk/<id:helpdesk_question_id>/publiceren", methods=["POST"])
@login_required
def publish(helpdesk_question_id: int):
    actor, question = _load_for_staff(helpdesk_question_id)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            operations.publish(actor, question, faq_question=form.faq_question.data,
                               faq_answer=form.faq_answer.data)
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            flash(gettext("De vraag staat bij de veelgestelde vragen."), "success")
            return redirect(url_for("helpdesk.detail", helpdesk_question_id=question.id))
    else:
        status = 400
    question = queries.get_visible_question(actor, helpdesk_question_id)
    return _detail_page(question, publish_form=form), status


def _button_action(helpdesk_question_id: int, action, message: str):
    actor, question = _load_for_staff(helpdesk_question_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    back = url_for("helpdesk.detail", helpdesk_question_id=helpdesk_question_id)
    try:
        action(actor, question)
    except DomainError as exc:
        # A redirect counts as success for the commit at the end of the request.
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back), 303
    flash(message, "success")
    return redirect(back)


@bp.route("/helpdesk/<id:helpdesk_question_id>/sluiten", methods=["POST"])
@login_required
def close(helpdesk_question_id: int):
    return _button_action(helpdesk_question_id, operations.close, gettext("De vraag is gesloten."))


@bp.route("/helpdesk/<id:helpdesk_question_id>/publicatie-intrekken", methods=["POST"])
@login_required
def unpublish(helpdesk_question_id: int):
    return _button_action(helpdesk_question_id, operations.unpublish,
                          gettext("De vraag staat niet meer bij de veelgestelde vragen."))


@bp.route("/veelgestelde-vragen")
def faq():
    return render_template("helpdesk/faq.html", items=queries.published())
