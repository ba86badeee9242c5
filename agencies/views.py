from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.views.pages import EntityArticlesView

from .models import Agency, Appointment, Official, Region


class RegionDetailView(EntityArticlesView):
    template_name = "agencies/region_detail.html"

    def get_entity(self):
        return get_object_or_404(Region.objects.select_related("parent"), code=self.kwargs["code"])

    def get_entity_articles(self, entity):
        return Article.objects.published().in_region(entity)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.entity.is_province:
            counts = dict(
                Article.objects.published()
                .filter(province=self.entity)
                .values_list("region")
                .annotate(n=Count("id"))
                .values_list("region", "n")
            )
            children = list(self.entity.children.all())
            for child in children:
                child.article_count = counts.get(child.pk, 0)
            context["children"] = children
        return context


class AgencyDetailView(EntityArticlesView):
    template_name = "agencies/agency_detail.html"

    def get_entity(self):
        return get_object_or_404(
            Agency.objects.select_related("parent", "region").prefetch_related("children"),
            slug=self.kwargs["slug"],
        )

    def get_entity_articles(self, entity):
        return Article.objects.published().by_agency(entity)


class OfficialDetailView(EntityArticlesView):
    template_name = "agencies/official_detail.html"

    def get_entity(self):
        return get_object_or_404(
            Official.objects.prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=Appointment.objects.select_related("agency").order_by("-start_date"),
                )
            ),
            slug=self.kwargs["slug"],
        )

    def get_entity_articles(self, entity):
        return Article.objects.published().filter(official_links__official=entity)
