from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Press releases")

    def ready(self):
        from . import lookups  # noqa: F401  (registers pk__in_array)
