"""Recording acts in the audit log."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from consult.accounts.models import User
from consult.audit.models import AuditEntry
from consult.extensions import db


def record(
    actor: User | None,
    action: str,
    obj: str,
    *,
    reason: str = "",
    result: str = "ok",
    **detail: Any,
) -> AuditEntry:
    """Add an entry to the audit log, in the same transaction as the act itself."""
    origin = ""
    if has_request_context():
        channel = "api" if request.path.startswith("/api/") else "web"
        origin = f"{channel} {request.remote_addr or ''}".strip()
    entry = AuditEntry(
        actor_id=actor.id if actor else None, action=action, object=obj, reason=reason or "",
        result=result, origin=origin[:100], detail=detail,
    )
    db.session.add(entry)
    return entry
