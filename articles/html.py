"""The one HTML allowlist for release bodies. Everything else is stripped on save."""

from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "blockquote",
    "q",
    "cite",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "img",
    "figure",
    "figcaption",
    "hr",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Keep paragraphs, headings, lists, links, emphasis, quotes, tables and images.

    Scripts, styles, event handlers and ``javascript:`` URLs never survive.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class _ImageAltCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.without_alt = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.without_alt += 1

    handle_startendtag = handle_starttag


def images_without_alt(html: str) -> int:
    """How many ``<img>`` in ``html`` have no alternative text (editors must add it)."""
    if not html or "<img" not in html.lower():
        return 0
    counter = _ImageAltCounter()
    counter.feed(html)
    counter.close()
    return counter.without_alt
