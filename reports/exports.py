"""Writers for the downloads: release rows in chunks, CSV and JSON streams, the XLSX report.

Rows are read with a server-side cursor (``QuerySet.iterator``) and the
many-to-many columns (events, topics, officials) are fetched with one query each
per chunk of ids, so memory stays flat and the query count grows with the number
of chunks, never with the number of rows.

The column headers, sheet names and dates are Indonesian on purpose and do not
follow the interface language: the files are the office's monthly record and
scripts read them by column name, so they must not change with a visitor's
language choice.
"""

from __future__ import annotations

import csv
import datetime
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import xlsxwriter
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify

from articles.models import Article, ArticleEvent, ArticleOfficial, Status

from .selectors import MonthlyReport, Row, role_display

CHUNK_SIZE = 2000
LIST_SEPARATOR = "; "

# (key in JSON, header in CSV/XLSX): the stable column set of every export.
COLUMNS = [
    ("id", "ID"),
    ("url", "URL"),
    ("title", "Judul"),
    ("date", "Tanggal"),
    ("region_code", "Kode wilayah"),
    ("region_name", "Wilayah"),
    ("province", "Provinsi"),
    ("publisher", "Penerbit"),
    ("events", "Acara/kampanye"),
    ("topics", "Topik"),
    ("officials", "Pejabat"),
]
DATE_INDEX = 3  # the position of "date" in COLUMNS
STATUS_COLUMN = ("status", "Status")
STATUS_LABELS_ID = {
    Status.DRAFT: "Draf",
    Status.SUBMITTED: "Diajukan",
    Status.PUBLISHED: "Terbit",
    Status.WITHDRAWN: "Ditarik",
    Status.RETRACTED: "Dibatalkan",
}


@dataclass
class ExportRow:
    id: int
    url: str
    title: str
    date: datetime.date | None
    region_code: str
    region_name: str
    province: str
    publisher: str
    events: str
    topics: str
    officials: str
    status: str = ""


def indonesian_date(day: datetime.date | None) -> str:
    """``03/01/2023``: day, month, year, as Indonesian offices write dates."""
    return day.strftime("%d/%m/%Y") if day else ""


def indonesian_month(day: datetime.date) -> str:
    """``Januari 2023`` whatever the interface language."""
    with translation.override("id"):
        return date_format(day, "F Y")


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _grouped(pairs: Iterable[tuple[int, str]]) -> dict[int, str]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for article_id, text in pairs:
        grouped[article_id].append(text)
    return {article_id: LIST_SEPARATOR.join(texts) for article_id, texts in grouped.items()}


def _officials_text(name: str, title: str | None, acting: str | None) -> str:
    role = role_display(title, acting)
    return f"{name} ({role})" if role else name


def export_rows(
    queryset: QuerySet[Article], *, base_url: str = "", chunk_size: int = CHUNK_SIZE
) -> Iterator[ExportRow]:
    """Every release of ``queryset`` as an ``ExportRow``, in the queryset's order."""
    placeholder = "__slug__"
    url_template = base_url + reverse("articles:article_detail", kwargs={"slug": placeholder})
    local = timezone.get_default_timezone()
    values = queryset.values_list(
        "pk",
        "slug",
        "title",
        "published_at",
        "status",
        "region__code",
        "region__name",
        "province__name",
        "publisher__name",
    )
    for chunk in _chunks(values.iterator(chunk_size=chunk_size), chunk_size):
        ids = [row[0] for row in chunk]
        events = _grouped(
            ArticleEvent.objects.filter(article_id__in=ids)
            .order_by("article_id", "event__name")
            .values_list("article_id", "event__name")
        )
        topics = _grouped(
            Article.topics.through.objects.filter(article_id__in=ids)
            .order_by("article_id", "topic__name")
            .values_list("article_id", "topic__name")
        )
        officials = _grouped(
            (article_id, _officials_text(name, title, acting))
            for article_id, name, title, acting in ArticleOfficial.objects.filter(
                article_id__in=ids
            )
            .order_by("article_id", "order", "id")
            .values_list(
                "article_id", "official__name", "appointment__title", "appointment__acting"
            )
        )
        for pk, slug, title, published_at, status, code, region, province, publisher in chunk:
            yield ExportRow(
                id=pk,
                url=url_template.replace(placeholder, slug),
                title=title,
                date=published_at.astimezone(local).date() if published_at else None,
                region_code=code,
                region_name=region,
                province=province,
                publisher=publisher,
                events=events.get(pk, ""),
                topics=topics.get(pk, ""),
                officials=officials.get(pk, ""),
                status=STATUS_LABELS_ID.get(status, status),
            )


