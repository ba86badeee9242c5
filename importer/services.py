"""Importing releases: each text becomes a draft carrying what was recognised."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.scope import article_in_scope
from agencies.models import Agency, Region
from articles.models import Article, ArticleEvent, ArticleOfficial, OfficialRole, Quote
from articles.services import WorkflowError, article_create

from .duplicates import Duplicate, likely_duplicates
from .gazetteer import Gazetteer
from .models import ImportedSource
from .recognition import Recognition, recognise

ALLOWED_SUFFIXES = (".txt", ".html", ".htm")
# National agencies have no region of their own: their releases are filed under
# the capital, and the editor is told.
NATIONAL_REGION_CODE = "31"


class ImportError_(Exception):
    """A release that cannot become a draft (the message says why)."""


@dataclass
class ImportResult:
    filename: str
    status: str  # created | already_imported | dry_run | failed
    article: Article | None = None
    source: ImportedSource | None = None
    recognition: Recognition | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    error: str = ""

    @property
    def report(self) -> dict:
        if self.source is not None:
            return self.source.report
        if self.recognition is not None:
            return _report(self.recognition, self.duplicates)
        return {}


def content_hash(text: str) -> str:
    """The same release saved twice hashes the same (line endings and edge space ignored)."""
    normalised = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return hashlib.sha256(normalised.strip().encode("utf-8")).hexdigest()


def _report(recognition: Recognition, duplicates: list[Duplicate]) -> dict:
    report = recognition.as_report()
    report["duplicates"] = [
        {
            "id": duplicate.article.pk,
            "title": duplicate.article.title,
            "slug": duplicate.article.slug,
            "similarity": duplicate.similarity,
        }
        for duplicate in duplicates
    ]
    if duplicates:
        report["warnings"].append(
            "Likely duplicate of: "
            + "; ".join(f"“{d.article.title}” ({d.similarity:.0%})" for d in duplicates)
        )
    return report


def release_import(
    *,
    text: str,
    filename: str = "",
    publisher: Agency | None = None,
    by: AbstractBaseUser | None = None,
    context_year: int | None = None,
    dry_run: bool = False,
    gazetteer: Gazetteer | None = None,
) -> ImportResult:
    """Make one draft from one release text; a text imported before makes nothing new."""
    digest = content_hash(text)
    existing = ImportedSource.objects.select_related("article").filter(content_hash=digest).first()
    if existing is not None:
        out_of_scope = (
            by is not None
            and existing.article is not None
            and not article_in_scope(by, existing.article)
        )
        if out_of_scope:  # another office's draft: say so without showing it
            return ImportResult(
                filename,
                "already_imported",
                error=_("This text was already imported by another office."),
            )
        return ImportResult(filename, "already_imported", existing.article, existing)
    if not text.strip():
        return ImportResult(filename, "failed", error=_("The text is empty."))

    gazetteer = gazetteer or Gazetteer()
    recognition = recognise(
        text, gazetteer=gazetteer, publisher=publisher, context_year=context_year
    )
    if not recognition.body_paragraphs:
        return ImportResult(
            filename,
            "failed",
            recognition=recognition,
            error=_("No release text was found (only page furniture or markup)."),
        )
    body_text = "\n".join(recognition.body_paragraphs)
    duplicates = likely_duplicates(body_text, event_date=recognition.event_date.value, by=by)
    result = ImportResult(filename, "dry_run", recognition=recognition, duplicates=duplicates)

    agency = recognition.publisher.value
    region = recognition.region.value
    if agency is None:
        result.status, result.error = (
            "failed",
            _("The publishing agency was not recognised: name it (--publisher or the form)."),
        )
        return result
    if region is None:
        region = agency.region or Region.objects.filter(code=NATIONAL_REGION_CODE).first()
        recognition.warnings.append(f"Region not found in the text: filed under {region}.")
        recognition.region.value, recognition.region.label = region, str(region)
    if dry_run:
        if by is not None and not article_in_scope(by, Article(publisher=agency, region=region)):
            # A real import is refused by article_create; a dry run must say the same.
            result.status = "failed"
            result.error = _("This release is outside your offices and regions.")
        return result

    try:
        with transaction.atomic():
            article = _create_draft(recognition, agency=agency, region=region, by=by)
            source = ImportedSource.objects.create(
                content_hash=digest,
                filename=filename[:255],
                article=article,
                report=_report(recognition, duplicates),
                confidence=recognition.confidence,
                created_by=by,
            )
    except WorkflowError as refusal:
        # Outside the editor's offices and regions, or no right to write releases:
        # nothing was saved, the file can be imported again by someone who may.
        result.status, result.error = "failed", str(refusal)
        return result
    result.status, result.article, result.source = "created", article, source
    return result


def _create_draft(
    recognition: Recognition, *, agency: Agency, region: Region, by: AbstractBaseUser | None
) -> Article:
    """The draft goes through the editorial workflow's ``article_create`` (status,
    slug, version, history and the audit row; the editor's permission and scope
    when ``by`` is given); the recognised links are added to it."""
    paragraphs = recognition.body_paragraphs
    title = (recognition.title.label or paragraphs[0][:120])[:300]
    article = article_create(
        article=Article(
            title=title,
            lead=paragraphs[0] if paragraphs else "",
            body="".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs),
            photo_caption=recognition.cleaned.caption[:500],
            event_date=recognition.event_date.value,
            region=region,
            publisher=agency,
            byline=recognition.byline[:200],
            source_name=(recognition.cleaned.source_credit or recognition.dateline)[:200],
            venue=recognition.venue[:300],
        ),
        by=by,
    )
    article.agencies.set(recognition.agencies)
    ArticleEvent.objects.bulk_create(
        [ArticleEvent(article=article, event=event) for event in recognition.events]
    )
    ArticleOfficial.objects.bulk_create(
        [
            ArticleOfficial(
                article=article,
                official=finding.official,
                appointment=finding.appointment,
                role=OfficialRole(finding.part),
                order=order,
            )
            for order, finding in enumerate(recognition.officials)
        ]
    )
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                speaker=quote.speaker,
                speaker_name="" if quote.speaker else quote.speaker_name[:200],
                text=quote.text,
                date=recognition.event_date.value,
                order=order,
            )
            for order, quote in enumerate(recognition.quotes)
        ]
    )
    return article


def read_release_file(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is refused with a clear message."""
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ImportError_(f"{path.name}: only .txt and .html files can be imported.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(f"{path.name}: not UTF-8 text ({error.reason}).") from error
    if "\x00" in text:  # UTF-16 without a byte-order mark, or a binary file
        raise ImportError_(f"{path.name}: not UTF-8 text (it contains NUL characters).")
    return text


def release_files(paths: list[Path]) -> list[Path]:
    """The files named, and the .txt/.html files inside the folders named, in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in ALLOWED_SUFFIXES))
        else:
            found.append(path)
    return found


def context_year_of(value: datetime.date | int | None) -> int | None:
    if isinstance(value, datetime.date):
        return value.year
    return value
