"""Releases from other offices, written in their house styles, to show the
recognisers are not tied to the five seeds: a Diskominfo Jawa Tengah text and a
Kemendagri release saved as HTML."""

import datetime

import pytest

from agencies.models import Agency, AgencyKind, AgencyLevel, Official
from articles.models import Event, EventAlias, EventKind
from importer.services import release_import
from tests.factories import AgencyFactory, AppointmentFactory, OfficialFactory, region
from tests.importer.test_cleaning import SAMPLES

pytestmark = pytest.mark.django_db


def agency_named(name, **values):
    return Agency.objects.filter(name=name).first() or AgencyFactory(name=name, **values)


def official_named(name, slug):
    return Official.objects.filter(name=name).first() or OfficialFactory(name=name, slug=slug)


def test_diskominfo_jawa_tengah_release():
    office = agency_named(
        "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
        short_name="Diskominfo Jateng",
        level=AgencyLevel.PROVINCE,
        region=region("33"),
    )
    government = agency_named(
        "Pemerintah Provinsi Jawa Tengah",
        short_name="Pemprov Jateng",
        kind=AgencyKind.REGIONAL_GOVERNMENT,
        level=AgencyLevel.PROVINCE,
        region=region("33"),
    )
    ganjar = official_named("Ganjar Pranowo", "ganjar-pranowo-uji")
    AppointmentFactory(
        official=ganjar,
        agency=government,
        title="Gubernur Jawa Tengah",
        start_date=datetime.date(2018, 9, 5),
        end_date=datetime.date(2023, 9, 5),
    )
    text = (SAMPLES / "jateng_stunting.txt").read_text(encoding="utf-8")
    result = release_import(text=text, filename="jateng.txt")
    article = result.article
    assert article.title == "Gubernur Jateng Ajak Kepala Daerah Percepat Penurunan Stunting"
    assert article.event_date == datetime.date(2023, 3, 16)
    assert article.region.code == "33.74"  # dateline SEMARANG: Kota Semarang
    assert article.province.code == "33"
    assert article.publisher == office  # named in the copyright footer
    assert article.venue.startswith("Gedung Gradhika Bhakti Praja")
    (finding,) = [f for f in result.recognition.officials if f.official == ganjar]
    assert finding.appointment.title == "Gubernur Jawa Tengah"
    assert result.recognition.proposed_officials == [
        {
            "name": "Yunita Dyah Suminar",
            "role_as_written": "Kepala Dinas Kesehatan Provinsi Jawa Tengah",
        }
    ]
    speakers = [(q.speaker, q.speaker_name) for q in article.quotes.all()]
    assert speakers == [(ganjar, ""), (None, "Yunita Dyah Suminar")]
    for gone in ("Penulis", "Editor", "Tags", "Baca juga", "Copyright", "Bagikan"):
        assert gone not in article.body


def test_kemendagri_release_saved_as_html():
    kemendagri = agency_named(
        "Kementerian Dalam Negeri",
        short_name="Kemendagri",
        kind=AgencyKind.MINISTRY,
        level=AgencyLevel.NATIONAL,
        region=None,
    )
    puspen = agency_named(
        "Pusat Penerangan Kementerian Dalam Negeri",
        short_name="Puspen Kemendagri",
        kind=AgencyKind.CENTRE_BUREAU,
        level=AgencyLevel.NATIONAL,
        region=None,
        parent=kemendagri,
    )
    tito = official_named("Muhammad Tito Karnavian", "tito-karnavian-uji")
    AppointmentFactory(
        official=tito,
        agency=kemendagri,
        title="Menteri Dalam Negeri",
        start_date=datetime.date(2019, 10, 23),
        end_date=None,
    )
    pilkada = Event.objects.filter(aliases__alias="Pilkada Serentak 2024").first()
    if pilkada is None:
        pilkada = Event.objects.create(
            name="Pilkada Serentak 2024",
            slug="pilkada-serentak-2024-uji",
            kind=EventKind.ELECTION,
            start_date=datetime.date(2024, 1, 1),
        )
        EventAlias.objects.create(event=pilkada, alias="Pilkada 2024")
    html = (SAMPLES / "kemendagri_nphd.html").read_text(encoding="utf-8")
    result = release_import(text=html, filename="nphd.html")
    article = result.article
    assert article.title == "Kemendagri Minta Pemda Segera Tandatangani NPHD Pilkada Serentak 2024"
    assert article.event_date == datetime.date(2023, 8, 14)
    assert article.region.code == "31"  # dateline JAKARTA
    assert article.publisher == puspen  # the source credit "(Puspen Kemendagri)"
    assert pilkada in article.events.all()
    assert kemendagri in article.agencies.all()
    (finding,) = [f for f in result.recognition.officials if f.official == tito]
    assert finding.appointment.title == "Menteri Dalam Negeri"
    assert {"name": "Agus Fatoni", "role_as_written": "Direktur Jenderal Bina Keuangan Daerah"} in (
        result.recognition.proposed_officials
    )
    quotes = list(article.quotes.all())
    assert [q.speaker for q in quotes] == [tito, None]
    assert quotes[1].speaker_name == "Agus Fatoni"
    assert quotes[0].text.startswith("Saya minta seluruh kepala daerah")
    assert quotes[0].date == datetime.date(2023, 8, 14)
    for gone in ("dataLayer", "Beranda", "Berita Terkait", "Hak Cipta", "15:30"):
        assert gone not in article.body


