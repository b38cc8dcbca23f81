"""API endpoints for speerpunten and their versions."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, request
from pydantic import Field

from consult.api import Body, api_actor, bp, list_response, paginate_list, pagination, parse_body
from consult.core.paging import page_of
from consult.api.serializers import author, organisation_json, timestamp
from consult.core import fragments
from consult.core.errors import Forbidden, NotFound, ValidationFailed
from consult.speerpunten import operations, queries
from consult.speerpunten.models import SECTIONS, Speerpunt, Version
from consult.speerpunten.permissions import can_change_phase
from consult.speerpunten.textdiff import diff_words


def speerpunt_summary(speerpunt: Speerpunt) -> dict:
    return {
        "slug": speerpunt.slug,
        "title": speerpunt.title,
        # The phase the rules apply to: open past its closing date reads as processing.
        "phase": speerpunt.effective_phase.value,
        "current_version": speerpunt.current_version,
    }


def speerpunt_full(speerpunt: Speerpunt, version: Version) -> dict:
    return {
        **speerpunt_summary(speerpunt),
        "responsible": [org.slug for org in speerpunt.responsible_organisations],
        "response_term_days": speerpunt.response_term_days,
        "sections": version.sections,
    }


def version_summary(version: Version) -> dict:
    return {
        "number": version.number,
        "created_at": timestamp(version.created_at),
        "author": author(version.author),
        "amendment_id": version.amendment_id,
        "summary": version.summary,
    }


def parse_version_number(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise NotFound(f"Versie '{raw[:20]}' bestaat niet.")
    return int(raw)


@bp.get("/speerpunten")
def list_speerpunten():
    return paginate_list(queries.visible_speerpunten(api_actor()), speerpunt_summary)


@bp.get("/speerpunten/<slug>")
def get_speerpunt(slug: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    # The same document for everyone who may see the speerpunt: kept per revision (which
    # every change to it moves, in the same transaction) and the phase the clock gives it.
    key = ("api-speerpunt", speerpunt.id, speerpunt.revision, speerpunt.effective_phase.value)
    body = fragments.cached(key, lambda: current_app.json.response(
        speerpunt_full(speerpunt, queries.current_version(speerpunt))).get_data())
    return current_app.response_class(body, mimetype=current_app.json.mimetype)


@bp.get("/speerpunten/<slug>/versions")
def list_versions(slug: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    page, per_page = pagination()
    versions, total = page_of(queries.history_statement(speerpunt), page, per_page)
    return list_response([version_summary(v) for v in versions], page, per_page, total)


@bp.get("/speerpunten/<slug>/versions/<number>")
def get_version(slug: str, number: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    version = queries.get_version(speerpunt, parse_version_number(number))
    return {**version_summary(version), "sections": version.sections}


class SectionEditBody(Body):
    text: str
    base_version: int
    summary: str


class PhaseBody(Body):
    phase: str
    # JSON has no datetime type: an ISO 8601 string with a time zone is parsed here.
    closes_at: datetime | None = Field(default=None, strict=False)


@bp.put("/speerpunten/<slug>/sections/<section>")
def edit_section(slug: str, section: str):
    actor = api_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    if not actor.is_moderator:
        raise Forbidden("Alleen moderatoren bewerken de tekst direct.")
    if section not in SECTIONS:
        raise NotFound(f"Sectie '{section[:40]}' bestaat niet.")
    data = parse_body(SectionEditBody)
    operations.edit_section(actor, speerpunt, section=section, text=data.text,
                            base_version=data.base_version, summary=data.summary)
    return speerpunt_full(speerpunt, queries.current_version(speerpunt))


@bp.post("/speerpunten/<slug>/phase")
def change_phase(slug: str):
    actor = api_actor()
    speerpunt = queries.get_visible_speerpunt(actor, slug)
    if not can_change_phase(actor, speerpunt):
        raise Forbidden("Alleen moderatoren wijzigen de fase.")
    data = parse_body(PhaseBody)
    operations.change_phase(actor, speerpunt, data.phase, closes_at=data.closes_at)
    return speerpunt_full(speerpunt, queries.current_version(speerpunt))


def _version_arg(name: str, fields: dict[str, str]) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        fields[name] = "Verplicht: een versienummer."
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        fields[name] = "Moet een versienummer zijn."
        return None
    return int(raw)


@bp.get("/speerpunten/<slug>/diff")
def diff(slug: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    fields: dict[str, str] = {}
    numbers = (_version_arg("from", fields), _version_arg("to", fields))
    if fields:
        raise ValidationFailed(fields=fields)
    old, new = (queries.get_version(speerpunt, n) for n in numbers)
    return {
        "from": old.number,
        "to": new.number,
        "sections": {
            key: [[op, text] for op, text in diff_words(old.section(key), new.section(key))]
            for key in SECTIONS
        },
    }


@bp.get("/speerpunten/<slug>/versions/<number>/provenance")
def provenance(slug: str, number: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    version = queries.get_version(speerpunt, parse_version_number(number))
    passages = queries.provenance_of(speerpunt, version.number)
    return {
        "number": version.number,
        "sections": {
            key: [
                {
                    "text": text,
                    "version": source.number,
                    "amendment_id": source.amendment_id,
                    "organisation": organisation_json(source.organisation),
                }
                for source, text in passages[key]
            ]
            for key in SECTIONS
        },
    }
