"""Writes of the editorial workflow.

Every change of state is one keyword-only function here: it checks the user's
permission, scope and the release's state, runs in a transaction, and writes an
``ArticleTransition`` audit row. The admin's buttons and bulk actions, the
importer and any future API call these same functions.

A refusal raises ``WorkflowError`` whose message says why, in words an editor
understands; callers show it and carry on with the next row.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseGone
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.scope import article_in_scope, is_archive_administrator
from ops.cache import archive_changed

from .models import (
    PUBLIC_STATUSES,
    Article,
    ArticleChangeNote,
    ArticleOfficial,
    ArticleTransition,
    Status,
)

# Fields whose change on a public release is "in substance" and earns a public note.
SUBSTANCE_FIELDS = ("title", "lead", "body", "event_date", "region", "publisher", "venue")
# Fields a revert restores; the workflow state and audit fields stay as they are.
CONTENT_FIELDS = (
    "title",
    "lead",
    "body",
    "photo_caption",
    "event_date",
    "region",
    "publisher",
    "byline",
    "source_name",
    "source_url",
    "venue",
)


class WorkflowError(Exception):
    """A transition or edit was refused; ``str(error)`` says why."""


class StaleEditError(WorkflowError):
    """The release changed since the editor opened it."""

    def __init__(self, message: str, *, changes: list[FieldChange]):
        super().__init__(message)
        self.changes = changes


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    text_diff: list[str]


# --- Permission checks ---------------------------------------------------------


def _require_scope(*, article: Article, by) -> None:
    if not article_in_scope(by, article):
        raise WorkflowError(_("This release is outside your offices and regions."))


def _require_perm(*, by, perm: str, message: str) -> None:
    if not by.has_perm(perm):
        raise WorkflowError(message)


def _require_status(*, article: Article, allowed: tuple[str, ...], action: str) -> None:
    if article.status not in allowed:
        raise WorkflowError(
            _("Cannot %(action)s a release that is %(status)s.")
            % {"action": action, "status": article.get_status_display().lower()}
        )


def _locked(article: Article) -> Article:
    """Re-read the row under a lock so two transitions cannot interleave."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _record(*, article: Article, from_status: str, action: str, by, reason: str = "") -> None:
    ArticleTransition.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        action=action,
        by=by,
        reason=reason,
    )


def _save(article: Article, *, by, reason: str) -> None:
    """Save with the version bumped; simple-history records ``reason``."""
    article.version += 1
    article._change_reason = reason
    article._history_user = by
    article.save()
    # Cached facet counts and fragments on every app server go stale once this commits.
    transaction.on_commit(archive_changed)


def is_own_work(*, article: Article, by) -> bool:
    """Whoever submitted or last edited a release is not its second pair of eyes."""
    return by.pk is not None and by.pk in (article.submitted_by_id, article.last_edited_by_id)


# --- Drafts and edits ----------------------------------------------------------


def unique_article_slug(title: str, *, exclude_pk: int | None = None, slug: str = "") -> str:
    """``slug`` (or one made from ``title``), with -2, -3… appended if taken."""
    max_length = Article._meta.get_field("slug").max_length
    base = (slugify(slug or title) or "siaran-pers")[: max_length - 6]
    candidate, n = base, 1
    taken = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    while taken.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def fill_appointments(*, article: Article) -> int:
    """Officials named without a role get the appointment they held on the event date.

    Only an unambiguous match is filled in; returns how many links were filled.
    """
    day = article.event_date or (
        timezone.localdate(article.published_at) if article.published_at else None
    )
    if day is None:
        return 0
    filled = 0
    links = ArticleOfficial.objects.filter(article=article, appointment__isnull=True)
    for link in links.select_related("official"):
        held = list(link.official.roles_on(day)[:2])
        if len(held) == 1:
            link.appointment = held[0]
            link.save(update_fields=["appointment"])
            filled += 1
    return filled


def article_create_draft(*, by, **fields) -> Article:
    """A new draft from field values; the importer comes through here."""
    return article_create(article=Article(**fields), by=by)


@transaction.atomic
def article_create(*, article: Article, by) -> Article:
    """Save a new release (built by a form or the importer) as a draft of ``by``."""
    if by is not None:  # None: a trusted command-line import
        _require_perm(by=by, perm="articles.add_article", message=_("You may not write releases."))
        _require_scope(article=article, by=by)
    article.status = Status.DRAFT
    article.published_at = None
    article.slug = unique_article_slug(article.title, slug=article.slug)
    article.created_by = by
    article.last_edited_by = by
    article.version = 0  # _save makes it 1
    _save(article, by=by, reason=_("Created"))
    _record(article=article, from_status=Status.DRAFT, action="create", by=by)
    return article


