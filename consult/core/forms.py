"""Showing a domain error on a form: per field where it names fields, else at the top."""

from __future__ import annotations

from consult.core.errors import DomainError
from consult.extensions import db


def apply_errors(form, error: DomainError, aliases: dict[str, str] | None = None) -> None:
    """Show a refused operation's messages on the form, after undoing anything it wrote."""
    db.session.rollback()
    aliases = aliases or {}
    placed = False
    for name, message in (error.fields or {}).items():
        field = getattr(form, aliases.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
            placed = True
    if not placed:
        form.form_errors.append(error.message)
