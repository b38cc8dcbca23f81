"""PDF exports: HTML templates typeset by WeasyPrint with a print stylesheet.

Memory: WeasyPrint lays out the whole document in memory before it writes the PDF, so a
render holds the HTML, its layout tree and the resulting bytes at once. For the full agenda
(eight speerpunten, about twenty A4 pages) that peaks around 50 MB for one to two
seconds; the report grows with the number of amendments in the same way. That is acceptable
for documents of this size; the CSV export streams instead, for when the data itself is
what is wanted.

Rendered PDFs are kept in a small in-process cache keyed by a hash of the HTML they were made
from. The key is the full input, so a cached PDF is never stale, and it can only be served to
someone whose own HTML is identical, that is, someone allowed to see exactly that content.
The HTML embeds the date, not the time, so the cache holds for a day at most.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

from flask import current_app, render_template
from flask_babel import force_locale

from consult.exports import DOCUMENT_LOCALE
from consult.exports.queries import Agenda, Report
from consult.speerpunten.textdiff import diff_words

# Words of unchanged text kept around each change in the report's compact diffs.
DIFF_CONTEXT_WORDS = 12
# Rendered PDFs kept per process; each is a few hundred kilobytes.
DEFAULT_CACHE_SIZE = 16

_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()


def NoFetching():  # noqa: N802  (stands in for the class it makes)
    """A URL fetcher that refuses every URL. The exports are self-contained (system fonts, an
    inline stylesheet, no images), so no text in the data can make the renderer read a file
    or a server. WeasyPrint is imported here, not with the module: it costs an app process
    some 60 MB, and only processes that typeset a document need it."""
    from weasyprint.urls import URLFetcher

    class _NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"Exports do not load external resources: {url}")

    return _NoFetching()


def render_pdf(html: str) -> bytes:
    """Typeset an HTML document as a tagged PDF, or return the PDF made earlier from the same
    HTML in this process."""
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    size = current_app.config.get("CONSULT_EXPORT_PDF_CACHE_SIZE", DEFAULT_CACHE_SIZE)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    # Rendering happens outside the lock: requests for other documents need not wait.
    # pdf_tags gives the PDF a structure tree, which screen readers need.
    from weasyprint import HTML

    pdf = HTML(string=html, url_fetcher=NoFetching()).write_pdf(pdf_tags=True)
    if size > 0:
        with _cache_lock:
            _cache[key] = pdf
            _cache.move_to_end(key)
            while len(_cache) > size:
                _cache.popitem(last=False)
    return pdf


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def agenda_html(agenda: Agenda) -> str:
    with force_locale(DOCUMENT_LOCALE):
        return render_template("exports/agenda.html", agenda=agenda)


def report_html(report: Report) -> str:
    with force_locale(DOCUMENT_LOCALE):
        return render_template("exports/report.html", report=report,
                               compact_diff=compact_diff)


def agenda_pdf(agenda: Agenda) -> bytes:
    """The handreiking: title page, contents, every speerpunt's four sections and change log."""
    return render_pdf(agenda_html(agenda))


def report_pdf(report: Report) -> bytes:
    """The consultatieverslag: every amendment with supports, responses and decision, the
    comments per section and the organisations that took part."""
    return render_pdf(report_html(report))


_WORDS = re.compile(r"\S+")


def _first_words(text: str, count: int) -> str | None:
    """The text up to and including its count-th word, or None when it has no more words."""
    matches = list(_WORDS.finditer(text))
    if len(matches) <= count:
        return None
    return text[:matches[count - 1].end()]


def _last_words(text: str, count: int) -> str | None:
    matches = list(_WORDS.finditer(text))
    if len(matches) <= count:
        return None
    return text[matches[-count].start():]


def compact_diff(base: str | None, proposed: str,
                 context: int = DIFF_CONTEXT_WORDS) -> list[tuple[str, str]]:
    """The word diff from base to proposed, with long unchanged stretches cut to `context`
    words around each change: a report lists many amendments, each on a long section."""
    if base is None:
        return [("insert", proposed)]
    ops = diff_words(base, proposed)
    compact: list[tuple[str, str]] = []
    last = len(ops) - 1
    for index, (op, text) in enumerate(ops):
        if op != "equal":
            compact.append((op, text))
            continue
        if index == 0 and index == last:
            compact.append((op, text))
        elif index == 0:
            tail = _last_words(text, context)
            compact.append((op, text) if tail is None else (op, "… " + tail))
        elif index == last:
            head = _first_words(text, context)
            compact.append((op, text) if head is None else (op, head + " …"))
        else:
            head, tail = _first_words(text, context), _last_words(text, context)
            if head is None or tail is None or len(_WORDS.findall(text)) <= 2 * context:
                compact.append((op, text))
            else:
                compact.append((op, head + " … " + tail))
    return compact
