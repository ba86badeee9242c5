"""A release's topics, agencies, events and officials are part of its history:
versioned with each save, shown in the diff, restored by a revert."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleEvent, ArticleOfficial
from importer.services import release_import
from tests.factories import AppointmentFactory, EventFactory, OfficialFactory, TopicFactory
from tests.importer.test_cleaning import seed

from .conftest import INDRAMAYU
from .factories import draft
from .helpers import change_url, form_data, messages_of

pytestmark = pytest.mark.django_db

SEED_SLUGS = [
    "pemkab-muara-enim-ikuti-rapat-koordinasi-gerakan-pembagian-10-juta-bendera-merah-putih-2023",
    "ditjen-ikp-kominfo-gelar-rakor-amplifikasi-sosialisasi-pemilu-2024",
]


def _formset_prefix(response, model) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise AssertionError(f"no inline for {model}")


def edit_relations(client, article, *, topics, event, official, appointment, role):
    """Post the change form replacing topics, the one event and the one official."""
    page = client.get(change_url(article))
    data = form_data(page)
    data["topics"] = [str(topic.pk) for topic in topics]
    for model, row in (
        (ArticleEvent, {"event": event.pk}),
        (
            ArticleOfficial,
            {"official": official.pk, "appointment": appointment.pk, "role": role, "order": 0},
        ),
    ):
        prefix = _formset_prefix(page, model)
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        for n in range(int(data[f"{prefix}-INITIAL_FORMS"])):
            data[f"{prefix}-{n}-DELETE"] = "on"
        for name, value in row.items():
            data[f"{prefix}-{total}-{name}"] = str(value)
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    response = client.post(change_url(article), data)
    if response.status_code != 302:
        errors = [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
        raise AssertionError((response.context["adminform"].form.errors, errors))
    article.refresh_from_db()


def snapshot(record):
    return (
        {row.topic_id for row in record.topics.all()},
        {row.event_id for row in record.events.all()},
        {(row.official_id, row.appointment_id, row.role) for row in record.officials.all()},
    )


def full_snapshot(record):
    """Every relation a version keeps, agencies included."""
    return (*snapshot(record), {row.agency_id for row in record.agencies.all()})


def live(article):
    """The same, as the release holds them now."""
    return (
        set(article.topics.values_list("pk", flat=True)),
        set(article.events.values_list("pk", flat=True)),
        set(
            ArticleOfficial.objects.filter(article=article).values_list(
                "official_id", "appointment_id", "role"
            )
        ),
        set(article.agencies.values_list("pk", flat=True)),
    )


@pytest.fixture
def two_states(client, redaktur, indramayu):
    """A release edited twice in the admin: first state A, then state B."""
    article = draft(indramayu, INDRAMAYU, title="Rapat koordinasi")
    a = {
        "topics": [TopicFactory(name="Topik Uji Lama", slug="topik-uji-lama")],
        "event": EventFactory(),
        "appointment": AppointmentFactory(agency=indramayu),
        "role": "speaker",
    }
    b = {
        "topics": [TopicFactory(name="Topik Uji Baru", slug="topik-uji-baru")],
        "event": EventFactory(),
        "appointment": AppointmentFactory(agency=indramayu),
        "role": "attendee",
    }
    client.force_login(redaktur)
    for state in (a, b):
        edit_relations(client, article, official=state["appointment"].official, **state)
    return article, a, b


def test_an_admin_edit_is_one_version_holding_the_relations_saved(client, redaktur, two_states):
    article, a, b = two_states
    versions = list(article.history.order_by("history_id"))
    # created, first edit, second edit: the inlines and topics add no version of their own
    assert len(versions) == 3
    latest = versions[-1]
    assert latest.history_user == redaktur
    assert latest.history_change_reason
    assert snapshot(latest) == (
        {b["topics"][0].pk},
        {b["event"].pk},
        {(b["appointment"].official_id, b["appointment"].pk, "attendee")},
    )
    assert snapshot(versions[1]) == (
        {a["topics"][0].pk},
        {a["event"].pk},
        {(a["appointment"].official_id, a["appointment"].pk, "speaker")},
    )


def test_the_diff_shows_relations_added_and_removed(client, two_states):
    article, a, b = two_states
    latest = article.history.order_by("history_id").last()
    response = client.get(
        reverse("admin:articles_article_version", args=[article.pk, latest.history_id])
    )
    assert response.status_code == 200
    changed = {change.field: change for change in response.context["changes"]}
    assert set(changed) == {"topics", "events", "officials"}
    assert changed["topics"].old == "− Topik Uji Lama"
    assert changed["topics"].new == "+ Topik Uji Baru"
    assert changed["events"].new == f"+ {b['event']}"
    assert changed["events"].old == f"− {a['event']}"
    new_official = b["appointment"]
    assert changed["officials"].new == (
        f"+ {new_official.official}, {new_official.role_display} (Peserta)"  # attendee
    )
    assert "(Narasumber)" in changed["officials"].old  # speaker
    assert "+ Topik Uji Baru" in response.text


def test_revert_restores_the_relations_as_a_new_version(client, redaktur, two_states):
    article, a, _ = two_states
    first_edit = article.history.order_by("history_id")[1]
    before = article.history.count()
    response = client.post(
        reverse("admin:articles_article_revert", args=[article.pk, first_edit.history_id]),
        {"reason": "Topik yang baru keliru."},
    )
    assert response.status_code == 302
    assert set(article.topics.all()) == set(a["topics"])
    assert set(article.events.all()) == {a["event"]}
    link = ArticleOfficial.objects.get(article=article)
    assert (link.official_id, link.appointment_id, link.role) == (
        a["appointment"].official_id,
        a["appointment"].pk,
        "speaker",
    )
    assert article.history.count() == before + 1
    newest = article.history.order_by("history_id").last()
    assert newest.history_user == redaktur
    assert "Topik yang baru keliru." in newest.history_change_reason
    assert snapshot(newest) == snapshot(first_edit)


def test_revert_says_what_no_longer_exists(client, two_states):
    article, a, _ = two_states
    first_edit = article.history.order_by("history_id")[1]
    topic, event, appointment = a["topics"][0], a["event"], a["appointment"]
    topic_pk, official = topic.pk, appointment.official
    # Dropped by the second edit, then deleted: the revert cannot bring them back.
    topic.delete()
    event.delete()
    appointment.delete()
    response = client.post(
        reverse("admin:articles_article_revert", args=[article.pk, first_edit.history_id]),
        {"reason": "Kembali ke versi awal."},
        follow=True,
    )
    assert list(article.topics.all()) == []
    assert list(article.events.all()) == []
    # The official is back, without the role that no longer exists.
    link = ArticleOfficial.objects.get(article=article)
    assert (link.official_id, link.appointment_id, link.role) == (official.pk, None, "speaker")
    # "These no longer exist and could not be restored: …", in Indonesian
    warnings = [m for m in messages_of(response) if "tidak dapat dipulihkan" in m]
    assert len(warnings) == 1
    assert f"topik #{topic_pk}" in warnings[0]  # a topic keeps no history of its own
    assert event.name in warnings[0]  # its name as its own history last recorded it
    assert f"{official} sebagai Kepala Dinas" in warnings[0]
    # The revert's version keeps what was restored, not what was asked for.
    newest = article.history.order_by("history_id").last()
    assert snapshot(newest) == (set(), set(), {(official.pk, None, "speaker")})


def test_relations_changed_outside_a_save_add_no_version(indramayu):
    article = draft(indramayu, INDRAMAYU)
    before = article.history.count()
    article.topics.set([TopicFactory()])
    article.agencies.add(indramayu)
    article.topics.clear()
    assert article.history.count() == before


def test_version_page_does_a_fixed_number_of_queries(
    client, redaktur, indramayu, django_assert_num_queries
):
    """However many relations the two versions hold, the diff costs the same."""
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)

    def edit(n):
        topics = [TopicFactory() for _ in range(n)]
        appointment = AppointmentFactory(agency=indramayu)
        edit_relations(
            client,
            article,
            topics=topics,
            event=EventFactory(),
            official=appointment.official,
            appointment=appointment,
            role="speaker",
        )
        latest = article.history.order_by("history_id").last()
        return reverse("admin:articles_article_version", args=[article.pk, latest.history_id])

    edit(1)  # from here on, both sides of every diff hold relations
    url = edit(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    expected = len(one)  # now: every request empties the query log
    url = edit(6)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert len([c for c in response.context["changes"] if c.field == "topics"]) == 1
    assert response.context["changes"][0].new.count("+ ") == 6


def test_history_list_does_a_fixed_number_of_queries(
    client, redaktur, indramayu, django_assert_num_queries
):
    """The list links to each version's diff: no query per version or relation."""
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    url = reverse("admin:articles_article_history", args=[article.pk])

    def edit():
        appointment = AppointmentFactory(agency=indramayu)
        edit_relations(
            client,
            article,
            topics=[TopicFactory(), TopicFactory()],
            event=EventFactory(),
            official=appointment.official,
            appointment=appointment,
            role="speaker",
        )

    edit()
    client.get(url)  # warm the caches (content types) a first request fills
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    expected = len(few)  # now: every request empties the query log
    for _ in range(4):
        edit()
    assert article.history.count() == 6
    with django_assert_num_queries(expected):
        response = client.get(url)
    for record in article.history.all():
        version = reverse("admin:articles_article_version", args=[article.pk, record.history_id])
        assert version in response.text


