"""Regions, agencies, officials, events and topics: shapes, lookups, and that
their links and counts only ever reflect public releases."""

import datetime

import pytest
from django.utils import timezone

from agencies.models import Acting
from articles.models import Status
from ops.cache import archive_changed
from tests.factories import (
    AgencyFactory,
    AppointmentFactory,
    ArticleFactory,
    EventFactory,
    OfficialFactory,
    TopicFactory,
    region,
)

from .factories import ArticleOfficialFactory, EventKeyDateFactory

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def hidden_releases():
    now = timezone.now()
    return [
        ArticleFactory(status=Status.DRAFT, published_at=None),
        ArticleFactory(status=Status.SUBMITTED, published_at=None),
        ArticleFactory(status=Status.RETRACTED, published_at=now),
        ArticleFactory(published_at=now + datetime.timedelta(hours=3)),
    ]


def test_a_region_by_code_with_its_province(api):
    data = api.get(f"{V1}/regions/32.73/").json()
    assert data["code"] == "32.73"
    assert data["name"] == region("32.73").name
    assert data["kind"] == "city"
    assert data["parent"] == {"code": "32", "name": region("32").name, "kind": "province"}
    assert data["url"] == "http://testserver/regions/32.73/"
    assert data["articles_url"] == "http://testserver/api/v1/articles/?region=32.73"
    assert api.get(f"{V1}/regions/32/").json()["parent"] is None


def test_regions_list_pages_by_number_with_a_count(api):
    first = api.get(f"{V1}/regions/?page_size=10").json()
    assert first["count"] == 552  # every row of fixtures/regions.csv
    assert len(first["results"]) == 10
    codes = [row["code"] for row in first["results"]]
    assert codes == sorted(codes)
    second = api.get(first["next"]).json()
    assert not set(codes) & {row["code"] for row in second["results"]}


def test_an_agency_with_its_parent_children_and_region(api):
    parent = AgencyFactory(name="Pemerintah Kabupaten Uji")
    agency = AgencyFactory(parent=parent, region=region("32.12"))
    child = AgencyFactory(parent=agency)
    data = api.get(f"{V1}/agencies/{agency.slug}/").json()
    assert data["parent"]["slug"] == parent.slug
    assert data["children"] == [
        {"slug": child.slug, "name": child.name, "short_name": child.short_name}
    ]
    assert data["region"]["code"] == "32.12"
    assert data["articles_url"].endswith(f"/api/v1/articles/?agency={agency.slug}")


