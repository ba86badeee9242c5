"""generate_articles makes realistic, linked releases (small counts here; 1M in bench/)."""

import pytest
from django.core.management import call_command
from django.db import connection

from articles.management.commands.generate_articles import article_columns
from articles.models import Article, ArticleEvent, ArticleOfficial, Status
from articles.search import search_articles
from reports.rollups import monthly_report_from_counts
from reports.selectors import Month, monthly_report

pytestmark = pytest.mark.django_db


def test_generates_linked_releases_over_many_regions_and_years():
    before = Article.objects.count()
    call_command("generate_articles", count=2000, seed=3, batch=700, verbosity=0)
    made = Article.objects.filter(slug__startswith="gen3-")
    assert made.count() == 2000 == Article.objects.count() - before
    assert made.values("province").distinct().count() == 38
    assert made.values("region").distinct().count() > 400
    years = {d.year for d in made.exclude(published_at=None).dates("published_at", "year")}
    assert len(years) >= 10
    statuses = dict(
        (s, made.filter(status=s).count()) for s in (Status.PUBLISHED, Status.WITHDRAWN)
    )
    assert statuses[Status.PUBLISHED] > 1900 and statuses[Status.WITHDRAWN] > 0
    assert all(article.topics.exists() for article in made[:50])
    links = ArticleOfficial.objects.filter(article__in=made)
    assert links.count() > 1000
    assert not links.filter(appointment=None).exists()
    # Officials are named with the appointment they held on the release's day.
    for link in links.select_related("appointment", "article")[:200]:
        day = link.article.event_date
        assert link.appointment.start_date <= day
        assert link.appointment.end_date is None or day <= link.appointment.end_date
    assert ArticleEvent.objects.filter(article__in=made).count() > 300
    # The benchmark's marker word is in about half the releases.
    common = search_articles(made, "masyarakat").count()
    assert 800 < common < 1200


def test_dry_run_writes_nothing():
    before = Article.objects.count()
    call_command("generate_articles", count=50, seed=4, dry_run=True, verbosity=0)
    assert Article.objects.count() == before


def test_copy_fills_every_not_null_column_of_the_table():
    # Read from the database, not the model: a column added by any migration
    # (e.g. the editorial workflow's forced_publish_reason) must be covered.
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "articles_article")
    required = {column.name for column in table if not column.null_ok and column.default is None}
    assert {"title", "forced_publish_reason", "needs_review"} <= required
    assert required <= {column.column for column in article_columns()}


def test_columns_the_generator_does_not_know_get_their_model_default():
    call_command("generate_articles", count=30, seed=5, verbosity=0)
    made = Article.objects.filter(slug__startswith="gen5-")
    assert made.count() == 30
    assert set(made.values_list("forced_publish_reason", "needs_review", "returned_comment")) == {
        ("", False, "")
    }


def test_monthly_counts_are_recounted_at_the_end_and_the_triggers_are_back_on():
    call_command("generate_articles", count=1500, seed=6, batch=400, verbosity=0)
    published = Article.objects.published().order_by()
    months = [Month(day.year, day.month) for day in published.dates("published_at", "month")]
    assert len(months) > 100
    for month in months[:: len(months) // 12]:  # a dozen months over the ten years
        live = monthly_report(queryset=published, month=month)
        assert live.total.count > 0
        assert monthly_report_from_counts(month) == live, str(month)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'reports\\_%%' AND tgenabled = 'O'"
        )
        assert cursor.fetchone()[0] == 5
    # The next write is counted by the triggers again.
    article = published.filter(slug__startswith="gen6-").earliest("published_at")
    month = Month(article.published_at.year, article.published_at.month)
    before = monthly_report_from_counts(month).total.count
    Article.objects.filter(pk=article.pk).update(status=Status.RETRACTED)
    assert monthly_report_from_counts(month).total.count == before - 1
