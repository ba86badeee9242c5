from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports and exports")

    def ready(self):
        from articles.models import Article

        from . import signals

        post_init.connect(signals.remember_published_at, sender=Article)
        for signal in (post_save, post_delete):
            signal.connect(signals.on_article_change, sender=Article)
            for model in signals.LINKS:
                signal.connect(signals.on_link_change, sender=model)
            for model in signals.LABELS:
                signal.connect(signals.on_label_change, sender=model)
        for model in signals.LINKS:
            m2m_changed.connect(signals.on_links_changed, sender=model)
