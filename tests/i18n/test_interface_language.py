"""The interface speaks Indonesian unless the reader asks for English: by the
switcher in the page header (a plain form, no JavaScript) or by Accept-Language."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client

from articles.models import Article

pytestmark = pytest.mark.django_db

# The seed release of Friday 21 July 2023 (published that day at 17:00 WIB).
JULY_21 = datetime.date(2023, 7, 21)


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def july_release():
    return Article.objects.get(event_date=JULY_21)


def language_form(html: str) -> dict:
    """The switcher form of base.html: its action, method and fields, as a browser
    without JavaScript would submit it."""
    form = re.search(
        r'<form class="language-form"(?P<attrs>[^>]*)>(?P<body>.*?)</form>', html, re.S
    )
    assert form, "no language switcher on the page"
    attrs, body = form["attrs"], form["body"]
    inputs = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', body))
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', body)
    return {
        "action": re.search(r'action="([^"]+)"', attrs)[1],
        "method": re.search(r'method="([^"]+)"', attrs)[1],
        "inputs": inputs,
        "options": options,
        "has_submit_button": '<button type="submit">' in body,
    }


# --- Indonesian by default -----------------------------------------------------------


def test_home_page_is_indonesian_by_default(client):
    response = client.get("/")
    html = html_of(response)
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in html
    assert "Siaran pers terbaru" in html
    assert "Jelajahi menurut provinsi" in html
    assert "Kegiatan dan kampanye" in html
    assert "Langsung ke konten" in html
    assert "Jumat, 21 Juli 2023" in html
    assert "Latest press releases" not in html
    assert "Browse by province" not in html


def test_list_page_is_indonesian_by_default(client):
    html = html_of(client.get("/articles/"))
    published = Article.objects.published().count()
    assert f"{published} siaran pers ditemukan" in html
    assert "Seluruh Indonesia" in html
    assert "Terbaru dahulu" in html
    assert ">Cari</button>" in html
    assert "releases found" not in html


def test_list_page_error_messages_are_indonesian(client):
    response = client.get("/articles/", {"region": "99.99"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Beberapa parameter pencarian tidak valid" in html
    assert "Kode wilayah tidak dikenal." in html
    assert "Unknown region code." not in html


def test_article_page_is_indonesian_by_default(client, july_release):
    html = html_of(client.get(july_release.get_absolute_url()))
    assert "<dt>Diterbitkan</dt>" in html
    assert "<dt>Tanggal kegiatan</dt>" in html
    assert "<dt>Penerbit</dt>" in html
    assert "Pejabat yang disebut" in html
    assert "Jumat, 21 Juli 2023" in html
    assert "Date of the event" not in html


def test_the_switcher_names_each_language_in_its_own_language(client):
    form = language_form(html_of(client.get("/")))
    assert form["options"] == [("id", "Bahasa Indonesia"), ("en", "English")]
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]


# --- English on request ---------------------------------------------------------------


def test_switching_to_english_with_the_form_without_javascript(july_release):
    browser = Client(enforce_csrf_checks=True)
    page = july_release.get_absolute_url()
    form = language_form(html_of(browser.get(page)))
    assert form["action"] == "/i18n/setlang/"
    assert form["method"] == "post"
    assert form["has_submit_button"]
    assert form["inputs"]["next"] == page

    response = browser.post(form["action"], {**form["inputs"], "language": "en"})
    assert response.status_code == 302
    assert response["Location"] == page

    html = html_of(browser.get(page))
    assert '<html lang="en">' in html
    assert "<dt>Date of the event</dt>" in html
    assert "<dt>Publisher</dt>" in html
    assert "Friday, 21 July 2023" in html
    assert "Jumat, 21 Juli 2023" not in html
    # The choice sticks on the other pages, and switching back restores Indonesian.
    home = html_of(browser.get("/"))
    assert "Latest press releases" in home
    listing = html_of(browser.get("/articles/"))
    assert f"{Article.objects.published().count()} releases found" in listing
    token = language_form(home)["inputs"]["csrfmiddlewaretoken"]
    browser.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "id", "next": "/"})
    assert "Siaran pers terbaru" in html_of(browser.get("/"))


def test_switching_language_needs_the_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    browser.get("/")
    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403


@pytest.mark.parametrize("header", ["en", "en-US,en;q=0.9", "en-GB,id;q=0.5"])
def test_accept_language_english_gets_english(client, july_release, header):
    response = client.get(july_release.get_absolute_url(), headers={"accept-language": header})
    html = html_of(response)
    assert response["Content-Language"] == "en"
    assert "<dt>Date of the event</dt>" in html
    assert "Friday, 21 July 2023" in html


@pytest.mark.parametrize("header", ["fr", "id-ID,id;q=0.9,en;q=0.5", "ms"])
def test_other_accept_languages_get_indonesian(client, header):
    html = html_of(client.get("/", headers={"accept-language": header}))
    assert "Siaran pers terbaru" in html


# --- The admin ---------------------------------------------------------------------------


@pytest.fixture
def editor_in_chief(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="i18n-admin", email="i18n-admin@example.id", password="not-used-here-1"
    )
    client.force_login(user)
    return client


def test_admin_index_is_indonesian(editor_in_chief):
    html = html_of(editor_in_chief.get(f"/{settings.ADMIN_URL}"))
    assert "Administrasi Newsroom" in html  # ours
    assert "Arsip siaran pers pemerintah" in html
    assert "Wilayah, instansi, dan pejabat" in html
    assert "Keluar" in html  # Django's own catalog
    assert "Newsroom administration" not in html


def test_admin_press_release_list_is_indonesian(editor_in_chief):
    html = html_of(editor_in_chief.get(f"/{settings.ADMIN_URL}articles/article/"))
    assert "Diterbitkan" in html
    assert "Ajukan siaran pers terpilih untuk ditinjau" in html
    assert "Submit selected releases for review" not in html
