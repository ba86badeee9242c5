"""Report figures checked against the five seed releases (fixtures/releases.json)."""

import pytest
from django.core.management import call_command

URL = "/reports/monthly/"


@pytest.fixture
def seed_report(staff_client):
    def report(month, **filters):
        response = staff_client.get(URL, {"month": month, **filters})
        assert response.status_code == 200
        return response.context["report"]

    return report


def test_january_2023(seed_report):
    report = seed_report("2023-01")
    assert report.total.count == 2
    assert {r.key: r.count for r in report.by_province} == {"32": 1, "21": 1}
    # Indramayu is a regency; Kepulauan Riau's release is filed under the province.
    assert [(r.key, r.count) for r in report.by_regency] == [("32.12", 1)]
    assert {r.label for r in report.by_province} == {"Jawa Barat", "Kepulauan Riau"}
    assert [r.label for r in report.by_regency] == ["Kabupaten Indramayu"]
    assert sum(r.count for r in report.by_agency) == 2
    pemilu = [r for r in report.by_event if "Pemilu" in r.label and "2024" in r.label]
    assert pemilu
    assert pemilu[0].count == 2
    bahtiar = [r for r in report.by_official if "Bahtiar" in r.label]
    assert [r.count for r in bahtiar] == [1]
    assert bahtiar[0].detail  # named with the role he held that day
    assert sum(count for _day, count in report.by_day) == 2


def test_june_2020(seed_report):
    report = seed_report("2020-06")
    assert report.total.count == 1
    assert [(r.key, r.count) for r in report.by_regency] == [("14.03", 1)]
    assert [(r.key, r.count) for r in report.by_province] == [("14", 1)]
    assert [r.label for r in report.by_regency] == ["Kabupaten Bengkalis"]
    assert any("Pilkada" in r.label for r in report.by_event)
    bahtiar = [r for r in report.by_official if "Bahtiar" in r.label]
    assert len(bahtiar) == 1
    assert bahtiar[0].detail


def test_previous_month_comparison_on_the_seed(seed_report):
    january = seed_report("2023-01").total
    assert (january.previous_month, january.change_previous_month) == (0, 2)
    assert january.change_previous_month_percent is None  # no percentage of nothing
    february = seed_report("2023-02").total
    assert (february.count, february.previous_month, february.change_previous_month) == (0, 2, -2)
    assert february.change_previous_month_percent == -100.0


def test_region_filter_on_the_seed(seed_report):
    assert seed_report("2023-01", region="32").total.count == 1
    assert seed_report("2023-01", region="32.12").total.count == 1
    assert seed_report("2023-01", region="21").total.count == 1
    assert seed_report("2020-06", region="32").total.count == 0


def test_command_on_the_seed(db, tmp_path, capsys):
    call_command("monthly_report", month="2023-01", format="csv", output=tmp_path / "r.csv")
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3  # header and the two January releases
