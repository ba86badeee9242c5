import datetime

import pytest
from django.db import IntegrityError, transaction

from agencies.models import Agency, Appointment, Official
from tests.factories import AppointmentFactory

pytestmark = pytest.mark.django_db

DIRJEN_POLPUM = "Direktur Jenderal Politik dan Pemerintahan Umum"


def test_bahtiar_in_june_2020_was_kapuspen_and_acting_director_general():
    bahtiar = Official.objects.get(slug="bahtiar")
    roles = {(a.title, a.acting) for a in bahtiar.roles_on(datetime.date(2020, 6, 10))}
    assert ("Kepala Pusat Penerangan", "") in roles
    assert (DIRJEN_POLPUM, "plt") in roles
    assert (DIRJEN_POLPUM, "") not in roles


def test_bahtiar_in_july_2023_was_director_general_of_polpum():
    bahtiar = Official.objects.get(slug="bahtiar")
    roles = list(bahtiar.roles_on(datetime.date(2023, 7, 21)))
    assert [(a.title, a.acting, a.agency.short_name) for a in roles] == [
        (DIRJEN_POLPUM, "", "Ditjen Polpum")
    ]
    assert roles[0].role_display == DIRJEN_POLPUM


def test_acting_role_is_written_with_its_prefix():
    acting = Appointment.objects.get(official__slug="bahtiar", title=DIRJEN_POLPUM, acting="plt")
    assert acting.role_display == f"Plt. {DIRJEN_POLPUM}"


def test_who_held_the_role_on_a_date():
    polpum = Agency.objects.get(short_name="Ditjen Polpum")
    holders = Appointment.objects.holders_of(
        agency=polpum, title=DIRJEN_POLPUM, day=datetime.date(2023, 4, 11)
    )
    assert [a.official.name for a in holders] == ["Bahtiar"]
    assert not Appointment.objects.holders_of(
        agency=polpum, title=DIRJEN_POLPUM, day=datetime.date(2019, 1, 1)
    ).exists()


def test_start_and_end_dates_are_inclusive():
    appointment = AppointmentFactory(
        start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2021, 12, 31)
    )
    official = appointment.official
    assert official.roles_on(datetime.date(2021, 1, 1)).exists()
    assert official.roles_on(datetime.date(2021, 12, 31)).exists()
    assert not official.roles_on(datetime.date(2022, 1, 1)).exists()
    assert not official.roles_on(datetime.date(2020, 12, 31)).exists()


def test_database_refuses_an_appointment_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentFactory(
            start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2022, 12, 31)
        )
