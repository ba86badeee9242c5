"""Scope with the real seed data: the seed offices Diskominfo Indramayu and
Diskominfotik Bengkalis and their seed releases 001 and 003, through every admin
list, form, autocomplete, action, export, history page and the importer."""

import csv
import io

import pytest
from django.urls import reverse

from agencies.models import Agency
from articles.models import Article, Status
from importer.models import ImportedSource

from .factories import draft, editor
from .helpers import change_url, form_data, transition_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_indramayu(db):
    return Agency.objects.get(slug="diskominfo-indramayu")


@pytest.fixture
def seed_bengkalis(db):
    return Agency.objects.get(slug="diskominfotik-bengkalis")


@pytest.fixture
def release_001(seed_indramayu):
    return Article.objects.get(publisher=seed_indramayu)


@pytest.fixture
def release_003(seed_bengkalis):
    return Article.objects.get(publisher=seed_bengkalis)


@pytest.fixture
def kontributor(seed_indramayu):
    return editor("kontributor-seed-indramayu", "Kontributor", seed_indramayu)


@pytest.fixture
def redaktur(seed_indramayu):
    return editor("redaktur-seed-indramayu", "Redaktur", seed_indramayu)


def out_of_scope_urls(article, history_id):
    pk = article.pk
    return [
        reverse("admin:articles_article_change", args=[pk]),
        reverse("admin:articles_article_history", args=[pk]),
        reverse("admin:articles_article_version", args=[pk, history_id]),
        reverse("admin:articles_article_preview", args=[pk]),
        reverse("admin:articles_article_delete", args=[pk]),
        reverse("admin:articles_article_simple_history", args=[pk, history_id]),
    ]


def test_seed_releases_are_scoped_to_the_editors_office(
    client, kontributor, release_001, release_003
):
    client.force_login(kontributor)
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert listing.status_code == 200
    shown = set(listing.context["cl"].result_list)
    assert release_001 in shown
    assert release_003 not in shown
    # Seed 001 is about Indramayu; nothing of the other four regions is listed.
    assert {article.region.code for article in shown} == {"32.12"}

    history_id = release_003.history.latest("history_id").history_id
    for url in out_of_scope_urls(release_003, history_id):
        assert client.get(url).status_code == 404, url
    revert = reverse("admin:articles_article_revert", args=[release_003.pk, history_id])
    assert client.post(revert, {"reason": "coba"}).status_code == 404
    assert client.post(transition_url(release_003, "withdraw"), {"reason": "x"}).status_code == 404
    release_003.refresh_from_db()
    assert release_003.status == Status.PUBLISHED


def test_list_filters_and_search_only_offer_what_is_in_scope(client, kontributor, release_003):
    # A second publisher in scope (through the region), so the agency filter shows.
    draft(Agency.objects.get(slug="kemendagri"), "32.12", title="Kemendagri di Indramayu")
    client.force_login(kontributor)
    url = reverse("admin:articles_article_changelist")
    listing = client.get(url)
    filter_choices = " ".join(
        str(choice.get("display"))
        for spec in listing.context["cl"].filter_specs
        for choice in spec.choices(listing.context["cl"])
    )
    assert "Bengkalis" not in filter_choices
    assert "Diskominfo Indramayu" in filter_choices
    assert "Kemendagri" in filter_choices
    found = client.get(url, {"q": "Bengkalis"}).context["cl"].result_list
    assert release_003 not in found
    by_filter = client.get(url, {"publisher__id__exact": release_003.publisher_id})
    assert release_003 not in by_filter.context["cl"].result_list


