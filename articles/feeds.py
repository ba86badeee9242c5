"""Atom feeds of releases.

``/articles/feed/?<parameters>`` takes the list's parameters and builds its
queryset with ``ArticleFilter``, the one filter definition; an invalid
parameter answers 400 naming it. Each entity page has its own feed
(``/regions/32/feed/``…), which is the same feed with one parameter fixed.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from agencies.models import Agency, Official, Region

from .filters import ArticleFilter, Sort, error_messages
from .listing import phrase_rows
from .models import Article, Event, Topic
from .search import PhraseTooCostly
from .views.pages import BadParameter, bad_parameter_response

FEED_ITEMS = 30

# The order in which active filters are named in a feed's title.
TITLE_ORDER = ("region", "agency", "official", "event", "topic", "q", "date_from", "date_to")


def describe_filters(filterset: ArticleFilter) -> list[str]:
    """Human names of the active filters, e.g. ["Jawa Barat", "Pemilu Serentak 2024"]."""
    active = filterset.active_filters
    names = []
    for key in TITLE_ORDER:
        value = active.get(key)
        if value in (None, ""):
            continue
        if key == "q":
            names.append(f"“{value}”")
        elif key == "date_from":
            names.append(_("from %(date)s") % {"date": value.isoformat()})
        elif key == "date_to":
            names.append(_("until %(date)s") % {"date": value.isoformat()})
        else:
            names.append(getattr(value, "name", str(value)))
    return names


class ArticleListFeed(Feed):
    """The newest public releases matching the list's parameters."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadParameter as error:
            return bad_parameter_response(request, error.errors)

    def get_object(self, request, *args, **kwargs) -> ArticleFilter:
        return self.valid_filterset(request, request.GET)

    def valid_filterset(self, request, data) -> ArticleFilter:
        filterset = ArticleFilter(
            data, queryset=Article.objects.published().for_listing(), request=request
        )
        if not filterset.is_valid():
            raise BadParameter(error_messages(filterset))
        return filterset

    def title(self, filterset: ArticleFilter) -> str:
        names = describe_filters(filterset)
        if not names:
            return _("Press releases")
        return _("Press releases: %(filters)s") % {"filters": ", ".join(names)}

    def subtitle(self, filterset: ArticleFilter) -> str:
        return _("The newest press releases in the Newsroom archive.")

    def link(self, filterset: ArticleFilter) -> str:
        # The HTML list the feed mirrors: /articles/ with the same parameters.
        path = reverse("articles:feed").removesuffix("feed/")
        query = filterset.request.GET.urlencode()
        return f"{path}?{query}" if query else path

    def feed_url(self, filterset: ArticleFilter) -> str:
        return filterset.request.get_full_path()

    def items(self, filterset: ArticleFilter):
        filterset.qs  # runs the filters (and sets unsearched)  # noqa: B018
        if filterset.phrase:
            sort = filterset.form.cleaned_data.get("sort") or Sort.NEWEST
            try:
                return phrase_rows(
                    filterset.unsearched, filterset.phrase, sort, offset=0, count=FEED_ITEMS
                )
            except PhraseTooCostly:
                raise BadParameter({"q": [str(PhraseTooCostly.message)]}) from None
        return filterset.qs[:FEED_ITEMS]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return article.lead

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str:
        return article.publisher.name


class EntityFeed(ArticleListFeed):
    """The feed of one entity page: the list feed with ``parameter`` fixed to the entity."""

    model: type
    lookup = "slug"
    parameter: str

    def get_object(self, request, *args, **kwargs) -> ArticleFilter:
        # An unknown entity is a missing page (404), not a bad parameter.
        entity = get_object_or_404(self.model, **{self.lookup: kwargs[self.lookup]})
        filterset = self.valid_filterset(request, {self.parameter: kwargs[self.lookup]})
        filterset.entity = entity
        return filterset

    def link(self, filterset: ArticleFilter) -> str:
        return filterset.entity.get_absolute_url()


class RegionFeed(EntityFeed):
    model = Region
    lookup = "code"
    parameter = "region"


class AgencyFeed(EntityFeed):
    model = Agency
    parameter = "agency"


class OfficialFeed(EntityFeed):
    model = Official
    parameter = "official"


class EventFeed(EntityFeed):
    model = Event
    parameter = "event"


class TopicFeed(EntityFeed):
    model = Topic
    parameter = "topic"
