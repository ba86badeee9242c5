"""Importing: drafts only, idempotent by content, duplicates flagged, the command."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Quote, Status
from importer.models import ImportedSource
from importer.services import content_hash, release_import
from tests.factories import AgencyFactory, ArticleFactory, region
from tests.importer.test_cleaning import SEEDS, seed

pytestmark = pytest.mark.django_db


def test_importing_the_same_text_twice_creates_nothing_new():
    first = release_import(text=seed("003"), filename="a.txt")
    articles = Article.objects.count()
    again = release_import(text=seed("003").replace("\n", "\r\n") + "\n\n", filename="b.txt")
    assert again.status == "already_imported"
    assert again.article == first.article
    assert Article.objects.count() == articles
    assert ImportedSource.objects.filter(content_hash=content_hash(seed("003"))).count() == 1


def test_every_import_is_a_draft_with_its_report():
    result = release_import(text=seed("004"), filename="004.txt")
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == Status.DRAFT
    assert article not in Article.objects.published()
    report = ImportedSource.objects.get(article=article).report
    assert report["event_date"]["value"] == "2023-01-18"
    assert 0 < report["event_date"]["confidence"] <= 1
    assert report["region"]["value"].endswith("(21)")
    assert [q["speaker"] for q in report["quotes"]] == ["Hasyim Gautama"] * 2 + ["Robby Leo"]


def test_near_duplicate_of_an_archived_release_is_flagged_with_a_link():
    text = seed("002")
    body = "".join(
        f"<p>{line}</p>" for line in text.split("\n")[:8]
    )  # the same release as another site carried it
    other = ArticleFactory(body=body, event_date=datetime.date(2023, 4, 12))
    far_away = ArticleFactory(body=body, event_date=datetime.date(2022, 1, 1))
    result = release_import(text=text, filename="002.txt")
    ids = [d["id"] for d in result.source.report["duplicates"]]
    assert other.pk in ids
    assert far_away.pk not in ids  # outside ±30 days of the event date
    assert any("Likely duplicate" in w for w in result.source.report["warnings"])


def test_a_different_release_is_not_a_duplicate():
    # The archive already holds its own cleaned copy of every seed (fixtures/releases.json),
    # so seed 002 is a real duplicate of the archived Suara.com release; another release
    # of the same days (seed 001's text) is not.
    other = ArticleFactory(body="<p>" + seed("001") + "</p>", event_date=datetime.date(2023, 4, 11))
    archived = Article.objects.get(slug__startswith="dirjen-polpum-kemendagri-tekankan")
    result = release_import(text=seed("002"), filename="002.txt")
    duplicates = {d["id"]: d["similarity"] for d in result.source.report["duplicates"]}
    assert other.pk not in duplicates
    assert duplicates == {archived.pk: duplicates[archived.pk]}
    assert duplicates[archived.pk] >= 0.9


def test_importing_a_release_the_archive_already_has_flags_it():
    for prefix in ("000", "001", "003", "004"):
        result = release_import(text=seed(prefix), filename=f"{prefix}.txt")
        (duplicate,) = result.source.report["duplicates"]
        archived = Article.objects.get(pk=duplicate["id"])
        assert archived.status == Status.PUBLISHED
        assert archived.event_date == result.article.event_date


def test_dry_run_saves_nothing_but_reports():
    before = Article.objects.count()
    result = release_import(text=seed("000"), filename="000.txt", dry_run=True)
    assert result.status == "dry_run"
    assert result.report["event_date"]["value"] == "2023-07-21"
    assert Article.objects.count() == before
    assert not ImportedSource.objects.exists()


def test_unrecognised_publisher_is_a_clear_failure_not_a_crash():
    text = "Rapat Warga\n\nWarga berkumpul di balai desa pada Senin (2/1/2023) untuk rapat."
    result = release_import(text=text, filename="x.txt")
    assert result.status == "failed" and "publishing agency" in result.error
    agency = AgencyFactory(region=region("33.74"))
    result = release_import(text=text, filename="x.txt", publisher=agency)
    assert result.status == "created"
    assert result.article.publisher == agency
    assert result.article.region.code == "33.74"  # the publisher's region


def test_command_imports_a_folder_and_skips_on_the_second_run(tmp_path):
    out = StringIO()
    call_command("import_releases", str(SEEDS), stdout=out, stderr=StringIO())
    assert "created: 5" in out.getvalue()
    assert ImportedSource.objects.count() == 5
    out = StringIO()
    call_command("import_releases", str(SEEDS), stdout=out)
    assert "already imported: 5" in out.getvalue()
    assert ImportedSource.objects.count() == 5


def test_command_dry_run_writes_nothing():
    out = StringIO()
    call_command("import_releases", str(SEEDS), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue() and "WOULD CREATE" in out.getvalue()
    assert not ImportedSource.objects.exists()
    assert not Quote.objects.filter(article__status=Status.DRAFT).exists()


def test_command_refuses_unknown_publisher_and_reports_bad_files(tmp_path):
    with pytest.raises(CommandError, match="No agency"):
        call_command("import_releases", str(SEEDS), "--publisher", "tidak-ada")
    with pytest.raises(CommandError, match="Not found"):
        call_command("import_releases", str(tmp_path / "missing.txt"))
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Siaran pers \xe9t\xe9".encode("latin-1"))
    other = tmp_path / "notes.pdf"
    other.write_text("x")
    err = StringIO()
    call_command("import_releases", str(bad), str(other), stdout=StringIO(), stderr=err)
    assert "not UTF-8" in err.getvalue()
    assert "only .txt and .html" in err.getvalue()


def test_command_with_publisher_and_year(tmp_path):
    agency = AgencyFactory(region=region("21"))
    path = Path(tmp_path / "rakor.txt")
    path.write_text(
        "Rakor Kehumasan Digelar\n\nKepala Dinas Kominfo memimpin rakor, Rabu (18/01).",
        encoding="utf-8",
    )
    call_command(
        "import_releases",
        str(path),
        "--publisher",
        agency.slug,
        "--year",
        "2023",
        stdout=StringIO(),
    )
    article = ImportedSource.objects.get().article
    assert article.publisher == agency
    assert article.event_date == datetime.date(2023, 1, 18)
