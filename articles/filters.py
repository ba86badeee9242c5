"""The one filter definition for lists of releases.

HTML pages, feeds, exports and the API all build their queryset with
``ArticleFilter``; an invalid parameter makes ``is_valid()`` false and the
form's errors name it, so every caller can answer 400 the same way.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Official, Region

from .models import Article, Event, Topic
from .search import full_text_available, has_phrase, rank_candidates, search_articles

MAX_QUERY_LENGTH = 200


class Sort:
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"
    CHOICES = [
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
        (RELEVANCE, _("Most relevant")),
    ]


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight in Asia/Jakarta, so date bounds use the published_at index."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        if cleaned.get("sort") == Sort.RELEVANCE and not cleaned.get("q"):
            self.add_error("sort", _("Sorting by relevance needs search words (q)."))
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_q", max_length=MAX_QUERY_LENGTH, strip=True
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        error_messages={"invalid_choice": _("Unknown region code.")},
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        to_field_name="slug",
        method="filter_agency",
        error_messages={"invalid_choice": _("Unknown agency.")},
    )
    official = django_filters.ModelChoiceFilter(
        label=_("Official"),
        queryset=Official.objects.all(),
        to_field_name="slug",
        method="filter_official",
        error_messages={"invalid_choice": _("Unknown official.")},
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event or campaign"),
        queryset=Event.objects.all(),
        to_field_name="slug",
        method="filter_event",
        error_messages={"invalid_choice": _("Unknown event or campaign.")},
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        error_messages={"invalid_choice": _("Unknown topic.")},
    )
    date_from = django_filters.DateFilter(
        label=_("From (YYYY-MM-DD)"),
        method="filter_date_from",
        input_formats=["%Y-%m-%d"],
    )
    date_to = django_filters.DateFilter(
        label=_("Until (YYYY-MM-DD)"),
        method="filter_date_to",
        input_formats=["%Y-%m-%d"],
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=Sort.CHOICES,
        method="filter_sort",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Applied in ``filter_queryset`` after the other filters, which keeps the
        # list without the words (``unsearched``) for the phrase fast path.
        return queryset

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_agency(self, queryset, name, value):
        return queryset.by_agency(value)

    def filter_official(self, queryset, name, value):
        return queryset.filter(official_links__official=value)

    def filter_event(self, queryset, name, value):
        return queryset.about_event(value)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics=value)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=start_of_day(value))

    def filter_date_to(self, queryset, name, value):
        # Inclusive: everything before midnight at the end of that day.
        if value >= datetime.date.max:  # 9999-12-31 has no next day: no upper bound at all
            return queryset
        return queryset.filter(published_at__lt=start_of_day(value + datetime.timedelta(days=1)))

    def filter_sort(self, queryset, name, value):
        # Ordering is applied in ``filter_queryset`` once every filter has run.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        # Every other filter, without the words (articles.listing walks it for phrases).
        self.unsearched = queryset
        if self.form.cleaned_data.get("q"):
            queryset = search_articles(queryset, self.form.cleaned_data["q"])
        # Every match, newest first, before any ranking: what counts and facets
        # are computed over (ranking bounds the rows, not the result set).
        self.matches = queryset.order_by("-published_at", "-id")
        sort = self.form.cleaned_data.get("sort") or Sort.NEWEST
        if sort == Sort.OLDEST:
            return queryset.order_by("published_at", "id")
        if sort == Sort.RELEVANCE:
            # The form makes sure q is given; ranking is bounded (see search.py).
            return rank_candidates(queryset, self.form.cleaned_data["q"])
        return queryset.order_by("-published_at", "-id")

    @property
    def active_filters(self) -> dict[str, object]:
        """The valid, non-empty parameters (for chips, feed titles, file names)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            key: value
            for key, value in self.form.cleaned_data.items()
            if value not in (None, "") and key != "sort"
        }

    @property
    def phrase(self) -> str:
        """The words, when they quote a phrase PostgreSQL would check on every match
        (see search.py): lists and feeds then take their rows from ``listing.phrase_rows``."""
        query = (self.form.cleaned_data.get("q") or "") if self.is_valid() else ""
        return query if has_phrase(query) and full_text_available() else ""


def error_messages(filterset: ArticleFilter) -> dict[str, list[str]]:
    """``{parameter: [message, …]}`` for an invalid filterset."""
    return {field: [str(e) for e in errors] for field, errors in filterset.errors.items()}
