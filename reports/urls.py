from django.conf import settings
from django.contrib import admin
from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/monthly/", views.MonthlyReportView.as_view(), name="monthly"),
    path(
        "reports/monthly/download/",
        views.MonthlyReportDownloadView.as_view(),
        name="monthly_download",
    ),
    # Before articles.urls, or "export" would be read as an article slug.
    path("articles/export/", views.ArticleExportView.as_view(), name="article_export"),
    # Before admin.site.urls, whose catch-all view would answer 404 first; under the
    # admin's own (configurable) path.
    path(
        f"{settings.ADMIN_URL}reports/export/",
        admin.site.admin_view(views.AdminExportView.as_view()),
        name="admin_export",
    ),
]
