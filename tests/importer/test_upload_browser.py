"""The import page in a real browser, under the Content-Security-Policy of every
response: a Redaktur logs in, uploads a scraped release and reads the review."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import EditorProfile
from agencies.models import Agency
from importer.models import ImportedSource
from tests.factories import UserFactory
from tests.importer.test_cleaning import SEEDS
from tests.ops.test_csp_sweep import sweep  # noqa: F401  (fixture: collects CSP problems)

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password-7"
REDAKTUR_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("importer", "add_importedsource"),
    ("importer", "view_importedsource"),
]


def redaktur_of(agency: Agency):
    # A transactional test database is flushed between tests: the group the
    # migrations made may be gone, so it is made again with what it needs here.
    group, _ = Group.objects.get_or_create(name="Redaktur")
    for app_label, codename in REDAKTUR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = UserFactory(username="redaktur-impor-browser", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(group)
    EditorProfile.objects.create(user=user).agencies.add(agency)
    return user


def test_upload_and_review_under_the_policy(page, sweep):  # noqa: F811
    redaktur_of(Agency.objects.get(slug="diskominfotik-bengkalis"))
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "redaktur-impor-browser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")

    response = page.goto(reverse("admin:importer_importedsource_upload"))
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    seed = next(Path(SEEDS).glob("003_*.txt"))
    page.set_input_files("#id_files", str(seed))
    page.click("input[type=submit]")
    page.wait_for_selector("#import-results")
    results = page.inner_text("#import-results")
    assert "2020-06-10" in results
    assert "Kabupaten Bengkalis (14.03)" in results
    assert "Bahtiar" in results
    page.wait_for_load_state("networkidle")
    assert sweep.problems + page.evaluate("window.__cspViolations || []") == []

    source = ImportedSource.objects.get()
    page.click(f"a[href='{reverse('admin:articles_article_change', args=[source.article_id])}']")
    page.wait_for_selector("#id_title")
    assert page.input_value("#id_title").startswith("Kadis Kominfotik Bengkalis")
    page.wait_for_load_state("networkidle")
    assert sweep.problems + page.evaluate("window.__cspViolations || []") == []
