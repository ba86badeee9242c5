"""Cleaning: site furniture goes, the release's paragraphs and caption stay."""

from pathlib import Path

import pytest

from importer.cleaning import clean_release, html_to_text

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "scraped"
SAMPLES = Path(__file__).resolve().parent / "samples"

FURNITURE = [
    "Baca Juga",
    "Berita Terkait",
    "Terpopuler",
    "Pilihan",
    "Terkini",
    "Tulis Komentar",
    "Komentar",
    "Copyright",
    "©",
    "#DISKOMINFOTIK",
    "#PPID",
    "10:12:36",
    "(Indonesiatech)",
    "CEK FAKTA",
    "Ameena",
]


def seed(name_prefix: str) -> str:
    return next(SEEDS.glob(f"{name_prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_is_left_in_any_seed(prefix):
    cleaned = clean_release(seed(prefix))
    for paragraph in cleaned.paragraphs:
        for furniture in FURNITURE:
            assert furniture not in paragraph, (furniture, paragraph)
        assert paragraph.strip() not in {"-", "Pilihan", "Terkini"}
    assert len(cleaned.paragraphs) >= 8


def test_suara_link_lists_go_but_the_last_quote_stays():
    cleaned = clean_release(seed("002"))
    assert cleaned.paragraphs[-1].startswith("“Begitu pula hal-hal")
    assert "Prabowo" not in cleaned.text  # only in the link lists
    assert "Mimpi PDIP" in " ".join(cleaned.removed)


def test_photo_caption_is_kept_as_the_caption_not_the_body():
    cleaned = clean_release(seed("003"))
    assert cleaned.caption.startswith("Kadis Kominfotik Kabupaten Bengkalis Johansyah Syafri")
    assert cleaned.caption.endswith("Rabu, 9 Juni 2020")
    assert not any(p.startswith("Teks foto") for p in cleaned.paragraphs)
    # the hashtags are cut from the end of the last paragraph, the sentence stays
    assert cleaned.paragraphs[-1].endswith("sesi tanya jawab.")
    assert any("PPID Kabupaten Bengkalis" in line for line in cleaned.footer)


def test_scraping_artifact_inside_a_word_is_fixed_but_sums_are_not():
    cleaned = clean_release(seed("000"))
    assert "sisa 321 daerah yang belum melaporkan" in cleaned.text
    assert "ya+ng" not in cleaned.text
    assert clean_release("Nilai 2+3 dan C+ tetap.").text == "Nilai 2+3 dan C+ tetap."


def test_source_credit_is_recognised_and_removed():
    cleaned = clean_release(seed("004"))
    assert cleaned.source_credit == "Indonesiatech"
    assert cleaned.paragraphs[-1].startswith("“Memperhatikan beban kerja")


def test_html_becomes_paragraphs_without_scripts_navigation_or_related_links():
    cleaned = clean_release((SAMPLES / "kemendagri_nphd.html").read_text(encoding="utf-8"))
    assert cleaned.paragraphs[0] == (
        "Kemendagri Minta Pemda Segera Tandatangani NPHD Pilkada Serentak 2024"
    )
    text = cleaned.text
    for gone in ("dataLayer", "Beranda", "Berita Terkait", "Lantik Penjabat", "15:30", "Hak Cipta"):
        assert gone not in text
    assert "JAKARTA – Menteri Dalam Negeri" in text
    assert cleaned.source_credit == "Puspen Kemendagri"


def test_html_to_text_decodes_entities_and_splits_blocks():
    assert html_to_text("<p>A &amp; B</p><p>“C”<br>D</p>").split("\n") == ["A & B", "“C”", "D"]


def test_credit_and_tag_lines_of_a_page_are_removed():
    cleaned = clean_release((SAMPLES / "jateng_stunting.txt").read_text(encoding="utf-8"))
    for gone in ("Penulis:", "Editor:", "Tags:", "Bagikan", "Baca juga", "Copyright"):
        assert gone not in cleaned.text
    assert cleaned.paragraphs[-1] == (
        '"Kami turunkan tenaga gizi ke desa-desa dengan angka stunting tertinggi," ujarnya.'
    )
