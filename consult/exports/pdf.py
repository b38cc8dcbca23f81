"""PDF exports: HTML templates typeset by WeasyPrint with a print stylesheet.

Memory: WeasyPrint lays out the whole document in memory before it writes the PDF, so a
render holds the HTML, its layout tree and the resulting bytes at once. For the full agenda
(eight speerpunten, about twenty A4 pages) that peaks around 50 MB for one to two seconds, and
a report on up to a hundred-odd amendments is of the same order. A longer report is typeset in
parts of a few dozen amendments and joined (`report_in_parts`, consult/exports/joining.py),
so that its memory does not grow with its length; the CSV export streams.

Rendered PDFs are kept in a small in-process cache keyed by a hash of the HTML they were made
from. The key is the full input, so a cached PDF is never stale, and it can only be served to
someone whose own HTML is identical, that is, someone allowed to see exactly that content.
The HTML embeds the date, not the time, so the cache holds for a day at most.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from consult.exports import DOCUMENT_LOCALE, queries
from consult.exports.queries import Agenda, Report, Scope
from consult.speerpunten.textdiff import diff_words

# Words of unchanged text kept around each change in the report's compact diffs.
DIFF_CONTEXT_WORDS = 12
# Rendered PDFs kept per process; each is a few hundred kilobytes.
DEFAULT_CACHE_SIZE = 16
# Amendments per part when a report is typeset in parts: some twenty pages, whose layout
# takes a few tens of megabytes.
DEFAULT_PART_AMENDMENTS = 40
# Stands in for a page number in the contents until the pages are known: as wide as any.
PAGE_PLACEHOLDER = "0000"

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


def report_in_parts(scope: Scope, *, part_size: int = DEFAULT_PART_AMENDMENTS,
                    progress: Callable[[float], None] | None = None) -> bytes:
    """The consultatieverslag of a scope of any size, typeset a part at a time and joined
    (see consult/exports/joining.py): the front matter (title page, contents, summary), per
    speerpunt its heading and then at most `part_size` amendments per part, and the
    participating organisations. Memory holds one part's layout, not the report's.

    The front matter is typeset first with placeholder page numbers, to learn how many pages
    it takes, and once more at the end with the page on which each chapter turned out to
    start. `progress` is told the share of the parts done."""
    from consult.exports import joining

    report = queries.collect_report_outline(scope)
    total = 2 + sum(max(1, math.ceil(sp.amendment_count / part_size))
                    for sp in report.speerpunten)
    done = 0

    def typeset(writer: joining.PartWriter, kind: str, counted: bool = True,
                **context) -> joining.Part:
        nonlocal done
        with force_locale(DOCUMENT_LOCALE):
            html = render_template("exports/report_part.html", report=report, kind=kind,
                                   compact_diff=compact_diff, PART_LINK=joining.PART_LINK,
                                   **context)
        part = writer.typeset(html)
        if counted:
            done += 1
            if progress is not None:
                progress(done / total)
        return part

    def start_of(part: joining.Part, first_page: int, anchor: str) -> int:
        return first_page + part.anchors[anchor][0]

    anchors = ["samenvatting", *(f"speerpunt-{sp.slug}" for sp in report.speerpunten),
               "deelnemers"]
    with joining.PartWriter(NoFetching()) as writer:
        draft = typeset(writer, "front", counted=False,
                        pages=dict.fromkeys(anchors, PAGE_PLACEHOLDER))
        pages = {"samenvatting": start_of(draft, 1, "samenvatting")}
        next_page = draft.page_count + 1
        body: list[joining.Part] = []
        for (sp_id, _slug, _title), sp in zip(scope.speerpunten, report.speerpunten,
                                              strict=True):
            amendments = queries.report_amendments(scope, sp_id, chunk_size=part_size)
            first, previous_section = True, None
            while True:
                chunk = list(itertools.islice(amendments, part_size))
                if not chunk and not first:
                    break
                part = typeset(writer, "speerpunt", sp=sp, amendments=chunk, first=first,
                               previous_section=previous_section, first_page=next_page,
                               chapter=sp.title)
                if first:
                    pages[f"speerpunt-{sp.slug}"] = start_of(part, next_page,
                                                            f"speerpunt-{sp.slug}")
                next_page += part.page_count
                body.append(part)
                previous_section = chunk[-1].section if chunk else previous_section
                first = False
                if len(chunk) < part_size:
                    break
        with force_locale(DOCUMENT_LOCALE):
            participants_title = str(_("Deelnemende organisaties"))
            titles = {"samenvatting": str(_("Samenvatting")), "deelnemers": participants_title}
        back = typeset(writer, "participants", first_page=next_page, chapter=participants_title)
        pages["deelnemers"] = start_of(back, next_page, "deelnemers")
        front = typeset(writer, "front", pages=pages)
        if front.page_count != draft.page_count:
            raise joining.JoiningError(
                f"De inhoudsopgave nam {front.page_count} pagina's in plaats van "
                f"{draft.page_count}; de paginanummers zouden niet kloppen.")
        titles |= {f"speerpunt-{sp.slug}": sp.title for sp in report.speerpunten}
        return writer.join([front, *body, back], link_titles=titles)


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
