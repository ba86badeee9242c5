"""Discoverability: the sitemap (an index of paginated sections), robots.txt and the favicon.

``/sitemap.xml`` is a sitemap index; each section (``/sitemap-articles.xml?p=2``…)
holds at most ``limit`` URLs, so millions of releases fit in a few hundred
files. Releases come from ``published()`` only.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from agencies.models import Agency, Official, Region
from articles.models import Article, Event, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10_000

    def items(self):
        # Ordered by primary key so each page is a stable, indexed range.
        return Article.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, article: Article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default walks every item for the index's <lastmod>; one MAX is enough.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class EntitySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    model: type
    fields = ("slug",)

    def items(self):
        return self.model._default_manager.order_by("pk").only(*self.fields)


class RegionSitemap(EntitySitemap):
    model = Region
    fields = ("code",)


class AgencySitemap(EntitySitemap):
    model = Agency


class OfficialSitemap(EntitySitemap):
    model = Official


class EventSitemap(EntitySitemap):
    model = Event


class TopicSitemap(EntitySitemap):
    model = Topic


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "agencies": AgencySitemap,
    "officials": OfficialSitemap,
    "events": EventSitemap,
    "topics": TopicSitemap,
}

# Filtered and searched lists are many views of the same releases: crawlers
# should follow entity pages and the sitemap instead.
ROBOTS_DISALLOW = ("/admin/", "/i18n/", "/articles/?", "/*?q=", "/*&q=")


@require_GET
def robots_txt(request) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request) -> HttpResponse:
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page links:
    a permanent redirect to the icon among the static files (hashed name in production)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
