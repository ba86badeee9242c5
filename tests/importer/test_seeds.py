"""The five seed releases: every field the importer recognises, against the facts
in fixtures/scraped/README.md (checked by an editor against the text and calendar)."""

import datetime

import pytest

from agencies.models import AgencyKind
from articles.models import Quote, Status
from importer.services import release_import
from tests.importer.test_cleaning import seed

pytestmark = pytest.mark.django_db


def imported(prefix: str):
    result = release_import(text=seed(prefix), filename=f"{prefix}.txt")
    assert result.status == "created", result.error
    return result


def officials_by_name(result):
    return {finding.official.name: finding for finding in result.recognition.officials}


def named_people(result):
    """Everyone recognised: known officials and proposed new ones."""
    return set(officials_by_name(result)) | {
        proposal["name"] for proposal in result.recognition.proposed_officials
    }


def quote_speakers(article):
    return [
        quote.speaker.name if quote.speaker else quote.speaker_name
        for quote in Quote.objects.filter(article=article).select_related("speaker")
    ]


def event_names(article):
    names = []
    for event in article.events.prefetch_related("aliases"):
        names.append(event.name)
        names.extend(alias.alias for alias in event.aliases.all())
    return " | ".join(names)


def test_000_muara_enim_flag_campaign():
    result = imported("000")
    article = result.article
    assert article.status == Status.DRAFT and article.published_at is None
    assert article.title == (
        "Pemkab Muara Enim Ikuti Rapat Koordinasi Gerakan Pembagian 10 Juta Bendera "
        "Merah Putih Tahun 2023"
    )
    assert article.event_date == datetime.date(2023, 7, 21)
    assert article.region.code == "16.03"
    assert article.publisher.region.code == "16.03"
    assert article.byline == "Tim News Room Muara Enim Diskominfo"
    assert "Bendera" in event_names(article)
    people = officials_by_name(result)
    bahtiar = people["Bahtiar"].appointment
    assert "Direktur Jenderal Politik dan Pemerintahan Umum" in bahtiar.title
    assert bahtiar.acting == ""  # definitive Dirjen from 3 January 2023
    assert "Aang Witarsa Rofik" in named_people(result)
    if "Aang Witarsa Rofik" in people and people["Aang Witarsa Rofik"].appointment:
        assert people["Aang Witarsa Rofik"].appointment.acting == "plt"
    assert quote_speakers(article) == ["Aang Witarsa Rofik", "Bahtiar"]
    assert "ya+ng" not in article.body


def test_001_indramayu_webinar_title_made_from_the_lead():
    result = imported("001")
    article = result.article
    assert not article.title.startswith("DISKOMINFO")
    assert "Webinar" in article.title and len(article.title.split()) <= 16
    assert article.event_date == datetime.date(2023, 1, 3)
    assert article.region.code == "32.12"
    assert article.publisher.region.code == "32.12"
    assert "Pemilu" in event_names(article) and "2024" in event_names(article)
    bahtiar = officials_by_name(result)["Bahtiar"].appointment
    assert "Direktur Jenderal Politik" in bahtiar.title and bahtiar.acting == ""
    for name in (
        "Nina Agustina",
        "Sugeng Heryanto",
        "Moh. Iskak Iskandar",
        "Budi Setiawan",
        "Amrullah",
        "Edi Kusnaedi",
        "Agus Rohani",
        "Joko Widodo",
    ):
        assert name in named_people(result), name
    proposed = {p["name"]: p["role_as_written"] for p in result.recognition.proposed_officials}
    if "Edi Kusnaedi" in proposed:
        assert proposed["Edi Kusnaedi"] == "Kepala Bagian Tata Pemerintahan Setda Indramayu"
    assert quote_speakers(article) == ["Bahtiar"]
    assert any("headline" in warning for warning in result.recognition.warnings)


def test_002_suara_com_rakornas_in_kendari():
    result = imported("002")
    article = result.article
    assert article.title.startswith("Bahtiar Menekankan")
    assert article.event_date == datetime.date(2023, 4, 11)
    assert article.region.code == "74.71"  # Kota Kendari, the venue
    assert article.publisher.kind == AgencyKind.MEDIA_OUTLET
    assert "Suara" in article.publisher.name
    assert "Pemilu" in event_names(article)
    bahtiar = officials_by_name(result)["Bahtiar"].appointment
    assert "Direktur Jenderal Politik" in bahtiar.title and bahtiar.acting == ""
    assert quote_speakers(article) == ["Bahtiar"] * 4
    for gone in ("Baca Juga", "Berita Terkait", "Terpopuler", "Pilihan", "Terkini"):
        assert gone not in article.body


def test_003_bengkalis_pilkada_with_contradicting_caption():
    result = imported("003")
    article = result.article
    assert article.title == (
        "Kadis Kominfotik Bengkalis Ikuti Rapat Konsolidasi Pelaksanaan Sosialisasi "
        "Pilkada Serentak 2020"
    )
    assert article.event_date == datetime.date(2020, 6, 10)
    warnings = " ".join(result.recognition.warnings)
    assert "9 Juni 2020" in warnings and "weekday" in warnings and "caption" in warnings
    assert article.photo_caption.startswith("Kadis Kominfotik Kabupaten Bengkalis")
    assert article.region.code == "14.03"
    assert article.publisher.region.code == "14.03"
    assert "Pilkada" in event_names(article) and "2020" in event_names(article)
    bahtiar = officials_by_name(result)["Bahtiar"]
    held = " | ".join(a.role_display for a in bahtiar.held_that_day)
    assert "Kepala Pusat Penerangan" in held
    assert "Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in held
    assert bahtiar.appointment.acting == "plt"
    assert "Johansyah Syafri" in named_people(result)
    assert quote_speakers(article) == ["Bahtiar", "Bahtiar"]
    for gone in ("#DISKOMINFOTIK", "Tulis Komentar", "Copyright", "10:12:36", "Baca Juga"):
        assert gone not in article.body


def test_004_kepri_rakor_ikp():
    result = imported("004")
    article = result.article
    assert "Rapat Koordinasi" in article.title and "IKP" in article.title
    assert article.event_date == datetime.date(2023, 1, 18)
    assert article.region.code == "21"
    assert article.publisher.region.code == "21"
    assert article.source_name == "Indonesiatech"
    assert "Pemilu" in event_names(article)
    for name in ("Hasan", "Aludin Andi", "Hasyim Gautama", "Robby Leo", "Joko Widodo"):
        assert name in named_people(result), name
    assert quote_speakers(article) == ["Hasyim Gautama", "Hasyim Gautama", "Robby Leo"]
    assert "Komentar" not in article.body and "Indonesiatech" not in article.body
    mentioned = {agency.short_name or agency.name for agency in article.agencies.all()}
    assert "KPU" in " ".join(mentioned)
