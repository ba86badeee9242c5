from django.contrib import admin

from accounts.history_admin import HistoryDiffAdmin
from accounts.scope import agencies_in_scope

from .models import Agency, AgencyAlias, Appointment, Official, Region


class HistoryAdmin(HistoryDiffAdmin):
    """Reference data keeps its full history, with a readable diff per version."""

    object_history_list_template = "admin/history_list_with_diff.html"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(AgencyAlias)
class AgencyAliasAdmin(admin.ModelAdmin):
    """Editors (Redaktur, Kontributor) extend the names the importer recognises an
    agency by, without the right to change the agency itself."""

    list_display = ["alias", "agency"]
    search_fields = ["alias", "agency__name", "agency__short_name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent", "region"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "slug", "aliases__alias"]
    autocomplete_fields = ["parent", "region"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent", "region"]
    inlines = [AgencyAliasInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The publisher of a release is chosen among the editor's own agencies.
        if (
            request.path.endswith("/autocomplete/")
            and request.GET.get("app_label") == "articles"
            and request.GET.get("model_name") == "article"
            and request.GET.get("field_name") == "publisher"
        ):
            queryset = agencies_in_scope(request.user, queryset)
        return queryset, may_have_duplicates


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 1
    autocomplete_fields = ["agency"]
    fields = ["agency", "title", "acting", "start_date", "end_date", "notes"]


@admin.register(Official)
class OfficialAdmin(HistoryAdmin):
    list_display = ["name", "honorific_prefix", "honorific_suffix"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(HistoryAdmin):
    list_display = ["official", "title", "acting", "agency", "start_date", "end_date"]
    list_filter = ["acting", "agency__level"]
    search_fields = ["official__name", "title", "agency__name", "agency__short_name"]
    autocomplete_fields = ["official", "agency"]
    list_select_related = ["official", "agency"]
    date_hierarchy = "start_date"

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The role of an official named in a release: only that official's roles
        # (the release form's script sends the official chosen in the same row).
        official = request.GET.get("official", "")
        if (
            request.path.endswith("/autocomplete/")
            and request.GET.get("field_name") == "appointment"
            and official.isdigit()
        ):
            queryset = queryset.filter(official_id=int(official))
        return queryset.select_related("official", "agency"), may_have_duplicates
