"""Typesetting large consultation reports outside the request that asks for them.

At national scale one speerpunt's report runs to hundreds of pages and the whole agenda's to
some 1,600: typesetting takes minutes, longer than a request may take. Such a report is made
by `consult build-exports`, in a process of its own that ends when the queue is empty, typeset
in parts of CONSULT_EXPORT_PART_AMENDMENTS amendments (default 40) that are joined at the end,
so that the process needs about 200 MB whatever the report's length; it is offered for
download when ready, and the page shows how far it got (the share of the parts typeset).
Small reports are still typeset at once, as one document.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from consult import ROOT
from consult.accounts.models import User
from consult.amendments.models import Amendment, Response, Support
from consult.comments.models import Comment, CommentStatus
from consult.core.database import write_transaction
from consult.core.types import utcnow
from consult.exports import pdf, queries
from consult.exports.models import ExportJob, ExportStatus
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.speerpunten.models import Speerpunt

REPORT = "report"
# Reports on more amendments than this are made in the background: a web process lays out
# no more than one part's worth (some twenty pages, a few seconds, ~130 MB at its peak).
DEFAULT_INLINE_AMENDMENTS = pdf.DEFAULT_PART_AMENDMENTS
# A running job that has not finished in this time is taken to have died with its process.
STALE_AFTER = timedelta(minutes=30)
# The steps a job goes through, with the share of the work done when each starts.
# Typesetting is nearly all of it; the share of the parts done moves the bar in between.
STAGES = {"queued": 0, "collecting": 2, "typesetting": 5, "writing": 95, "done": 100}
STAGE_LABELS = {"queued": _l("In de wachtrij"), "collecting": _l("Gegevens verzamelen"),
                "typesetting": _l("Pagina's opmaken"), "writing": _l("PDF schrijven"),
                "done": _l("Klaar")}


def inline_limit() -> int:
    return int(current_app.config.get("CONSULT_EXPORT_INLINE_AMENDMENTS",
                                      DEFAULT_INLINE_AMENDMENTS))


def part_size() -> int:
    return int(current_app.config.get("CONSULT_EXPORT_PART_AMENDMENTS",
                                      pdf.DEFAULT_PART_AMENDMENTS))


def amendment_count(scope: queries.Scope) -> int:
    return db.session.scalar(select(func.count()).select_from(Amendment)
                             .where(Amendment.speerpunt_id.in_(scope.ids))) or 0


def fingerprint(scope: queries.Scope) -> str:
    """A hash of what the report shows: the scope, the day it is dated, and for the covered
    speerpunten the count and latest change of every kind of row it reports on. Anything
    added, decided, hidden or withdrawn changes one of these marks."""
    ids = scope.ids
    in_scope = Amendment.speerpunt_id.in_(ids)
    of_scope = Comment.speerpunt_id.in_(ids)

    def mark(column, *where, join=None):
        statement = select(column)
        if join is not None:
            statement = statement.join(join)
        return statement.where(*where).scalar_subquery()

    marks = db.session.execute(select(
        mark(func.count(Amendment.id), in_scope), mark(func.max(Amendment.id), in_scope),
        mark(func.max(Amendment.decided_at), in_scope),
        mark(func.count(Support.user_id), in_scope, join=Amendment),
        mark(func.max(Support.created_at), in_scope, join=Amendment),
        mark(func.count(Response.id), in_scope, join=Amendment),
        mark(func.max(Response.id), in_scope, join=Amendment),
        mark(func.count(Comment.id), of_scope), mark(func.max(Comment.id), of_scope),
        mark(func.count(Comment.id), of_scope, Comment.status == CommentStatus.HIDDEN),
        mark(func.sum(Speerpunt.current_version), Speerpunt.id.in_(ids)),
        mark(func.count(Organisation.id)), mark(func.max(Organisation.id)),
    )).one()
    day = utcnow().date().isoformat()
    text = "|".join([REPORT, scope.slug, ",".join(map(str, ids)), day, *map(str, marks)])
    return hashlib.sha256(text.encode()).hexdigest()


def current_job(scope: queries.Scope) -> ExportJob | None:
    """The job for the report as the data stands now, if one was asked for."""
    job = db.session.execute(select(ExportJob).where(
        ExportJob.document == REPORT, ExportJob.fingerprint == fingerprint(scope))
    ).scalar_one_or_none()
    if job is not None and is_stale(job):
        job.status = ExportStatus.FAILED
    return job


def is_stale(job: ExportJob) -> bool:
    return (job.status == ExportStatus.RUNNING and job.started_at is not None
            and utcnow() - job.started_at > STALE_AFTER)


def request_report(actor: User | None, scope: queries.Scope) -> ExportJob:
    """Queue the report for this state of the data; asking again for one that is queued,
    running or done changes nothing, and a failed one is queued anew."""
    job = current_job(scope)
    if job is None:
        job = ExportJob(document=REPORT, slug=scope.slug, fingerprint=fingerprint(scope),
                        speerpunt_ids=",".join(map(str, scope.ids)),
                        requested_by_id=actor.id if actor else None, stage="queued")
        db.session.add(job)
    elif job.status == ExportStatus.FAILED:
        job.status, job.stage, job.progress, job.error = ExportStatus.QUEUED, "queued", 0, ""
        job.started_at = None
    db.session.flush()
    return job


def start_worker(app: Flask) -> None:
    """Start `consult build-exports` in a process of its own, against this app's database.
    Called once the request that queued a job has committed it."""
    if app.config.get("CONSULT_EXPORT_WORKER", "spawn") != "spawn":
        return  # a `consult build-exports --loop` process runs elsewhere
    env = {**os.environ, "CONSULT_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"]}
    subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "build-exports"],
        cwd=str(ROOT), env=env,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _claim() -> ExportJob | None:
    with write_transaction():
        statement = (select(ExportJob).where(ExportJob.status == ExportStatus.QUEUED)
                     .order_by(ExportJob.id).limit(1))
        if db.engine.dialect.name == "postgresql":
            # Two workers never take the same job; each takes the next free one.
            statement = statement.with_for_update(skip_locked=True)
        job = db.session.execute(statement).scalar_one_or_none()
        if job is None:
            db.session.rollback()
            return None
        job.status, job.started_at = ExportStatus.RUNNING, utcnow()
        _set_stage(job, "collecting")
        return job


def _set_stage(job: ExportJob, stage: str) -> None:
    job.stage, job.progress = stage, STAGES[stage]
    db.session.commit()


def run_next() -> bool:
    """Make the oldest queued report; False when there was none."""
    job = _claim()
    if job is None:
        return False
    job_id = job.id
    try:
        ids = [int(part) for part in job.speerpunt_ids.split(",") if part]
        speerpunten = {sp.id: sp for sp in db.session.execute(
            select(Speerpunt).where(Speerpunt.id.in_(ids))).scalars()}
        scope = queries.Scope(
            slug=job.slug,
            title=(speerpunten[ids[0]].title if job.slug != queries.ALL and ids
                   else "Gemeenschappelijke Integratieagenda"),
            speerpunten=[(i, speerpunten[i].slug, speerpunten[i].title) for i in ids])
        _set_stage(job, "typesetting")
        typesetting, writing = STAGES["typesetting"], STAGES["writing"]

        def progress(share: float) -> None:
            # All parts typeset (share 1) leaves joining them: the stage of writing.
            db.session.execute(update(ExportJob).where(ExportJob.id == job_id).values(
                stage="writing" if share >= 1 else "typesetting",
                progress=typesetting + int((writing - typesetting) * share)))
            db.session.commit()

        content = pdf.report_in_parts(scope, part_size=part_size(), progress=progress)
        with write_transaction():
            job = db.session.get(ExportJob, job_id)
            job.content, job.size, job.finished_at = content, len(content), utcnow()
            job.status = ExportStatus.DONE
            _set_stage(job, "done")
    except Exception as exc:  # noqa: BLE001  (any failure is reported on the job's page)
        db.session.rollback()
        with write_transaction():
            db.session.execute(update(ExportJob).where(ExportJob.id == job_id).values(
                status=ExportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=utcnow()))
            db.session.commit()
    return True


def content_of(job: ExportJob) -> bytes:
    return db.session.scalar(select(ExportJob.content).where(ExportJob.id == job.id))