def test_an_imported_release_has_its_links_in_its_first_version():
    result = release_import(text=seed("001"), filename="001.txt")
    article = result.article
    (first,) = article.history.all()
    assert ArticleOfficial.objects.filter(article=article).exists()
    assert article.agencies.exists()
    assert full_snapshot(first) == live(article)


def test_roles_filled_in_on_publishing_are_in_that_version(kontributor, redaktur, indramayu):
    article = draft(indramayu, INDRAMAYU)
    appointment = AppointmentFactory(agency=indramayu)  # held on the release's event date
    ArticleOfficial.objects.create(article=article, official=appointment.official)
    services.article_submit(article=article, by=kontributor)
    services.article_publish(article=article, by=redaktur)
    newest = article.history.order_by("history_id").last()
    assert newest.status == "published"
    assert snapshot(newest)[2] == {(appointment.official_id, appointment.pk, "mentioned")}


def test_the_seed_releases_keep_their_links_in_their_newest_version():
    for article in Article.objects.filter(slug__in=SEED_SLUGS):
        newest = article.history.order_by("history_id").last()
        assert full_snapshot(newest) == live(article)
        assert newest.officials.exists()


def test_reloading_changed_seed_links_records_one_version(db):
    article = Article.objects.get(slug=SEED_SLUGS[0])
    extra = OfficialFactory()
    ArticleOfficial.objects.create(article=article, official=extra)  # not in the fixtures
    article.topics.clear()  # the loader puts them back
    versions = article.history.count()
    call_command("load_initial_data", verbosity=0)
    assert article.history.count() == versions + 1
    newest = article.history.order_by("history_id").last()
    assert full_snapshot(newest) == live(article)
    assert newest.topics.exists()
