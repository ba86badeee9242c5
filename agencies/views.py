from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.selectors import (
    agency_detail,
    articles_naming_agency,
    articles_naming_official,
    current_office_holders,
    official_detail,
    region_children_with_counts,
)
from articles.views.pages import EntityArticlesView

from .models import Region


class RegionDetailView(EntityArticlesView):
    """A province (with its regencies and cities and their counts) or a regency or city."""

    template_name = "agencies/region_detail.html"

    def get_entity(self):
        return get_object_or_404(Region.objects.select_related("parent"), code=self.kwargs["code"])

    def get_entity_articles(self, entity):
        return Article.objects.published().in_region(entity)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.entity.is_province:
            context["children"] = region_children_with_counts(self.entity)
        return context


class AgencyDetailView(EntityArticlesView):
    """An agency, its place in the hierarchy, who leads it today, and its releases
    (including those of its units)."""

    template_name = "agencies/agency_detail.html"

    def get_entity(self):
        return get_object_or_404(agency_detail(), slug=self.kwargs["slug"])

    def get_entity_articles(self, entity):
        return Article.objects.published().by_agency(entity)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["office_holders"] = current_office_holders(self.entity)
        if context["page_obj"].number == 1:
            context["named_in"] = articles_naming_agency(self.entity)
        return context


class OfficialDetailView(EntityArticlesView):
    """An official: the timeline of appointments (acting ones marked) and the releases
    naming them, each with the role held that day."""

    template_name = "agencies/official_detail.html"

    def get_entity(self):
        return get_object_or_404(official_detail(), slug=self.kwargs["slug"])

    def get_entity_articles(self, entity):
        return articles_naming_official(entity)
