"""Editors may import: Kontributor and Redaktur upload releases (which become drafts
in their own scope) and see the import records; the Administrator group has them all."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["add_importedsource", "view_importedsource"]
ADMINISTRATOR_CODENAMES = [*EDITOR_CODENAMES, "change_importedsource", "delete_importedsource"]
GRANTS = {
    "Kontributor": EDITOR_CODENAMES,
    "Redaktur": EDITOR_CODENAMES,
    "Administrator": ADMINISTRATOR_CODENAMES,
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the grants need them now.
    app_config = apps.get_app_config("importer")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="importer", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="importer")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("importer", "0001_initial"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
