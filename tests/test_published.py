import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_submissions_future_and_retracted_releases():
    now = timezone.now()
    visible = ArticleFactory(published_at=now - datetime.timedelta(minutes=1))
    withdrawn = ArticleFactory(
        status=Status.WITHDRAWN, withdrawal_reason="Data keliru", published_at=now
    )
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    submitted = ArticleFactory(status=Status.SUBMITTED, published_at=None)
    scheduled = ArticleFactory(published_at=now + datetime.timedelta(hours=2))
    retracted = ArticleFactory(status=Status.RETRACTED)

    public = set(Article.objects.published().values_list("pk", flat=True))
    assert visible.pk in public
    assert withdrawn.pk in public  # stays online with its withdrawal notice
    for hidden in (draft, submitted, scheduled, retracted):
        assert hidden.pk not in public
    assert scheduled.is_scheduled and not scheduled.is_public


def test_a_published_release_must_have_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Status.PUBLISHED, published_at=None)


def test_province_is_derived_from_the_region():
    article = ArticleFactory()
    assert article.region.code == "32.12"
    assert article.province.code == "32"


def test_body_html_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="steal()">Halo <script>alert(1)</script>'
        '<a href="javascript:alert(1)">tautan</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "Halo" in article.body
