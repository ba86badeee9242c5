"""Public pages of the archive. Reads live in ``selectors``; views only wire them to templates."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from agencies.models import Region

from ..models import Article, Event, Topic
from ..selectors import article_detail_queryset, latest_articles
from ..services import gone_response_if_retracted


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest"] = latest_articles(10)
        context["current_events"] = Event.objects.current().filter(parent__isnull=True)[:8]
        context["recent_events"] = Event.objects.filter(parent__isnull=True)[:8]
        context["provinces"] = Region.objects.provinces()
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


class EntityArticlesView(ListView):
    """A page about one entity (event, topic, region…) listing its public releases.

    Subclasses name the entity lookup in ``get_entity`` and the releases in
    ``get_entity_articles``.
    """

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_entity(self):
        raise NotImplementedError

    def get_entity_articles(self, entity):
        raise NotImplementedError

    def get_queryset(self):
        self.entity = self.get_entity()
        return self.get_entity_articles(self.entity).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(entity=self.entity, **kwargs)


class EventDetailView(EntityArticlesView):
    template_name = "articles/event_detail.html"

    def get_entity(self):
        return get_object_or_404(
            Event.objects.select_related("parent", "region", "organiser").prefetch_related(
                "key_dates", "children"
            ),
            slug=self.kwargs["slug"],
        )

    def get_entity_articles(self, entity):
        return Article.objects.published().about_event(entity)


class TopicDetailView(EntityArticlesView):
    template_name = "articles/topic_detail.html"

    def get_entity(self):
        return get_object_or_404(Topic, slug=self.kwargs["slug"])

    def get_entity_articles(self, entity):
        return Article.objects.published().filter(topics=entity)
