"""Monthly report pages and downloads, and the streamed export of any search.

Views only parse the request and hand over: figures come from ``selectors``,
files from ``exports``.
"""

from __future__ import annotations

import tempfile
from html import escape

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.scope import articles_in_scope
from articles.filters import ArticleFilter, error_messages
from articles.models import Article

from . import charts, exports
from .selectors import (
    REPORT_FILTERS,
    Month,
    ReportFilterError,
    cached_monthly_report,
    cached_report_filter_choices,
    month_articles,
    monthly_report_for,
    report_base_queryset,
    report_filterset,
)

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_LIST_PER_PAGE = 100
CHART_BARS = 15
# A page table lists the largest counts; the XLSX lists every line.
TABLE_ROWS = 40


def bad_request(request, errors: dict[str, list[str]]) -> HttpResponseBadRequest:
    """400 naming each wrong parameter, as HTML a person can read."""
    html = render_to_string("reports/bad_request.html", {"errors": errors}, request=request)
    return HttpResponseBadRequest(html)


def attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def site_root(request) -> str:
    """``https://host`` so exported URLs work outside the site."""
    return request.build_absolute_uri("/").rstrip("/")


class StaffRequiredMixin:
    """Anonymous visitors go to the admin login; signed-in non-staff get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MonthlyReportMixin(StaffRequiredMixin):
    """Reads ``month`` and the report filters; answers 400 when either is wrong."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff:
            raw_month = request.GET.get("month")
            try:
                self.month = Month.parse(raw_month) if raw_month else Month.current()
            except ValueError:
                return bad_request(
                    request, {"month": [_("Give the month as YYYY-MM, e.g. 2023-07.")]}
                )
            self.filterset = report_filterset(request.GET)
            try:
                self.base_queryset = report_base_queryset(
                    user=request.user, filterset=self.filterset
                )
            except ReportFilterError as error:
                return bad_request(request, error.errors)
        return super().dispatch(request, *args, **kwargs)

    def report_filename(self, extension: str) -> str:
        filters = self.filterset.active_filters
        parts = [
            _filter_part(filters[key])
            for key in ("region", "agency", "event", "topic")
            if key in filters
        ]
        name = exports.export_filename(parts=[str(self.month), *parts], extension=extension)
        return "laporan-" + name

    def report_filters_for_file(self) -> dict[str, str]:
        labels = {"region": "Wilayah", "agency": "Instansi", "event": "Acara", "topic": "Topik"}
        return {
            labels[key]: str(value)
            for key, value in self.filterset.active_filters.items()
            if key in labels
        }


def _filter_part(value) -> str:
    """What a filter value contributes to a file name: a slug or the region's name."""
    if hasattr(value, "code") and hasattr(value, "name"):
        return value.name
    return getattr(value, "slug", None) or str(value)


class MonthlyReportView(MonthlyReportMixin, TemplateView):
    template_name = "reports/monthly.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = cached_monthly_report(
            user=self.request.user,
            filterset=self.filterset,
            queryset=self.base_queryset,
            month=self.month,
        )
        paginator = Paginator(month_articles(self.base_queryset, self.month), REPORT_LIST_PER_PAGE)
        # The list is the month's releases, which the report has just counted.
        paginator.count = report.total.count
        context.update(
            report=report,
            month=self.month,
            filterset=self.filterset,
            filter_options=filter_options(self.filterset),
            sections=report_sections(report),
            day_chart=charts.day_chart(
                report.by_day,
                chart_id="chart-days",
                title=_("Releases per day"),
                description=_("One column per day of the month; the table below gives the counts."),
            ),
            page_obj=paginator.get_page(self.request.GET.get("page")),
            previous_month=self.month.previous(),
            next_month=self.month.next(),
            download_query=self._query_without("page", "format"),
        )
        return context

    def _query_without(self, *names: str) -> str:
        query = self.request.GET.copy()
        for name in names:
            query.pop(name, None)
        query["month"] = str(self.month)
        return query.urlencode()


def filter_options(filterset) -> dict[str, SafeString]:
    """``<option>`` lists for the filter form, the current choice selected.

    Two thousand options on a large archive: built with one ``escape`` per
    text and a single ``mark_safe`` per list (form widgets, or ``format_html``
    per option, took most of the page's time).
    """
    chosen = {key: filterset.data.get(key, "") for key in REPORT_FILTERS}
    options = {}
    for key, rows in cached_report_filter_choices().items():
        options[key] = mark_safe(
            "".join(
                f'<option value="{escape(value)}"'
                f"{' selected' if value == chosen[key] else ''}>{escape(label)}</option>"
                for value, label in rows
            )
        )
    return options


