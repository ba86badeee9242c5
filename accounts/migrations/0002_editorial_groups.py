"""The three editorial groups and their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REFERENCE_MODELS = [
    ("agencies", "region"),
    ("agencies", "agency"),
    ("agencies", "agencyalias"),
    ("agencies", "official"),
    ("agencies", "appointment"),
    ("articles", "topic"),
    ("articles", "event"),
    ("articles", "eventkeydate"),
    ("articles", "eventalias"),
]
# The inlines of the release form; the admin checks their permissions separately.
ARTICLE_PARTS = [
    ("articles", "articleevent"),
    ("articles", "articleofficial"),
    ("articles", "quote"),
    ("articles", "articleimage"),
]

KONTRIBUTOR = (
    [(app, "view", model) for app, model in REFERENCE_MODELS]
    + [("articles", action, "article") for action in ("view", "add", "change", "delete")]
    + [(app, action, model) for app, model in ARTICLE_PARTS for action in ("view", "add", "change", "delete")]
    + [("articles", "view", "articletransition"), ("articles", "view", "articlechangenote")]
)
REDAKTUR = KONTRIBUTOR + [("articles", "publish", "article")]
ADMINISTRATOR_APPS = ["accounts", "agencies", "articles", "auth"]


def permission_names(entries):
    return [(app, f"{action}_{model}") for app, action, model in entries]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(entries):
        found = []
        for app_label, codename in permission_names(entries):
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    kontributor, _ = Group.objects.get_or_create(name="Kontributor")
    kontributor.permissions.set(permissions(KONTRIBUTOR))
    redaktur, _ = Group.objects.get_or_create(name="Redaktur")
    redaktur.permissions.set(permissions(REDAKTUR))
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Kontributor", "Redaktur", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("agencies", "0001_initial"),
        ("articles", "0002_article_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
