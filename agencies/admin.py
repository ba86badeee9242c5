from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, AgencyAlias, Appointment, Official, Region


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


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent", "region"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "slug", "aliases__alias"]
    autocomplete_fields = ["parent", "region"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent", "region"]
    inlines = [AgencyAliasInline]


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 1
    autocomplete_fields = ["agency"]
    fields = ["agency", "title", "acting", "start_date", "end_date", "notes"]


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "honorific_prefix", "honorific_suffix"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["official", "title", "acting", "agency", "start_date", "end_date"]
    list_filter = ["acting", "agency__level"]
    search_fields = ["official__name", "title", "agency__name", "agency__short_name"]
    autocomplete_fields = ["official", "agency"]
    list_select_related = ["official", "agency"]
    date_hierarchy = "start_date"
