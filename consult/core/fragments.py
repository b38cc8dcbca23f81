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
from datetime import datetime
from typing import TypeVar

from flask import Flask, Response, current_app, render_template
from markupsafe import Markup

T = TypeVar("T")

# Stands for the session's form token in kept HTML. Text people write cannot produce it:
# their `<` reaches the page escaped.
CSRF_MARK = "<!--csrf-token-->"
# Kept HTML surrounds what a person sees on comments by others only (the "report" link)
# with <!--others:AUTHOR_ID--> ... <!--/others--> (templates/macros/comments.html).
_OTHERS_END = "<!--/others-->"


# Kept HTML marks where what belongs to one request goes: the form token, the visitor's
# details in the page header (<!--chrome:FIELD-->, consult/core/chrome.py) and, in a kept
# page, its kept parts (<!--part:NAME-->).
_MARKS = re.compile(r"(<!--csrf-token-->|<!--(?:chrome|part):\w+-->|<!--others:\d+-->"
                    r"|<!--/others-->)")
_OTHERS_START = "<!--others:"
_CSRF_SLOT = "csrf-token"


class Kept:
    """Kept HTML, cut at its marks once and kept as UTF-8: a request joins the pieces with what
    is its own (its form token above all), leaving out what others see of the viewer's own
    comments, without searching 150 KB, and without encoding it again.

    `chunks` holds (author, pieces, slots): what only others than the author see (author
    None: what everyone sees), cut at the marks; `slots` names the mark between each two
    pieces, or is None when every one of them is the form token."""

    __slots__ = ("chunks", "size")

    def __init__(self, html: str):
        chunks: list[tuple[int | None, tuple[bytes, ...], tuple[str, ...] | None]] = []
        author: int | None = None  # inside <!--others:AUTHOR--> ... <!--/others-->
        pieces, slots = [""], []

        def close(following: int | None) -> None:
            nonlocal author, pieces, slots
            if pieces != [""]:
                chunks.append((author, tuple(piece.encode() for piece in pieces),
                               None if all(s == _CSRF_SLOT for s in slots) else tuple(slots)))
            author, pieces, slots = following, [""], []

        for token in _MARKS.split(html):
            if token.startswith("<!--") and token.endswith("-->") and _MARKS.fullmatch(token):
                if token.startswith(_OTHERS_START):
                    if author is None:
                        close(int(token[len(_OTHERS_START):-3]))
                        continue
                elif token == _OTHERS_END:
                    if author is not None:
                        close(None)
                        continue
                else:
                    slots.append(token[4:-3])
                    pieces.append("")
                    continue
            pieces[-1] += token
        author = None  # a span without its end keeps what it held
        close(None)
        self.chunks = tuple(chunks)
        self.size = sum(len(piece) + 40 for _author, chunk, _slots in chunks for piece in chunk)


Fill = Callable[[str, list], None]


def _pieces(kept: Kept, user_id: int | None, fill: Fill, out: list[bytes]) -> None:
    csrf = None
    for author, pieces, slots in kept.chunks:
        if author is not None and author == user_id:
            continue
        if slots is None:
            if len(pieces) == 1:
                out.append(pieces[0])
            else:
                if csrf is None:
                    token: list[bytes] = []
                    fill(_CSRF_SLOT, token)
                    csrf = token[0]
                out.append(csrf.join(pieces))
            continue
        out.append(pieces[0])
        for slot, piece in zip(slots, pieces[1:]):
            fill(slot, out)
            out.append(piece)


def filler(own: dict[str, str] | None = None, parts: dict[str, Kept] | None = None,
           user_id: int | None = None) -> Fill:
    """What fills the marks for this request: the form token, `own` (chrome:FIELD -> text,
    already escaped) and kept `parts`; a mark it does not know stays as it is."""
    token: list[bytes] = []
    own_bytes = {f"chrome:{name}": value.encode() for name, value in (own or {}).items()}

    def fill(slot: str, out: list) -> None:
        if slot == _CSRF_SLOT:
            if not token:
                from flask_wtf.csrf import generate_csrf

                token.append(generate_csrf().encode())
            out.append(token[0])
        elif slot in own_bytes:
            out.append(own_bytes[slot])
        elif parts is not None and slot.startswith("part:") and slot[5:] in parts:
            _pieces(parts[slot[5:]], user_id, fill, out)
        else:
            out.append(f"<!--{slot}-->".encode())

    return fill


def personalise(kept: Kept, user_id: int | None, own: dict[str, str] | None = None) -> Markup:
    """A kept part as this request's viewer sees it."""
    out: list[bytes] = []
    _pieces(kept, user_id, filler(own), out)
    return Markup(b"".join(out).decode())


def _part_marks(parts: dict[str, Kept]) -> dict[str, Markup]:
    return {name: Markup(f"<!--part:{name}-->") for name in parts}


def render_page(template, parts: dict[str, Kept], user_id: int | None, **context) -> Response:
    """A page with kept parts, as this request's viewer sees it. The template (a name or a
    template) shows each part as `{{ parts.NAME }}`; the parts are joined into the page as
    the UTF-8 they are kept in.

    A speerpunt page is 150 KB, and its text has characters beyond Latin-1 (names), which
    Python keeps at two bytes a character: rendering it as text and encoding that on every
    request took 130 microseconds, more than the page's statement to the database."""
    page = Kept(render_template(template, parts=_part_marks(parts), **context))
    return _joined(page, parts, user_id, None)


def kept_page(key: Hashable, render: Callable[[dict[str, Markup]], str],
              parts: dict[str, Kept], user_id: int | None, own: dict[str, str]) -> Response:
    """A whole page kept under `key` (which names everything it depends on): `render` makes
    it from the part marks it is given, with the form token and the visitor's own details
    marked; this request's are filled in with `own`."""
    page = cached(key, lambda: Kept(render(_part_marks(parts))))
    return _joined(page, parts, user_id, own)


def _joined(page: Kept, parts: dict[str, Kept], user_id: int | None,
            own: dict[str, str] | None) -> Response:
    out: list[bytes] = []
    _pieces(page, user_id, filler(own, parts, user_id), out)
    return current_app.response_class(b"".join(out), mimetype="text/html")


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


def cached_until(key: Hashable, now: datetime,
                 make: Callable[[], tuple[T, datetime | None]]) -> T:
    """As cached(), for a value that the clock changes too: `make` gives the value and the
    moment it stops holding (None: never), and from that moment on it is made again."""
    kept = store()
    if kept.max_bytes <= 0:
        return make()[0]
    found = kept.get(key)
    if found is not None and (found["until"] is None or now < found["until"]):
        return found["value"]
    value, until = make()
    kept.put(key, {"value": value, "until": until})
    return value


def init_app(app: Flask) -> None:
    app.extensions["consult_fragments"] = FragmentStore(app.config["CONSULT_FRAGMENT_CACHE_BYTES"])