def test_an_official_with_appointments_acting_marked_and_a_public_only_count(api):
    official = OfficialFactory(honorific_suffix="M.Si.")
    AppointmentFactory(
        official=official,
        title="Sekretaris Daerah",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    AppointmentFactory(
        official=official,
        title="Bupati Uji",
        acting=Acting.PLT,
        start_date=datetime.date(2022, 1, 1),
    )
    ArticleOfficialFactory(official=official)
    for hidden in hidden_releases():
        ArticleOfficialFactory(official=official, article=hidden)

    data = api.get(f"{V1}/officials/{official.slug}/").json()
    assert data["full_name"] == f"{official.name}, M.Si."
    latest, earlier = data["appointments"]
    assert latest["role_display"] == "Plt. Bupati Uji"
    assert latest["acting"] == "plt" and latest["is_acting"] is True
    assert latest["end_date"] is None
    assert earlier["is_acting"] is False and earlier["role_display"] == "Sekretaris Daerah"
    assert data["article_count"] == 1
    listed = api.get(data["articles_url"] + "&page_size=100").json()["results"]
    assert len(listed) == 1


def test_an_event_with_key_dates_parent_children_and_public_only_releases(api):
    election = EventFactory(name="Pemilu 2024")
    local = EventFactory(name="Pilkada Uji", parent=election, region=region("32"))
    EventKeyDateFactory(event=local, date=datetime.date(2024, 11, 27), label="Pemungutan suara")
    visible = ArticleFactory()
    visible.events.add(local)
    for hidden in hidden_releases():
        hidden.events.add(local)

    data = api.get(f"{V1}/events/{local.slug}/").json()
    assert data["parent"] == {"slug": election.slug, "name": "Pemilu 2024"}
    assert data["key_dates"] == [{"date": "2024-11-27", "label": "Pemungutan suara"}]
    assert data["region"]["code"] == "32"
    parent = api.get(f"{V1}/events/{election.slug}/").json()
    assert parent["children"] == [{"slug": local.slug, "name": "Pilkada Uji"}]
    # The parent's releases include its sub-events' public ones, and only those.
    listed = api.get(parent["articles_url"]).json()["results"]
    assert [row["slug"] for row in listed] == [visible.slug]


def test_a_topic_counts_only_public_releases(api):
    topic = TopicFactory(name="Uji Kesehatan API", name_en="API test health")
    ArticleFactory().topics.add(topic)
    ArticleFactory().topics.add(topic)
    for hidden in hidden_releases():
        hidden.topics.add(topic)
    data = api.get(f"{V1}/topics/{topic.slug}/").json()
    assert data["article_count"] == 2
    assert data["name_en"] == "API test health"
    listed = api.get(f"{V1}/topics/?page_size=500").json()["results"]
    assert next(row for row in listed if row["slug"] == topic.slug)["article_count"] == 2


@pytest.mark.parametrize(
    ("endpoint", "queries"),
    # count, page, then one per prefetched relation or per-page count
    [("agencies", 4), ("officials", 4), ("events", 5), ("topics", 3), ("regions", 2)],
)
def test_entity_lists_take_a_fixed_number_of_queries(
    api, endpoint, queries, django_assert_num_queries
):
    for _ in range(5):
        parent = AgencyFactory()
        AgencyFactory(parent=parent)
        AppointmentFactory(agency=parent)
        ArticleOfficialFactory()
        event = EventFactory()
        EventKeyDateFactory(event=event)
        EventFactory(parent=event)
        ArticleFactory().topics.add(TopicFactory())
    with django_assert_num_queries(queries):
        response = api.get(f"{V1}/{endpoint}/?page_size=500")
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 5


@pytest.mark.parametrize(
    "path",
    [
        "/regions/99.99/",
        "/regions/abc/",
        "/agencies/no-such-agency/",
        "/officials/nobody/",
        "/events/no-such-event/",
        "/topics/no-such-topic/",
        "/nothing-here/",
        "/articles/a.b/",
        "/events/line%0Abreak/",
    ],
)
def test_unknown_objects_are_json_404s(api, path):
    response = api.get(f"{V1}{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("page=0", "page"), ("page=two", "page"), ("page_size=501", "page_size")],
)
def test_bad_page_parameters_are_400s(api, query, parameter):
    response = api.get(f"{V1}/topics/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_counts_are_cached_for_the_configured_time_and_stay_public_only(
    api, settings, django_assert_num_queries
):
    settings.API_COUNT_CACHE_SECONDS = 300
    topic = TopicFactory()
    ArticleFactory().topics.add(topic)
    url = f"{V1}/topics/{topic.slug}/"
    assert api.get(url).json()["article_count"] == 1
    ArticleFactory().topics.add(topic)
    for hidden in hidden_releases():
        hidden.topics.add(topic)
    # the topic itself, no count: the page's counts come from the cache
    with django_assert_num_queries(1):
        assert api.get(url).json()["article_count"] == 1
    # until the archive changes (ops.cache.archive_changed, e.g. on publication)
    archive_changed()
    assert api.get(url).json()["article_count"] == 2

    ArticleFactory().topics.add(topic)
    settings.API_COUNT_CACHE_SECONDS = 0
    with django_assert_num_queries(2):
        assert api.get(url).json()["article_count"] == 3
