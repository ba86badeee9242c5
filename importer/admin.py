from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.scope import (
    NotFoundOutsideScopeMixin,
    articles_in_scope,
    is_archive_administrator,
)

from .forms import ImportForm
from .gazetteer import Gazetteer
from .models import ImportedSource
from .services import release_import


@admin.register(ImportedSource)
class ImportedSourceAdmin(NotFoundOutsideScopeMixin, admin.ModelAdmin):
    list_display = ["filename", "draft_link", "confidence", "created_at", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["filename", "article__title", "content_hash"]
    readonly_fields = [
        "filename",
        "content_hash",
        "draft_link",
        "confidence",
        "created_at",
        "created_by",
        "review",
    ]
    exclude = ["article", "report"]
    change_list_template = "admin/importer/importedsource/change_list.html"

    def get_queryset(self, request):
        # An editor sees the imports that made drafts in their scope, and their own.
        queryset = super().get_queryset(request)
        if is_archive_administrator(request.user):
            return queryset
        return queryset.filter(
            Q(article__in=articles_in_scope(request.user).values("pk")) | Q(created_by=request.user)
        )

    def has_change_permission(self, request, obj=None):
        # The record is read-only; the editor works on the draft it made.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:importer_importedsource_upload"))

    @admin.display(description=_("draft"))
    def draft_link(self, obj):
        if obj.article_id is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description=_("what was recognised"))
    def review(self, obj):
        return render_to_string("importer/_report.html", {"report": obj.report})

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="importer_importedsource_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        results = []
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, user=request.user)
        else:
            form = ImportForm(user=request.user)
        if form.is_bound and form.is_valid():
            gazetteer = Gazetteer()
            for filename, text in form.releases():
                results.append(
                    release_import(
                        text=text,
                        filename=str(filename),
                        publisher=form.cleaned_data["publisher"],
                        by=request.user,
                        context_year=form.cleaned_data["context_year"],
                        gazetteer=gazetteer,
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import press releases"),
            "form": form,
            "results": results,
        }
        return TemplateResponse(request, "admin/importer/upload.html", context)
