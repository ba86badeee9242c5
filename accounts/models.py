"""Editors and the offices they work for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class EditorProfile(models.Model):
    """Attaches an editor account to the agencies (and so sub-agencies) they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="editor_profile",
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("agencies"), related_name="editors", blank=True
    )

    class Meta:
        verbose_name = _("editor profile")
        verbose_name_plural = _("editor profiles")

    def __str__(self) -> str:
        return str(self.user)
