"""The consultation report as CSV: one row per amendment, sent while it is being read."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Flask
from flask_babel import force_locale, format_datetime

from consult.exports import DOCUMENT_LOCALE, queries
from consult.exports.queries import CHUNK_SIZE, ReportAmendment, Scope
from consult.organisations.models import Tier

# Spreadsheet programs (Excel above all) read a file as UTF-8 only when it starts with a
# byte order mark; without it, names such as Fryslân come out garbled.
BOM = "\ufeff"

# The column names are the file's contract with whoever processes it: fixed Dutch text, not
# labels that follow the reader's interface language.
SUPPORT_COLUMNS = {
    Tier.RIJK: "Steun rijk",
    Tier.PROVINCIE: "Steun provincie",
    Tier.GEMEENTE: "Steun gemeente",
    Tier.PARTNER: "Steun partner",
}
COLUMNS = [
    "Nummer",
    "Speerpunt",
    "Sectie",
    "Ingediend op",
    "Organisatie",
    "Bestuurslaag",
    "Via regionale bijeenkomst",
    "Geschreven op versie",
    "Voorgestelde tekst",
    "Toelichting",
    "Steun totaal",
    *SUPPORT_COLUMNS.values(),
    "Steunende organisaties",
    "Standpunten van het rijk",
    "Reacties van het rijk",
    "Besluit",
    "Motivering besluit",
    "Besloten op",
    "Opgenomen in versie",
]

# Multi-valued cells: entries are separated by a line break inside the (quoted) cell.
JOIN = "\n"
# A cell starting with one of these is run as a formula by spreadsheet programs; a leading
# apostrophe makes them show it as text (the usual defence against CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _date(value) -> str:
    return format_datetime(value, "yyyy-MM-dd") if value else ""


def row_of(amendment: ReportAmendment) -> list[str]:
    supports = amendment.supports_by_tier
    values = [
        amendment.id,
        amendment.speerpunt_title,
        amendment.section_heading,
        _date(amendment.created_at),
        amendment.organisation.name,
        amendment.organisation.tier_label,
        "ja" if amendment.via_meeting else "nee",
        amendment.base_version,
        amendment.text,
        amendment.rationale,
        len(amendment.supporters),
        *(supports[tier] for tier in SUPPORT_COLUMNS),
        JOIN.join(f"{org.name} ({org.tier_label})" for org in amendment.supporting_organisations),
        JOIN.join(f"{r.organisation.name}: {r.position_label.lower()}"
                  for r in amendment.responses),
        JOIN.join(f"{r.organisation.name} ({_date(r.created_at)}): {r.body}"
                  for r in amendment.responses),
        amendment.decision_label,
        amendment.decision_reason,
        _date(amendment.decided_at) if amendment.status.value in ("accepted", "rejected") else "",
        amendment.result_version or "",
    ]
    return [_cell(value) for value in values]


def _lines(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def stream_report(app: Flask, scope: Scope, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """The header, then the rows chunk by chunk, for a streamed response.

    The response is sent after the request's context has ended, so each chunk is read in an
    application context (and so a database session) of its own, opened and closed between
    two pieces of output. Nothing is held open while the generator waits for the client:
    a client that stops reading, or a generator that is dropped half-way, leaves no context
    or transaction behind, and a chunk's objects go with its session.
    """
    yield BOM + _lines([COLUMNS])
    after = None
    while True:
        with app.app_context(), force_locale(DOCUMENT_LOCALE):
            amendments, after = queries.report_chunk(scope, after, chunk_size)
            # Formatted here, where babel has the application's time zone, and in Dutch.
            piece = _lines([row_of(amendment) for amendment in amendments])
        if piece:
            yield piece
        if after is None:
            return
