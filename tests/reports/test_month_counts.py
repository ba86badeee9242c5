"""The pre-computed monthly counts give exactly the live report, whatever writes.

``reports.MonthCount`` rows are kept by PostgreSQL triggers; each test changes
releases or their links the way the application (or a bulk SQL write) does and
compares the report read from the counts with the one counted live.
"""

import datetime

from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleEvent, ArticleOfficial, Status
from reports.models import MonthCount
from reports.rollups import can_use_month_counts, monthly_report_from_counts
from reports.selectors import Month, monthly_report
from tests.factories import region

from .conftest import jakarta, release

URL = "/reports/monthly/"
MONTHS = [Month(2019, 2), Month(2019, 3), Month(2019, 4), Month(2023, 1), Month(2020, 6)]


def assert_counts_match_live(*months: Month) -> None:
    for month in months or MONTHS:
        live = monthly_report(queryset=Article.objects.published().order_by(), month=month)
        assert monthly_report_from_counts(month) == live, str(month)


def test_counts_match_the_live_report_for_the_world_and_the_seed_data(world):
    assert_counts_match_live()
    march = monthly_report_from_counts(Month(2019, 3))
    assert (march.total.count, march.total.previous_month, march.total.year_before) == (4, 2, 1)
    assert [(r.label, r.count) for r in march.by_event] == [
        ("Pemilu Serentak 2019", 3),
        ("Gerakan Bersih Sungai", 1),
    ]
    assert [(r.label, r.count, r.detail) for r in march.by_official] == [
        ("Kadis Uji", 2, "Kepala Dinas Kominfo"),
        ("Walikota Uji", 2, "Plt. Wali Kota Bandung"),
    ]
    january_2023 = monthly_report_from_counts(Month(2023, 1))
    assert january_2023.total.count == 2


def test_status_changes_and_deletes_are_counted(world):
    first, second, _third, riau = world.march
    first.status = Status.WITHDRAWN  # still public: still counted
    first.withdrawal_reason = "Diganti rilis yang diperbarui."
    first.save()
    second.status = Status.RETRACTED
    second.save()
    world.hidden[0].status = Status.PUBLISHED  # a draft published
    world.hidden[0].save()
    riau.delete()
    assert_counts_match_live()
    assert monthly_report_from_counts(Month(2019, 3)).total.count == 3


def test_redating_and_moving_a_release_moves_every_count(world):
    first, second, *_ = world.march
    second.published_at = jakarta(2019, 4, 30, 23, 59)
    second.save()
    first.region = region("14")
    first.publisher = world.riau_office
    first.save()
    assert first.province_id == region("14").pk
    assert_counts_match_live()
    april = monthly_report_from_counts(Month(2019, 4))
    assert ("Gerakan Bersih Sungai", 1) in [(r.label, r.count) for r in april.by_event]


def test_link_changes_are_counted(world):
    first, second, third, riau = world.march
    third.events.add(world.campaign)
    riau.topics.add(world.health, world.roads)
    second.topics.remove(world.health)
    first.topics.clear()
    ArticleEvent.objects.filter(article=riau).delete()
    link = ArticleOfficial.objects.get(article=second, official=world.head)
    link.appointment = None  # the role not known
    link.save()
    ArticleOfficial.objects.filter(article=first).delete()
    world.health.articles.add(world.hidden[0])  # a draft: not counted
    assert_counts_match_live()


def test_bulk_writes_that_skip_signals_are_counted_too(world):
    Article.objects.filter(pk__in=[a.pk for a in world.march[:2]]).update(
        published_at=jakarta(2019, 2, 14)
    )
    Article.objects.filter(pk=world.march[3].pk).update(status=Status.DRAFT)
    assert_counts_match_live()


def test_counts_are_kept_in_the_writing_transaction(world, django_capture_on_commit_callbacks):
    """Nothing waits for a commit: a rolled-back write leaves the counts as they were."""
    from django.db import transaction

    before = list(MonthCount.objects.order_by("pk").values_list("pk", "releases"))
    try:
        with transaction.atomic():
            release(when=jakarta(2019, 3, 9), publisher=world.bandung_office, topics=[world.roads])
            assert monthly_report_from_counts(Month(2019, 3)).total.count == 5
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert list(MonthCount.objects.order_by("pk").values_list("pk", "releases")) == before


def test_counts_serve_only_a_whole_past_month_seen_by_an_administrator():
    this_month = Month.current()
    assert connection.vendor == "postgresql"
    assert can_use_month_counts(month=Month(2019, 3), is_administrator=True, filtered=False)
    assert not can_use_month_counts(month=Month(2019, 3), is_administrator=False, filtered=False)
    assert not can_use_month_counts(month=Month(2019, 3), is_administrator=True, filtered=True)
    assert not can_use_month_counts(month=this_month, is_administrator=True, filtered=False)


def test_a_scheduled_release_of_the_current_month_is_not_reported(staff_client, world):
    """The counts include a release the moment it is scheduled; the page of a
    month not yet over is counted live, so it is not shown before its time."""
    now = timezone.localtime()
    month = Month.current()
    due = now + datetime.timedelta(minutes=5)
    if (due.year, due.month) != (month.year, month.month):  # the last minutes of a month
        due = now
    release(when=due, publisher=world.bandung_office, status=Status.PUBLISHED)
    live = monthly_report(queryset=Article.objects.published().order_by(), month=month)
    response = staff_client.get(URL, {"month": str(month)})
    assert response.context["report"] == live


def test_filtered_and_editor_reports_of_a_past_month_are_counted_live(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03", "region": "14"})
    assert response.context["report"].total.count == 1
    assert [r.label for r in response.context["report"].by_agency] == ["Diskominfo Provinsi Riau"]
