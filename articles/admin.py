from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.admin_actions import export_selected_csv, export_selected_xlsx

from .models import (
    Article,
    ArticleEvent,
    ArticleOfficial,
    Event,
    EventAlias,
    EventKeyDate,
    Quote,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class EventKeyDateInline(admin.TabularInline):
    model = EventKeyDate
    extra = 1


class EventAliasInline(admin.TabularInline):
    model = EventAlias
    extra = 1


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__alias"]
    autocomplete_fields = ["parent", "region", "organiser"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]
    date_hierarchy = "start_date"
    inlines = [EventKeyDateInline, EventAliasInline]


class ArticleOfficialInline(admin.TabularInline):
    model = ArticleOfficial
    extra = 1
    autocomplete_fields = ["official", "appointment"]


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 1
    autocomplete_fields = ["event"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "published_at", "region", "publisher"]
    list_filter = ["status", "province", "publisher__kind", "published_at"]
    search_fields = ["title", "slug", "lead"]
    autocomplete_fields = ["region", "publisher", "agencies", "topics", "created_by"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["region", "publisher"]
    date_hierarchy = "published_at"
    inlines = [ArticleEventInline, ArticleOfficialInline, QuoteInline]
    readonly_fields = ["version", "created_at", "updated_at"]
    actions = [export_selected_csv, export_selected_xlsx]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "article", "date"]
    search_fields = ["text", "speaker__name", "speaker_name", "article__title"]
    autocomplete_fields = ["article", "speaker"]
    list_select_related = ["speaker", "article"]
