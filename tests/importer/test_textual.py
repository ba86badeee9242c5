"""Recognisers that read the text alone: dates, datelines, headlines, roles, quotes."""

import datetime

import pytest

from importer.cleaning import clean_release
from importer.textual import (
    find_dates,
    find_quotes,
    find_role_phrases,
    recognise_event_date,
    split_dateline,
    suggest_headline,
)
from tests.importer.test_cleaning import seed


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("pada Selasa (3/1/2023) di ruang rapat", datetime.date(2023, 1, 3)),
        ("di Kendari, Selasa, (11/4/2023).", datetime.date(2023, 4, 11)),
        ("pada Rabu, 10 Juni 2020, Kemendagri", datetime.date(2020, 6, 10)),
        ("Kamis, 28 November 2024", datetime.date(2024, 11, 28)),
        ("Jum'at (5/1/24)", datetime.date(2024, 1, 5)),
    ],
)
def test_dates_written_in_full(expression, expected):
    (mention,) = find_dates(expression)
    assert mention.date == expected
    assert mention.weekday_matches is True


def test_year_of_a_short_date_comes_from_the_text_and_the_weekday():
    # 21 July was a Friday in 2023, a Thursday in 2022: the text names both years.
    found = recognise_event_date("Rapat pada Jumat, (21/07). Tahun 2022 dan Tahun 2023 disebut.")
    assert found.date == datetime.date(2023, 7, 21)
    # Only 2024 is named, but 18 January 2024 was a Thursday: the release looks
    # ahead to an election, the meeting was on Wednesday 18 January 2023.
    found = recognise_event_date("Rakor Pemilu 2024 di Banten, Rabu (18/01).")
    assert found.date == datetime.date(2023, 1, 18)


def test_context_year_of_the_import_is_used_first():
    found = recognise_event_date("Rapat digelar Rabu (18/01).", context_year=2023)
    assert found.date == datetime.date(2023, 1, 18)


def test_weekday_contradiction_and_disagreeing_caption_are_reported():
    cleaned = clean_release(seed("003"))
    body = "\n".join(cleaned.paragraphs)
    found = recognise_event_date(body, caption=cleaned.caption)
    assert found.date == datetime.date(2020, 6, 10)
    assert any("9 Juni 2020" in w and "weekday" in w for w in found.warnings)
    assert any(w.startswith("Dates disagree") and "caption" in w for w in found.warnings)
    assert found.confidence < 0.9


def test_a_coming_date_is_not_the_day_of_the_event():
    text = (
        "Pemungutan suara akan diselenggarakan Rabu, 9 Desember 2020 mendatang.\n"
        "Rapat persiapan digelar Rabu, 10 Juni 2020."
    )
    assert recognise_event_date(text).date == datetime.date(2020, 6, 10)


def test_no_date_gives_no_date():
    found = recognise_event_date("Tidak ada tanggal di sini.")
    assert found.date is None and found.confidence == 0


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("BENGKALIS – Desember 2020 ini, 32 provinsi", "BENGKALIS"),
        ("DISKOMINFO INDRAMAYU – Direktorat Jenderal", "DISKOMINFO INDRAMAYU"),
        ("Suara.com - Direktur Jenderal (Dirjen)", "Suara.com"),
        ("Pemkab Muara Enim ikuti Rapat Koordinasi", ""),
        ("Kepala Dinas - yang hadir - menyampaikan hal panjang", ""),
    ],
)
def test_dateline(paragraph, dateline):
    assert split_dateline(paragraph)[0] == dateline


def test_suggested_headline_is_short_and_free_of_the_dateline():
    lead = clean_release(seed("001")).paragraphs[0]
    headline = suggest_headline(lead)
    assert not headline.startswith("DISKOMINFO")
    assert "Webinar" in headline and "Kemendagri" in headline
    assert len(headline.split()) <= 16
    headline = suggest_headline(clean_release(seed("002")).paragraphs[0])
    assert headline.startswith("Bahtiar Menekankan")


def test_role_phrases_separate_the_role_from_the_name():
    body = "\n".join(clean_release(seed("001")).paragraphs)
    found = {m.name: m.role for m in find_role_phrases(body, region_words={"indramayu"})}
    assert found["Nina Agustina"] == "Bupati Indramayu"
    assert found["Sugeng Heryanto"] == (
        "Staf Ahli Bidang Pemerintahan, Hukum dan Politik Setda Indramayu"
    )
    assert found["Moh. Iskak Iskandar"] == "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    assert found["Edi Kusnaedi"] == "Kepala Bagian Tata Pemerintahan Setda Indramayu"
    assert found["Agus Rohani"] == (
        "Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"
    )
    assert found["Amrullah"] == "Sekretaris Badan Keuangan Daerah"


def test_acting_roles_are_marked():
    (mention,) = find_role_phrases(
        "Dalam rapat itu, Plt. Direktur Ketahanan Ekonomi, Sosial dan Budaya, Aang Witarsa "
        "Rofik menyampaikan",
        region_words=set(),
    )
    assert mention.name == "Aang Witarsa Rofik" and mention.acting == "plt"


def test_quotes_with_their_attribution():
    body = "\n".join(clean_release(seed("004")).paragraphs)
    quotes = find_quotes(body)
    assert [(q.speaker_text, q.how) for q in quotes] == [
        ("Hasyim", "terang"),
        ("Hasyim", "ungkap"),
        ("", "jelasnya"),
    ]
    # the theme “Ayo Sukseskan Pemilu 2024” is a title, not a quotation
    assert not any("Ayo Sukseskan" in q.text for q in quotes)


def test_quote_opening_a_paragraph_after_the_speaker_was_named():
    text = (
        "Bupati Sleman Kustini menyampaikan arahan.\n"
        "“Semua camat wajib hadir di lokasi tepat waktu.”"
    )
    (quote,) = find_quotes(text)
    assert quote.how == "paragraph" and quote.speaker_text == ""