def test_bulk_actions_and_exports_skip_releases_out_of_scope(
    client, redaktur, release_001, release_003
):
    client.force_login(redaktur)
    changelist = reverse("admin:articles_article_changelist")
    response = client.post(
        changelist,
        {"action": "export_selected_csv", "_selected_action": [release_001.pk, release_003.pk]},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    text = "\n".join(",".join(row) for row in rows)
    assert release_001.title in text
    assert release_003.title not in text

    whole = client.get(reverse("reports:admin_export"), {"format": "csv"})
    assert whole.status_code == 200
    text = b"".join(whole.streaming_content).decode("utf-8-sig")
    assert release_001.title in text
    assert release_003.title not in text

    client.post(
        changelist,
        {
            "action": "withdraw_selected",
            "_selected_action": [release_003.pk],
            "apply": "1",
            "reason": "Coba tarik.",
        },
    )
    release_003.refresh_from_db()
    assert release_003.status == Status.PUBLISHED


def test_autocompletes_of_the_release_form_are_scoped(client, kontributor, release_003):
    client.force_login(kontributor)
    autocomplete = reverse("admin:autocomplete")
    publishers = client.get(
        autocomplete,
        {"app_label": "articles", "model_name": "article", "field_name": "publisher", "term": ""},
    ).json()["results"]
    assert publishers
    assert all("Indramayu" in row["text"] for row in publishers)
    # Quotes point at releases: only releases in scope are offered.
    releases = client.get(
        autocomplete,
        {"app_label": "articles", "model_name": "quote", "field_name": "article", "term": ""},
    )
    assert releases.status_code == 200
    offered = {row["id"] for row in releases.json()["results"]}
    assert str(release_003.pk) not in offered
    assert offered  # seed 001 is there


def test_release_in_scope_by_region_from_another_publisher_can_be_edited(client, redaktur):
    kemendagri = Agency.objects.get(slug="kemendagri")
    article = draft(kemendagri, "32.12", title="Kemendagri di Indramayu")
    client.force_login(redaktur)
    data = form_data(client.get(change_url(article)))
    data["lead"] = "Ringkasan baru."
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.lead == "Ringkasan baru."
    assert article.publisher == kemendagri


def test_the_importer_is_scoped_too(client, redaktur, seed_bengkalis, seed_indramayu):
    client.force_login(redaktur)
    upload = reverse("admin:importer_importedsource_upload")
    page = client.get(upload)
    assert page.status_code == 200
    offered = set(page.context["form"].fields["publisher"].queryset)
    assert seed_indramayu in offered
    assert seed_bengkalis not in offered

    text = (
        "BENGKALIS – Kadis Kominfotik Bengkalis mengikuti rapat konsolidasi pada "
        "Rabu, 10 Juni 2020.\n\nRapat berlangsung secara virtual dari ruang rapat dinas."
    )
    response = client.post(upload, {"text": text, "publisher": str(seed_bengkalis.pk)})
    assert response.status_code == 200
    assert "publisher" in response.context["form"].errors
    before = Article.objects.count()

    from importer.services import release_import

    result = release_import(text=text, filename="luar.txt", publisher=seed_bengkalis, by=redaktur)
    assert result.status == "failed"
    assert Article.objects.count() == before

    own = release_import(
        text=text.replace("BENGKALIS", "INDRAMAYU"),
        filename="dalam.txt",
        publisher=seed_indramayu,
        by=redaktur,
    )
    assert own.status == "created", own.error
    others = release_import(text=text + "\n\nLain.", filename="lain.txt", publisher=seed_bengkalis)
    assert others.status == "created"
    listing = client.get(reverse("admin:importer_importedsource_changelist"))
    assert listing.status_code == 200
    shown = set(listing.context["cl"].result_list)
    assert own.source in shown
    assert others.source not in shown
    assert ImportedSource.objects.filter(pk=others.source.pk).exists()


def test_quotes_and_imports_outside_scope_are_404_by_direct_url(
    client, redaktur, release_003, seed_bengkalis
):
    quote = release_003.quotes.create(speaker_name="Johansyah Syafri", text="Kutipan uji.")
    from importer.services import release_import

    imported = release_import(
        text="BENGKALIS – Rapat uji cakupan pada Rabu, 10 Juni 2020.\n\nIsi rapat.",
        filename="bengkalis.txt",
        publisher=seed_bengkalis,
    )
    assert imported.status == "created", imported.error
    client.force_login(redaktur)
    assert client.get(reverse("admin:articles_quote_change", args=[quote.pk])).status_code == 404
    url = reverse("admin:importer_importedsource_change", args=[imported.source.pk])
    assert client.get(url).status_code == 404


def test_whoever_imported_a_release_cannot_publish_it(client, redaktur, kontributor):
    from importer.services import release_import

    imported = release_import(
        text="INDRAMAYU – Diskominfo menggelar rapat uji pada Selasa (3/1/2023).\n\nIsi rapat.",
        filename="indramayu.txt",
        publisher=Agency.objects.get(slug="diskominfo-indramayu"),
        by=redaktur,
    )
    assert imported.status == "created", imported.error
    article = imported.article
    client.force_login(kontributor)
    client.post(transition_url(article, "submit"))
    client.force_login(redaktur)
    client.post(transition_url(article, "publish"))
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert article.last_edited_by == redaktur


def test_role_autocomplete_offers_only_the_chosen_officials_roles(client, kontributor):
    from agencies.models import Appointment, Official

    bahtiar = Official.objects.get(slug="bahtiar")
    client.force_login(kontributor)
    query = {
        "app_label": "articles",
        "model_name": "articleofficial",
        "field_name": "appointment",
        "term": "",
    }
    everyone = client.get(reverse("admin:autocomplete"), query).json()["results"]
    only_his = client.get(
        reverse("admin:autocomplete"), {**query, "official": str(bahtiar.pk)}
    ).json()["results"]
    his_roles = set(Appointment.objects.filter(official=bahtiar).values_list("pk", flat=True))
    assert len(his_roles) >= 2
    assert {int(row["id"]) for row in only_his} == his_roles
    assert len(everyone) > len(only_his)
