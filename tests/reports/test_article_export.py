"""/articles/export/: every matching published release, streamed as CSV or JSON."""

import csv
import io
import json

import pytest

from .conftest import jakarta, release

URL = "/articles/export/"
HEADERS = [
    "ID",
    "URL",
    "Judul",
    "Tanggal",
    "Kode wilayah",
    "Wilayah",
    "Provinsi",
    "Penerbit",
    "Acara/kampanye",
    "Topik",
    "Pejabat",
]
KEYS = [
    "id",
    "url",
    "title",
    "date",
    "region_code",
    "region_name",
    "province",
    "publisher",
    "events",
    "topics",
    "officials",
]


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def export_csv(client, **params):
    response = client.get(URL, {"format": "csv", **params})
    assert response.status_code == 200, body(response) if response.streaming else response
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == HEADERS
    return response, [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]


def export_json(client, **params):
    response = client.get(URL, {"format": "json", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    items = json.loads(body(response))
    assert all(list(item) == KEYS for item in items)
    return response, items


def test_csv_columns_and_values(client, world):
    _response, rows = export_csv(client, date_from="2019-03-01", date_to="2019-03-31")
    assert len(rows) == 4
    by_title = {row["Judul"]: row for row in rows}
    row = by_title["Bandung dan Riau bersih sungai"]
    article = world.march[1]
    assert row["ID"] == str(article.pk)
    assert row["URL"] == f"http://testserver/articles/{article.slug}/"
    assert row["Tanggal"] == "05/03/2019"
    assert (row["Kode wilayah"], row["Wilayah"], row["Provinsi"]) == (
        "32.73",
        "Kota Bandung",
        "Jawa Barat",
    )
    assert row["Penerbit"] == "Diskominfo Kota Bandung"
    assert row["Acara/kampanye"] == "Gerakan Bersih Sungai; Pemilu Serentak 2019"
    assert row["Topik"] == "Kesehatan"
    assert row["Pejabat"] == (
        "Walikota Uji (Plt. Wali Kota Bandung); Kadis Uji (Kepala Dinas Kominfo)"
    )
    # Asia/Jakarta days: 23:30 on 31 March is still March.
    assert by_title["Riau siap pemilu"]["Tanggal"] == "31/03/2019"


def test_json_matches_csv(client, world):
    _response, items = export_json(client, date_from="2019-03-01", date_to="2019-03-31")
    assert [item["title"] for item in items] == [a.title for a in reversed(world.march)]
    riau = items[0]
    assert riau["date"] == "2019-03-31"
    assert riau["region_code"] == "14"
    assert riau["officials"] == "Kadis Uji (Kepala Dinas Kominfo)"


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"region": "14"}, {"Riau siap pemilu"}),
        (
            {"region": "32.73"},
            {
                "Pemkot Bandung sosialisasi pemilu",
                "Bandung dan Riau bersih sungai",
                "Jalan baru di Bandung",
            },
        ),
        ({"agency": "dk-riau"}, {"Riau siap pemilu"}),
        (
            {"official": "walikota-uji"},
            {"Pemkot Bandung sosialisasi pemilu", "Bandung dan Riau bersih sungai"},
        ),
        ({"event": "bersih-sungai"}, {"Bandung dan Riau bersih sungai"}),
        ({"topic": "jalan-uji"}, {"Pemkot Bandung sosialisasi pemilu", "Jalan baru di Bandung"}),
        ({"q": "sungai"}, {"Bandung dan Riau bersih sungai"}),
        (
            {"date_from": "2019-03-05", "date_to": "2019-03-05"},
            {"Bandung dan Riau bersih sungai", "Jalan baru di Bandung"},
        ),
    ],
)
def test_every_filter_narrows_both_formats(client, world, params, titles):
    march = {"date_from": "2019-03-01", "date_to": "2019-03-31"}
    _r, rows = export_csv(client, **{**march, **params})
    assert {row["Judul"] for row in rows} == titles
    _r, items = export_json(client, **{**march, **params})
    assert {item["title"] for item in items} == titles


def test_sort_oldest_first(client, world):
    _r, rows = export_csv(client, date_from="2019-03-01", date_to="2019-03-31", sort="oldest")
    assert [row["Judul"] for row in rows] == [a.title for a in world.march]


def test_only_published_releases_are_exported(client, world):
    _r, rows = export_csv(client, agency="dk-bandung")
    titles = {row["Judul"] for row in rows}
    assert all(a.title not in titles for a in world.hidden)
    scheduled = release(when=jakarta(2099, 1, 1), publisher=world.bandung_office)
    _r, rows = export_csv(client, agency="dk-bandung")
    assert scheduled.title not in {row["Judul"] for row in rows}


def test_empty_result_gives_headers_only_and_an_empty_array(client, world):
    _r, rows = export_csv(client, q="tidakadakatainisamasekali")
    assert rows == []
    _r, items = export_json(client, q="tidakadakatainisamasekali")
    assert items == []


def test_file_name_says_what_was_exported(client, world):
    response, _rows = export_csv(client, region="32", date_from="2019-01-01", date_to="2019-12-31")
    assert response["Content-Disposition"] == (
        'attachment; filename="siaran-pers_jawa-barat_2019-01-01_2019-12-31.csv"'
    )
    response, _items = export_json(client, agency="dk-riau", topic="jalan-uji")
    assert response["Content-Disposition"] == (
        'attachment; filename="siaran-pers_dk-riau_jalan-uji.json"'
    )
    response, _rows = export_csv(client)
    assert response["Content-Disposition"] == 'attachment; filename="siaran-pers_semua.csv"'


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"format": "xml"}, "format"),
        ({"format": "csv", "region": "99"}, "region"),
        ({"format": "json", "date_from": "2019-13-01"}, "date_from"),
        ({"format": "csv", "date_from": "2019-03-02", "date_to": "2019-03-01"}, "date_to"),
        ({"format": "csv", "sort": "sideways"}, "sort"),
    ],
)
def test_bad_parameters_are_answered_400(client, world, params, parameter):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            export_csv(client, agency="dk-bandung")
        return len(captured.captured_queries)

    before = count_queries()
    for day in range(1, 28):
        release(
            when=jakarta(2019, 6, day),
            publisher=world.bandung_office,
            events=[world.election],
            topics=[world.health],
            officials=[(world.mayor, world.mayor_role)],
        )
    assert count_queries() == before


def test_spreadsheet_formulas_are_not_injected(client, world):
    release(
        when=jakarta(2019, 5, 2),
        publisher=world.riau_office,
        region_code="14",
        title='=HYPERLINK("http://evil.example","klik")',
    )
    _r, rows = export_csv(client, date_from="2019-05-02", date_to="2019-05-02")
    assert rows[0]["Judul"] == '\'=HYPERLINK("http://evil.example","klik")'
    _r, items = export_json(client, date_from="2019-05-02", date_to="2019-05-02")
    assert items[0]["title"] == '=HYPERLINK("http://evil.example","klik")'  # JSON is data
