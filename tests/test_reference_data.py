import pytest
from django.core.management import call_command

from agencies.models import Agency, Appointment, Official, Region, RegionKind
from articles.models import Article, ArticleOfficial, Event, Topic

pytestmark = pytest.mark.django_db


def test_every_region_of_the_2025_decree_is_loaded():
    assert Region.objects.filter(kind=RegionKind.PROVINCE).count() == 38
    assert Region.objects.filter(kind=RegionKind.REGENCY).count() == 416
    assert Region.objects.filter(kind=RegionKind.CITY).count() == 98


@pytest.mark.parametrize(
    ("code", "name", "kind", "parent_code"),
    [
        ("32", "Jawa Barat", RegionKind.PROVINCE, None),
        ("32.12", "Kabupaten Indramayu", RegionKind.REGENCY, "32"),
        ("16.03", "Kabupaten Muara Enim", RegionKind.REGENCY, "16"),
        ("14.03", "Kabupaten Bengkalis", RegionKind.REGENCY, "14"),
        ("74.71", "Kota Kendari", RegionKind.CITY, "74"),
        ("21", "Kepulauan Riau", RegionKind.PROVINCE, None),
    ],
)
def test_region_codes_and_parents(code, name, kind, parent_code):
    region = Region.objects.select_related("parent").get(code=code)
    assert region.name == name
    assert region.kind == kind
    assert (region.parent.code if region.parent else None) == parent_code


def test_every_regency_and_city_belongs_to_a_province_with_its_code_prefix():
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE).select_related("parent"):
        assert region.parent.kind == RegionKind.PROVINCE
        assert region.code.split(".")[0] == region.parent.code


def _snapshot():
    models = [Region, Agency, Official, Appointment, Event, Topic, Article, ArticleOfficial]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["article history"] = Article.history.count()
    counts["official history"] = Official.history.count()
    counts["article versions"] = sorted(Article.objects.values_list("version", flat=True))
    return counts


def test_load_initial_data_twice_changes_nothing():
    before = _snapshot()
    assert before["Article"] >= 5
    call_command("load_initial_data", verbosity=0)
    assert _snapshot() == before


def test_dry_run_writes_nothing(capsys):
    Topic.objects.filter(slug="pemilu").delete()
    call_command("load_initial_data", "--dry-run")
    assert "[dry run]" in capsys.readouterr().out
    assert not Topic.objects.filter(slug="pemilu").exists()
