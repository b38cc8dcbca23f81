"""Exports made in the background: a consultation report too large to typeset in a request.

A job is one document for one state of the data: its fingerprint names the speerpunten it
covers, the day, and marks of everything the document shows. While the data stays the same,
everyone who may see those speerpunten is served the finished file; once anything changes, the
next request makes a new one. The file is kept in the database, so every app server serves it.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db


class ExportStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExportJob(db.Model):
    __tablename__ = "export_jobs"
    __table_args__ = (
        UniqueConstraint("document", "fingerprint", name="uq_export_jobs_document_fingerprint"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_percentage"),
        CheckConstraint("(status = 'done') = (content IS NOT NULL)", name="content_when_done"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(60))
    # The speerpunten covered, in agenda order, as "3,1,4": the scope, not who asked.
    speerpunt_ids: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[ExportStatus] = mapped_column(
        enum_column_type(ExportStatus, "export_status"), default=ExportStatus.QUEUED)
    stage: Mapped[str] = mapped_column(String(40), default="")
    progress: Mapped[int] = mapped_column(default=0)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int | None]
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
