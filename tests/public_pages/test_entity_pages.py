"""Region, agency, official, event and topic pages on the seed data and on rows
made here: content, 404 for unknown entities, 400 for a bad ``page``."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Official, Region
from articles.models import Article, Event
from tests.factories import AgencyFactory, AppointmentFactory, ArticleFactory, OfficialFactory

from .factories import topic_with_releases

pytestmark = pytest.mark.django_db

PER_PAGE = settings.ARTICLES_PER_PAGE


def text_of(response) -> str:
    return response.content.decode()


def test_province_page_lists_its_regencies_and_cities_with_counts(client):
    indramayu = Region.objects.get(code="32.12")
    seed_count = Article.objects.published().filter(region=indramayu).count()
    assert seed_count >= 1  # the Indramayu webinar release
    ArticleFactory.create_batch(2, region=indramayu)

    response = client.get("/regions/32/")

    assert response.status_code == 200
    children = response.context["children"]
    by_code = {child.code: child for child in children}
    assert set(by_code) == set(
        Region.objects.filter(parent__code="32").values_list("code", flat=True)
    )
    assert by_code["32.12"].article_count == seed_count + 2
    assert by_code["32.01"].article_count == 0
    html = text_of(response)
    assert "Kabupaten Indramayu" in html
    assert f"({seed_count + 2})" in html
    # The province's list includes its regencies' releases.
    assert (
        response.context["paginator"].count
        == Article.objects.published().filter(province__code="32").count()
    )


def test_regency_page_links_to_its_province(client):
    response = client.get("/regions/32.12/")
    assert response.status_code == 200
    assert 'href="/regions/32/"' in text_of(response)
    assert "children" not in response.context


def test_official_page_shows_appointments_with_acting_marked_and_releases(client):
    bahtiar = Official.objects.get(slug="bahtiar")
    response = client.get("/officials/bahtiar/")

    assert response.status_code == 200
    html = text_of(response)
    acting = [a for a in bahtiar.appointments.all() if a.is_acting]
    assert acting, "the seed data has Bahtiar as Plt. Dirjen Polpum in 2020"
    assert "Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in html
    assert 'class="badge"' in html
    assert response.context["paginator"].count == 4
    for article in Article.objects.published().filter(official_links__official=bahtiar):
        assert article.get_absolute_url() in html
    # Each release comes with the role he held that day, shown on its row.
    links = [link for article in response.context["articles"] for link in article.links_to_official]
    assert len(links) == 4
    assert any(link.appointment for link in links)
    for link in links:
        if link.appointment:
            assert link.appointment.role_display in html


def test_event_page_shows_dates_key_dates_and_releases_oldest_first(client):
    event = Event.objects.get(name="Pemilu Serentak 2024")
    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    html = text_of(response)
    assert "14 Februari 2024" in html  # voting day, a key date
    releases = list(response.context["articles"])
    assert len(releases) == Article.objects.published().about_event(event).count() >= 3
    dates = [article.published_at for article in releases]
    assert dates == sorted(dates)


def test_agency_page_shows_its_place_in_the_hierarchy_and_sub_agency_releases(client):
    top = AgencyFactory(name="Kementerian Uji", slug="kementerian-uji")
    middle = AgencyFactory(name="Direktorat Jenderal Uji", slug="ditjen-uji", parent=top)
    bottom = AgencyFactory(name="Direktorat Uji", slug="direktorat-uji", parent=middle)
    official = OfficialFactory(name="Siti Uji")
    AppointmentFactory(
        official=official, agency=middle, title="Direktur Jenderal Uji", acting="plt"
    )
    ArticleFactory(publisher=bottom, title="Rilis dari direktorat")

    response = client.get("/agencies/ditjen-uji/")

    assert response.status_code == 200
    html = text_of(response)
    assert 'href="/agencies/kementerian-uji/"' in html  # breadcrumb up
    assert 'href="/agencies/direktorat-uji/"' in html  # unit below
    assert "Siti Uji" in html and "Plt. Direktur Jenderal Uji" in html
    assert "Rilis dari direktorat" in html


def test_ministry_page_shows_releases_by_others_naming_it_or_its_units(client):
    # The seed releases are published by regional offices and a news site; they name
    # Ditjen Polpum, a unit of Kemendagri.
    kemendagri = Agency.objects.get(slug="kemendagri")
    naming = (
        Article.objects.published()
        .filter(agencies__in=kemendagri.children.all())
        .distinct()
        .order_by("-published_at")
    )
    assert naming.exists()

    response = client.get("/agencies/kemendagri/")

    assert response.status_code == 200
    named_in = list(response.context["named_in"])
    assert named_in == list(naming)[:10]
    html = text_of(response)
    for article in named_in:
        assert article.get_absolute_url() in html
    # The agency's own releases are the paged list, and are not repeated below it.
    own = ArticleFactory(publisher=kemendagri)
    own.agencies.add(kemendagri)
    response = client.get("/agencies/kemendagri/")
    assert list(response.context["articles"]) == [own]
    assert own not in response.context["named_in"]


def test_topic_page_lists_its_releases(client):
    topic, articles = topic_with_releases(3)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert response.context["paginator"].count == 3
    for article in articles:
        assert article.title in text_of(response)


@pytest.mark.parametrize(
    "url",
    [
        "/regions/99/",
        "/regions/not-a-code/",
        "/agencies/no-such-agency/",
        "/officials/no-such-official/",
        "/events/no-such-event/",
        "/topics/no-such-topic/",
    ],
)
def test_unknown_entity_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2.5", "99", "1e3"])
def test_bad_page_is_400_naming_the_parameter(client, page):
    topic, _ = topic_with_releases(3)
    response = client.get(topic.get_absolute_url(), {"page": page})
    assert response.status_code == 400
    assert "<code>page</code>" in text_of(response)


def test_bad_page_on_an_unknown_entity_is_still_404(client):
    assert client.get("/topics/no-such-topic/", {"page": "abc"}).status_code == 404


def test_second_page_exists_and_is_not_indexed(client):
    topic, _ = topic_with_releases(PER_PAGE + 1)
    first = client.get(topic.get_absolute_url())
    second = client.get(topic.get_absolute_url(), {"page": "2"})
    assert first.status_code == second.status_code == 200
    assert 'name="robots" content="noindex' not in text_of(first)
    assert 'name="robots" content="noindex' in text_of(second)
    assert len(second.context["articles"]) == 1
    # The canonical link drops the page parameter.
    assert f'rel="canonical" href="http://testserver{topic.get_absolute_url()}"' in text_of(second)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_entity_page_queries_do_not_grow_with_the_number_of_rows(client):
    few, _ = topic_with_releases(2)
    many, _ = topic_with_releases(PER_PAGE)
    assert queries_for(client, few.get_absolute_url()) == queries_for(
        client, many.get_absolute_url()
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # entity, count, rows
        ("/topics/{topic}/", 3),
        # entity, GROUP BY of the regencies' counts, regencies, count, rows
        ("/regions/32/", 5),
        # entity, its appointments, its quotes (with their releases), count, rows,
        # role held that day for the rows
        ("/officials/{official}/", 6),
        # entity, key dates, sub-events, descendant ids, count, rows
        ("/events/{event}/", 6),
        # entity (with its parents), units, descendant ids, count, rows, office holders,
        # and for releases by others naming it: descendant ids, rows
        ("/agencies/{agency}/", 8),
    ],
)
def test_entity_page_query_counts_are_pinned(client, django_assert_num_queries, url, expected):
    topic, articles = topic_with_releases(PER_PAGE + 5)
    official = OfficialFactory()
    agency = AgencyFactory(parent=AgencyFactory())
    AppointmentFactory(official=official, agency=agency, start_date=datetime.date(2020, 1, 1))
    event = Event.objects.get(name="Pemilu Serentak 2024")
    for article in articles:
        article.officials.add(official, through_defaults={})
        article.events.add(event)
        article.publisher = agency
        article.save()
    url = url.format(topic=topic.slug, official=official.slug, event=event.slug, agency=agency.slug)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["articles"]) == PER_PAGE
