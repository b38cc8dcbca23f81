"""Rendered parts of pages and documents kept for reuse, in a bounded store per process.

What may be reused is decided by the key, never by the store: a key names everything the
part depends on (for a speerpunt: its revision, read from the database with the speerpunt in
every request, so a change through any process makes a new key at once; the phase the rules
apply to, which moves with the clock; the language; what the viewer's role lets them see).
The store only bounds the memory: least recently used parts go first.

Nothing that belongs to one person is kept. A kept part marks where such things go, and
`personalise` fills them in per request: the form token of the session, and the links a
person sees on comments of others but not on their own.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import Flask, current_app
from markupsafe import Markup

T = TypeVar("T")

# Stands for the session's form token in kept HTML. Text people write cannot produce it:
# their `<` reaches the page escaped.
CSRF_MARK = "<!--csrf-token-->"
# Kept HTML surrounds what a person sees on comments by others only (the "report" link)
# with <!--others:AUTHOR_ID--> ... <!--/others--> (templates/macros/comments.html).
_OTHERS_END = "<!--/others-->"


def personalise(html: str, user_id: int | None) -> Markup:
    """A kept part as this request's viewer sees it."""
    if CSRF_MARK in html:
        from flask_wtf.csrf import generate_csrf

        html = html.replace(CSRF_MARK, generate_csrf())
    if user_id is not None:
        html = _without_others_only(html, f"<!--others:{int(user_id)}-->")
    return Markup(html)


def _without_others_only(html: str, start: str) -> str:
    # What others see of this viewer's own comments goes: each span from the marker to the
    # first end marker after it (a part runs to 150 KB; finding beats a regular expression).
    found = html.find(start)
    if found < 0:
        return html
    pieces, position = [], 0
    while found >= 0:
        end = html.find(_OTHERS_END, found)
        if end < 0:
            break
        pieces.append(html[position:found])
        position = end + len(_OTHERS_END)
        found = html.find(start, position)
    pieces.append(html[position:])
    return "".join(pieces)


def _size(value) -> int:
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values()) + sys.getsizeof(value)
    return sys.getsizeof(value)


class FragmentStore:
    """A least-recently-used store bounded by the memory its values take."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value) -> None:
        size = _size(value)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._items[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _key, (_value, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)


def store(app: Flask | None = None) -> FragmentStore:
    app = app or current_app
    return app.extensions["consult_fragments"]


def cached(key: Hashable, make: Callable[[], T]) -> T:
    """The value kept under `key`, made (and kept) when there is none."""
    kept = store()
    if kept.max_bytes <= 0:
        return make()
    value = kept.get(key)
    if value is None:
        value = make()
        kept.put(key, value)
    return value


def init_app(app: Flask) -> None:
    app.extensions["consult_fragments"] = FragmentStore(app.config["CONSULT_FRAGMENT_CACHE_BYTES"])