def report_sections(report) -> list[dict]:
    """The breakdowns as the page shows them: heading, chart and the table rows."""
    headings = {
        "province": (_("By province"), _("Province")),
        "regency": (_("By regency or city"), _("Regency or city")),
        "agency": (_("By publishing agency"), _("Publishing agency")),
        "event": (_("By event or campaign"), _("Event or campaign")),
        "topic": (_("By topic"), _("Topic")),
        "official": (_("Officials most often named"), _("Official")),
    }
    sections = []
    for key, rows in report.breakdowns:
        heading, label = headings[key]
        top = rows[:CHART_BARS]
        chart_rows = [
            (
                f"{row.label} ({row.detail})" if key == "official" and row.detail else row.label,
                row.count,
            )
            for row in top
        ]
        description = _("Bar chart of the %(count)s largest counts; the table lists them all.") % {
            "count": len(top)
        }
        sections.append(
            {
                "key": key,
                "heading": heading,
                "label": label,
                "rows": rows[:TABLE_ROWS],
                "more": max(len(rows) - TABLE_ROWS, 0),
                "chart": charts.bar_chart(
                    chart_rows, chart_id=f"chart-{key}", title=heading, description=description
                ),
            }
        )
    return sections


class MonthlyReportDownloadView(MonthlyReportMixin, View):
    """``?month=YYYY-MM&format=csv|xlsx`` plus the report filters."""

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "xlsx")
        articles = month_articles(self.base_queryset, self.month)
        if file_format == "csv":
            rows = exports.export_rows(articles, base_url=site_root(request))
            response = StreamingHttpResponse(exports.csv_lines(rows), content_type=CSV_TYPE)
            return attachment(response, self.report_filename("csv"))
        if file_format == "xlsx":
            report = monthly_report_for(
                user=request.user,
                filterset=self.filterset,
                queryset=self.base_queryset,
                month=self.month,
            )
            rows = exports.export_rows(articles, base_url=site_root(request))
            output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
            exports.write_monthly_xlsx(
                report=report, rows=rows, output=output, filters=self.report_filters_for_file()
            )
            output.seek(0)
            return FileResponse(
                output,
                as_attachment=True,
                filename=self.report_filename("xlsx"),
                content_type=XLSX_TYPE,
            )
        return bad_request(request, {"format": [_("Choose csv or xlsx.")]})


class ArticleExportView(View):
    """``/articles/export/?format=csv|json&<the public list's filters>``.

    Public like the list it exports: only ``published()`` releases. Streamed
    row by row, so there is no row cap and memory does not grow with the result.
    """

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "json"):
            return bad_request(request, {"format": [_("Choose csv or json.")]})
        filterset = ArticleFilter(request.GET, queryset=Article.objects.published())
        if not filterset.is_valid():
            return bad_request(request, error_messages(filterset))
        rows = exports.export_rows(filterset.qs, base_url=site_root(request))
        if file_format == "csv":
            response = StreamingHttpResponse(exports.csv_lines(rows), content_type=CSV_TYPE)
        else:
            response = StreamingHttpResponse(exports.json_chunks(rows), content_type=JSON_TYPE)
        return attachment(response, export_filename_for(filterset, file_format))


def export_filename_for(filterset: ArticleFilter, extension: str) -> str:
    filters = filterset.active_filters
    keys = ("region", "agency", "official", "event", "topic", "q", "date_from", "date_to")
    parts = [_filter_part(filters[key]) for key in keys if key in filters]
    if not parts:
        parts = ["semua"]
    return exports.export_filename(parts=parts, extension=extension)


class AdminExportView(View):
    """The whole filtered admin changelist of releases, within the editor's scope.

    ``/admin/reports/export/?format=csv|xlsx&<changelist query string>``.
    """

    def get(self, request, *args, **kwargs):
        try:
            model_admin = admin.site.get_model_admin(Article)
        except admin.sites.NotRegistered:
            raise PermissionDenied from None
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            return bad_request(request, {"format": [_("Choose csv or xlsx.")]})
        changelist_query = request.GET.copy()
        changelist_query.pop("format", None)
        request.GET = changelist_query
        try:
            changelist = model_admin.get_changelist_instance(request)
            queryset = changelist.get_queryset(request)
        except IncorrectLookupParameters:
            return bad_request(request, {"filters": [_("These changelist filters are invalid.")]})
        return export_admin_queryset(request, queryset, file_format)


def export_admin_queryset(request, queryset, file_format: str):
    """The releases of an admin selection or changelist as CSV or XLSX, scoped."""
    scoped = articles_in_scope(request.user, queryset).order_by("-published_at", "-id")
    rows = exports.export_rows(scoped, base_url=site_root(request))
    filename = exports.export_filename(parts=["admin"], extension=file_format)
    if file_format == "csv":
        content = exports.csv_lines(rows, with_status=True)
        return attachment(StreamingHttpResponse(content, content_type=CSV_TYPE), filename)
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    exports.write_list_xlsx(rows=rows, output=output, with_status=True)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
