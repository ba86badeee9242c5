"""Admin actions that export the selected releases, within the editor's scope.

Appended to ``ArticleAdmin.actions``; the whole filtered changelist exports
through ``reports.views.AdminExportView`` (``/admin/reports/export/``).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .views import export_admin_queryset


@admin.action(description=_("Export selected press releases to CSV"))
def export_selected_csv(modeladmin, request, queryset):
    return export_admin_queryset(request, queryset, "csv")


@admin.action(description=_("Export selected press releases to XLSX"))
def export_selected_xlsx(modeladmin, request, queryset):
    return export_admin_queryset(request, queryset, "xlsx")
