"""Hypothesis strategies for fuzzing every public URL with hostile input.

URL patterns are discovered from the resolver, so pages and API endpoints added later
are fuzzed without touching this file. Used by tests/ops/test_fuzz.py (bounded) and
bench/fuzz.py (long run).
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import strategies as st

# Not public pages: the admin (behind a login; fuzzing it means fuzzing Django) and the
# language switch (a POST-only form target that answers GET with an empty 204).
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language"}

ALLOWED_STATUSES = {200, 301, 302, 400, 404, 410}

REGEX_LEVEL = "regex_level_"


def _is_regex_level(name: str) -> bool:
    return name.startswith(REGEX_LEVEL)


ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")

# Every query parameter a page, feed, export or the API understands, plus paging.
KNOWN_PARAMETERS = [
    "q", "region", "agency", "official", "event", "topic", "date_from", "date_to", "sort",
    "page", "format", "cursor", "limit", "offset", "page_size", "status", "language", "next",
]  # fmt: skip

HOSTILE_VALUES = [
    "", " ", "0", "-1", "1e309", "99999999999999999999999", "NaN", "null", "true",
    "'", '"', "' OR 1=1 --", "'; DROP TABLE articles_article; --", "\\", "%", "%%", "_",
    "\x00", "a\x00b", "\r\n", "\t", "<script>alert(1)</script>", "javascript:alert(1)",
    "../../../../etc/passwd", "%2e%2e%2f", "//evil.example/", "https://evil.example/",
    "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "-0001-01-01", "2024-1-1",
    "1900-01-01", "20240101", "a" * 5000, "ß" * 300, "🇮🇩" * 50, "\u202e", "\ufeff",
    "é", "İ", "ｐｅｍｉｌｕ", "!@#$%^&*()", "*", "?", "&", "=", "[]", "{}", "{\"$gt\": \"\"}",
    "newest", "oldest", "relevance", "json", "csv", "xlsx", "rss", "atom",
]  # fmt: skip

RAW_QUERY_STRINGS = [
    "%", "%zz", "%00", "%ff%fe", "&&&", "===", "q", "q=", "=x", ";;", "q=%E0%A4%A", "a[]=1&a[]=2",
    "page=1&page=2&page=x", "q=" + "%41" * 3000, "region=32&region=33&region=",
]  # fmt: skip

path_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=60
)
hostile_text = st.one_of(st.sampled_from(HOSTILE_VALUES), path_text)


@dataclass(frozen=True)
class PublicRoute:
    name: str
    parts: tuple  # literal strings and parameter names ("<name>") in order
    converters: tuple  # (parameter name, converter regex) pairs

    def __str__(self):
        return self.name


def _route_parts(pattern):
    """(parts, converters) of one pattern level: literals and parameter placeholders."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        parts, converters, position = [], [], 0
        for match in ROUTE_PARAMETER.finditer(route):
            parts.append(route[position : match.start()])
            name = match["parameter"]
            parts.append(f"<{name}>")
            converters.append((name, pattern.converters[name].regex))
            position = match.end()
        parts.append(route[position:])
        return parts, converters
    # A regular-expression pattern (e.g. DRF's routers): the whole level is generated.
    regex = pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    name = f"{REGEX_LEVEL}{abs(hash(regex))}"
    return [f"<{name}>"], [(name, regex)]


def public_routes() -> list[PublicRoute]:
    found = []

    def walk(patterns, parts, converters, namespace):
        for entry in patterns:
            level_parts, level_converters = _route_parts(entry.pattern)
            if isinstance(entry, URLResolver):
                if entry.namespace in EXCLUDED_NAMESPACES:
                    continue
                walk(
                    entry.url_patterns,
                    parts + level_parts,
                    converters + level_converters,
                    entry.namespace or namespace,
                )
            elif isinstance(entry, URLPattern) and entry.name not in EXCLUDED_NAMES:
                label = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                found.append(
                    PublicRoute(
                        label, tuple(parts + level_parts), tuple(converters + level_converters)
                    )
                )

    walk(get_resolver().url_patterns, [], [], None)
    return found


@st.composite
def request_paths(draw, routes, known_values):
    """A path for one of ``routes``: parameters are valid-looking, real or hostile."""
    route = draw(st.sampled_from(routes))
    values = {}
    for name, regex in route.converters:
        choices = [st.from_regex(regex, fullmatch=True), hostile_text]
        if known_values.get(name):
            choices.insert(0, st.sampled_from(known_values[name]))
        values[name] = draw(st.one_of(*choices))
    path = "".join(
        # A whole regex level (DRF's routers) keeps its slashes, so it can match.
        quote(str(values[part[1:-1]]), safe="/" if _is_regex_level(part[1:-1]) else "")
        if part.startswith("<") and part[1:-1] in values
        else part
        for part in route.parts
    )
    return route, "/" + path


query_strings = st.one_of(
    st.lists(
        st.tuples(st.one_of(st.sampled_from(KNOWN_PARAMETERS), path_text), hostile_text),
        max_size=6,
    ).map(lambda pairs: urlencode(pairs)),
    st.sampled_from(RAW_QUERY_STRINGS),
)
