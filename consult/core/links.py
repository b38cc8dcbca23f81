"""Paths to pages: built also outside a request (command line, background work), and checked
before a redirect follows one."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def path_for(endpoint: str, **values) -> str:
    return current_app.url_map.bind("localhost").build(endpoint, values)


def safe_local_path(target: str | None) -> str | None:
    """The target if it is a path on this site, else None: redirects never lead elsewhere.

    Refused: anything not starting with one slash ("//host" and "/\\host" are other
    sites to a browser), a scheme or host, and control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
