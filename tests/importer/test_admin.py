"""The admin import page: upload or paste, review, and bad files refused politely."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from agencies.models import Agency
from articles.models import Article, Status
from importer.models import ImportedSource
from tests.factories import ArticleFactory, UserFactory
from tests.importer.test_cleaning import seed

pytestmark = pytest.mark.django_db
URL = reverse("admin:importer_importedsource_upload")


@pytest.fixture
def editor_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_upload_creates_drafts_and_shows_what_was_recognised(editor_client):
    response = editor_client.post(
        URL,
        {
            "files": [
                upload("003.txt", seed("003").encode()),
                upload("004.txt", seed("004").encode()),
            ]
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert ImportedSource.objects.count() == 2
    draft = Article.objects.get(import_sources__filename="003.txt")
    assert draft.status == Status.DRAFT
    assert reverse("admin:articles_article_change", args=[draft.pk]) in page
    assert "2020-06-10" in page and "Kabupaten Bengkalis (14.03)" in page
    assert "weekday does not match" in page  # the caption's "Rabu, 9 Juni 2020"
    assert "Hasyim Gautama" in page and "Robby Leo" in page
    assert "%" in page  # confidence shown


def test_pasted_text_is_imported_and_a_second_paste_creates_nothing(editor_client):
    editor_client.post(URL, {"text": seed("001")})
    response = editor_client.post(URL, {"text": seed("001")})
    assert response.status_code == 200
    assert ImportedSource.objects.count() == 1
    assert "already imported" in response.content.decode()


def test_likely_duplicate_is_linked(editor_client):
    other = ArticleFactory(body="<p>" + seed("002")[:2500] + "</p>")
    other.event_date = "2023-04-11"
    other.save()
    response = editor_client.post(URL, {"files": [upload("002.txt", seed("002").encode())]})
    page = response.content.decode()
    assert "duplicate-link" in page
    assert reverse("admin:articles_article_change", args=[other.pk]) in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rilis.pdf", b"%PDF-1.4", "only .txt and .html"),
        ("rilis.txt", "Siaran pers \xe9t\xe9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_are_form_errors_not_crashes(editor_client, name, content, message):
    response = editor_client.post(URL, {"files": [upload(name, content)]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportedSource.objects.exists()


@override_settings(IMPORTER_MAX_UPLOAD_BYTES=1000)
def test_too_large_file_is_refused(editor_client):
    response = editor_client.post(URL, {"files": [upload("besar.txt", b"a " * 1000)]})
    assert "too large" in response.content.decode()
    assert not ImportedSource.objects.exists()


def test_empty_submission_says_what_to_do(editor_client):
    response = editor_client.post(URL, {})
    assert "Upload at least one file" in response.content.decode()


def test_page_needs_staff_with_permission(client):
    assert client.get(URL).status_code == 302  # to the admin login
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL).status_code == 403


def test_imported_record_shows_its_report(editor_client):
    editor_client.post(URL, {"text": seed("000")})
    source = ImportedSource.objects.get()
    response = editor_client.get(reverse("admin:importer_importedsource_change", args=[source.pk]))
    assert response.status_code == 200
    assert "2023-07-21" in response.content.decode()
    changelist = editor_client.get(reverse("admin:importer_importedsource_changelist"))
    assert URL in changelist.content.decode()


def test_a_bad_file_keeps_what_the_editor_typed(editor_client):
    publisher = Agency.objects.get(slug="diskominfo-kepri")
    response = editor_client.post(
        URL,
        {
            "files": [upload("rilis.pdf", b"%PDF-1.4")],
            "text": seed("004"),
            "publisher": publisher.pk,
            "context_year": "2023",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "only .txt and .html" in " ".join(form.errors["files"])
    page = response.content.decode()
    # Nothing lost: the pasted text, the publisher and the year are still in the form.
    assert "Hasyim Gautama yang pada kesempatan itu" in page
    assert f'<option value="{publisher.pk}" selected>' in page
    assert 'value="2023"' in page
    assert not ImportedSource.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.txt", b"", "empty"),
        ("utf16.txt", "Siaran pers Diskominfo".encode("utf-16-le"), "not UTF-8"),
        ("utf16bom.html", "<p>Siaran pers</p>".encode("utf-16"), "not UTF-8"),
    ],
)
def test_empty_and_wrongly_encoded_files_are_form_errors(editor_client, name, content, message):
    response = editor_client.post(URL, {"files": [upload(name, content)]})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["files"])
    assert not ImportedSource.objects.exists()


def test_malformed_html_is_still_read(editor_client):
    lines = seed("004").split("\n")
    broken = (
        "<html><head><title>Rilis</title><script>var x = '<p>';</script>"
        + "".join(f"<p class=>{line}<div>" for line in lines[:-2])  # never closed
        + "</span></td><p>(Indonesiatech)</b><p>Komentar"
    ).encode()
    response = editor_client.post(URL, {"files": [upload("rilis.html", broken)]})
    assert response.status_code == 200
    draft = Article.objects.get(import_sources__filename="rilis.html")
    assert draft.status == Status.DRAFT
    assert draft.event_date.isoformat() == "2023-01-18"
    assert "<" not in draft.title and "var x" not in draft.body
    assert "Komentar" not in draft.body


def test_a_page_without_release_text_is_refused_clearly(editor_client):
    furniture = b"<html><nav>Beranda</nav><script>x()</script><p>Baca Juga</p><p>Komentar</p>"
    response = editor_client.post(URL, {"files": [upload("kosong.html", furniture)]})
    assert response.status_code == 200
    assert "No release text was found" in response.content.decode()
    assert not ImportedSource.objects.exists()
