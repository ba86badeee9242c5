"""The importer's admin page (issue #7) is for a Redaktur; the Administrator group
gets every permission of the project's apps, the importer's included."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REDAKTUR_IMPORTER = ["add_importedsource", "view_importedsource"]
ADMINISTRATOR_APPS = ["accounts", "agencies", "articles", "auth", "importer"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redaktur = Group.objects.get(name="Redaktur")
    redaktur.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="importer", codename__in=REDAKTUR_IMPORTER
        )
    )
    administrator = Group.objects.get(name="Administrator")
    administrator.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    importer = Permission.objects.filter(content_type__app_label="importer")
    for group in Group.objects.filter(name__in=["Redaktur", "Administrator"]):
        group.permissions.remove(*importer)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_editorial_groups"),
        ("importer", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