def article_changes_since(*, article: Article, version: int) -> list[FieldChange]:
    """What changed in ``article`` after ``version``, for a refused stale save."""
    old = article.history.filter(version=version).order_by("-history_id").first()
    new = article.history.order_by("-history_id").first()
    if old is None or new is None:
        return []
    return history_diff(old=old, new=new)


def article_check_version(*, article: Article, expected_version: int) -> None:
    """Refuse an edit based on an older version, saying what changed since."""
    current = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
    if current is not None and current != expected_version:
        raise StaleEditError(
            _(
                "Someone else saved this release while you were editing it "
                "(your version %(yours)s, now %(current)s). Your changes were not saved; "
                "reload the page and apply them again."
            )
            % {"yours": expected_version, "current": current},
            changes=article_changes_since(article=article, version=expected_version),
        )


@transaction.atomic
def article_update(
    *, article: Article, by, expected_version: int | None = None, change_note: str = ""
) -> Article:
    """Save edits to ``article`` (already applied to the instance).

    Refused if the editor's copy is stale, or outside their scope. Edits in
    substance to a public release add a dated public change note.
    """
    if article.pk is None:
        raise WorkflowError(_("Use article_create_draft for a new release."))
    stored = _locked(article)
    _require_scope(article=stored, by=by)
    _require_scope(article=article, by=by)
    if expected_version is not None:
        article_check_version(article=stored, expected_version=expected_version)
    if not by.has_perm("articles.change_article"):
        raise WorkflowError(_("You may not edit releases."))
    if stored.status in PUBLIC_STATUSES and not by.has_perm("articles.publish_article"):
        raise WorkflowError(_("Only a Redaktur may edit a published release."))
    if article.status != stored.status:
        raise WorkflowError(_("The state of a release changes only through its workflow buttons."))
    if article.slug != stored.slug:
        article.slug = unique_article_slug(article.title, exclude_pk=article.pk, slug=article.slug)
    in_substance = [f for f in SUBSTANCE_FIELDS if _value(article, f) != _value(stored, f)]
    article.version = stored.version
    article.last_edited_by = by
    _save(article, by=by, reason=change_note or _("Edited"))
    if in_substance and stored.is_public:
        ArticleChangeNote.objects.create(article=article, text=change_note, by=by)
    return article


def _value(article: Article, field: str):
    attname = article._meta.get_field(field).attname
    return getattr(article, attname)


# --- Transitions ---------------------------------------------------------------


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(by=by, perm="articles.change_article", message=_("You may not submit releases."))
    _require_status(article=article, allowed=(Status.DRAFT,), action=_("submit"))
    article.status = Status.SUBMITTED
    article.submitted_by = by
    article.submitted_at = timezone.now()
    article.returned_comment = ""
    _save(article, by=by, reason=_("Submitted for review"))
    _record(article=article, from_status=Status.DRAFT, action="submit", by=by)
    return article


@transaction.atomic
def article_return_to_draft(*, article: Article, by, comment: str) -> Article:
    """A reviewer sends a submission back to its author with a comment."""
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(
        by=by, perm="articles.publish_article", message=_("Only a Redaktur may return releases.")
    )
    if not article.is_scheduled:
        # A scheduled release is not public yet: returning it to draft unschedules it.
        _require_status(article=article, allowed=(Status.SUBMITTED,), action=_("return"))
    if not comment.strip():
        raise WorkflowError(_("Say what the author should change: a comment is required."))
    from_status = article.status
    article.status = Status.DRAFT
    article.published_at = None
    article.needs_review = False
    article.reviewed_by = None
    article.reviewed_at = None
    article.returned_comment = comment.strip()
    _save(article, by=by, reason=_("Returned to draft"))
    _record(article=article, from_status=from_status, action="return", by=by, reason=comment)
    return article


