"""Normalising text that people type, before it is validated and stored."""

from __future__ import annotations

import unicodedata

from flask_babel import gettext

from consult.core.i18n import format_number


def normalise_text(value: str) -> str:
    """Unify line endings (browsers send CRLF), drop invisible control characters, trim."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(
        ch for ch in value
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return value.strip()


def check_length(value: str, field: str, *, minimum: int, maximum: int,
                 fields: dict[str, str]) -> None:
    """Record in `fields` why a text is too short or too long, in the reader's language."""
    if len(value) < minimum:
        fields[field] = gettext("Dit veld is verplicht.") if minimum == 1 else gettext(
            "Minstens %(minimum)s tekens.", minimum=format_number(minimum))
    elif len(value) > maximum:
        fields[field] = gettext("Hooguit %(maximum)s tekens.", maximum=format_number(maximum))
