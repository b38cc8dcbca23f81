"""The OpenAPI 3.1 document describing the API as built."""

from __future__ import annotations

from consult.api import bp
from consult.speerpunten.models import SECTIONS

ERROR_RESPONSES = {
    "400": "Het verzoek is ongeldig (`bad_request` of `validation_failed`).",
    "401": "Geen geldig token (`unauthorized`).",
    "403": "Aangemeld, maar niet toegestaan (`forbidden`).",
    "404": "Bestaat niet of is niet zichtbaar (`not_found`).",
    "409": "De toestand staat dit niet toe (`conflict`, `phase_closed`, `stale_version`, "
    "`merge_conflict`).",
    "413": "Verzoek te groot (`payload_too_large`).",
    "429": "Te veel verzoeken (`rate_limited`).",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*statuses: str) -> dict:
    return {
        status: {
            "description": ERROR_RESPONSES[status],
            "content": {"application/json": {"schema": _ref("Error")}},
        }
        for status in statuses
    }


def _ok(schema: dict, description: str = "OK", status: str = "200") -> dict:
    return {status: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _list_of(name: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total"],
        "properties": {
            "items": {"type": "array", "items": _ref(name)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
        },
    }


SLUG_PARAM = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
              "description": "Slug van het speerpunt, bijvoorbeeld `inburgering`."}
PAGE_PARAMS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
]
SECTIONS_SCHEMA = {
    "type": "object",
    "required": list(SECTIONS),
    "properties": {key: {"type": "string", "description": title} for key, title in SECTIONS.items()},
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "enum": [
                        "bad_request", "validation_failed", "unauthorized", "forbidden",
                        "not_found", "method_not_allowed", "phase_closed", "conflict",
                        "stale_version", "merge_conflict", "payload_too_large", "rate_limited",
                    ]},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Organisation": {
        "type": "object",
        "required": ["slug", "name", "tier"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "tier": {"type": "string", "enum": ["rijk", "provincie", "gemeente", "partner"]},
        },
    },
    "Author": {
        "type": "object",
        "required": ["id", "name", "organisation"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "organisation": _ref("Organisation"),
        },
    },
    "SpeerpuntSummary": {
        "type": "object",
        "required": ["slug", "title", "phase", "current_version"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "phase": {"type": "string", "enum": ["concept", "open", "processing", "adopted"]},
            "current_version": {"type": "integer", "minimum": 1},
        },
    },
    "Speerpunt": {
        "allOf": [
            _ref("SpeerpuntSummary"),
            {
                "type": "object",
                "required": ["responsible", "sections"],
                "properties": {
                    "responsible": {"type": "array", "items": {"type": "string"},
                                    "description": "Slugs van de verantwoordelijke ministeries."},
                    "sections": SECTIONS_SCHEMA,
                },
            },
        ]
    },
    "VersionSummary": {
        "type": "object",
        "required": ["number", "created_at", "author", "amendment_id", "summary"],
        "properties": {
            "number": {"type": "integer", "minimum": 1},
            "created_at": {"type": "string", "format": "date-time"},
            "author": {"oneOf": [_ref("Author"), {"type": "null"}]},
            "amendment_id": {"type": ["integer", "null"]},
            "summary": {"type": "string"},
        },
    },
    "Version": {
        "allOf": [
            _ref("VersionSummary"),
            {"type": "object", "required": ["sections"], "properties": {"sections": SECTIONS_SCHEMA}},
        ]
    },
}

PATHS: dict[str, dict] = {
    "/speerpunten": {
        "get": {
            "summary": "De speerpunten in agendavolgorde, voor zover zichtbaar.",
            "operationId": "listSpeerpunten",
            "parameters": PAGE_PARAMS,
            "responses": {**_ok(_list_of("SpeerpuntSummary")), **_errors("400", "401")},
        }
    },
    "/speerpunten/{slug}": {
        "get": {
            "summary": "Een speerpunt met de tekst van zijn huidige versie.",
            "operationId": "getSpeerpunt",
            "parameters": [SLUG_PARAM],
            "responses": {**_ok(_ref("Speerpunt")), **_errors("401", "404")},
        }
    },
    "/speerpunten/{slug}/versions": {
        "get": {
            "summary": "Alle versies van een speerpunt, oudste eerst.",
            "operationId": "listVersions",
            "parameters": [SLUG_PARAM, *PAGE_PARAMS],
            "responses": {**_ok(_list_of("VersionSummary")), **_errors("400", "401", "404")},
        }
    },
    "/speerpunten/{slug}/versions/{number}": {
        "get": {
            "summary": "Eén versie van een speerpunt met de tekst van alle vier secties.",
            "operationId": "getVersion",
            "parameters": [
                SLUG_PARAM,
                {"name": "number", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 1}},
            ],
            "responses": {**_ok(_ref("Version")), **_errors("401", "404")},
        }
    },
}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consult API",
            "version": "1.0.0",
            "description": "De API van het consultatieplatform voor de Gemeenschappelijke "
            "Integratieagenda. Elk verzoek draagt `Authorization: Bearer <token>`; een token "
            "maakt u op uw profielpagina of met `flask --app wsgi consult create-token`.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi():
    return document()