@transaction.atomic
def article_publish(
    *,
    article: Article,
    by,
    published_at: datetime.datetime | None = None,
    force_reason: str = "",
) -> Article:
    """Publish a submission now or at ``published_at`` (a future time schedules it).

    The submitter or last editor cannot publish it; an Administrator may with a
    written ``force_reason``, and the release stays "not yet reviewed" until
    someone else approves it (``article_approve``).
    """
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(
        by=by, perm="articles.publish_article", message=_("Only a Redaktur may publish releases.")
    )
    allowed = (Status.SUBMITTED, Status.DRAFT) if force_reason.strip() else (Status.SUBMITTED,)
    _require_status(article=article, allowed=allowed, action=_("publish"))
    forced = False
    if is_own_work(article=article, by=by) or article.status == Status.DRAFT:
        if not force_reason.strip():
            raise WorkflowError(
                _(
                    "You submitted or last edited this release: someone else must "
                    "review and publish it."
                )
            )
        if not (by.has_perm("articles.force_publish_article") or is_archive_administrator(by)):
            raise WorkflowError(_("Only an Administrator may publish without a second review."))
        forced = True
    from_status = article.status
    now = timezone.now()
    article.status = Status.PUBLISHED
    article.published_at = published_at or now
    if forced:
        article.needs_review = True
        article.forced_publish_reason = force_reason.strip()
        article.reviewed_by = None
        article.reviewed_at = None
    else:
        article.needs_review = False
        article.reviewed_by = by
        article.reviewed_at = now
    action = "force_publish" if forced else "publish"
    if article.published_at > now:
        action = "force_schedule" if forced else "schedule"
    _save(article, by=by, reason=force_reason.strip() or _("Published"))
    _record(
        article=article, from_status=from_status, action=action, by=by, reason=force_reason.strip()
    )
    fill_appointments(article=article)
    return article


@transaction.atomic
def article_approve(*, article: Article, by) -> Article:
    """Second pair of eyes on a release an Administrator force-published."""
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(
        by=by, perm="articles.publish_article", message=_("Only a Redaktur may approve releases.")
    )
    if not article.needs_review:
        raise WorkflowError(_("This release does not wait for a review."))
    forcer = (
        article.transitions.filter(action__startswith="force_").values_list("by_id", flat=True)
    ).first()
    if is_own_work(article=article, by=by) or by.pk == forcer:
        raise WorkflowError(_("Someone other than its author and publisher must approve it."))
    article.needs_review = False
    article.reviewed_by = by
    article.reviewed_at = timezone.now()
    _save(article, by=by, reason=_("Approved"))
    _record(article=article, from_status=article.status, action="approve", by=by)
    return article


@transaction.atomic
def article_withdraw(*, article: Article, by, reason: str) -> Article:
    """Withdraw a published release: it stays online with a visible notice."""
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(
        by=by, perm="articles.publish_article", message=_("Only a Redaktur may withdraw releases.")
    )
    _require_status(article=article, allowed=(Status.PUBLISHED,), action=_("withdraw"))
    if article.is_scheduled:
        raise WorkflowError(
            _("This release is scheduled and not public yet: return it to draft to unschedule it.")
        )
    if not reason.strip():
        raise WorkflowError(_("A withdrawal needs a reason; it is shown to readers."))
    article.status = Status.WITHDRAWN
    article.withdrawn_at = timezone.now()
    article.withdrawal_reason = reason.strip()
    _save(article, by=by, reason=reason.strip())
    _record(article=article, from_status=Status.PUBLISHED, action="withdraw", by=by, reason=reason)
    return article


@transaction.atomic
def article_unpublish_in_error(*, article: Article, by, reason: str) -> Article:
    """Take down a release published by mistake: its public URL answers 410."""
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(
        by=by,
        perm="articles.publish_article",
        message=_("Only a Redaktur may unpublish releases."),
    )
    _require_status(
        article=article, allowed=(Status.PUBLISHED, Status.WITHDRAWN), action=_("unpublish")
    )
    if not reason.strip():
        raise WorkflowError(_("Say why the release was published in error."))
    from_status = article.status
    article.status = Status.RETRACTED
    _save(article, by=by, reason=reason.strip())
    _record(article=article, from_status=from_status, action="retract", by=by, reason=reason)
    return article


def article_was_ever_published(article: Article) -> bool:
    return article.status in (*PUBLIC_STATUSES, Status.RETRACTED) or (
        article.transitions.filter(to_status__in=PUBLIC_STATUSES).exists()
    )


@transaction.atomic
def article_delete(*, article: Article, by) -> None:
    """Only drafts that were never published may be deleted; withdraw the others."""
    article = _locked(article)
    _require_scope(article=article, by=by)
    _require_perm(by=by, perm="articles.delete_article", message=_("You may not delete releases."))
    if article.status != Status.DRAFT or article_was_ever_published(article):
        raise WorkflowError(
            _("Only unpublished drafts can be deleted; withdraw a published release instead.")
        )
    article._history_user = by
    article.delete()


# --- History -------------------------------------------------------------------


