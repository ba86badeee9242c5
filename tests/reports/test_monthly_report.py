"""The monthly report page: figures, comparisons, scope, access and bad input."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.scope import ADMINISTRATOR_GROUP
from articles.models import Status
from reports.selectors import Month, report_cache_timeout
from tests.factories import TopicFactory, UserFactory

from .conftest import editor_of, jakarta, release

URL = "/reports/monthly/"


def test_month_parses_only_year_dash_month():
    assert Month.parse("2023-07") == Month(2023, 7)
    for bad in ["2023-7", "2023-13", "2023-00", "23-07", "2023/07", "juli", "", "2023-07-01"]:
        with pytest.raises(ValueError):
            Month.parse(bad)


def test_month_neighbours_and_days():
    assert Month(2023, 1).previous() == Month(2022, 12)
    assert Month(2023, 12).next() == Month(2024, 1)
    assert Month(2024, 3).year_before() == Month(2023, 3)
    assert len(Month(2024, 2).days) == 29
    assert len(Month(2023, 2).days) == 28


def test_the_report_url_is_reports_monthly():
    assert reverse("reports:monthly") == URL


def figures(response, key):
    """{label: count} of one breakdown table as rendered."""
    html = response.content.decode()
    table = re.search(rf'data-breakdown="{key}".*?</table>', html, re.S).group(0)
    rows = re.findall(
        r'<th scope="row">(.*?)</th>(?:<td>(.*?)</td>)?<td class="num">(\d+)</td>', table
    )
    return {(label, detail): int(count) for label, detail, count in rows}


def test_report_counts_every_breakdown(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03"})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.total.count == 4
    assert report.total.previous_month == 2
    assert report.total.year_before == 1
    assert [(r.label, r.count) for r in report.by_province] == [("Jawa Barat", 3), ("Riau", 1)]
    # The Riau release is filed under the whole province: no regency line for it.
    assert [(r.label, r.count) for r in report.by_regency] == [("Kota Bandung", 3)]
    assert [(r.label, r.count) for r in report.by_agency] == [
        ("Diskominfo Kota Bandung", 3),
        ("Diskominfo Provinsi Riau", 1),
    ]
    assert [(r.label, r.count) for r in report.by_event] == [
        ("Pemilu Serentak 2019", 3),
        ("Gerakan Bersih Sungai", 1),
    ]
    assert [(r.label, r.count) for r in report.by_topic] == [("Jalan", 2), ("Kesehatan", 2)]
    assert [(r.label, r.detail, r.count) for r in report.by_official] == [
        ("Kadis Uji", "Kepala Dinas Kominfo", 2),
        ("Walikota Uji", "Plt. Wali Kota Bandung", 2),
    ]
    per_day = dict(report.by_day)
    assert len(per_day) == 31
    assert per_day[datetime.date(2019, 3, 1)] == 1
    assert per_day[datetime.date(2019, 3, 5)] == 2
    assert per_day[datetime.date(2019, 3, 31)] == 1
    assert sum(per_day.values()) == 4
    # What the page shows matches the figures.
    assert figures(response, "province") == {("Jawa Barat", ""): 3, ("Riau", ""): 1}
    assert figures(response, "official")[("Walikota Uji", "Plt. Wali Kota Bandung")] == 2
    listed = [a.title for a in response.context["page_obj"].object_list]
    assert listed == [a.title for a in world.march]


def test_previous_month_comparison_shows_the_change(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-03"})
    html = response.content.decode()
    assert 'data-total="4"' in html
    assert 'data-previous-month="2"' in html
    assert "(+2, +100.0%)" in html
    assert 'data-year-before="1"' in html
    assert "(+3, +300.0%)" in html
    # April 2019 has one release: one less... no, three less than March.
    april = staff_client.get(URL, {"month": "2019-04"}).context["report"].total
    assert (april.count, april.previous_month, april.change_previous_month) == (1, 4, -3)
    assert april.change_previous_month_percent == -75.0


def test_report_is_narrowed_by_the_list_filters(staff_client, world):
    by_region = staff_client.get(URL, {"month": "2019-03", "region": "14"}).context["report"]
    assert by_region.total.count == 1
    assert by_region.total.previous_month == 1
    by_province = staff_client.get(URL, {"month": "2019-03", "region": "32"}).context["report"]
    assert by_province.total.count == 3
    by_agency = staff_client.get(URL, {"month": "2019-03", "agency": "dk-riau"}).context["report"]
    assert [r.label for r in by_agency.by_agency] == ["Diskominfo Provinsi Riau"]
    by_event = staff_client.get(URL, {"month": "2019-03", "event": "bersih-sungai"})
    assert by_event.context["report"].total.count == 1
    by_topic = staff_client.get(URL, {"month": "2019-03", "topic": "jalan-uji"})
    assert by_topic.context["report"].total.count == 2
    assert [r.label for r in by_topic.context["report"].by_topic] == ["Jalan", "Kesehatan"]


def test_report_page_has_accessible_svg_charts(staff_client, world):
    html = staff_client.get(URL, {"month": "2019-03"}).content.decode()
    charts = re.findall(r"<svg [^>]*>", html)
    assert len(charts) == 7  # per day + six breakdowns
    for chart in charts:
        assert 'role="img"' in chart
        chart_id = re.search(r'id="([^"]+)"', chart).group(1)
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert "<script" not in html
    assert "report-print.css" in html


def test_report_page_runs_a_fixed_number_of_queries(staff_client, world, django_assert_num_queries):
    staff_client.get(URL, {"month": "2019-03"})  # warm caches (content types, session)
    # An administrator's unfiltered report of a past month: session, user,
    # Administrator group; 1 query over the monthly counts (every figure);
    # 4 filter choice lists; 1 page of the list (its count is the total): 9.
    with django_assert_num_queries(9) as captured:
        staff_client.get(URL, {"month": "2019-03"})
    before = len(captured.captured_queries)
    # Filtered, the figures are counted live: 8 figures instead of 1, and the
    # filter's own lookups (the event and its sub-events).
    with django_assert_num_queries(16 + 2) as filtered:
        staff_client.get(URL, {"month": "2019-03", "event": "pemilu-2019"})
    filtered_before = len(filtered.captured_queries)
    for day in range(1, 20):
        release(when=jakarta(2019, 3, day), publisher=world.bandung_office)
    with django_assert_num_queries(before):
        staff_client.get(URL, {"month": "2019-03"})
    with django_assert_num_queries(filtered_before):
        staff_client.get(URL, {"month": "2019-03", "event": "pemilu-2019"})


def test_anonymous_visitors_are_sent_to_the_admin_login(client, world):
    response = client.get(URL, {"month": "2019-03"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/reports/monthly/%3Fmonth%3D2019-03"
    download = client.get("/reports/monthly/download/", {"month": "2019-03", "format": "csv"})
    assert download.status_code == 302
    assert download["Location"].startswith("/admin/login/?next=")


def test_signed_in_non_staff_are_refused(client, world):
    client.force_login(UserFactory(username="citizen"))
    assert client.get(URL, {"month": "2019-03"}).status_code == 403
    download = client.get("/reports/monthly/download/", {"month": "2019-03", "format": "xlsx"})
    assert download.status_code == 403


def test_editors_see_only_their_offices(client, world):
    client.force_login(editor_of(world.riau_office))
    report = client.get(URL, {"month": "2019-03"}).context["report"]
    assert report.total.count == 1
    assert [r.label for r in report.by_agency] == ["Diskominfo Provinsi Riau"]
    # Asking for another office's releases gives nothing of theirs.
    other = client.get(URL, {"month": "2019-03", "agency": "dk-bandung"}).context["report"]
    assert other.total.count == 0
    csv_text = (
        client.get("/reports/monthly/download/", {"month": "2019-03", "format": "csv"})
        .getvalue()
        .decode("utf-8-sig")
    )
    assert "Riau siap pemilu" in csv_text
    assert "Bandung" not in csv_text


def test_staff_without_an_office_see_nothing(client, world):
    client.force_login(UserFactory(username="lonely", is_staff=True))
    report = client.get(URL, {"month": "2019-03"}).context["report"]
    assert report.total.count == 0
    assert report.by_province == []


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"month": "2019-13"}, "month"),
        ({"month": "maret"}, "month"),
        ({"month": "2019-03", "region": "99.99"}, "region"),
        ({"month": "2019-03", "agency": "no-such-office"}, "agency"),
        ({"month": "2019-03", "event": "no-such-event"}, "event"),
        ({"month": "2019-03", "topic": "no-such-topic"}, "topic"),
    ],
)
def test_bad_parameters_are_answered_400_naming_them(staff_client, world, params, parameter):
    for url in (URL, "/reports/monthly/download/"):
        response = staff_client.get(url, params)
        assert response.status_code == 400
        assert f"<code>{parameter}</code>" in response.content.decode()


def test_empty_month_renders(staff_client, world):
    response = staff_client.get(URL, {"month": "2019-07"})
    assert response.status_code == 200
    assert response.context["report"].total.count == 0
    assert "<svg" in response.content.decode()  # the (empty) day chart is still drawn


def test_cached_figures_are_shared_by_scope_and_dropped_when_releases_change(
    staff_client, world, settings, django_assert_num_queries
):
    settings.REPORTS_CACHE_SECONDS = 300
    staff_client.get(URL, {"month": "2019-03"})
    with django_assert_num_queries(9 - 1 - 4):  # figures and filter choices cached
        cached = staff_client.get(URL, {"month": "2019-03"})
    assert cached.context["report"].total.count == 4
    # Another administrator sees the same releases, so the same cached figures.
    other_admin = UserFactory(username="second-admin", is_staff=True)
    other_admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    other = Client()
    other.force_login(other_admin)
    with django_assert_num_queries(9 - 1 - 4):
        assert other.get(URL, {"month": "2019-03"}).context["report"].total.count == 4
    # Other filters or another scope are computed afresh.
    assert (
        staff_client.get(URL, {"month": "2019-03", "region": "14"}).context["report"].total.count
        == 1
    )
    editor = Client()
    editor.force_login(editor_of(world.riau_office, username="editor-cache"))
    assert editor.get(URL, {"month": "2019-03"}).context["report"].total.count == 1
    # A new release, a release withdrawn from view, a renamed event: seen at once.
    release(when=jakarta(2019, 3, 20), publisher=world.bandung_office)
    assert staff_client.get(URL, {"month": "2019-03"}).context["report"].total.count == 5
    world.march[2].status = Status.RETRACTED
    world.march[2].save()
    assert staff_client.get(URL, {"month": "2019-03"}).context["report"].total.count == 4
    world.campaign.name = "Gerakan Sungai Bersih"
    world.campaign.save()
    events = staff_client.get(URL, {"month": "2019-03"}).context["report"].by_event
    assert ("Gerakan Sungai Bersih", 1) in [(r.label, r.count) for r in events]
    world.march[3].topics.add(world.roads)
    topics = staff_client.get(URL, {"month": "2019-03"}).context["report"].by_topic
    assert ("Jalan", 2) in [(r.label, r.count) for r in topics]


def test_a_change_drops_only_the_reports_that_count_its_month(
    staff_client, world, settings, django_assert_num_queries
):
    settings.REPORTS_CACHE_SECONDS = 300
    cached_page = 9 - 1 - 4

    def march():
        return staff_client.get(URL, {"month": "2019-03"}).context["report"]

    march()
    # May and April 2019 are not counted by the March report: it stays cached.
    release(when=jakarta(2019, 5, 2), publisher=world.bandung_office)
    world.april[0].title = "Judul baru"
    world.april[0].save()
    with django_assert_num_queries(cached_page):
        assert march().total.count == 4
    # February is March's previous month: computed afresh.
    release(when=jakarta(2019, 2, 3), publisher=world.bandung_office)
    assert march().total.previous_month == 3
    # So is March of the year before.
    release(when=jakarta(2018, 3, 3), publisher=world.bandung_office)
    assert march().total.year_before == 2
    # A release moved out of March drops it from March (its old month is stale too).
    moved = world.march[0]
    moved.published_at = jakarta(2019, 6, 1)
    moved.save()
    assert march().total.count == 3
    # An event linked to a March release from the event's side.
    world.campaign.articles.add(world.march[3])
    assert ("Gerakan Bersih Sungai", 2) in [(r.label, r.count) for r in march().by_event]


def test_a_month_not_over_is_cached_only_until_the_next_scheduled_release(world):
    assert report_cache_timeout(Month(2019, 3), 300) == 300  # long over: kept the full time
    due = timezone.now() + datetime.timedelta(days=400)
    release(when=due, publisher=world.bandung_office)
    local = timezone.localtime(due)
    month = Month(local.year, local.month)
    a_year = 366 * 24 * 3600
    assert report_cache_timeout(month, 300) == 300  # due long after the cache expires
    # Kept no longer than until the scheduled release turns public (plus a second).
    until_due = report_cache_timeout(month, 2 * a_year)
    assert 399 * 24 * 3600 < until_due <= 400 * 24 * 3600 + 1


def test_filter_form_lists_every_choice_escaped_with_the_current_one_selected(staff_client, world):
    TopicFactory(name='Topik <b>uji</b> & "kutip"', slug="topik-uji-escape")
    html = staff_client.get(URL, {"month": "2019-03", "topic": "jalan-uji"}).content.decode()
    assert (
        '<option value="topik-uji-escape">Topik &lt;b&gt;uji&lt;/b&gt; &amp; &quot;kutip&quot;'
        in html
    )
    assert "<b>uji</b>" not in html
    assert '<option value="jalan-uji" selected>Jalan</option>' in html
    assert '<option value="32.73">' in html  # a regency among the regions
    form = html[html.index('<form class="report-form') :]
    assert form[: form.index("</form>")].count(" selected>") == 1
