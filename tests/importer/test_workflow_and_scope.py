"""Imports go through the editorial workflow and stay within the editor's offices.

The seed offices of the reference data are used: Diskominfo Indramayu (seed 001)
and Diskominfotik Bengkalis (seed 003).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Agency
from articles.models import Article, ArticleTransition, Status
from importer.models import ImportedSource
from importer.services import release_import
from tests.editorial.factories import editor
from tests.factories import ArticleFactory, region
from tests.importer.test_cleaning import seed

pytestmark = pytest.mark.django_db
URL = reverse("admin:importer_importedsource_upload")


@pytest.fixture
def indramayu_office():
    return Agency.objects.get(slug="diskominfo-indramayu")


@pytest.fixture
def bengkalis_office():
    return Agency.objects.get(slug="diskominfotik-bengkalis")


@pytest.fixture
def redaktur(indramayu_office):
    return editor("redaktur-impor-indramayu", "Redaktur", indramayu_office)


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_the_draft_is_made_by_the_workflow_service(redaktur):
    result = release_import(text=seed("001"), filename="001.txt", by=redaktur)
    assert result.status == "created", result.error
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == Status.DRAFT and article.published_at is None
    assert article.version == 1
    assert article.created_by == redaktur and article.last_edited_by == redaktur
    (transition,) = ArticleTransition.objects.filter(article=article)
    assert (transition.action, transition.to_status, transition.by) == (
        "create",
        Status.DRAFT,
        redaktur,
    )
    record = article.history.get()
    assert record.history_user == redaktur and record.history_change_reason == "Created"
    # The slug of the archived copy of the same release is taken: a new one is made.
    assert article.slug != Article.objects.get(pk=result.source.report["duplicates"][0]["id"]).slug


def test_a_dry_run_outside_the_editors_offices_says_it_would_be_refused(redaktur):
    result = release_import(text=seed("003"), filename="003.txt", by=redaktur, dry_run=True)
    assert result.status == "failed"
    assert "outside your offices" in result.error


def test_an_editor_imports_only_for_their_own_offices(redaktur):
    before = Article.objects.count()
    result = release_import(text=seed("003"), filename="003.txt", by=redaktur)
    assert result.status == "failed"
    assert "outside your offices" in result.error
    assert Article.objects.count() == before
    assert not ImportedSource.objects.exists()
    # Refused, not remembered: someone of the Bengkalis office can still import it.
    bengkalis_editor = editor(
        "redaktur-impor-bengkalis", "Redaktur", Agency.objects.get(slug="diskominfotik-bengkalis")
    )
    again = release_import(text=seed("003"), filename="003.txt", by=bengkalis_editor)
    assert again.status == "created"


def test_a_user_who_may_not_write_releases_cannot_import(indramayu_office):
    from tests.factories import UserFactory

    reader = UserFactory(is_staff=True)
    result = release_import(text=seed("001"), filename="001.txt", by=reader)
    assert result.status == "failed" and "may not write releases" in result.error
    assert not ImportedSource.objects.exists()


def test_upload_page_for_a_redaktur_is_scoped(client, redaktur, indramayu_office, bengkalis_office):
    client.force_login(redaktur)
    page = client.get(URL)
    assert page.status_code == 200
    choices = {str(pk) for pk, _ in page.context["form"].fields["publisher"].choices if pk}
    assert str(indramayu_office.pk) in choices
    assert str(bengkalis_office.pk) not in choices

    # Naming another office as the publisher is a form error; nothing is imported.
    refused = client.post(URL, {"text": seed("003"), "publisher": bengkalis_office.pk})
    assert refused.status_code == 200
    assert "publisher" in refused.context["form"].errors
    assert not ImportedSource.objects.exists()

    response = client.post(
        URL,
        {
            "files": [
                upload("001.txt", seed("001").encode()),
                upload("003.txt", seed("003").encode()),
            ]
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "outside your offices" in page  # 003, Bengkalis
    (source,) = ImportedSource.objects.all()
    assert source.filename == "001.txt" and source.created_by == redaktur
    assert source.article.publisher == indramayu_office
    assert reverse("admin:articles_article_change", args=[source.article.pk]) in page
    # The draft opens in the article admin for the editor who imported it.
    assert (
        client.get(reverse("admin:articles_article_change", args=[source.article.pk])).status_code
        == 200
    )


def test_kontributor_may_import_drafts_too(client, indramayu_office):
    kontributor = editor("kontributor-impor", "Kontributor", indramayu_office)
    client.force_login(kontributor)
    response = client.post(URL, {"text": seed("001")})
    assert response.status_code == 200
    assert ImportedSource.objects.get().article.status == Status.DRAFT


def test_import_records_are_listed_within_scope(client, redaktur, admin_user):
    release_import(text=seed("003"), filename="003.txt", by=admin_user)
    release_import(text=seed("001"), filename="001.txt", by=redaktur)
    client.force_login(redaktur)
    listing = client.get(reverse("admin:importer_importedsource_changelist"))
    assert listing.status_code == 200
    assert "001.txt" in listing.content.decode()
    assert "003.txt" not in listing.content.decode()
    other = ImportedSource.objects.get(filename="003.txt")
    response = client.get(reverse("admin:importer_importedsource_change", args=[other.pk]))
    assert response.status_code == 404  # outside the editor's scope, also by direct URL
    assert Article.objects.filter(pk=other.article_id).exists()


def test_duplicates_shown_to_an_editor_leave_out_other_offices_drafts(redaktur, bengkalis_office):
    text = seed("001")
    foreign_draft = ArticleFactory(
        body="".join(f"<p>{line}</p>" for line in text.split("\n")),
        event_date=datetime.date(2023, 1, 3),
        status=Status.DRAFT,
        published_at=None,
        publisher=bengkalis_office,
        region=region("14.03"),
    )
    result = release_import(text=text, filename="001.txt", by=redaktur)
    ids = {duplicate["id"] for duplicate in result.source.report["duplicates"]}
    archived = Article.objects.published().get(slug__startswith="ditjen-polpum-kemendagri-gelar")
    assert archived.pk in ids  # public: flagged
    assert foreign_draft.pk not in ids  # another office's unpublished draft: not shown
    # An archive administrator sees it.
    result = release_import(text=text + "\nTambahan.", filename="001b.txt")
    assert foreign_draft.pk in {duplicate["id"] for duplicate in result.source.report["duplicates"]}


def test_a_text_another_office_imported_is_not_shown_to_an_editor(redaktur, admin_user):
    first = release_import(text=seed("003"), filename="003.txt", by=admin_user)
    again = release_import(text=seed("003"), filename="003.txt", by=redaktur)
    assert again.status == "already_imported"
    assert again.article is None and again.report == {}
    assert "another office" in again.error
    assert Article.objects.filter(pk=first.article.pk).count() == 1
    mine = release_import(text=seed("001"), filename="001.txt", by=redaktur)
    assert release_import(text=seed("001"), filename="001.txt", by=redaktur).article == (
        mine.article
    )
