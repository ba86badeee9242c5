"""The releases endpoint: shape, filters, public-only, pagination, errors, query count."""

import datetime

import pytest
from django.utils import timezone

from agencies.models import Acting
from articles.models import Status
from tests.factories import (
    AgencyFactory,
    AppointmentFactory,
    ArticleFactory,
    EventFactory,
    OfficialFactory,
    TopicFactory,
    region,
)

from .factories import ArticleOfficialFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def hidden_releases(**kwargs):
    """One release in each state that must never be public."""
    now = timezone.now()
    return [
        ArticleFactory(status=Status.DRAFT, published_at=None, **kwargs),
        ArticleFactory(status=Status.SUBMITTED, published_at=None, **kwargs),
        ArticleFactory(status=Status.RETRACTED, published_at=now, **kwargs),
        ArticleFactory(published_at=now + datetime.timedelta(hours=3), **kwargs),
    ]


def test_a_release_carries_its_url_dates_region_publisher_officials_events_topics_and_body(api):
    publisher = AgencyFactory(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    event, topic = (
        EventFactory(name="Rakor Uji Pemilu API"),
        TopicFactory(name="Uji Pemilu API", name_en="API test election"),
    )
    appointment = AppointmentFactory(
        official=OfficialFactory(name="Budi Santoso", honorific_prefix="Dr."),
        title="Bupati Subang",
        acting=Acting.PJ,
        agency=publisher,
    )
    article = ArticleFactory(
        publisher=publisher,
        region=region("32.12"),
        body="<p>Isi <b>siaran</b><script>alert(1)</script></p>",
    )
    article.events.add(event)
    article.topics.add(topic)
    ArticleOfficialFactory(article=article, official=appointment.official, appointment=appointment)
    ArticleOfficialFactory(article=article, role="mentioned")

    response = api.get(f"{LIST}{article.slug}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["url"] == f"http://testserver/articles/{article.slug}/"
    assert data["published_at"] == timezone.localtime(article.published_at).isoformat()
    assert data["event_date"] == "2023-05-02"
    assert data["status"] == "published"
    assert data["region"]["code"] == "32.12"
    assert data["region"]["province"]["code"] == "32"
    assert data["publisher"] == {
        "slug": publisher.slug,
        "name": "Dinas Komunikasi dan Informatika",
        "short_name": "Diskominfo",
    }
    speaker, mentioned = data["officials"]
    assert speaker["slug"] == appointment.official.slug
    assert speaker["full_name"] == "Dr. Budi Santoso"
    assert speaker["part"] == "speaker"
    assert speaker["role"]["title"] == "Bupati Subang"
    assert speaker["role"]["acting"] == "pj"
    assert speaker["role"]["is_acting"] is True
    assert speaker["role"]["role_display"] == "Pj. Bupati Subang"
    assert speaker["role"]["agency"]["slug"] == publisher.slug
    assert mentioned["part"] == "mentioned"
    assert mentioned["role"] is None
    assert data["events"] == [{"slug": event.slug, "name": "Rakor Uji Pemilu API"}]
    assert data["topics"] == [
        {"slug": topic.slug, "name": "Uji Pemilu API", "name_en": "API test election"}
    ]
    assert "<b>siaran</b>" in data["body"]
    assert "script" not in data["body"]


def test_a_province_level_release_has_no_separate_province(api):
    article = ArticleFactory(region=region("32"))
    data = api.get(f"{LIST}{article.slug}/").json()
    assert data["region"] == {
        "code": "32",
        "name": "Jawa Barat",
        "kind": "province",
        "province": None,
    }


def test_drafts_submissions_retracted_and_scheduled_releases_never_appear(api):
    agency = AgencyFactory()
    visible = ArticleFactory(publisher=agency)
    withdrawn = ArticleFactory(
        publisher=agency, status=Status.WITHDRAWN, withdrawal_reason="Data keliru"
    )
    hidden = hidden_releases(publisher=agency)

    listed = []
    url = f"{LIST}?agency={agency.slug}&page_size=100"
    listed = slugs(api.get(url))
    assert set(listed) == {visible.slug, withdrawn.slug}
    for article in hidden:
        response = api.get(f"{LIST}{article.slug}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()
    withdrawn_data = api.get(f"{LIST}{withdrawn.slug}/").json()
    assert withdrawn_data["status"] == "withdrawn"
    assert withdrawn_data["withdrawal_reason"] == "Data keliru"
    # and the unfiltered list does not carry them either
    everything = api.get(f"{LIST}?page_size=100").json()["results"]
    assert not {a.slug for a in hidden} & {row["slug"] for row in everything}


def test_each_filter_narrows_the_list(api):
    agency, sub_agency, other_agency = AgencyFactory(), AgencyFactory(), AgencyFactory()
    sub_agency.parent = agency
    sub_agency.save()
    topic, event, sub_event = TopicFactory(), EventFactory(), EventFactory()
    sub_event.parent = event
    sub_event.save()
    official = OfficialFactory()
    day = datetime.datetime(
        2023, 7, 21, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )

    in_bandung = ArticleFactory(
        publisher=agency, region=region("32.73"), published_at=day, title="Banjir di Bandung"
    )
    in_subang = ArticleFactory(
        publisher=sub_agency, region=region("32.12"), published_at=day - datetime.timedelta(days=2)
    )
    in_aceh = ArticleFactory(
        publisher=other_agency, region=region("11"), published_at=day + datetime.timedelta(days=2)
    )
    in_bandung.topics.add(topic)
    in_subang.events.add(sub_event)
    ArticleOfficialFactory(article=in_aceh, official=official)
    mine = {in_bandung.slug, in_subang.slug, in_aceh.slug}

    def search(query: str) -> set[str]:
        return set(slugs(api.get(f"{LIST}?page_size=100&{query}"))) & mine

    assert search("region=32") == {in_bandung.slug, in_subang.slug}
    assert search("region=32.12") == {in_subang.slug}
    assert search(f"agency={agency.slug}") == {in_bandung.slug, in_subang.slug}
    assert search(f"agency={sub_agency.slug}") == {in_subang.slug}
    assert search(f"official={official.slug}") == {in_aceh.slug}
    assert search(f"event={event.slug}") == {in_subang.slug}
    assert search(f"topic={topic.slug}") == {in_bandung.slug}
    assert search("q=banjir bandung") == {in_bandung.slug}
    assert search("date_from=2023-07-21&date_to=2023-07-21") == {in_bandung.slug}
    assert search("date_from=2023-07-20") == {in_bandung.slug, in_aceh.slug}
    assert search("date_to=2023-07-20") == {in_subang.slug}
    # combined filters: AND
    assert search(f"region=32&agency={sub_agency.slug}") == {in_subang.slug}


def test_sort_newest_and_oldest(api):
    agency = AgencyFactory()
    now = timezone.now()
    made = [
        ArticleFactory(publisher=agency, published_at=now - datetime.timedelta(hours=h))
        for h in (5, 1, 3)
    ]
    by_time = sorted(made, key=lambda a: a.published_at)
    oldest = slugs(api.get(f"{LIST}?agency={agency.slug}&sort=oldest"))
    newest = slugs(api.get(f"{LIST}?agency={agency.slug}"))
    assert oldest == [a.slug for a in by_time]
    assert newest == list(reversed(oldest))
    assert slugs(api.get(f"{LIST}?agency={agency.slug}&sort=newest")) == newest


def test_oldest_first_pages_forward_with_its_cursor(api):
    agency = AgencyFactory()
    now = timezone.now()
    made = [
        ArticleFactory(publisher=agency, published_at=now - datetime.timedelta(hours=h))
        for h in range(7, 0, -1)
    ]
    url, seen = f"{LIST}?agency={agency.slug}&sort=oldest&page_size=3", []
    while url:
        data = api.get(url).json()
        seen += [row["slug"] for row in data["results"]]
        url = data["next"]
    assert seen == [a.slug for a in made]


def test_relevance_answers_one_page_of_best_matches(api):
    agency = AgencyFactory()
    for _ in range(3):
        ArticleFactory(publisher=agency, title="Vaksinasi massal")
    ArticleFactory(publisher=agency, title="Lain hal")
    response = api.get(f"{LIST}?agency={agency.slug}&q=vaksinasi&sort=relevance&page_size=2")
    data = response.json()
    assert response.status_code == 200
    assert len(data["results"]) == 2
    assert data["next"] is None and data["previous"] is None
    assert all("Vaksinasi" in row["title"] for row in data["results"])


def test_pagination_is_stable_while_new_releases_arrive(api):
    agency = AgencyFactory()
    now = timezone.now()
    # Seven releases, two pairs of them published in the same second.
    times = [now - datetime.timedelta(minutes=m) for m in (10, 20, 20, 30, 40, 40, 50)]
    existing = [ArticleFactory(publisher=agency, published_at=t) for t in times]
    expected = [
        a.slug for a in sorted(existing, key=lambda a: (a.published_at, a.pk), reverse=True)
    ]

    first = api.get(f"{LIST}?agency={agency.slug}&page_size=3").json()
    seen = [row["slug"] for row in first["results"]]
    # Newer releases arrive while the client is paging…
    for minutes in (1, 2, 3, 4):
        ArticleFactory(publisher=agency, published_at=now - datetime.timedelta(minutes=minutes))
    url = first["next"]
    assert url.startswith("http://testserver/api/v1/articles/?")
    while url:
        page = api.get(url).json()
        seen += [row["slug"] for row in page["results"]]
        url = page["next"]

    assert seen == expected  # no duplicates, no gaps, none of the newcomers
    assert len(set(seen)) == len(seen)


def test_previous_link_leads_back_to_the_first_page(api):
    agency = AgencyFactory()
    for hours in range(1, 6):
        ArticleFactory(
            publisher=agency, published_at=timezone.now() - datetime.timedelta(hours=hours)
        )
    first = api.get(f"{LIST}?agency={agency.slug}&page_size=2").json()
    second = api.get(first["next"]).json()
    back = api.get(second["previous"]).json()
    assert [r["slug"] for r in back["results"]] == [r["slug"] for r in first["results"]]
    assert first["previous"] is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("date_from=21-07-2023", "date_from"),
        ("date_to=2023-02-30", "date_to"),
        ("date_from=2023-07-22&date_to=2023-07-21", "date_to"),
        ("date_to=9999-12-31", "date_to"),
        ("region=%00", "region"),
        ("region=99.99", "region"),
        ("agency=no-such-agency", "agency"),
        ("official=nobody", "official"),
        ("event=no-such-event", "event"),
        ("topic=no-such-topic", "topic"),
        ("sort=random", "sort"),
        ("sort=relevance", "sort"),
        ("q=" + "x" * 201, "q"),
        ("q=a%00b", "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=cD1ub3QtYS1kYXRl", "cursor"),  # base64 of p=not-a-date
        ("page_size=0", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=101", "page_size"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(api, query, parameter):
    response = api.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == [parameter]
    assert body[parameter] and all(isinstance(m, str) and m for m in body[parameter])


def test_an_unknown_release_is_a_json_404(api):
    response = api.get(f"{LIST}no-such-release/")
    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"]}


@pytest.mark.parametrize("page_size", [2, 20])
def test_the_query_count_does_not_grow_with_the_page(api, django_assert_num_queries, page_size):
    agency = AgencyFactory()
    for _ in range(20):
        article = ArticleFactory(publisher=agency)
        article.topics.add(TopicFactory())
        article.events.add(EventFactory())
        appointment = AppointmentFactory()
        ArticleOfficialFactory(
            article=article, appointment=appointment, official=appointment.official
        )
    # agency lookup, its sub-agencies, the page, then officials, events, topics
    with django_assert_num_queries(6):
        response = api.get(f"{LIST}?agency={agency.slug}&page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def test_one_release_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    article = ArticleFactory()
    for _ in range(3):
        article.topics.add(TopicFactory())
        article.events.add(EventFactory())
        appointment = AppointmentFactory()
        ArticleOfficialFactory(
            article=article, appointment=appointment, official=appointment.official
        )
    # the release with region, province and publisher, then officials, events, topics
    with django_assert_num_queries(4):
        data = api.get(f"{LIST}{article.slug}/").json()
    assert len(data["officials"]) == len(data["events"]) == len(data["topics"]) == 3
