"""``reverse`` for the links a page repeats by the dozen.

A list page links every row to the release, its region and its publisher: sixty
``reverse()`` calls, each matching the view name through the namespaces and checking
the result against the route's pattern (~a tenth of the page's CPU). ``link`` reverses
each route once, with a placeholder that the route's converter accepts, and then puts
the value in the placeholder's place.

Only for routes with one slug or region code (characters that ``reverse`` never
quotes); the value is still percent-quoted, so a value the converter would refuse
cannot leave its path segment.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Accepted by the ``slug`` and ``region_code`` converters, and found nowhere else in a URL.
PLACEHOLDERS = {"slug": "zz-link-placeholder-zz", "code": "99.9999.9999.9999"}


@lru_cache(maxsize=128)
def _route(viewname: str, name: str, urlconf: str, prefix: str) -> str:
    # ``prefix`` (the script prefix, e.g. "/newsroom/" behind a proxy) is part of the key
    # because ``reverse`` puts it in the URL.
    return reverse(viewname, urlconf=urlconf, kwargs={name: PLACEHOLDERS[name]})


def link(viewname: str, **kwargs: str) -> str:
    """``reverse(viewname, kwargs=kwargs)`` for one ``slug`` or ``code`` keyword."""
    ((name, value),) = kwargs.items()
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    route = _route(viewname, name, urlconf, get_script_prefix())
    return route.replace(PLACEHOLDERS[name], quote(str(value), safe=""), 1)
