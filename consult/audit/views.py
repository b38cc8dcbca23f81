"""The audit log page for moderators and admins."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.audit.models import AuditEntry
from consult.audit.permissions import can_read_audit
from consult.core.auth import current_actor
from consult.extensions import db
from flask_login import login_required

bp = Blueprint("audit", __name__)
PER_PAGE = 50


@bp.route("/audit")
@login_required
def index():
    if not can_read_audit(current_actor()):
        abort(403)
    raw = request.args.get("pagina", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        abort(400)
    page = int(raw)
    total = db.session.scalar(select(func.count()).select_from(AuditEntry))
    entries = db.session.execute(
        AuditEntry.newest_first().options(selectinload(AuditEntry.actor))
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).scalars().all()
    pages = max(1, -(-total // PER_PAGE))
    return render_template("audit/index.html", entries=entries, page=page, pages=pages,
                           total=total)
