"""History (readable diff, revert as a recorded change) and login throttling."""

import pytest
from django.urls import reverse

from articles.models import ArticleTransition

from .conftest import INDRAMAYU
from .factories import PASSWORD, draft
from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def edit(client, article, **changes):
    data = form_data(client.get(change_url(article)))
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()


def test_history_shows_a_field_by_field_diff_and_reverts_as_a_new_version(
    client, redaktur, indramayu
):
    article = draft(indramayu, INDRAMAYU, title="Judul pertama", body="<p>Paragraf satu.</p>")
    client.force_login(redaktur)
    edit(client, article, title="Judul kedua", body="<p>Paragraf satu.</p><p>Paragraf dua.</p>")
    first = article.history.order_by("history_id").first()
    latest = article.history.order_by("history_id").last()

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    version_url = reverse("admin:articles_article_version", args=[article.pk, latest.history_id])
    assert version_url in history.text

    diff = client.get(version_url)
    assert diff.status_code == 200
    changed = {change.field: change for change in diff.context["changes"]}
    assert set(changed) == {"title", "body"}
    assert (changed["title"].old, changed["title"].new) == ("Judul pertama", "Judul kedua")
    assert "+Paragraf dua." in changed["body"].text_diff

    revert_url = reverse("admin:articles_article_revert", args=[article.pk, first.history_id])
    client.post(revert_url, {"reason": ""})  # a revert needs a reason
    article.refresh_from_db()
    assert article.title == "Judul kedua"

    client.post(revert_url, {"reason": "Judul kedua keliru."})
    article.refresh_from_db()
    assert article.title == "Judul pertama"
    assert article.body == "<p>Paragraf satu.</p>"
    newest = article.history.order_by("history_id").last()
    assert newest.history_id > latest.history_id
    assert newest.history_user == redaktur
    assert "Judul kedua keliru." in newest.history_change_reason


def test_history_of_an_agency_has_a_readable_diff(client, administrator, indramayu):
    client.force_login(administrator)
    indramayu.short_name = "Kominfo Indramayu"
    indramayu.save()
    latest = indramayu.history.order_by("history_id").last()
    response = client.get(
        reverse("admin:agencies_agency_version", args=[indramayu.pk, latest.history_id])
    )
    assert response.status_code == 200
    assert [change.field for change in response.context["changes"]] == ["short_name"]


def test_every_transition_is_recorded_with_who_and_why(client, kontributor, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(kontributor)
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "submit"]))
    client.force_login(redaktur)
    client.post(
        reverse("admin:articles_article_transition", args=[article.pk, "return"]),
        {"reason": "Tambahkan foto."},
    )
    log = list(ArticleTransition.objects.filter(article=article).order_by("at", "id"))
    assert [(row.action, row.by) for row in log] == [
        ("submit", kontributor),
        ("return", redaktur),
    ]
    assert log[1].reason == "Tambahkan foto."


def test_login_is_locked_after_repeated_failures(client, redaktur):
    login = reverse("admin:login")
    for _ in range(5):
        response = client.post(login, {"username": redaktur.username, "password": "salah-salah"})
        assert "_auth_user_id" not in client.session
    response = client.post(login, {"username": redaktur.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works_with_the_right_password(client, redaktur):
    response = client.post(
        reverse("admin:login"), {"username": redaktur.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(redaktur.pk)
