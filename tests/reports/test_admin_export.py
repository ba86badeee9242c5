"""Admin exports: the selected releases or the whole filtered changelist, in scope."""

import csv
import io

import openpyxl
from django.test import Client
from django.urls import reverse

from .conftest import editor_of, jakarta, release

CHANGELIST = "/admin/articles/article/"
EXPORT = reverse("reports:admin_export")


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def run_action(client, action, articles):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in articles], "index": 0},
    )


def test_action_exports_selected_to_csv(superuser_client, world):
    chosen = [world.march[0], world.hidden[0]]
    response = run_action(superuser_client, "export_selected_csv", chosen)
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0][-1] == "Status"
    assert {(r[2], r[-1]) for r in rows[1:]} == {
        (world.march[0].title, "Terbit"),
        (world.hidden[0].title, "Draf"),
    }


def test_action_exports_selected_to_xlsx(superuser_client, world):
    response = run_action(superuser_client, "export_selected_xlsx", world.march)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Daftar siaran pers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Status"
    assert len(rows) == 1 + len(world.march)


def test_actions_keep_to_the_editors_scope(client, world):
    # Scope (accounts.scope): the office's own releases and every release about its
    # region, Riau province with its regencies; Bandung's releases about Bandung are out.
    about_riau = release(
        when=jakarta(2019, 3, 7),
        region_code="14.03",
        publisher=world.bandung_office,
        title="Bandung menulis tentang Bengkalis",
    )
    client.force_login(editor_of(world.riau_office))
    everything = [*world.march, *world.february, about_riau]
    response = run_action(client, "export_selected_csv", everything)
    assert response.status_code == 200
    titles = {row[2] for row in csv_rows(response)[1:]}
    riau_own = {a.title for a in everything if a.publisher == world.riau_office}
    assert len(riau_own) == 2
    assert titles == riau_own | {about_riau.title}


def test_changelist_export_follows_the_changelist_filters(superuser_client, world):
    response = superuser_client.get(EXPORT, {"format": "csv", "status__exact": "draft", "q": ""})
    assert response.status_code == 200
    titles = {row[2] for row in csv_rows(response)[1:]}
    assert world.hidden[0].title in titles
    assert all(a.title not in titles for a in world.march)


def test_changelist_export_keeps_to_the_editors_scope(client, world):
    client.force_login(editor_of(world.riau_office))
    response = client.get(EXPORT, {"format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    titles = {row[2] for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    assert "Riau siap pemilu" in titles
    assert all(a.title not in titles for a in world.march if a.publisher == world.bandung_office)


def test_changelist_export_refuses_anonymous_and_bad_format(superuser_client, world):
    response = Client().get(EXPORT, {"format": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert superuser_client.get(EXPORT, {"format": "pdf"}).status_code == 400
    assert (
        superuser_client.get(EXPORT, {"format": "csv", "nonsense__field": "1"}).status_code == 400
    )


def test_staff_without_view_permission_is_refused(client, world):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="no-perms", is_staff=True))
    assert client.get(EXPORT, {"format": "csv"}).status_code == 403
