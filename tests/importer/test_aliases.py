"""Editors extend the alias lists in the admin, and the importer recognises the new
names at once (issue #7: "an alias list editors can extend in the admin")."""

import pytest
from django.urls import reverse

from agencies.models import Agency, AgencyAlias
from articles.models import Event, EventAlias
from importer.gazetteer import Gazetteer
from importer.recognition import recognise
from tests.editorial.factories import editor

pytestmark = pytest.mark.django_db

RELEASE = """Rapat persiapan Hari Jadi di Indramayu

INDRAMAYU – Dinas Kominfo Dermayu menggelar rapat persiapan Gebyar Bendera Desa
pada Selasa (3/1/2023) di Pendopo Indramayu.
"""


@pytest.fixture
def indramayu_office():
    return Agency.objects.get(slug="diskominfo-indramayu")


@pytest.mark.parametrize("group", ["Kontributor", "Redaktur"])
def test_an_editor_adds_an_agency_alias_and_the_importer_knows_it(client, indramayu_office, group):
    assert indramayu_office not in recognise(RELEASE, gazetteer=Gazetteer()).agencies
    client.force_login(editor(f"alias-{group.lower()}", group, indramayu_office))
    response = client.post(
        reverse("admin:agencies_agencyalias_add"),
        {"agency": indramayu_office.pk, "alias": "Dinas Kominfo Dermayu"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AgencyAlias.objects.filter(agency=indramayu_office, alias="Dinas Kominfo Dermayu")
    assert indramayu_office in recognise(RELEASE, gazetteer=Gazetteer()).agencies


def test_an_editor_adds_an_event_alias(client, indramayu_office):
    event = Event.objects.get(slug="gerakan-pembagian-10-juta-bendera-merah-putih-2023")
    client.force_login(editor("alias-event", "Redaktur", indramayu_office))
    response = client.post(
        reverse("admin:articles_eventalias_add"),
        {"event": event.pk, "alias": "Gebyar Bendera Desa"},
    )
    assert response.status_code == 302
    assert EventAlias.objects.filter(event=event, alias="Gebyar Bendera Desa").exists()


def test_editors_may_not_change_the_agencies_themselves(client, indramayu_office):
    client.force_login(editor("alias-only", "Redaktur", indramayu_office))
    response = client.post(
        reverse("admin:agencies_agency_change", args=[indramayu_office.pk]),
        {"name": "Nama baru"},
    )
    assert response.status_code == 403
    indramayu_office.refresh_from_db()
    assert indramayu_office.name != "Nama baru"


def test_a_kontributor_may_not_delete_an_alias(client, indramayu_office):
    alias = AgencyAlias.objects.create(agency=indramayu_office, alias="Kominfo Dermayu")
    client.force_login(editor("alias-kontributor-delete", "Kontributor", indramayu_office))
    response = client.post(
        reverse("admin:agencies_agencyalias_delete", args=[alias.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AgencyAlias.objects.filter(pk=alias.pk).exists()
