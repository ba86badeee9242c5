from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports and exports")

    def ready(self):
        from . import signals

        post_save.connect(signals.on_save_or_delete, dispatch_uid="reports-invalidate-save")
        post_delete.connect(signals.on_save_or_delete, dispatch_uid="reports-invalidate-delete")
        m2m_changed.connect(signals.on_m2m_changed, dispatch_uid="reports-invalidate-m2m")