def test_sleman_release_with_breadcrumb_caption_and_people_not_yet_in_the_archive():
    office = agency_named(
        "Dinas Komunikasi dan Informatika Kabupaten Sleman",
        short_name="Diskominfo Sleman",
        level=AgencyLevel.REGENCY_CITY,
        region=region("34.04"),
    )
    before = Official.objects.count()
    text = (SAMPLES / "sleman_pemilu.txt").read_text(encoding="utf-8")
    result = release_import(text=text, filename="sleman.txt")
    article = result.article
    assert (
        article.title == "Pemkab Sleman Siapkan 3.500 TPS untuk Pemilu 2024"
    )  # not the breadcrumb
    assert article.event_date == datetime.date(2024, 2, 5)
    assert article.region.code == "34.04"  # dateline SLEMAN
    assert article.publisher == office  # named in the copyright footer
    assert article.photo_caption.startswith("Bupati Sleman Kustini Sri Purnomo meninjau")
    assert list(article.events.values_list("slug", flat=True)) == ["pemilu-serentak-2024"]
    assert {"kpu", "bawaslu"} <= set(article.agencies.values_list("slug", flat=True))
    # Nobody here is in the archive yet: proposed with the role as written, not created.
    assert result.recognition.proposed_officials == [
        {"name": "Kustini Sri Purnomo", "role_as_written": "Bupati Sleman"},
        {"name": "Harda Kiswaya", "role_as_written": "Sekretaris Daerah Kabupaten Sleman"},
        {"name": "Ahmad Baehaqi", "role_as_written": "Ketua KPU Kabupaten Sleman"},
    ]
    assert Official.objects.count() == before
    # "tegasnya", a quotation opening the next paragraph, and "ungkap Baehaqi".
    assert [(q.speaker, q.speaker_name) for q in article.quotes.all()] == [
        (None, "Kustini Sri Purnomo"),
        (None, "Kustini Sri Purnomo"),
        (None, "Ahmad Baehaqi"),
    ]
    for gone in ("Beranda", "14:20", "Baca Juga", "Terpopuler", "Kuliner", "#Sleman", "Komentar"):
        assert gone not in article.body, gone


def test_ministry_press_release_page_with_site_header_meta_line_and_contact():
    html = (SAMPLES / "kominfo_siaran_pers.html").read_text(encoding="utf-8")
    result = release_import(text=html, filename="kominfo.html")
    article = result.article
    # The site header's "Kominfo" link is not the title; the article's <h1> is.
    assert article.title == "Menkominfo Ajak Pemda Perkuat Literasi Digital Jelang Pemilu 2024"
    assert article.event_date == datetime.date(2023, 11, 9)
    assert article.region.code == "31"  # dateline "Jakarta, Kominfo –"
    assert article.publisher.slug == "kemenkominfo"
    assert article.source_name == "Jakarta, Kominfo"
    assert {"kemenkominfo", "ditjen-ikp", "bawaslu", "kpu"} <= set(
        article.agencies.values_list("slug", flat=True)
    )
    # "ujar Menkominfo": the person named as Menteri Komunikasi dan Informatika.
    assert [q.speaker_name for q in article.quotes.all()] == ["Budi Arie Setiadi", "Usman Kansong"]
    for gone in ("Home", "Ditulis oleh", "13:05", "212/HM", "informasi lebih lanjut", "SATRIA"):
        assert gone not in article.body, gone
    assert article.lead.startswith("Jakarta, Kominfo – Menteri Komunikasi")


def test_a_page_date_line_is_the_fallback_date():
    text = (
        "Pemkot Gelar Apel Kesiapsiagaan Bencana\n\nKamis, 9 November 2023\n\n"
        "Pemerintah Kota Semarang menggelar apel kesiapsiagaan bencana di halaman balai kota."
    )
    result = release_import(text=text, filename="apel.txt", dry_run=True)
    assert result.recognition.event_date.value == datetime.date(2023, 11, 9)
    assert result.recognition.event_date.confidence <= 0.5
    assert "Kamis, 9 November 2023" not in "\n".join(result.recognition.body_paragraphs)
