"""Public pages of the archive. Reads live in ``selectors``; views only wire them to templates."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from ..models import Article, Topic
from ..selectors import (
    article_detail_queryset,
    current_events,
    event_detail,
    latest_articles,
    provinces_with_counts,
    related_articles,
)
from ..services import gone_response_if_retracted


class BadParameter(Exception):
    """A query parameter the page cannot honour; answered with 400 naming it."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def bad_parameter_response(request, errors: dict[str, list[str]]):
    return render(request, "articles/bad_parameter.html", {"errors": errors}, status=400)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest"] = latest_articles(10)
        context["events"] = current_events(8)
        context["provinces"] = provinces_with_counts()
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_detail_queryset()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Unpublished in error: 410 Gone rather than 404.
            gone = gone_response_if_retracted(request, slug=kwargs["slug"])
            if gone is None:
                raise
            return gone

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related"] = related_articles(self.object)
        return context


class EntityArticlesView(ListView):
    """A page about one entity (event, topic, region…) listing its public releases.

    Subclasses name the entity lookup in ``get_entity`` and the releases in
    ``get_entity_articles``. ``page`` is validated: anything but a page that
    exists answers 400 naming the parameter. Paged lists are not indexed.
    """

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_entity(self):
        raise NotImplementedError

    def get_entity_articles(self, entity):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except BadParameter as error:
            return bad_parameter_response(request, error.errors)

    def get_queryset(self):
        self.entity = self.get_entity()
        return self.get_entity_articles(self.entity).for_listing()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        number = self.request.GET.get(self.page_kwarg) or 1
        try:
            page = paginator.page(number)
        except PageNotAnInteger:
            raise BadParameter({"page": [_("The page must be a whole number.")]}) from None
        except EmptyPage:
            raise BadParameter(
                {
                    "page": [
                        _("There is no page %(number)s; the last page is %(last)s.")
                        % {"number": number, "last": paginator.num_pages}
                    ]
                }
            ) from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(entity=self.entity, **kwargs)
        context["noindex"] = context["page_obj"].number > 1
        return context


class EventDetailView(EntityArticlesView):
    """An event or campaign, its key dates and its releases as a timeline (oldest first)."""

    template_name = "articles/event_detail.html"

    def get_entity(self):
        return get_object_or_404(event_detail(), slug=self.kwargs["slug"])

    def get_entity_articles(self, entity):
        return Article.objects.published().about_event(entity).order_by("published_at", "id")


class TopicDetailView(EntityArticlesView):
    template_name = "articles/topic_detail.html"

    def get_entity(self):
        return get_object_or_404(Topic, slug=self.kwargs["slug"])

    def get_entity_articles(self, entity):
        return Article.objects.published().filter(topics=entity)