class _Line:
    """A write-only file for ``csv.writer`` that hands back what was written."""

    def write(self, value: str) -> str:
        return value


# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); such text gets a leading apostrophe, as OWASP advises.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# xlsxwriter would otherwise write "=…" text as a formula and turn every URL
# into a hyperlink (Excel allows 65 530 per sheet).
XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def _columns(with_status: bool) -> list[tuple[str, str]]:
    return [*COLUMNS, STATUS_COLUMN] if with_status else COLUMNS


def csv_lines(rows: Iterable[ExportRow], *, with_status: bool = False) -> Iterator[str]:
    """CSV text line by line, header first; a byte-order mark so Excel reads UTF-8."""
    columns = _columns(with_status)
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([header for _key, header in columns])
    keys = [key for key, _header in columns]
    for row in rows:
        values = [spreadsheet_safe(getattr(row, key)) for key in keys]
        values[DATE_INDEX] = indonesian_date(row.date)
        yield writer.writerow(values)


def json_chunks(rows: Iterable[ExportRow], *, with_status: bool = False) -> Iterator[str]:
    """A JSON array streamed element by element: ``[]`` when there is nothing."""
    keys = [key for key, _header in _columns(with_status)]
    yield "["
    for index, row in enumerate(rows):
        values = {key: getattr(row, key) for key in keys}
        values["date"] = row.date.isoformat() if row.date else None
        item = json.dumps(values, ensure_ascii=False)
        yield ("," if index else "") + "\n" + item
    yield "\n]\n"


def export_filename(*, parts: Iterable[str], extension: str) -> str:
    """``siaran-pers_jawa-barat_2023-01-01_2023-12-31.csv``: says what was exported."""
    words = [slugify(part)[:60] for part in parts if part]
    return "_".join(["siaran-pers", *[word for word in words if word]]) + f".{extension}"


# --- XLSX ------------------------------------------------------------------------

BREAKDOWN_SHEETS = {
    "province": ("Provinsi", "Provinsi", "Kode"),
    "regency": ("Kabupaten-Kota", "Kabupaten/kota", "Provinsi"),
    "agency": ("Penerbit", "Instansi penerbit", "Singkatan"),
    "event": ("Acara", "Acara/kampanye", ""),
    "topic": ("Topik", "Topik", ""),
    "official": ("Pejabat", "Pejabat", "Jabatan saat disebut"),
}
CHART_ROWS = 20  # a bar chart of more bars than this is unreadable; the sheet lists all


def _change_text(change: int, percent: float | None) -> str:
    text = f"{change:+d}"
    return f"{text} ({percent:+.1f}%)".replace(".", ",") if percent is not None else text


def write_monthly_xlsx(
    *, report: MonthlyReport, rows: Iterable[ExportRow], output, filters: dict[str, str]
) -> None:
    """The monthly report as an XLSX workbook written to ``output`` (path or binary file).

    ``constant_memory`` flushes each row to disk as it is written, so a month of
    tens of thousands of releases costs no more memory than a quiet one.
    """
    workbook = xlsxwriter.Workbook(output, XLSX_OPTIONS)
    bold = workbook.add_format({"bold": True})
    title_format = workbook.add_format({"bold": True, "font_size": 14})
    date_cell = workbook.add_format({"num_format": "dd/mm/yyyy"})
    month_label = indonesian_month(report.month.first_day)

    summary = workbook.add_worksheet("Ringkasan")
    summary.set_column(0, 0, 38)
    summary.set_column(1, 1, 22)
    total = report.total
    summary_rows: list[tuple[str, object]] = [
        ("Bulan", month_label),
        ("Jumlah siaran pers", total.count),
        (f"Bulan sebelumnya ({indonesian_month(report.month.previous().first_day)})", None),
        ("Jumlah", total.previous_month),
        (
            "Perubahan",
            _change_text(total.change_previous_month, total.change_previous_month_percent),
        ),
        (f"Tahun sebelumnya ({indonesian_month(report.month.year_before().first_day)})", None),
        ("Jumlah", total.year_before),
        ("Perubahan", _change_text(total.change_year_before, total.change_year_before_percent)),
    ]
    summary.write(0, 0, f"Laporan bulanan siaran pers: {month_label}", title_format)
    line = 2
    for label, value in summary_rows:
        summary.write(line, 0, label, bold if value is None else None)
        if value is not None:
            summary.write(line, 1, value)
        line += 1
    if filters:
        line += 1
        summary.write(line, 0, "Disaring menurut", bold)
        for name, value in filters.items():
            line += 1
            summary.write(line, 0, name)
            summary.write(line, 1, value)

    for key, breakdown in report.breakdowns:
        _write_breakdown(workbook, key, breakdown, bold)
    _write_days(workbook, report, bold, date_cell)

    _write_list(workbook, rows, bold, date_cell, with_status=False)
    workbook.close()


