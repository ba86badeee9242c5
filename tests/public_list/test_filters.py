"""Filter semantics of /articles/ through real requests."""

import re

import pytest

from tests.factories import AgencyFactory, EventFactory, OfficialFactory, TopicFactory

from .factories import jakarta, release

pytestmark = pytest.mark.django_db


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return set(re.findall(r'class="article-row-title"><a href="/articles/([^/]+)/"', response.text))


def test_a_province_includes_its_regencies_and_cities_but_a_regency_does_not(client):
    in_regency = release(code="32.12")  # Kabupaten Indramayu, in Jawa Barat
    in_province = release(code="32")
    elsewhere = release(code="33.01")  # Jawa Tengah

    province = slugs(client.get("/articles/", {"region": "32"}))
    assert {in_regency.slug, in_province.slug} <= province
    assert elsewhere.slug not in province

    regency = slugs(client.get("/articles/", {"region": "32.12"}))
    assert in_regency.slug in regency
    assert in_province.slug not in regency


def test_an_agency_includes_its_sub_agencies(client):
    ministry = AgencyFactory()
    directorate = AgencyFactory(parent=ministry)
    other = AgencyFactory()
    by_ministry = release(publisher=ministry)
    by_directorate = release(publisher=directorate)
    by_other = release(publisher=other)

    found = slugs(client.get("/articles/", {"agency": ministry.slug}))
    assert found == {by_ministry.slug, by_directorate.slug}
    assert by_other.slug not in found
    assert slugs(client.get("/articles/", {"agency": directorate.slug})) == {by_directorate.slug}


def test_an_event_includes_its_sub_events_and_official_and_topic_filter(client):
    election = EventFactory()
    provincial = EventFactory(parent=election)
    official = OfficialFactory()
    topic = TopicFactory()
    about_parent = release(events=[election])
    about_child = release(events=[provincial], officials=[official], topics=[topic])
    unrelated = release()

    assert slugs(client.get("/articles/", {"event": election.slug})) == {
        about_parent.slug,
        about_child.slug,
    }
    assert slugs(client.get("/articles/", {"official": official.slug})) == {about_child.slug}
    assert slugs(client.get("/articles/", {"topic": topic.slug})) == {about_child.slug}
    assert unrelated.slug not in slugs(client.get("/articles/", {"event": provincial.slug}))


def test_combined_filters_all_apply(client):
    agency = AgencyFactory()
    topic = TopicFactory()
    match = release(publisher=agency, code="32.12", topics=[topic])
    wrong_region = release(publisher=agency, code="33.01", topics=[topic])
    wrong_topic = release(publisher=agency, code="32.12")

    found = slugs(
        client.get("/articles/", {"agency": agency.slug, "region": "32", "topic": topic.slug})
    )
    assert found == {match.slug}
    assert not {wrong_region.slug, wrong_topic.slug} & found


def test_date_bounds_are_inclusive_jakarta_days(client):
    agency = AgencyFactory()
    first_minute = release(publisher=agency, published_at=jakarta(2023, 7, 21, 0, 0))
    last_minute = release(publisher=agency, published_at=jakarta(2023, 7, 21, 23, 59))
    day_before = release(publisher=agency, published_at=jakarta(2023, 7, 20, 23, 59))
    day_after = release(publisher=agency, published_at=jakarta(2023, 7, 22, 0, 0))

    found = slugs(
        client.get(
            "/articles/",
            {"agency": agency.slug, "date_from": "2023-07-21", "date_to": "2023-07-21"},
        )
    )
    assert found == {first_minute.slug, last_minute.slug}
    assert not {day_before.slug, day_after.slug} & found


def test_unpublished_releases_never_appear(client):
    from articles.models import Status

    agency = AgencyFactory()
    public = release(publisher=agency)
    release(publisher=agency, status=Status.DRAFT, published_at=None)
    release(publisher=agency, status=Status.RETRACTED)
    assert slugs(client.get("/articles/", {"agency": agency.slug})) == {public.slug}


def test_newest_and_oldest_sorting(client):
    agency = AgencyFactory()
    old = release(publisher=agency, published_at=jakarta(2020, 1, 1, 9))
    new = release(publisher=agency, published_at=jakarta(2024, 1, 1, 9))
    newest = client.get("/articles/", {"agency": agency.slug}).text
    oldest = client.get("/articles/", {"agency": agency.slug, "sort": "oldest"}).text
    assert newest.index(new.slug) < newest.index(old.slug)
    assert oldest.index(old.slug) < oldest.index(new.slug)
