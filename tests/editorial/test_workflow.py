"""Publication, scheduling, withdrawal, retraction and forced publication, through the admin."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTransition, Status
from tests.factories import AppointmentFactory, OfficialFactory

from .conftest import INDRAMAYU
from .factories import draft
from .helpers import change_url, form_data, messages_of, transition_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(client, kontributor, indramayu):
    article = draft(indramayu, INDRAMAYU, title="Bupati meresmikan pasar")
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    return article


def publish(client, article, **data):
    return client.post(transition_url(article, "publish"), data, follow=True)


def test_administrator_force_publishes_with_a_reason_and_it_stays_flagged(
    client, administrator, redaktur, indramayu
):
    article = draft(indramayu, INDRAMAYU, title="Siaran darurat banjir")
    client.force_login(administrator)

    publish(client, article)  # no reason: refused
    article.refresh_from_db()
    assert article.status == Status.DRAFT

    publish(client, article, force_reason="Peringatan banjir, redaktur tidak dapat dihubungi.")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.needs_review
    assert ArticleTransition.objects.get(article=article, action="force_publish").reason
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert "belum ditinjau" in listing.text  # "not yet reviewed"

    # The one who forced it cannot be its reviewer too.
    client.post(transition_url(article, "approve"))
    article.refresh_from_db()
    assert article.needs_review

    client.force_login(redaktur)
    client.post(transition_url(article, "approve"))
    article.refresh_from_db()
    assert not article.needs_review
    assert article.reviewed_by == redaktur


def test_redaktur_cannot_force_publish(client, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    response = publish(client, article, force_reason="Mendesak.")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert any("Administrator" in message for message in messages_of(response))


def test_scheduled_release_is_invisible_before_its_time_and_visible_after(
    client, submission, redaktur
):
    client.force_login(redaktur)
    at = timezone.localtime() + datetime.timedelta(days=2)
    publish(
        client,
        submission,
        published_at_0=at.strftime("%Y-%m-%d"),
        published_at_1=at.strftime("%H:%M:%S"),
    )
    submission.refresh_from_db()
    assert submission.status == Status.PUBLISHED
    assert submission.is_scheduled
    assert "Terjadwal" in client.get(reverse("admin:articles_article_changelist")).text
    client.logout()
    url = submission.get_absolute_url()
    assert client.get(url).status_code == 404

    later = timezone.now() + datetime.timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(url).status_code == 200


def test_withdrawal_needs_a_reason_and_keeps_the_page_online(client, submission, redaktur):
    client.force_login(redaktur)
    publish(client, submission)

    response = client.post(transition_url(submission, "withdraw"), {"reason": "  "})
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.status == Status.PUBLISHED

    client.post(transition_url(submission, "withdraw"), {"reason": "Data anggaran keliru."})
    submission.refresh_from_db()
    assert submission.status == Status.WITHDRAWN
    assert submission.withdrawn_at is not None
    client.logout()
    page = client.get(submission.get_absolute_url())
    assert page.status_code == 200
    assert "Data anggaran keliru." in page.text


def test_unpublished_in_error_answers_410(client, submission, redaktur):
    client.force_login(redaktur)
    publish(client, submission)
    client.post(transition_url(submission, "unpublish"), {"reason": "Terbit di kanal yang salah."})
    submission.refresh_from_db()
    assert submission.status == Status.RETRACTED
    client.logout()
    assert client.get(submission.get_absolute_url()).status_code == 410
    assert client.get("/articles/tidak-ada-sama-sekali/").status_code == 404


def test_staff_preview_of_an_unpublished_release(client, submission, redaktur):
    client.force_login(redaktur)
    preview = client.get(reverse("admin:articles_article_preview", args=[submission.pk]))
    assert preview.status_code == 200
    assert submission.title in preview.text
    client.logout()
    assert client.get(submission.get_absolute_url()).status_code == 404


def test_lost_update_is_refused_with_what_changed(client, redaktur, redaktur2, indramayu):
    article = draft(indramayu, INDRAMAYU, title="Judul awal")
    client.force_login(redaktur)
    first = form_data(client.get(change_url(article)))
    client.force_login(redaktur2)
    second = form_data(client.get(change_url(article)))

    client.force_login(redaktur)
    first["title"] = "Judul dari redaktur pertama"
    assert client.post(change_url(article), first).status_code == 302

    client.force_login(redaktur2)
    second["title"] = "Judul dari redaktur kedua"
    response = client.post(change_url(article), second)
    assert response.status_code == 200
    assert "Pengguna lain menyimpan siaran pers ini" in response.text
    assert "Judul dari redaktur pertama" in response.text  # what changed
    article.refresh_from_db()
    assert article.title == "Judul dari redaktur pertama"
    assert article.version == 2


@pytest.mark.parametrize(
    "payload",
    [
        '<script>alert("x")</script>',
        '<img src="x.png" alt="foto" onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        '<p onclick="alert(1)">teks</p>',
    ],
)
def test_xss_payloads_never_reach_the_database(client, redaktur, indramayu, payload):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    data = form_data(client.get(change_url(article)))
    data["body"] = f"<p>Isi.</p>{payload}"
    assert client.post(change_url(article), data).status_code == 302
    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    for forbidden in ("<script", "onerror", "onclick", "javascript:"):
        assert forbidden not in stored
    assert "<p>Isi.</p>" in stored


def test_new_release_from_the_admin_is_a_draft_with_a_unique_slug(client, kontributor, indramayu):
    draft(indramayu, INDRAMAYU, title="Sudah ada", slug="rapat-paripurna")
    client.force_login(kontributor)
    add_url = reverse("admin:articles_article_add")
    data = form_data(client.get(add_url))
    data.update(
        title="Rapat Paripurna",
        slug="rapat-paripurna",
        body="<p>Isi.</p>",
        region=str(indramayu.region_id),
        publisher=str(indramayu.pk),
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Article.objects.get(title="Rapat Paripurna")
    assert created.status == Status.DRAFT
    assert created.slug == "rapat-paripurna-2"
    assert created.created_by == kontributor


def test_kontributor_cannot_create_a_release_for_another_office(
    client, kontributor, indramayu, bengkalis
):
    client.force_login(kontributor)
    add_url = reverse("admin:articles_article_add")
    data = form_data(client.get(add_url))
    data.update(
        title="Bukan kantor saya",
        slug="bukan-kantor-saya",
        body="<p>Isi.</p>",
        region=str(bengkalis.region_id),
        publisher=str(bengkalis.pk),
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "publisher" in response.context["adminform"].form.errors
    assert not Article.objects.filter(title="Bukan kantor saya").exists()


def test_edit_in_substance_of_a_public_release_adds_a_public_change_note(
    client, submission, redaktur, redaktur2
):
    client.force_login(redaktur)
    publish(client, submission)
    client.force_login(redaktur2)
    data = form_data(client.get(change_url(submission)))
    data["body"] = "<p>Isi yang diperbaiki: jumlah pedagang 120, bukan 210.</p>"
    data["change_note"] = "Jumlah pedagang diperbaiki."
    assert client.post(change_url(submission), data).status_code == 302
    client.logout()
    page = client.get(submission.get_absolute_url())
    assert "Jumlah pedagang diperbaiki." in page.text
    assert "notice-updated" in page.text


def test_empty_role_is_filled_with_the_appointment_held_on_the_event_date(
    client, submission, redaktur, indramayu
):
    official = OfficialFactory(name="Nina Agustina")
    AppointmentFactory(
        official=official,
        agency=indramayu,
        title="Bupati Indramayu",
        start_date=datetime.date(2021, 2, 26),
        end_date=datetime.date(2025, 2, 20),
    )
    held = AppointmentFactory(
        official=official, agency=indramayu, title="Ketua Tim", start_date=datetime.date(2030, 1, 1)
    )
    submission.official_links.create(official=official)
    client.force_login(redaktur)
    publish(client, submission)
    link = submission.official_links.get()
    assert link.appointment is not None
    assert link.appointment.title == "Bupati Indramayu"
    assert link.appointment != held
