"""Editors extend the alias lists the importer recognises agencies and events by
(issue #7): Kontributor and Redaktur may view, add and change aliases; a Redaktur may
also delete a wrong one. The agencies and events themselves stay the Administrator's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALIASES = [("agencies", "agencyalias"), ("articles", "eventalias")]
GRANTS = {
    "Kontributor": ["view", "add", "change"],
    "Redaktur": ["view", "add", "change", "delete"],
}


def _permissions(Permission, actions):
    return [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model in ALIASES
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the grants need them now.
    for label in ("agencies", "articles"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        Group.objects.get(name=name).permissions.add(*_permissions(Permission, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        Group.objects.get(name=name).permissions.remove(*_permissions(Permission, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_importer_permissions"),
        ("agencies", "0001_initial"),
        ("articles", "0002_article_editorial_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
