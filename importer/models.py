"""What the importer remembers: each imported file, by content, and what it recognised."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedSource(models.Model):
    """One imported release text. The content hash makes a second import a no-op."""

    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("draft created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_sources",
    )
    # What was recognised, how sure the importer is, warnings, likely duplicates
    # and proposed officials: the editor's checklist for the draft.
    report = models.JSONField(_("recognition report"), default=dict, blank=True)
    confidence = models.FloatField(_("overall confidence"), default=0.0)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("imported release")
        verbose_name_plural = _("imported releases")

    def __str__(self) -> str:
        return self.filename or self.content_hash[:12]