def _display(record, field) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


HIDDEN_HISTORY_FIELDS = {"version", "updated_at", "province", "id"}


def history_diff(*, old, new) -> list[FieldChange]:
    """Field by field differences between two history records; long text as a line diff."""
    delta = new.diff_against(old)
    model = new.instance_type
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_HISTORY_FIELDS:
            continue
        field = model._meta.get_field(change.field)
        old_value, new_value = _display(old, field), _display(new, field)
        text_diff: list[str] = []
        if field.get_internal_type() == "TextField":
            text_diff = list(
                difflib.unified_diff(
                    _as_lines(getattr(old, field.attname)),
                    _as_lines(getattr(new, field.attname)),
                    fromfile=f"v{getattr(old, 'version', old.history_id)}",
                    tofile=f"v{getattr(new, 'version', new.history_id)}",
                    lineterm="",
                )
            )
        changes.append(
            FieldChange(
                field=change.field,
                label=str(field.verbose_name),
                old=old_value,
                new=new_value,
                text_diff=text_diff,
            )
        )
    return changes


def _as_lines(html: str | None) -> list[str]:
    """Readable lines of an HTML body: one per block element."""
    text = (html or "").replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "\n")
    text = text.replace("</h2>", "\n").replace("</h3>", "\n").replace("</h4>", "\n")
    return [line.strip() for line in strip_tags(text).splitlines() if line.strip()]


@transaction.atomic
def article_revert(*, article: Article, by, history_id: int, reason: str) -> Article:
    """Restore the content of an earlier version; the revert is itself a new version."""
    if not reason.strip():
        raise WorkflowError(_("Say why you revert to this version."))
    stored = _locked(article)
    _require_scope(article=stored, by=by)
    record = stored.history.filter(history_id=history_id).first()
    if record is None:
        raise WorkflowError(_("That version does not belong to this release."))
    for name in CONTENT_FIELDS:
        attname = Article._meta.get_field(name).attname
        setattr(stored, attname, getattr(record, attname))
    if stored.slug != record.slug:
        stored.slug = unique_article_slug(record.title, exclude_pk=stored.pk, slug=record.slug)
    note = _("Reverted to version %(version)s: %(reason)s") % {
        "version": record.version,
        "reason": reason.strip(),
    }
    updated = article_update(article=stored, by=by, change_note=note)
    return updated


# Reference data (agencies, officials, appointments, events): fields a revert
# leaves alone because they are bookkeeping, not content.
REVERT_SKIPPED_FIELDS = {"id", "created_at", "updated_at"}


@transaction.atomic
def history_revert(*, obj, by, history_id: int, reason: str):
    """Restore an earlier version of a record with simple-history; a release goes
    through ``article_revert``. The revert is itself a new version with its reason.

    Only the record's own fields come back; its inlines (aliases, key dates) are
    edited separately.
    """
    if isinstance(obj, Article):
        return article_revert(article=obj, by=by, history_id=history_id, reason=reason)
    if not reason.strip():
        raise WorkflowError(_("Say why you revert to this version."))
    model = type(obj)
    if not by.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        raise WorkflowError(_("You may not change this record."))
    stored = model._default_manager.select_for_update().get(pk=obj.pk)
    record = stored.history.filter(history_id=history_id).first()
    if record is None:
        raise WorkflowError(_("That version does not belong to this record."))
    for field in model._meta.concrete_fields:
        if field.name in REVERT_SKIPPED_FIELDS or not hasattr(record, field.attname):
            continue
        setattr(stored, field.attname, getattr(record, field.attname))
    try:
        stored.validate_unique()
        stored.validate_constraints()
    except ValidationError as error:
        raise WorkflowError(
            _("This version cannot be restored: %(problem)s")
            % {"problem": " ".join(error.messages)}
        ) from error
    stored._change_reason = _("Reverted to the version of %(date)s: %(reason)s") % {
        "date": timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M"),
        "reason": reason.strip(),
    }
    stored._history_user = by
    stored.save()
    return stored


# --- Public side ---------------------------------------------------------------


def article_is_retracted(*, slug: str) -> bool:
    return Article.objects.filter(slug=slug, status=Status.RETRACTED).exists()


def gone_response_if_retracted(request: HttpRequest, *, slug: str) -> HttpResponse | None:
    """410 Gone for a release unpublished in error; ``None`` if it is simply unknown."""
    if not article_is_retracted(slug=slug):
        return None
    return HttpResponseGone(render_to_string("articles/article_gone.html", request=request))
