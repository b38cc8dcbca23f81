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


_MARKS = re.compile(r"(<!--csrf-token-->|<!--others:\d+-->|<!--/others-->)")
_OTHERS_START = "<!--others:"
_CSRF = object()  # where the form token goes


class Kept:
    """Kept HTML, cut at its marks once: a request joins the pieces with its own form token,
    leaving out what others see of the viewer's own comments, without searching 150 KB."""

    __slots__ = ("items", "size")

    def __init__(self, html: str):
        items: list = []
        span: tuple[int, list] | None = None  # inside <!--others:AUTHOR--> ... <!--/others-->
        for token in _MARKS.split(html):
            if not token:
                continue
            if token == CSRF_MARK:
                (span[1] if span else items).append(_CSRF)
            elif token.startswith(_OTHERS_START) and span is None:
                span = (int(token[len(_OTHERS_START):-3]), [])
            elif token == _OTHERS_END and span is not None:
                items.append((span[0], tuple(span[1])))
                span = None
            else:
                (span[1] if span else items).append(token)
        if span is not None:  # a span without its end keeps what it held
            items.extend(span[1])
        self.items = tuple(items)
        self.size = len(html) * 2 + 64 * len(items)


def personalise(kept: Kept, user_id: int | None) -> Markup:
    """A kept part as this request's viewer sees it."""
    token: list[str] = []

    def csrf() -> str:
        if not token:
            from flask_wtf.csrf import generate_csrf

            token.append(generate_csrf())
        return token[0]

    out: list[str] = []
    for item in kept.items:
        if item.__class__ is str:
            out.append(item)
        elif item is _CSRF:
            out.append(csrf())
        elif item[0] != user_id:
            out.extend(csrf() if piece is _CSRF else piece for piece in item[1])
    return Markup("".join(out))


def _size(value) -> int:
    if isinstance(value, Kept):
        return value.size
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
