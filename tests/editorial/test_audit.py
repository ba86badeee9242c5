"""What the first session left unchecked: group permissions, the login cool-off,
password validators, unscheduling, alt text in the body, the staff preview banner,
and who may edit a published release."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import Status

from .conftest import INDRAMAYU
from .factories import PASSWORD, draft
from .helpers import change_url, form_data, messages_of, transition_url

pytestmark = pytest.mark.django_db


def perms(group: str) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=group).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_groups_from_the_migration_have_the_right_permissions():
    kontributor, redaktur, administrator = (
        perms("Kontributor"),
        perms("Redaktur"),
        perms("Administrator"),
    )
    # Kontributor writes drafts and submits them; reference data is read-only.
    assert {"articles.add_article", "articles.change_article", "articles.view_article"} <= (
        kontributor
    )
    assert "articles.publish_article" not in kontributor
    assert "agencies.change_agency" not in kontributor
    # Redaktur reviews, publishes, schedules, withdraws; and imports (issue #7).
    assert kontributor < redaktur
    assert {"articles.publish_article", "importer.add_importedsource"} <= redaktur
    assert "articles.force_publish_article" not in redaktur
    assert not {"auth.change_user", "agencies.change_agency", "articles.change_event"} & redaktur
    # Administrator: everything, users and reference data included.
    assert redaktur <= administrator
    assert {
        "articles.force_publish_article",
        "auth.add_user",
        "auth.change_user",
        "accounts.change_editorprofile",
        "agencies.change_agency",
        "agencies.change_official",
        "agencies.change_appointment",
        "articles.change_event",
        "articles.change_topic",
    } <= administrator


def test_login_lockout_lifts_after_the_cool_off(client, redaktur):
    login = reverse("admin:login")
    for _ in range(5):
        client.post(login, {"username": redaktur.username, "password": "salah-salah"})
    right = {"username": redaktur.username, "password": PASSWORD}
    assert client.post(login, right).status_code == 429
    # Fifteen minutes pass: the failures are older than the cool-off.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    response = client.post(login, right)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(redaktur.pk)


def test_weak_passwords_are_refused_in_the_admin(client, administrator, kontributor):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[kontributor.pk])
    for weak in ("12345678", "password123", kontributor.username):
        response = client.post(url, {"password1": weak, "password2": weak})
        assert response.status_code == 200
        assert response.context["form"].errors, weak
    kontributor.refresh_from_db()
    assert kontributor.check_password(PASSWORD)
    strong = "Sinyal-Pantura-2024!"
    response = client.post(url, {"password1": strong, "password2": strong})
    assert response.status_code == 302
    kontributor.refresh_from_db()
    assert kontributor.check_password(strong)


def test_only_administrators_manage_users(client, redaktur):
    client.force_login(redaktur)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_scheduled_release_is_unscheduled_by_returning_it_not_withdrawn(
    client, kontributor, redaktur, indramayu
):
    article = draft(indramayu, INDRAMAYU, title="Jadwal rapat paripurna")
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    client.force_login(redaktur)
    at = timezone.localtime() + datetime.timedelta(days=1)
    client.post(
        transition_url(article, "publish"),
        {"published_at_0": at.strftime("%Y-%m-%d"), "published_at_1": at.strftime("%H:%M:%S")},
    )
    article.refresh_from_db()
    assert article.is_scheduled

    form = client.get(change_url(article))
    assert gettext("Scheduled") in form.context["state_label"]
    assert [action for action, _ in form.context["workflow_buttons"]] == ["return", "unpublish"]

    refused = client.post(transition_url(article, "withdraw"), {"reason": "Batal."}, follow=True)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert messages_of(refused)  # says why

    client.post(transition_url(article, "return"), {"reason": "Tanggal rapat berubah."})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.returned_comment == "Tanggal rapat berubah."
    later = timezone.now() + datetime.timedelta(days=2)
    client.logout()
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_body_images_need_alt_text(client, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    data = form_data(client.get(change_url(article)))
    data["body"] = '<p>Isi.</p><img src="/media/foto.jpg"><img src="/media/b.jpg" alt=" ">'
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["body"]
    assert [error.code for error in errors] == ["image_without_alt"]
    article.refresh_from_db()
    assert "<img" not in article.body

    data = form_data(client.get(change_url(article)))
    data["body"] = '<p>Isi.</p><img src="/media/foto.jpg" alt="Bupati membuka rapat">'
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert 'alt="Bupati membuka rapat"' in article.body


def test_preview_says_it_is_a_staff_preview_and_its_state(client, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU, status=Status.SUBMITTED)
    client.force_login(redaktur)
    preview = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert preview.status_code == 200
    assert "notice-preview" in preview.text
    assert preview.context["preview_state"] == Status.SUBMITTED.label
    assert preview["X-Robots-Tag"] == "noindex"
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "notice-preview" not in client.get("/").text


def test_kontributor_cannot_edit_a_published_release(client, kontributor, indramayu):
    article = draft(
        indramayu, INDRAMAYU, status=Status.PUBLISHED, published_at=timezone.now(), title="Terbit"
    )
    client.force_login(kontributor)
    data = form_data(client.get(change_url(article)))
    data["title"] = "Diubah kontributor"
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.title == "Terbit"
    assert any("Redaktur" in message for message in messages_of(response))


def test_redaktur_list_shows_what_waits_for_their_review_first(
    client, kontributor, redaktur, indramayu
):
    draft(indramayu, INDRAMAYU, title="Draf biasa")
    own = draft(indramayu, INDRAMAYU, title="Diajukan redaktur sendiri")
    theirs = draft(indramayu, INDRAMAYU, title="Diajukan kontributor")
    client.force_login(redaktur)
    client.post(transition_url(own, "submit"))
    client.force_login(kontributor)
    client.post(transition_url(theirs, "submit"))
    draft(indramayu, INDRAMAYU, title="Draf terbaru")  # most recently updated

    client.force_login(redaktur)
    rows = list(client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list)
    assert rows[0] == theirs  # theirs to review
    assert rows[1] == own  # waits for someone else


def test_behind_a_proxy_lockout_is_per_client_not_per_proxy(client, redaktur, settings):
    settings.LOGIN_THROTTLE_PROXY_COUNT = 1
    login = reverse("admin:login")
    wrong = {"username": redaktur.username, "password": "salah-salah"}
    right = {"username": redaktur.username, "password": PASSWORD}
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.5"}
    for _ in range(5):
        client.post(login, wrong, **attacker)
    assert client.post(login, right, **attacker).status_code == 429
    # Spoofing the left of the header does not escape: the proxy's entry is used.
    spoofed = {**attacker, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5"}
    assert client.post(login, right, **spoofed).status_code == 429
    # The editor, from their own office through the same proxy, still logs in.
    office = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    response = client.post(login, right, **office)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(redaktur.pk)


def test_view_on_site_is_the_preview_until_the_release_is_public(client, redaktur, indramayu):
    unpublished = draft(indramayu, INDRAMAYU)
    public = draft(indramayu, INDRAMAYU, status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(redaktur)
    preview = reverse("admin:articles_article_preview", args=[unpublished.pk])
    assert client.get(change_url(unpublished)).context["absolute_url"] == preview
    assert client.get(change_url(public)).context["absolute_url"] == public.get_absolute_url()
    assert client.get(preview).status_code == 200
