"""Template filters and tags shared by every public page."""

import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Inside <script>, "</script>" or "<!--" in the data would end or confuse the
# element; escaping these three characters in the JSON text prevents both.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


# Both written directly rather than through the ``date`` filter, whose format parser
# was ~a tenth of a list page's CPU (two dates on each of its twenty rows).
@register.filter
def long_date(value):
    """A date, or a datetime in the current time zone (Asia/Jakarta), written out with
    its weekday: "Jumat, 21 Juli 2023", "Friday, 21 July 2023" (``date:"l, j F Y"``)."""
    if not value:
        return ""
    value = _local(value)
    return f"{WEEKDAYS[value.weekday()]}, {value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter
def iso_datetime(value):
    """ISO 8601 in the current time zone, for ``<time datetime>`` (``date:"c"``)."""
    return _local(value).isoformat() if value else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` as an absolute URL on the host the page was requested from."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own URL without its query string (filters, paging)."""
    request = context["request"]
    return request.build_absolute_uri(request.path)


def json_ld_script(data: dict, *, nonce: str = "") -> str:
    """``data`` as a JSON-LD script element. It carries the request's CSP nonce: the
    Content-Security-Policy admits no inline script without one."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    nonce_attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        nonce_attribute,
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # safe: <, > and & escaped
    )


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article) -> str:
    """schema.org ``NewsArticle`` for a release, as a safely escaped JSON-LD script."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    publisher = {
        "@type": "GovernmentOrganization",
        "name": article.publisher.name,
        "url": request.build_absolute_uri(article.publisher.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        # The releases themselves are written in Indonesian, whatever the UI language.
        "inLanguage": "id",
        "publisher": publisher,
        "author": publisher,
        "contentLocation": {"@type": "Place", "name": article.region.name},
        "keywords": [topic.name for topic in article.topics.all()],
        "about": [{"@type": "Event", "name": event.name} for event in article.events.all()],
    }
    if article.status == "withdrawn":
        data["creativeWorkStatus"] = "Withdrawn"
    # django-csp sets request.csp_nonce, a lazy object that is falsy until read;
    # reading it puts the nonce in the response's header too.
    nonce = request.csp_nonce if hasattr(request, "csp_nonce") else ""
    return json_ld_script(data, nonce=str(nonce))


@register.filter
def local_date(value):
    """The calendar day of an aware datetime in Asia/Jakarta (for grouping by day)."""
    return timezone.localtime(value).date() if value else None
