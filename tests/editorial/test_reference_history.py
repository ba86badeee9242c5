"""History of reference data (agencies, officials, appointments, events): a readable
diff and a revert that is itself a recorded change, for those who may change them."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import Agency, Appointment, Official
from articles.models import Event

from .factories import editor

pytestmark = pytest.mark.django_db


def edit_and_revert(client, obj, field: str, new_value, *, admin_name: str):
    """Change ``field`` (a recorded version), then revert to the version before."""
    old_value = getattr(obj, field)
    before = obj.history.latest("history_id")
    setattr(obj, field, new_value)
    obj._change_reason = "uji"
    obj.save()
    latest = obj.history.latest("history_id")

    diff = client.get(reverse(f"admin:{admin_name}_version", args=[obj.pk, latest.history_id]))
    assert diff.status_code == 200
    assert [(c.field, c.old, c.new) for c in diff.context["changes"]] == [
        (field, str(old_value), str(new_value))
    ]
    assert diff.context["revert_url"]

    revert = reverse(f"admin:{admin_name}_revert", args=[obj.pk, before.history_id])
    client.post(revert, {"reason": ""})  # a reason is required
    obj.refresh_from_db()
    assert getattr(obj, field) == new_value

    response = client.post(revert, {"reason": "Salah ketik."})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == old_value
    newest = obj.history.latest("history_id")
    assert newest.history_id > latest.history_id
    assert "Salah ketik." in newest.history_change_reason
    assert newest.history_user is not None


@pytest.fixture
def administrator(db):
    return editor("administrator-referensi", "Administrator")


def test_agency_history_diff_and_revert(client, administrator):
    client.force_login(administrator)
    agency = Agency.objects.get(slug="diskominfo-indramayu")
    edit_and_revert(client, agency, "short_name", "Kominfo Dermayu", admin_name="agencies_agency")


def test_official_history_diff_and_revert(client, administrator):
    client.force_login(administrator)
    official = Official.objects.order_by("pk").first()
    edit_and_revert(client, official, "name", "Nama Keliru", admin_name="agencies_official")


def test_appointment_history_diff_and_revert(client, administrator):
    client.force_login(administrator)
    appointment = Appointment.objects.order_by("pk").first()
    edit_and_revert(
        client,
        appointment,
        "start_date",
        datetime.date(1999, 1, 1),
        admin_name="agencies_appointment",
    )


def test_event_history_diff_and_revert(client, administrator):
    client.force_login(administrator)
    event = Event.objects.get(slug="pemilu-serentak-2024")
    edit_and_revert(client, event, "name", "Pemilu Keliru", admin_name="articles_event")


def test_editors_see_reference_history_but_cannot_revert(client):
    redaktur = editor("redaktur-referensi", "Redaktur", Agency.objects.get(slug="kemendagri"))
    event = Event.objects.get(slug="pemilu-serentak-2024")
    first = event.history.earliest("history_id")
    event.name = "Pemilu Serentak Tahun 2024"
    event.save()
    client.force_login(redaktur)
    latest = event.history.latest("history_id")
    page = client.get(reverse("admin:articles_event_version", args=[event.pk, latest.history_id]))
    assert page.status_code == 200
    assert not page.context["revert_url"]
    revert = reverse("admin:articles_event_revert", args=[event.pk, first.history_id])
    assert client.post(revert, {"reason": "coba"}).status_code == 403
    event.refresh_from_db()
    assert event.name == "Pemilu Serentak Tahun 2024"


def test_simple_history_form_cannot_save_a_revert_without_a_reason(client, administrator):
    client.force_login(administrator)
    agency = Agency.objects.get(slug="diskominfo-indramayu")
    first = agency.history.earliest("history_id")
    url = reverse("admin:agencies_agency_simple_history", args=[agency.pk, first.history_id])
    # Reading a version goes to the version page (the version as recorded, with its diff).
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:agencies_agency_version", args=[agency.pk, first.history_id]
    )
    assert client.get(response["Location"]).status_code == 200
    unknown = reverse("admin:agencies_agency_simple_history", args=[agency.pk, 10**9])
    assert client.get(unknown).status_code == 404
    assert client.post(url, {"name": "Lewat jalan pintas"}).status_code == 405
    agency.refresh_from_db()
    assert agency.name != "Lewat jalan pintas"
