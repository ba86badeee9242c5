"""The list page's facet counts come from the shared cache and go stale exactly when
the editorial services publish, edit or withdraw a release (ops.cache.archive_changed,
called once the service's transaction commits)."""

import re

import pytest
from django.urls import reverse

from articles.models import Status
from articles.services import (
    WorkflowError,
    article_publish,
    article_submit,
    article_update,
    article_withdraw,
)
from ops.cache import archive_changed, archive_generation
from tests.editorial.factories import draft, editor, office

REGENCY = "32.12"  # Indramayu


@pytest.fixture
def newsroom_office(db):
    return office("Diskominfo Uji Cache", REGENCY)


def agency_count(client, agency) -> int:
    response = client.get(reverse("articles:article_list"), {"region": REGENCY})
    assert response.status_code == 200
    # Read from the page: a cached results part is not rendered again, so the facets are
    # not in the response's template context then.
    found = re.search(
        rf'agency={re.escape(agency.slug)}" data-facet="agency">[^<]*</a> '
        r'<span class="facet-count">\((\d+)\)',
        response.text,
    )
    return int(found[1]) if found else 0


@pytest.mark.django_db
def test_publishing_through_the_service_refreshes_cached_counts(
    client, newsroom_office, django_capture_on_commit_callbacks
):
    writer = editor("penulis-cache", "Kontributor", newsroom_office)
    publisher = editor("redaktur-cache", "Redaktur", newsroom_office)
    article = draft(newsroom_office, REGENCY)
    assert agency_count(client, newsroom_office) == 0

    generation = archive_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_submit(article=article, by=writer)
    assert callbacks  # every saving service schedules the bump for after the commit
    with django_capture_on_commit_callbacks(execute=True):
        article = article_publish(article=article, by=publisher)
    assert archive_generation() > generation
    assert agency_count(client, newsroom_office) == 1

    # A row written behind the services' back is not seen: the counts are cached …
    draft(newsroom_office, REGENCY, status=Status.PUBLISHED, published_at=article.published_at)
    assert agency_count(client, newsroom_office) == 1
    # … until the archive changes (here: an edit of the published release).
    with django_capture_on_commit_callbacks(execute=True):
        article.title += " (ralat)"
        article = article_update(article=article, by=publisher, expected_version=article.version)
    assert agency_count(client, newsroom_office) == 2

    # A withdrawn release stays public (with its notice), so the count stays, but the
    # generation moves on: fragments showing the release are rebuilt.
    generation = archive_generation()
    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(article=article, by=publisher, reason="Data keliru")
    assert archive_generation() > generation


@pytest.mark.django_db
def test_nothing_is_bumped_when_the_service_fails(newsroom_office):
    article = draft(newsroom_office, REGENCY)
    publisher = editor("redaktur-gagal", "Redaktur", newsroom_office)
    generation = archive_generation()
    with pytest.raises(WorkflowError):  # a draft cannot be withdrawn
        article_withdraw(article=article, by=publisher, reason="x")
    assert archive_generation() == generation
    archive_changed()
    assert archive_generation() > generation
