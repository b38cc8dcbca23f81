"""Normalising text that people type, before it is validated and stored."""

from __future__ import annotations

import unicodedata


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
    """Record in `fields` why a text is too short or too long, in Dutch."""
    if len(value) < minimum:
        fields[field] = "Dit veld is verplicht." if minimum == 1 else (
            f"Minstens {minimum} tekens.")
    elif len(value) > maximum:
        fields[field] = f"Hooguit {maximum:,} tekens.".replace(",", ".")