def write_list_xlsx(*, rows: Iterable[ExportRow], output, with_status: bool = False) -> None:
    """Just the list of releases (admin exports), in constant memory."""
    workbook = xlsxwriter.Workbook(output, XLSX_OPTIONS)
    bold = workbook.add_format({"bold": True})
    date_cell = workbook.add_format({"num_format": "dd/mm/yyyy"})
    _write_list(workbook, rows, bold, date_cell, with_status=with_status)
    workbook.close()


def _write_list(workbook, rows: Iterable[ExportRow], bold, date_cell, *, with_status) -> None:
    columns = _columns(with_status)
    sheet = workbook.add_worksheet("Daftar siaran pers")
    sheet.set_column(2, 2, 60)
    sheet.set_column(3, 3, 12)
    for column, (_key, header) in enumerate(columns):
        sheet.write(0, column, header, bold)
    # Typed writes (not ``sheet.write``, which inspects every value) and the
    # date as an Excel serial number: tens of thousands of rows are CPU-bound here.
    text_keys = [key for key, _header in columns[1:] if key != "date"]
    epoch = datetime.date(1899, 12, 30)
    for number, row in enumerate(rows, start=1):
        sheet.write_number(number, 0, row.id)
        for column, key in enumerate(text_keys, start=1):
            if column >= DATE_INDEX:
                column += 1
            value = getattr(row, key)
            if value:
                sheet.write_string(number, column, value)
        if row.date:
            sheet.write_number(number, DATE_INDEX, (row.date - epoch).days, date_cell)


def _write_breakdown(workbook, key: str, rows: list[Row], bold) -> None:
    sheet_name, label_header, detail_header = BREAKDOWN_SHEETS[key]
    sheet = workbook.add_worksheet(sheet_name)
    sheet.set_column(0, 0, 45)
    sheet.set_column(2, 2, 40)
    sheet.write(0, 0, label_header, bold)
    sheet.write(0, 1, "Jumlah siaran pers", bold)
    if detail_header:
        sheet.write(0, 2, detail_header, bold)
    for number, row in enumerate(rows, start=1):
        sheet.write(number, 0, row.label)
        sheet.write(number, 1, row.count)
        if detail_header:
            sheet.write(number, 2, row.detail)
    if not rows:
        return
    shown = min(len(rows), CHART_ROWS)
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Jumlah siaran pers",
            "categories": [sheet_name, 1, 0, shown, 0],
            "values": [sheet_name, 1, 1, shown, 1],
        }
    )
    chart.set_title({"name": f"Siaran pers per {label_header.lower()}"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # the largest count on top, as in the sheet
    chart.set_size({"width": 640, "height": 120 + 22 * shown})
    sheet.insert_chart(1, 4, chart)


def _write_days(workbook, report: MonthlyReport, bold, date_cell) -> None:
    sheet = workbook.add_worksheet("Per hari")
    sheet.set_column(0, 0, 14)
    sheet.write(0, 0, "Tanggal", bold)
    sheet.write(0, 1, "Jumlah siaran pers", bold)
    for number, (day, count) in enumerate(report.by_day, start=1):
        sheet.write_datetime(number, 0, day, date_cell)
        sheet.write(number, 1, count)
    chart = workbook.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Jumlah siaran pers",
            "categories": ["Per hari", 1, 0, len(report.by_day), 0],
            "values": ["Per hari", 1, 1, len(report.by_day), 1],
        }
    )
    chart.set_title({"name": "Siaran pers per hari"})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": 320})
    sheet.insert_chart(1, 3, chart)
