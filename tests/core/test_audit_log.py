"""The audit log can only grow: the database refuses to change or remove an entry."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from consult.audit.models import AuditEntry
from consult.audit.operations import record
from consult.extensions import db


def test_audit_entries_cannot_be_changed_or_deleted(ctx):
    record(None, "test.action", "speerpunt:wonen", reason="Waarom")
    db.session.commit()
    for statement in ("UPDATE audit_log SET reason = 'anders'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError):
            db.session.execute(sa.text(statement))
        db.session.rollback()
    entry = db.session.execute(sa.select(AuditEntry)).scalar_one()
    assert entry.reason == "Waarom"
