"""API endpoint for the audit log."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.api import api_actor, bp, list_response, pagination
from consult.api.serializers import author, timestamp
from consult.audit.models import AuditEntry
from consult.audit.permissions import can_read_audit
from consult.core.errors import Forbidden
from consult.extensions import db


def entry_json(entry: AuditEntry) -> dict:
    return {
        "at": timestamp(entry.at),
        "actor": author(entry.actor),
        "action": entry.action,
        "object": entry.object,
        "detail": {**(entry.detail or {}), "reason": entry.reason, "result": entry.result,
                   "origin": entry.origin},
    }


@bp.get("/audit")
def audit_log():
    if not can_read_audit(api_actor()):
        raise Forbidden("Alleen moderatoren en beheerders lezen het auditlog.")
    page, per_page = pagination()
    total = db.session.scalar(select(func.count()).select_from(AuditEntry))
    entries = db.session.execute(
        AuditEntry.newest_first().options(selectinload(AuditEntry.actor))
        .limit(per_page).offset((page - 1) * per_page)
    ).scalars()
    return list_response([entry_json(e) for e in entries], page, per_page, total)
