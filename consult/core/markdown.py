"""The Markdown subset people may use in comments, rendered to sanitised HTML."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Paragraphs, emphasis, lists and links; raw HTML is text, never markup.
_renderer = (
    MarkdownIt("zero", {"html": False, "linkify": False, "breaks": True})
    .enable(["emphasis", "list", "link", "newline", "autolink", "escape", "backticks"])
)

_ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "code"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> Markup:
    """Render the comment subset of Markdown and sanitise the result with nh3 (ammonia)."""
    html = _renderer.render(text or "")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)
