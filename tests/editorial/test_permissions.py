"""The permission matrix, through real admin requests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, ArticleTransition, Status
from tests.factories import AppointmentFactory, EventFactory

from .conftest import BENGKALIS, INDRAMAYU
from .factories import draft
from .helpers import change_url, form_data, messages_of, transition_url

pytestmark = pytest.mark.django_db


def test_kontributor_cannot_see_edit_or_submit_a_bengkalis_draft(
    client, kontributor, indramayu, bengkalis
):
    own = draft(indramayu, INDRAMAYU, title="Rapat koordinasi Indramayu")
    other = draft(bengkalis, BENGKALIS, title="Rapat koordinasi Bengkalis")
    client.force_login(kontributor)

    listing = client.get(reverse("admin:articles_article_changelist"))
    assert listing.status_code == 200
    assert own.title in listing.text
    assert other.title not in listing.text

    assert client.get(change_url(other)).status_code == 404
    assert client.post(change_url(other), {"title": "x"}).status_code == 404
    assert client.post(transition_url(other, "submit")).status_code == 404
    assert client.get(reverse("admin:articles_article_preview", args=[other.pk])).status_code == 404
    assert client.get(reverse("admin:articles_article_history", args=[other.pk])).status_code in (
        302,
        404,
    )
    other.refresh_from_db()
    assert other.status == Status.DRAFT


def test_kontributor_submits_own_draft_but_cannot_publish_it(client, kontributor, indramayu):
    own = draft(indramayu, INDRAMAYU)
    client.force_login(kontributor)

    response = client.post(transition_url(own, "submit"), follow=True)
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED
    assert own.submitted_by == kontributor
    log = ArticleTransition.objects.get(article=own, action="submit")
    assert (log.from_status, log.to_status, log.by) == (Status.DRAFT, Status.SUBMITTED, kontributor)

    response = client.post(transition_url(own, "publish"), follow=True)
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED
    assert any("Redaktur" in message for message in messages_of(response))


def test_redaktur_publishes_a_submission_of_their_office(client, kontributor, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    client.force_login(redaktur)

    client.post(transition_url(article, "publish"))

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.reviewed_by == redaktur
    assert not article.needs_review
    assert client.get(article.get_absolute_url()).status_code == 200


def test_redaktur_cannot_publish_what_they_submitted(client, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    client.post(transition_url(article, "submit"))

    response = client.post(transition_url(article, "publish"), follow=True)

    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert any("orang lain" in message for message in messages_of(response))


def test_redaktur_cannot_publish_what_they_last_edited(client, kontributor, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    client.force_login(redaktur)
    form = client.get(change_url(article))
    data = form_data(form)
    data["lead"] = "Ringkasan yang diperbaiki redaktur."
    assert client.post(change_url(article), data).status_code == 302

    client.post(transition_url(article, "publish"))

    article.refresh_from_db()
    assert article.last_edited_by == redaktur
    assert article.status == Status.SUBMITTED


def test_redaktur_of_indramayu_cannot_publish_a_bengkalis_submission(client, redaktur, bengkalis):
    article = draft(bengkalis, BENGKALIS, status=Status.SUBMITTED)

    client.force_login(redaktur)
    assert client.post(transition_url(article, "publish")).status_code == 404

    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_bulk_publish_reports_each_refusal(client, kontributor, redaktur, indramayu):
    theirs = draft(indramayu, INDRAMAYU, title="Dari kontributor")
    mine = draft(indramayu, INDRAMAYU, title="Dari redaktur")
    client.force_login(kontributor)
    client.post(transition_url(theirs, "submit"))
    client.force_login(redaktur)
    client.post(transition_url(mine, "submit"))

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [theirs.pk, mine.pk]},
        follow=True,
    )

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.status == Status.PUBLISHED
    assert mine.status == Status.SUBMITTED
    assert any("Dari redaktur" in m and "tidak diubah" in m for m in messages_of(response))


def test_return_to_draft_needs_a_comment(client, kontributor, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    client.force_login(redaktur)

    response = client.post(transition_url(article, "return"), {"reason": ""})
    assert response.status_code == 200  # the form again, with its error
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED

    client.post(transition_url(article, "return"), {"reason": "Lengkapi kutipan bupati."})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.returned_comment == "Lengkapi kutipan bupati."


def test_publisher_autocomplete_offers_only_agencies_in_scope(
    client, kontributor, indramayu, bengkalis
):
    client.force_login(kontributor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "publisher",
            "term": "Disk",
        },
    )
    assert response.status_code == 200
    names = [row["text"] for row in response.json()["results"]]
    assert any("Indramayu" in name for name in names)
    assert not any("Bengkalis" in name for name in names)


def test_published_release_cannot_be_deleted_but_a_draft_can(client, redaktur, indramayu):
    published = draft(indramayu, INDRAMAYU, status=Status.PUBLISHED, published_at=timezone.now())
    unpublished = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)

    delete = reverse("admin:articles_article_delete", args=[published.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=published.pk).exists()

    delete = reverse("admin:articles_article_delete", args=[unpublished.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=unpublished.pk).exists()


def test_changelist_puts_submissions_first_in_a_fixed_number_of_queries(
    client, redaktur, indramayu
):
    for _ in range(3):
        draft(indramayu, INDRAMAYU)
    waiting = draft(indramayu, INDRAMAYU, status=Status.SUBMITTED, title="Menunggu tinjauan")
    client.force_login(redaktur)
    url = reverse("admin:articles_article_changelist")
    client.get(url)  # warm the session and content types

    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.context["cl"].result_list[0] == waiting
    for _ in range(15):
        draft(indramayu, INDRAMAYU)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    # Session, user, groups, scope (2), count (2), rows, four list filters, date
    # hierarchy, permissions: pinned so a per-row query shows up here.
    assert len(few) == 17


def test_change_form_does_a_fixed_number_of_queries_however_many_rows(client, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    url = change_url(article)
    client.get(url)

    def rows(count):
        for n in range(count):
            appointment = AppointmentFactory(agency=indramayu)
            article.official_links.create(official=appointment.official, appointment=appointment)
            article.quotes.create(speaker=appointment.official, text=f"Kutipan {n}.")
            ArticleEvent.objects.create(article=article, event=EventFactory())

    rows(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    rows(6)
    with CaptureQueriesContext(connection) as seven:
        response = client.get(url)
    assert response.status_code == 200
    # The autocompletes are labelled from the rows' joins, not a query per row.
    assert len(seven) == len(one)
    # Session, user, scope, the release, its region/publisher/agencies/topics labels,
    # the three inlines' rows with their joins, images, workflow log, permissions.
    assert len(one) == 20
    official = article.official_links.last().official
    assert f'<option value="{official.pk}" selected>{official}</option>' in response.text


def test_reference_data_is_read_only_for_editors(client, kontributor, indramayu):
    client.force_login(kontributor)
    url = reverse("admin:agencies_agency_change", args=[indramayu.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Diganti", "slug": indramayu.slug})
    assert response.status_code == 403
    indramayu.refresh_from_db()
    assert indramayu.name != "Diganti"
