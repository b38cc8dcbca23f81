"""API endpoint for the audit log."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from consult.api import api_actor, bp, list_response, pagination
from consult.api.serializers import author, timestamp
from consult.audit.models import AuditEntry
from consult.audit.permissions import can_read_audit
from consult.core.errors import Forbidden
from consult.core.paging import page_of


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
    entries, total = page_of(AuditEntry.newest_first(), page, per_page,
                             selectinload(AuditEntry.actor))
    return list_response([entry_json(e) for e in entries], page, per_page, total)
