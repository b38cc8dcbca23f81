"""API endpoints for speerpunten and their versions."""

from __future__ import annotations

from flask import request

from consult.api import api_actor, bp, paginate_list
from consult.api.serializers import author, timestamp
from consult.core.errors import NotFound, ValidationFailed
from consult.speerpunten import queries
from consult.speerpunten.models import Speerpunt, Version


def speerpunt_summary(speerpunt: Speerpunt) -> dict:
    return {
        "slug": speerpunt.slug,
        "title": speerpunt.title,
        "phase": speerpunt.phase.value,
        "current_version": speerpunt.current_version,
    }


def speerpunt_full(speerpunt: Speerpunt, version: Version) -> dict:
    return {
        **speerpunt_summary(speerpunt),
        "responsible": [org.slug for org in speerpunt.responsible_organisations],
        "sections": version.sections,
    }


def version_summary(version: Version) -> dict:
    return {
        "number": version.number,
        "created_at": timestamp(version.created_at),
        "author": author(version.author),
        "amendment_id": getattr(version, "amendment_id", None),
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
    return speerpunt_full(speerpunt, queries.current_version(speerpunt))


@bp.get("/speerpunten/<slug>/versions")
def list_versions(slug: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    return paginate_list(queries.version_history(speerpunt), version_summary)


@bp.get("/speerpunten/<slug>/versions/<number>")
def get_version(slug: str, number: str):
    speerpunt = queries.get_visible_speerpunt(api_actor(), slug)
    version = queries.get_version(speerpunt, parse_version_number(number))
    return {**version_summary(version), "sections": version.sections}
