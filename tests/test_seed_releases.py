"""The five seed releases, checked against the facts in fixtures/scraped/README.md."""

import datetime

import pytest

from agencies.models import AgencyKind
from articles.models import Article, OfficialRole

pytestmark = pytest.mark.django_db

BOILERPLATE = [
    "Baca Juga",
    "Berita Terkait",
    "Tulis Komentar",
    "Copyright",
    "Terpopuler",
    "Komentar",
    "#DISKOMINFOTIK",
    "28 November 2024",
    "(Indonesiatech)",
    "ya+ng",
    "Benderaerah",
    "Jedral",
]

DIRJEN = "Direktur Jenderal Politik dan Pemerintahan Umum"

# event date → (region code, publisher's region code or None, publisher kind,
#               {official name: role as displayed}, event names, title or None)
SEEDS = {
    datetime.date(2023, 7, 21): (
        "16.03",
        "16.03",
        AgencyKind.REGIONAL_OFFICE,
        {
            "Bahtiar": DIRJEN,
            "Aang Witarsa Rofik": "Plt. Direktur Ketahanan Ekonomi, Sosial dan Budaya",
        },
        ["Gerakan Pembagian 10 Juta Bendera Merah Putih 2023"],
        "Pemkab Muara Enim Ikuti Rapat Koordinasi Gerakan Pembagian 10 Juta Bendera "
        "Merah Putih Tahun 2023",
    ),
    datetime.date(2023, 1, 3): (
        "32.12",
        "32.12",
        AgencyKind.REGIONAL_OFFICE,
        {
            "Bahtiar": DIRJEN,
            "Nina Agustina": "Bupati Indramayu",
            "Sugeng Heryanto": "Staf Ahli Bidang Pemerintahan, Hukum dan Politik",
            "Moh. Iskak Iskandar": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "Budi Setiawan": "Sekretaris Badan Kesatuan Bangsa dan Politik",
            "Amrullah": "Sekretaris Badan Keuangan Daerah",
            "Edi Kusnaedi": "Kepala Bagian Tata Pemerintahan",
            "Agus Rohani": "Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
            "Joko Widodo": "Presiden Republik Indonesia",
        },
        ["Pemilu Serentak 2024"],
        None,
    ),
    datetime.date(2023, 4, 11): (
        "74.71",
        None,
        AgencyKind.MEDIA_OUTLET,
        {"Bahtiar": DIRJEN},
        ["Pemilu Serentak 2024"],
        None,
    ),
    datetime.date(2020, 6, 10): (
        "14.03",
        "14.03",
        AgencyKind.REGIONAL_OFFICE,
        {
            "Bahtiar": f"Plt. {DIRJEN}",
            "Johansyah Syafri": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        },
        ["Pilkada Serentak 2020"],
        "Kadis Kominfotik Bengkalis Ikuti Rapat Konsolidasi Pelaksanaan Sosialisasi "
        "Pilkada Serentak 2020",
    ),
    datetime.date(2023, 1, 18): (
        "21",
        "21",
        AgencyKind.REGIONAL_OFFICE,
        {
            "Hasan": "Kepala Dinas Komunikasi dan Informatika",
            "Aludin Andi": "Sekretaris Dinas Komunikasi dan Informatika",
            "Hasyim Gautama": "",
            "Robby Leo": "Kepala Bagian Humas dan Informasi Publik",
            "Joko Widodo": "Presiden Republik Indonesia",
        },
        ["Pemilu Serentak 2024"],
        None,
    ),
}


def test_there_are_five_published_seed_releases():
    assert Article.objects.published().count() == 5
    assert set(Article.objects.values_list("event_date", flat=True)) == set(SEEDS)


@pytest.mark.parametrize("event_date", list(SEEDS), ids=str)
def test_seed_release_facts(event_date):
    region_code, publisher_region, publisher_kind, officials, events, title = SEEDS[event_date]
    article = Article.objects.select_related("region", "publisher__region").get(
        event_date=event_date
    )
    assert article.is_public
    assert article.published_at.date() == event_date
    assert article.region.code == region_code
    assert article.publisher.kind == publisher_kind
    if publisher_region:
        assert article.publisher.region.code == publisher_region
    if title:
        assert article.title == title
    assert 20 <= len(article.title) <= 130
    assert article.lead

    links = {
        link.official.name: link
        for link in article.official_links.select_related("official", "appointment")
    }
    assert set(officials) <= set(links)
    for name, role_fragment in officials.items():
        link = links[name]
        assert link.appointment is not None, name
        assert role_fragment in link.appointment.role_display, (name, link.appointment)
        assert link.appointment.official_id == link.official_id
        # The linked appointment is the one in force on the day of the event.
        assert link.official.roles_on(event_date).filter(pk=link.appointment_id).exists()

    event_names = set(article.events.values_list("name", flat=True))
    assert set(events) <= event_names
    assert article.topics.exists()


def test_speakers_are_marked_as_speakers():
    article = Article.objects.get(event_date=datetime.date(2023, 1, 18))
    roles = {link.official.name: link.role for link in article.official_links.all()}
    assert roles["Hasyim Gautama"] == OfficialRole.SPEAKER
    assert roles["Joko Widodo"] == OfficialRole.MENTIONED


@pytest.mark.parametrize("event_date", list(SEEDS), ids=str)
def test_no_boilerplate_survives(event_date):
    article = Article.objects.get(event_date=event_date)
    text = " ".join([article.title, article.lead, article.body])
    for fragment in BOILERPLATE:
        assert fragment not in text
    assert article.body.count("<p>") >= 4


def test_the_bengkalis_photo_caption_is_kept_as_the_caption():
    article = Article.objects.get(event_date=datetime.date(2020, 6, 10))
    assert article.photo_caption.startswith("Kadis Kominfotik Kabupaten Bengkalis")
    assert "Teks foto" not in article.body


def test_key_dates_of_the_campaigns():
    from articles.models import Event

    pemilu = Event.objects.get(name="Pemilu Serentak 2024")
    assert pemilu.key_dates.filter(date=datetime.date(2024, 2, 14)).exists()
    pilkada = Event.objects.get(name="Pilkada Serentak 2020")
    assert pilkada.key_dates.filter(date=datetime.date(2020, 12, 9)).exists()
    flags = Event.objects.get(name="Gerakan Pembagian 10 Juta Bendera Merah Putih 2023")
    assert flags.start_date == datetime.date(2023, 6, 1)
