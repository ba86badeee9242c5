"""Generate realistic synthetic press releases for benchmarks and load tests.

    python manage.py generate_articles --count 1000000 [--seed 7] [--batch 10000]

What it makes (all slugs start with ``gen-`` so generated rows are easy to tell
apart and to delete):

* for every region (all 552 of regions.csv, loaded first if missing) a regional
  government and its communication office (Diskominfo), each region with two
  successive heads (the second sometimes an acting "Pj.") and a Diskominfo head;
* twenty ministries with directorates general, each with a minister and
  directors general;
* ten years of events (meetings, campaigns, ceremonies, a general election with
  a sub-event per province) and forty topics;
* ``--count`` releases spread evenly over all regions and ten years, about one
  in five published by a ministry, 98 % published, 1 % withdrawn, 1 % drafts.
  Titles read like releases ("Pemkab Garut Gelar Rapat Koordinasi Penanganan
  Stunting"); leads and bodies mix sentence templates with words drawn from an
  Indonesian vocabulary with a Zipf-like frequency skew (the n-th word is about
  1/n as frequent as the first). Three marker words make benchmarks
  reproducible: ``masyarakat`` is in about half the releases, ``panas bumi``
  (a phrase) in about 2 % and ``geotermal`` in about 0.05 %.
* the through tables: events (about a quarter of releases), topics (one to
  three each), officials named with the appointment they held that day (most
  releases name the regional head as speaker, some the Diskominfo head).

On PostgreSQL rows go in with COPY (psycopg 3), elsewhere with bulk_create.
Historical records (django-simple-history) are not written for generated rows.
Everything runs in one transaction; ``--dry-run`` generates and rolls back.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, field
from itertools import accumulate

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from agencies.loaders import load_regions
from agencies.models import (
    Acting,
    Agency,
    AgencyKind,
    AgencyLevel,
    Appointment,
    Official,
    Region,
    RegionKind,
)
from articles.models import (
    Article,
    ArticleEvent,
    ArticleOfficial,
    Event,
    EventKind,
    OfficialRole,
    Status,
    Topic,
)
from newsroom.sync import SyncReport
from reports.month_counts import counts_suspended

PREFIX = "gen"
YEARS = 10

# Ranked roughly by how often they occur in Indonesian government releases;
# drawn with weight 1/rank**1.07 (Zipf). The marker words used by bench/ are
# deliberately NOT in this list so their frequency is exactly controlled.
VOCABULARY = """
yang dan di dengan untuk dalam ini pada dari kepada akan oleh juga tersebut
pemerintah daerah kegiatan program pelaksanaan kabupaten kota provinsi dinas
kepala pembangunan pelayanan bupati wali gubernur sekretaris acara rapat
koordinasi bantuan warga desa kecamatan tahun anggaran kerja sama bidang
informasi komunikasi publik digital sosial kesehatan pendidikan ekonomi
peningkatan upaya terkait serta melalui bagi para seluruh setiap sebagai telah
masih dapat harus perlu lebih agar sehingga karena namun bahwa yaitu antara
menjadi memberikan melakukan menyampaikan mengatakan menjelaskan menegaskan
mengajak mendorong meningkatkan mendukung memastikan menghadiri membuka
meresmikan meninjau menyerahkan mengapresiasi berharap berkomitmen diharapkan
dilaksanakan diselenggarakan disampaikan dihadiri diikuti didukung
infrastruktur jalan jembatan irigasi air bersih sanitasi listrik perumahan
stunting gizi posyandu puskesmas rumah sakit vaksinasi imunisasi sekolah guru
siswa beasiswa pelatihan keterampilan usaha mikro kecil menengah umkm pasar
harga bahan pokok inflasi pangan petani nelayan pertanian perikanan peternakan
pariwisata budaya festival seni olahraga pemuda perempuan anak keluarga lansia
disabilitas kemiskinan ekstrem pengangguran investasi perizinan pajak retribusi
pendapatan belanja laporan keuangan audit inspektorat reformasi birokrasi
aparatur sipil negara pegawai kinerja evaluasi monitoring pengawasan
transparansi akuntabilitas integritas korupsi pencegahan bencana banjir longsor
kebakaran gempa tanggap darurat mitigasi lingkungan hidup sampah penghijauan
hutan sungai pantai iklim energi terbarukan transportasi angkutan pelabuhan
bandara terminal keamanan ketertiban pemilu pilkada pemilihan umum pemilih
kampanye partisipasi demokrasi kerukunan toleransi keagamaan ramadan idulfitri
natal kemerdekaan upacara peringatan hari jadi ulang tahun penghargaan prestasi
inovasi teknologi aplikasi layanan daring satu data statistik survei sensus
kependudukan catatan sipil identitas administrasi dokumen regulasi peraturan
kebijakan strategis rencana jangka menengah prioritas nasional sinergi
kolaborasi forum musyawarah perencanaan wilayah kawasan strategis perbatasan
pulau terluar transmigrasi tenaga kerja migran pekerja buruh upah minimum
koperasi bumdes dana alokasi khusus umum transfer hibah zakat wakaf
""".split()  # noqa: SIM905 (a word list reads better as prose)

FIRST_NAMES = """
Ahmad Budi Citra Dewi Eko Fajar Gita Hendra Indah Joko Kartika Lukman Maya Nur
Oki Putri Rahmat Sri Teguh Umar Vina Wahyu Yudi Zainal Agus Bambang Dian Endang
Fitri Hadi Irwan Jamal Kurnia Lestari Mulyadi Nanda Rina Slamet Taufik Wulan
Bahtiar Andi Syamsul Rudi Yusuf Herman Suryani Anwar Ratna Darmawan
""".split()  # noqa: SIM905 (a word list reads better as prose)
LAST_NAMES = """
Saputra Wijaya Hidayat Santoso Pratama Kusuma Siregar Nasution Harahap Lubis
Simanjuntak Gunawan Setiawan Nugroho Rahman Hakim Halim Susanto Purnomo Wibowo
Syahputra Lestari Maharani Ramadhan Firmansyah Kurniawan Suryadi Tanjung Daulay
Panjaitan Sitompul Manurung Situmorang Sinaga Tambunan Pohan Rangkuti Batubara
""".split()  # noqa: SIM905 (a word list reads better as prose)

# (title phrase, topic name)
SUBJECTS = [
    ("Penanganan Stunting", "Kesehatan"),
    ("Vaksinasi Anak", "Kesehatan"),
    ("Pelayanan Puskesmas", "Kesehatan"),
    ("Pembangunan Jalan Desa", "Infrastruktur"),
    ("Perbaikan Jembatan", "Infrastruktur"),
    ("Jaringan Irigasi", "Pertanian"),
    ("Ketahanan Pangan", "Pertanian"),
    ("Pengendalian Inflasi Daerah", "Ekonomi"),
    ("Pemberdayaan UMKM", "Ekonomi"),
    ("Pasar Murah Bahan Pokok", "Ekonomi"),
    ("Investasi dan Perizinan", "Investasi"),
    ("Pelayanan Publik Digital", "Transformasi Digital"),
    ("Satu Data Indonesia", "Transformasi Digital"),
    ("Keterbukaan Informasi Publik", "Keterbukaan Informasi"),
    ("Reformasi Birokrasi", "Tata Kelola Pemerintahan"),
    ("Pencegahan Korupsi", "Tata Kelola Pemerintahan"),
    ("Penyusunan APBD", "Keuangan Daerah"),
    ("Peningkatan Pendapatan Asli Daerah", "Keuangan Daerah"),
    ("Beasiswa Pendidikan", "Pendidikan"),
    ("Peningkatan Mutu Guru", "Pendidikan"),
    ("Mitigasi Bencana Banjir", "Kebencanaan"),
    ("Tanggap Darurat Longsor", "Kebencanaan"),
    ("Pengelolaan Sampah", "Lingkungan Hidup"),
    ("Penghijauan Daerah Aliran Sungai", "Lingkungan Hidup"),
    ("Festival Budaya Daerah", "Pariwisata dan Budaya"),
    ("Pengembangan Desa Wisata", "Pariwisata dan Budaya"),
    ("Pekan Olahraga Pelajar", "Kepemudaan dan Olahraga"),
    ("Perlindungan Perempuan dan Anak", "Perlindungan Sosial"),
    ("Penyaluran Bantuan Sosial", "Perlindungan Sosial"),
    ("Penghapusan Kemiskinan Ekstrem", "Perlindungan Sosial"),
    ("Kerukunan Umat Beragama", "Kerukunan dan Keagamaan"),
    ("Persiapan Pemilu", "Pemilu dan Demokrasi"),
    ("Pendidikan Pemilih Pemula", "Pemilu dan Demokrasi"),
    ("Ketertiban dan Keamanan Lingkungan", "Ketenteraman dan Ketertiban"),
    ("Pelatihan Tenaga Kerja", "Ketenagakerjaan"),
    ("Perlindungan Pekerja Migran", "Ketenagakerjaan"),
    ("Administrasi Kependudukan", "Kependudukan"),
    ("Energi Terbarukan", "Energi"),
    ("Transportasi Publik", "Perhubungan"),
    ("Pengembangan Koperasi", "Koperasi"),
]
TOPICS = sorted({topic for _subject, topic in SUBJECTS})
VERBS = [
    "Gelar",
    "Luncurkan",
    "Resmikan",
    "Dorong",
    "Tingkatkan",
    "Sosialisasikan",
    "Bahas",
    "Tinjau",
    "Perkuat",
    "Evaluasi",
    "Percepat",
    "Apresiasi",
]
EVENT_KINDS = [
    (EventKind.MEETING, "Rapat Koordinasi {subject}"),
    (EventKind.CAMPAIGN, "Gerakan {subject}"),
    (EventKind.WEBINAR, "Webinar {subject}"),
    (EventKind.CEREMONY, "Peringatan Hari {subject}"),
    (EventKind.OTHER, "Pameran {subject}"),
]
MINISTRIES = [
    ("Kementerian Dalam Negeri", "Kemendagri"),
    ("Kementerian Komunikasi dan Digital", "Komdigi"),
    ("Kementerian Kesehatan", "Kemenkes"),
    ("Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen"),
    ("Kementerian Sosial", "Kemensos"),
    ("Kementerian Keuangan", "Kemenkeu"),
    ("Kementerian Pertanian", "Kementan"),
    ("Kementerian Pekerjaan Umum", "Kementerian PU"),
    ("Kementerian Perhubungan", "Kemenhub"),
    ("Kementerian Ketenagakerjaan", "Kemnaker"),
    ("Kementerian Agama", "Kemenag"),
    ("Kementerian Pariwisata", "Kemenpar"),
    ("Kementerian Lingkungan Hidup", "KLH"),
    ("Kementerian Energi dan Sumber Daya Mineral", "Kementerian ESDM"),
    ("Kementerian Koperasi", "Kemenkop"),
    ("Kementerian Pemuda dan Olahraga", "Kemenpora"),
    ("Kementerian Investasi dan Hilirisasi", "Kementerian Investasi"),
    ("Kementerian Desa dan Pembangunan Daerah Tertinggal", "Kemendes"),
    ("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", "KemenPPPA"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPANRB"),
]
DG_NAMES = ["Bina Administrasi", "Pembangunan Daerah", "Pelayanan Publik"]

# Marker words for bench/ (see the module docstring).
COMMON_MARKER = "masyarakat"
PHRASE_MARKER = "panas bumi"
RARE_MARKER = "geotermal"

# The columns the generator fills itself (by attname); every other column of
# the model is filled from its default (see ``article_columns``).
GENERATED_VALUES = [
    "id",
    "title",
    "slug",
    "lead",
    "body",
    "status",
    "published_at",
    "event_date",
    "region_id",
    "province_id",
    "publisher_id",
    "byline",
    "source_name",
    "source_url",
    "venue",
    "withdrawn_at",
    "withdrawal_reason",
    "version",
    "created_at",
    "updated_at",
]


@dataclass(frozen=True)
class CopyColumn:
    column: str  # as in the table
    attname: str  # as in the model and in the generated rows
    default: object = None  # for a column the generator does not fill


def article_columns() -> list[CopyColumn]:
    """Every column of ``articles_article`` that COPY must fill, derived from the model.

    Derived rather than listed so that a column added later (e.g. the
    editorial workflow's NOT NULL ``forced_publish_reason``) is filled with
    its model default instead of breaking COPY. A NOT NULL column with no
    default and no generated value is a programming error, reported before
    anything is written. Columns with a database default are left to the
    database; the stored generated ``search_vector`` is not a model field.
    """
    columns = []
    for model_field in Article._meta.concrete_fields:
        attname, column = model_field.get_attname_column()
        if attname in GENERATED_VALUES:
            columns.append(CopyColumn(column, attname))
        elif model_field.db_default is not NOT_PROVIDED:
            continue
        elif model_field.has_default() or model_field.null or model_field.empty_strings_allowed:
            # get_default(): the default, else None for a nullable column, else "".
            default = model_field.get_db_prep_save(model_field.get_default(), connection)
            columns.append(CopyColumn(column, attname, default))
        else:
            raise CommandError(
                f"generate_articles does not know how to fill the NOT NULL column "
                f"articles_article.{column}; add it to GENERATED_VALUES."
            )
    return columns


@dataclass
class Holder:
    """An official's appointment, for "who held the role on that day"."""

    official_id: int
    appointment_id: int
    start: datetime.date
    end: datetime.date | None

    def held_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Publisher:
    agency_id: int
    name: str  # as it heads a title, e.g. "Pemkab Garut"
    region: Region
    heads: list[Holder] = field(default_factory=list)
    spokesperson: list[Holder] = field(default_factory=list)


@dataclass
class World:
    regions: list[Region]
    regional: list[Publisher]
    national: list[Publisher]
    topics: dict[str, int]
    events_by_year: dict[int, list[int]]
    election_by_province: dict[int, int]
    election_year: int


def short_region_name(region: Region) -> tuple[str, str]:
    """("Pemkab", "Garut") for "Kabupaten Garut", ("Pemprov", "Aceh") for a province."""
    name = region.name
    if region.kind == RegionKind.PROVINCE:
        return "Pemprov", name.replace("Provinsi ", "")
    for prefix, short in (("Kabupaten Administrasi ", "Pemkab"), ("Kabupaten ", "Pemkab")):
        if name.startswith(prefix):
            return short, name[len(prefix) :]
    for prefix in ("Kota Administrasi ", "Kota "):
        if name.startswith(prefix):
            return "Pemkot", name[len(prefix) :]
    return "Pemda", name


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a --dry-run."""


class Command(BaseCommand):
    help = "Generate realistic synthetic press releases (COPY on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many releases.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--batch", type=int, default=10_000, help="Rows per COPY batch.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate, then roll everything back."
        )

    def handle(self, *args, count: int, seed: int, batch: int, dry_run: bool, **options):
        if count < 0 or batch < 1:
            raise CommandError("--count must be ≥ 0 and --batch ≥ 1.")
        columns = article_columns()  # before anything is written
        rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
        started = time.monotonic()
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: millions
                    # of queued checks would all run at COMMIT (minutes, much memory).
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                world = self.build_world(rng, seed)
                self.stdout.write(
                    f"Reference rows ready: {len(world.regional)} regional and "
                    f"{len(world.national)} national publishers, "
                    f"{sum(map(len, world.events_by_year.values()))} events, "
                    f"{len(world.topics)} topics ({time.monotonic() - started:.1f} s)."
                )
                writer = ReleaseWriter(rng=rng, world=world, seed=seed, columns=columns)
                done = 0
                # The monthly counts are recounted once at the end instead of by a
                # trigger per row (reports.month_counts: two thirds of the time).
                with counts_suspended():
                    while done < count:
                        size = min(batch, count - done)
                        writer.write_batch(size)
                        done += size
                        if options["verbosity"] and (done % (batch * 10) == 0 or done == count):
                            elapsed = time.monotonic() - started
                            self.stdout.write(f"  {done:>10,} releases  {elapsed:7.1f} s")
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            self.stdout.write(f"[dry run] generated {count:,} releases, rolled back.")
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in (
                    "articles_article",
                    "articles_articleevent",
                    "articles_article_topics",
                    "articles_articleofficial",
                ):
                    cursor.execute(f"ANALYZE {table}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count:,} releases in {time.monotonic() - started:.1f} s."
            )
        )

    # --- reference rows ------------------------------------------------------

    def build_world(self, rng: random.Random, seed: int) -> World:
        if not Region.objects.exists():
            load_regions(settings.BASE_DIR / "fixtures" / "regions.csv", SyncReport())
        regions = list(Region.objects.order_by("code"))
        start = timezone.localdate() - datetime.timedelta(days=365 * YEARS)
        split = start + datetime.timedelta(days=365 * YEARS // 2)
        tag = f"{PREFIX}{seed}"

        existing = {a.slug: a for a in Agency.objects.filter(slug__startswith=f"{tag}-")}
        if existing:
            return self.load_world(regions, tag)

        # Agencies: a government and a Diskominfo per region; ministries with DGs.
        governments = Agency.objects.bulk_create(
            Agency(
                name=f"Pemerintah {region.name}",
                short_name=" ".join(short_region_name(region)),
                slug=f"{tag}-pemda-{region.code.replace('.', '-')}",
                kind=AgencyKind.REGIONAL_GOVERNMENT,
                level=AgencyLevel.PROVINCE if region.is_province else AgencyLevel.REGENCY_CITY,
                region=region,
            )
            for region in regions
        )
        offices = Agency.objects.bulk_create(
            Agency(
                name=f"Dinas Komunikasi dan Informatika {region.name}",
                short_name=f"Diskominfo {short_region_name(region)[1]}",
                slug=f"{tag}-diskominfo-{region.code.replace('.', '-')}",
                kind=AgencyKind.REGIONAL_OFFICE,
                level=government.level,
                region=region,
                parent=government,
            )
            for region, government in zip(regions, governments, strict=True)
        )
        ministries = Agency.objects.bulk_create(
            Agency(
                name=name,
                short_name=short,
                slug=f"{tag}-{short.lower().replace(' ', '-')}",
                kind=AgencyKind.MINISTRY,
                level=AgencyLevel.NATIONAL,
            )
            for name, short in MINISTRIES
        )
        directorates = Agency.objects.bulk_create(
            Agency(
                name=f"Direktorat Jenderal {dg} {ministry.short_name}",
                short_name=f"Ditjen {dg} {ministry.short_name}",
                slug=f"{ministry.slug}-ditjen-{i}",
                kind=AgencyKind.DIRECTORATE_GENERAL,
                level=AgencyLevel.NATIONAL,
                parent=ministry,
            )
            for ministry in ministries
            for i, dg in enumerate(DG_NAMES)
        )

        # Officials and appointments.
        people: list[tuple[Official, Agency, str, str, datetime.date, datetime.date | None]] = []

        def person(agency, title, acting, begin, end):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            official = Official(name=f"{first} {last}", slug=f"{tag}-pejabat-{len(people)}")
            people.append((official, agency, title, acting, begin, end))

        for region, government, office in zip(regions, governments, offices, strict=True):
            head = (
                "Gubernur"
                if region.is_province
                else "Wali Kota"
                if region.kind == RegionKind.CITY
                else "Bupati"
            )
            person(government, f"{head} {short_region_name(region)[1]}", "", start, split)
            acting = Acting.PJ if rng.random() < 0.3 else ""
            person(
                government,
                f"{head} {short_region_name(region)[1]}",
                acting,
                split + datetime.timedelta(days=1),
                None,
            )
            person(office, f"Kepala {office.name}", "", start, None)
        for ministry in ministries:
            person(
                ministry, f"Menteri {ministry.name.replace('Kementerian ', '')}", "", start, None
            )
        for directorate in directorates:
            person(directorate, f"Direktur Jenderal {directorate.name[21:]}", "", start, None)
        officials = Official.objects.bulk_create(p[0] for p in people)
        Appointment.objects.bulk_create(
            Appointment(
                official=official,
                agency=agency,
                title=title,
                acting=acting,
                start_date=begin,
                end_date=end,
            )
            for official, (_o, agency, title, acting, begin, end) in zip(
                officials, people, strict=True
            )
        )

        # Topics.
        for name in TOPICS:
            Topic.objects.get_or_create(name=name, defaults={"slug": f"{tag}-{slug_of(name)}"})

        # Events: forty a year, and a general election with a sub-event per province.
        subjects = [subject for subject, _topic in SUBJECTS]
        events: list[Event] = []
        for year in range(start.year, start.year + YEARS + 1):
            for n in range(40):
                kind, pattern = rng.choice(EVENT_KINDS)
                day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                region = rng.choice(regions) if rng.random() < 0.6 else None
                where = f" {region.name}" if region else " Nasional"
                events.append(
                    Event(
                        name=pattern.format(subject=rng.choice(subjects)) + where + f" {year}",
                        slug=f"{tag}-acara-{year}-{n}",
                        kind=kind,
                        start_date=day,
                        end_date=day + datetime.timedelta(days=rng.choice([0, 0, 1, 2, 30, 90])),
                        region=region,
                    )
                )
        Event.objects.bulk_create(events)
        election_year = start.year + YEARS // 2
        election = Event.objects.create(
            name=f"Pemilihan Umum {election_year}",
            slug=f"{tag}-pemilu-{election_year}",
            kind=EventKind.ELECTION,
            start_date=datetime.date(election_year, 1, 1),
            end_date=datetime.date(election_year, 12, 31),
        )
        Event.objects.bulk_create(
            Event(
                name=f"Pemilihan Umum {election_year} di {region.name}",
                slug=f"{tag}-pemilu-{election_year}-{region.code}",
                kind=EventKind.ELECTION,
                start_date=election.start_date,
                end_date=election.end_date,
                parent=election,
                region=region,
            )
            for region in regions
            if region.is_province
        )
        return self.load_world(regions, tag)

    def load_world(self, regions: list[Region], tag: str) -> World:
        """Read the generated reference rows back (also for a second run)."""
        by_id = {region.pk: region for region in regions}
        holders: dict[int, list[Holder]] = {}
        for appointment in Appointment.objects.filter(agency__slug__startswith=f"{tag}-"):
            holders.setdefault(appointment.agency_id, []).append(
                Holder(
                    appointment.official_id,
                    appointment.pk,
                    appointment.start_date,
                    appointment.end_date,
                )
            )
        regional, national = [], []
        agencies = Agency.objects.filter(slug__startswith=f"{tag}-").order_by("pk")
        diskominfo = {a.parent_id: a for a in agencies if a.kind == AgencyKind.REGIONAL_OFFICE}
        for agency in agencies:
            if agency.kind == AgencyKind.REGIONAL_GOVERNMENT:
                office = diskominfo[agency.pk]
                regional.append(
                    Publisher(
                        agency_id=office.pk if len(regional) % 2 else agency.pk,
                        name=agency.short_name,
                        region=by_id[agency.region_id],
                        heads=holders.get(agency.pk, []),
                        spokesperson=holders.get(office.pk, []),
                    )
                )
        jakarta = next((r for r in regions if r.code == "31.71"), regions[0])
        for agency in agencies:
            if agency.level == AgencyLevel.NATIONAL:
                national.append(
                    Publisher(
                        agency_id=agency.pk,
                        name=agency.short_name,
                        region=jakarta,
                        heads=holders.get(agency.pk, []),
                        spokesperson=holders.get(agency.parent_id, []),
                    )
                )
        topics = dict(Topic.objects.filter(name__in=TOPICS).values_list("name", "pk"))
        events_by_year: dict[int, list[int]] = {}
        election_by_province: dict[int, int] = {}
        election_year = 0
        for event in Event.objects.filter(slug__startswith=f"{tag}-"):
            if event.kind == EventKind.ELECTION:
                election_year = event.start_date.year
                if event.region_id:
                    election_by_province[event.region_id] = event.pk
                continue
            events_by_year.setdefault(event.start_date.year, []).append(event.pk)
        return World(
            regions=regions,
            regional=regional,
            national=national,
            topics=topics,
            events_by_year=events_by_year,
            election_by_province=election_by_province,
            election_year=election_year,
        )


def slug_of(name: str) -> str:
    return "-".join(name.lower().split())


class ReleaseWriter:
    """Makes releases batch by batch and writes them with COPY or bulk_create."""

    def __init__(self, *, rng: random.Random, world: World, seed: int, columns: list[CopyColumn]):
        self.rng = rng
        self.world = world
        self.seed = seed
        self.weights = list(accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(VOCABULARY))))
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=365 * YEARS)
        self.span = (self.now - self.start).total_seconds()
        self.tz = timezone.get_current_timezone()
        self.postgres = connection.vendor == "postgresql"
        self.columns = columns
        # Slug numbers where the database does not hand out ids in advance (SQLite).
        self.serial = Article.objects.filter(slug__startswith=f"{PREFIX}{seed}-").count()

    def words(self, k: int) -> str:
        return " ".join(self.rng.choices(VOCABULARY, cum_weights=self.weights, k=k))

    def sentence(self, k: int) -> str:
        text = self.words(k)
        return text[0].upper() + text[1:] + "."

    def make(self, pk: int | None) -> tuple[dict, list, list, list]:
        rng = self.rng
        national = rng.random() < 0.2
        publisher = rng.choice(self.world.national if national else self.world.regional)
        region = publisher.region
        published = self.start + datetime.timedelta(seconds=rng.random() * self.span)
        local = published.astimezone(self.tz)
        day = local.date()
        subject, topic = rng.choice(SUBJECTS)
        verb = rng.choice(VERBS)
        title = f"{publisher.name} {verb} {subject}"
        if rng.random() < 0.5:
            title += f" Tahun {day.year}"
        roll = rng.random()
        status, withdrawn_at, reason = Status.PUBLISHED, None, ""
        if roll < 0.01:
            status, withdrawn_at = Status.WITHDRAWN, published + datetime.timedelta(days=1)
            reason = "Terdapat kekeliruan data dalam siaran pers ini."
        elif roll < 0.02:
            status, published = Status.DRAFT, None

        heads = [h for h in publisher.heads if h.held_on(day)]
        speaker = heads[0] if heads else None
        lead = (
            f"{region.name.upper()} – {publisher.name} {verb.lower()} {subject.lower()} "
            f"{self.words(12)}."
        )
        paragraphs = [lead]
        if rng.random() < 0.5:
            paragraphs.append(f"Kegiatan ini melibatkan {COMMON_MARKER} {self.words(6)}.")
        if rng.random() < 0.02:
            paragraphs.append(f"Pemanfaatan energi {PHRASE_MARKER} {self.words(5)}.")
        if rng.random() < 0.0005:
            paragraphs.append(f"Potensi {RARE_MARKER} {self.words(4)}.")
        for _ in range(rng.randint(3, 5)):
            paragraphs.append(" ".join(self.sentence(rng.randint(8, 16)) for _ in range(2)))
        if speaker:
            paragraphs.append(f"“{self.sentence(12)}” ujarnya.")
        body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
        created = published or self.now
        article = {
            "id": pk,
            "title": title,
            "slug": f"{PREFIX}{self.seed}-{pk if pk is not None else f's{self.next_serial()}'}",
            "lead": lead,
            "body": body,
            "status": status,
            "published_at": published,
            "event_date": day,
            "region_id": region.pk,
            "province_id": region.parent_id or region.pk,
            "publisher_id": publisher.agency_id,
            "byline": "Tim Humas",
            "source_name": publisher.name,
            "source_url": f"https://example.go.id/berita/{pk or self.serial}",
            "venue": f"Aula {publisher.name}" if rng.random() < 0.6 else "",
            "withdrawn_at": withdrawn_at,
            "withdrawal_reason": reason,
            "version": 1,
            "created_at": created,
            "updated_at": created,
        }

        topics = [self.world.topics[topic]]
        if rng.random() < 0.4:
            extra = self.world.topics[rng.choice(TOPICS)]
            if extra not in topics:
                topics.append(extra)
        events = []
        province_id = region.parent_id or region.pk
        if (
            day.year == self.world.election_year
            and province_id in self.world.election_by_province
            and rng.random() < 0.3
        ):
            events.append(self.world.election_by_province[province_id])
        elif rng.random() < 0.25 and self.world.events_by_year.get(day.year):
            events.append(rng.choice(self.world.events_by_year[day.year]))
        officials = []
        if speaker and rng.random() < 0.8:
            officials.append((speaker, OfficialRole.SPEAKER))
        spokespeople = [h for h in publisher.spokesperson if h.held_on(day)]
        if spokespeople and rng.random() < 0.3:
            officials.append((spokespeople[0], OfficialRole.ATTENDEE))
        return article, topics, events, officials

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def reserve_ids(self, size: int) -> list[int]:
        if not self.postgres:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('articles_article', 'id')) "
                "FROM generate_series(1, %s)",
                [size],
            )
            return [row[0] for row in cursor.fetchall()]

    def write_batch(self, size: int) -> None:
        ids = self.reserve_ids(size)
        made = (self.make(pk) for pk in (ids or [None] * size))
        if self.postgres:
            self.copy(made)
        else:
            self.bulk_create(list(made))

    def copy(self, made) -> None:
        rows = []
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            names = ", ".join(connection.ops.quote_name(c.column) for c in self.columns)
            with raw.copy(f"COPY articles_article ({names}) FROM STDIN") as copy:
                # Rows are made while COPY streams, so the server computes the
                # search vectors (most of the cost) while Python makes the next rows.
                for row in made:
                    rows.append(row)
                    article = row[0]
                    copy.write_row([article.get(c.attname, c.default) for c in self.columns])
            with raw.copy("COPY articles_article_topics (article_id, topic_id) FROM STDIN") as copy:
                for article, topics, _events, _officials in rows:
                    for topic_id in topics:
                        copy.write_row((article["id"], topic_id))
            with raw.copy("COPY articles_articleevent (article_id, event_id) FROM STDIN") as copy:
                for article, _topics, events, _officials in rows:
                    for event_id in events:
                        copy.write_row((article["id"], event_id))
            with raw.copy(
                "COPY articles_articleofficial "
                '(article_id, official_id, appointment_id, role, "order") FROM STDIN'
            ) as copy:
                for article, _topics, _events, officials in rows:
                    for order, (holder, role) in enumerate(officials):
                        copy.write_row(
                            (article["id"], holder.official_id, holder.appointment_id, role, order)
                        )

    def bulk_create(self, rows) -> None:
        articles = Article.objects.bulk_create(
            Article(**{k: v for k, v in article.items() if k != "id"}) for article, *_ in rows
        )
        through = Article.topics.through
        through.objects.bulk_create(
            through(article_id=saved.pk, topic_id=topic_id)
            for saved, (_a, topics, _e, _o) in zip(articles, rows, strict=True)
            for topic_id in topics
        )
        ArticleEvent.objects.bulk_create(
            ArticleEvent(article_id=saved.pk, event_id=event_id)
            for saved, (_a, _t, events, _o) in zip(articles, rows, strict=True)
            for event_id in events
        )
        ArticleOfficial.objects.bulk_create(
            ArticleOfficial(
                article_id=saved.pk,
                official_id=holder.official_id,
                appointment_id=holder.appointment_id,
                role=role,
                order=order,
            )
            for saved, (_a, _t, _e, officials) in zip(articles, rows, strict=True)
            for order, (holder, role) in enumerate(officials)
        )
