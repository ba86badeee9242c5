"""Which events and campaigns count as running on a day."""

import datetime

import pytest

from articles.models import Event

pytestmark = pytest.mark.django_db


def running_on(day: datetime.date) -> set[str]:
    return set(Event.objects.current(day).values_list("slug", flat=True))


def test_an_open_ended_election_runs_until_a_year_after_its_voting_day():
    # Pemilu Serentak 2024: stages from 14 June 2022, voting day 14 February 2024, no end.
    assert "pemilu-serentak-2024" in running_on(datetime.date(2024, 3, 1))
    # 365 days after 14 February 2024 (a leap year) is 13 February 2025.
    assert "pemilu-serentak-2024" in running_on(datetime.date(2025, 2, 13))
    assert "pemilu-serentak-2024" not in running_on(datetime.date(2025, 2, 14))


def test_an_event_has_not_started_before_its_start_date():
    assert "pemilu-serentak-2024" not in running_on(datetime.date(2022, 6, 13))


def test_an_event_with_an_end_date_runs_until_that_day_inclusive():
    event = Event.objects.create(
        name="Rapat uji", slug="rapat-uji-berakhir", kind="meeting",
        start_date=datetime.date(2023, 5, 1), end_date=datetime.date(2023, 5, 3),
    )  # fmt: skip
    assert event.slug in running_on(datetime.date(2023, 5, 3))
    assert event.slug not in running_on(datetime.date(2023, 5, 4))
