"""Paths to pages, also outside a request (command line, background work)."""

from __future__ import annotations

from flask import current_app


def path_for(endpoint: str, **values) -> str:
    return current_app.url_map.bind("localhost").build(endpoint, values)
