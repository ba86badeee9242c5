"""The monthly report as XLSX and CSV, from the web and from the command line."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

URL = "/reports/monthly/download/"
SHEETS = [
    "Ringkasan",
    "Provinsi",
    "Kabupaten-Kota",
    "Penerbit",
    "Acara",
    "Topik",
    "Pejabat",
    "Per hari",
    "Daftar siaran pers",
]


def read_xlsx(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        drawings = {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/charts/chart")
        }
    return workbook, charts, drawings


def summary_values(workbook) -> dict:
    sheet = workbook["Ringkasan"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}


def test_xlsx_report_reads_back(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="laporan-siaran-pers_2019-03.xlsx"' in response["Content-Disposition"]
    workbook, charts, drawings = read_xlsx(b"".join(response.streaming_content))
    assert workbook.sheetnames == SHEETS
    summary = summary_values(workbook)
    assert summary["Bulan"] == "Maret 2019"
    assert summary["Jumlah siaran pers"] == 4
    assert summary["Perubahan"] == "+3 (+300,0%)"  # the last "Perubahan" row: a year before
    rows = list(workbook["Ringkasan"].iter_rows(min_row=3, values_only=True))
    assert ("Jumlah", 2) in [r[:2] for r in rows]  # the previous month
    assert ("Perubahan", "+2 (+100,0%)") in [r[:2] for r in rows]
    provinces = list(workbook["Provinsi"].iter_rows(values_only=True))
    assert provinces[0][:3] == ("Provinsi", "Jumlah siaran pers", "Kode")
    assert [r[:3] for r in provinces[1:]] == [("Jawa Barat", 3, "32"), ("Riau", 1, "14")]
    officials = list(workbook["Pejabat"].iter_rows(min_row=2, values_only=True))
    assert ("Walikota Uji", 2, "Plt. Wali Kota Bandung") in [r[:3] for r in officials]
    days = list(workbook["Per hari"].iter_rows(min_row=2, values_only=True))
    assert len(days) == 31
    assert days[4][0].date() == datetime.date(2019, 3, 5)
    assert days[4][1] == 2
    listed = list(workbook["Daftar siaran pers"].iter_rows(values_only=True))
    assert listed[0][:4] == ("ID", "URL", "Judul", "Tanggal")
    assert [r[2] for r in listed[1:]] == [a.title for a in world.march]
    assert listed[1][3].date() == datetime.date(2019, 3, 1)
    # One native bar chart per non-empty breakdown, a column chart for the days.
    assert len(charts) == 7
    kinds = sorted('barDir val="col"' in xml for xml in drawings.values())
    assert kinds == [False] * 6 + [True]


def test_xlsx_of_an_empty_month_has_every_sheet(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-08", "format": "xlsx"})
    workbook, charts, _drawings = read_xlsx(b"".join(response.streaming_content))
    assert workbook.sheetnames == SHEETS
    assert summary_values(workbook)["Jumlah siaran pers"] == 0
    assert list(workbook["Daftar siaran pers"].iter_rows(min_row=2, values_only=True)) == []
    assert len(charts) == 1  # only the days; an empty breakdown gets no chart


def test_csv_report_lists_the_months_releases(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03", "format": "csv", "region": "32"})
    assert response.status_code == 200
    assert (
        'filename="laporan-siaran-pers_2019-03_jawa-barat.csv"' in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["ID", "URL", "Judul", "Tanggal"]
    assert [(r[2], r[3]) for r in rows[1:]] == [
        ("Pemkot Bandung sosialisasi pemilu", "01/03/2019"),
        ("Bandung dan Riau bersih sungai", "05/03/2019"),
        ("Jalan baru di Bandung", "05/03/2019"),
    ]


def test_csv_of_an_empty_month_is_headers_only(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-08", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0][0] == "ID"


def test_bad_download_format_is_400(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03", "format": "pdf"})
    assert response.status_code == 400
    assert "<code>format</code>" in response.content.decode()


def test_command_writes_xlsx_and_csv(world, tmp_path):
    target = tmp_path / "report.xlsx"
    out = io.StringIO()
    call_command("monthly_report", month="2019-03", format="xlsx", output=target, stdout=out)
    assert "2019-03: 4 releases (previous month 2, a year before 1)" in out.getvalue()
    workbook, charts, _drawings = read_xlsx(target.read_bytes())
    assert workbook.sheetnames == SHEETS
    assert summary_values(workbook)["Jumlah siaran pers"] == 4
    assert charts

    target = tmp_path / "report.csv"
    call_command(
        "monthly_report", month="2019-03", format="csv", output=target, region="14", stdout=out
    )
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == ["Riau siap pemilu"]


def test_command_dry_run_writes_nothing(world, tmp_path):
    target = tmp_path / "report.xlsx"
    out = io.StringIO()
    call_command("monthly_report", month="2019-03", output=target, dry_run=True, stdout=out)
    assert "4 releases" in out.getvalue()
    assert not target.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"month": "2019-3"}, "--month must be YYYY-MM"),
        ({"month": "2019-03", "format": "pdf"}, "--format must be xlsx or csv"),
        ({"month": "2019-03", "region": "99.99"}, "--region"),
    ],
)
def test_command_refuses_bad_options(db, tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("monthly_report", output=tmp_path / "x", **options)


def test_xlsx_writes_text_as_text_never_as_a_formula(staff_client, world):
    from .conftest import jakarta, release

    release(when=jakarta(2019, 5, 2), publisher=world.riau_office, title="=1+1")
    response = staff_client.get(URL, {"month": "2019-05", "format": "xlsx"})
    workbook, _charts, _drawings = read_xlsx(b"".join(response.streaming_content))
    sheet = workbook["Daftar siaran pers"]
    assert sheet.cell(row=2, column=3).value == "=1+1"
    assert sheet.cell(row=2, column=3).data_type == "s"  # a string, not a formula
    assert sheet.cell(row=2, column=2).hyperlink is None
