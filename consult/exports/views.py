"""Downloads of the agenda (handreiking) and the consultation report (consultatieverslag).

Access: these are reads, open to anyone, and each shows exactly the speerpunten its reader may
open on the site (`consult.speerpunten.permissions.visible_phases`). An anonymous visitor gets
the adopted agenda and its consultation; a participant also what is in consultation; a
moderator also the concepts. A single speerpunt's report answers 404 to whoever may not see
that speerpunt, like its page does. `all` as slug stands for the whole agenda.
"""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import format_date

from consult.core.auth import current_actor
from consult.core.types import utcnow
# pdf and word load WeasyPrint and python-docx, which an app process only needs when it
# makes a document; they are imported in the views that do.
from consult.exports import background, csvstream, queries
from consult.exports.models import ExportStatus

bp = Blueprint("exports", __name__, url_prefix="/export")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(stem: str, extension: str) -> str:
    # The database only requires a slug to be lowercase without spaces: anything but letters,
    # digits and hyphens is replaced, so the name is safe inside the header's quotes.
    safe = re.sub(r"[^a-z0-9-]", "-", stem)
    return f"{safe}-{format_date(utcnow(), 'yyyy-MM-dd')}.{extension}"


def _download(body, content_type: str, filename: str, *, inline: bool = False) -> Response:
    response = Response(body, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # What an export holds depends on who asks: never kept by a shared cache.
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/agenda.pdf")
def agenda_pdf():
    from consult.exports import pdf

    agenda = queries.collect_agenda(current_actor())
    return _download(pdf.agenda_pdf(agenda), "application/pdf",
                     _filename("integratieagenda", "pdf"), inline=True)


@bp.route("/agenda.docx")
def agenda_docx():
    from consult.exports import word

    agenda = queries.collect_agenda(current_actor())
    return _download(word.agenda_docx(agenda), DOCX_TYPE, _filename("integratieagenda", "docx"))


@bp.route("/consultatieverslag/<slug>.pdf")
def report_pdf(slug: str):
    """A report on up to a few hundred amendments is typeset at once; a larger one is made in
    the background (see `background`), and this page says how far it is until it is ready."""
    from consult.exports import pdf

    actor = current_actor()
    scope = queries.report_scope(actor, slug)
    filename = _filename(f"consultatieverslag-{scope.slug}", "pdf")
    amendments = background.amendment_count(scope)
    if amendments <= background.inline_limit():
        report = queries.collect_report(actor, scope)
        return _download(pdf.report_pdf(report), "application/pdf", filename, inline=True)
    job = background.current_job(scope)
    if job is not None and job.status == ExportStatus.DONE:
        return _download(background.content_of(job), "application/pdf", filename, inline=True)
    return render_template("exports/pending.html", scope=scope, job=job,
                           amendments=amendments, stages=background.STAGES,
                           labels=background.STAGE_LABELS)


@bp.route("/consultatieverslag/<slug>/voortgang")
def report_progress(slug: str):
    """How far the report in the making is, for the pending page to follow without reloading
    (and without fetching the finished file to find out that it is there)."""
    scope = queries.report_scope(current_actor(), slug)
    job = background.current_job(scope)
    body = {"status": "none", "stage": None, "label": None, "progress": 0}
    if job is not None:
        body = {"status": job.status.value, "stage": job.stage,
                "label": str(background.STAGE_LABELS.get(job.stage, job.stage)),
                "progress": job.progress}
    response = jsonify(body)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/consultatieverslag/<slug>.pdf", methods=["POST"])
def request_report_pdf(slug: str):
    """Ask for a large report to be made; the page then follows its progress."""
    actor = current_actor()
    scope = queries.report_scope(actor, slug)
    if background.amendment_count(scope) <= background.inline_limit():
        return redirect(url_for("exports.report_pdf", slug=scope.slug), 303)
    job = background.request_report(actor, scope)
    response = redirect(url_for("exports.report_pdf", slug=scope.slug), 303)
    if job.status == ExportStatus.QUEUED:
        app = current_app._get_current_object()
        # After the response is sent, so after the request's commit made the job visible.
        response.call_on_close(lambda: background.start_worker(app))
    return response


@bp.route("/consultatieverslag/<slug>.csv")
def report_csv(slug: str):
    """One row per amendment, streamed: the amendments are read in chunks while the response
    is being sent, so neither the rows nor the file are ever held in memory as a whole.
    Who may see what is settled here, before the first byte; the scope is plain values."""
    scope = queries.report_scope(current_actor(), slug)
    pieces = csvstream.stream_report(current_app._get_current_object(), scope)
    return _download(pieces, "text/csv; charset=utf-8",
                     _filename(f"consultatieverslag-{scope.slug}", "csv"))
