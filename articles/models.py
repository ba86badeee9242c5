"""Press releases and what they are about: topics, events and campaigns, officials named."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Appointment, Official, Region, descendant_ids
from newsroom.links import link

from .html import sanitize_html
from .validators import validate_image_file


class ArticleHistoricalRecords(HistoricalRecords):
    """History whose relation snapshot is taken by the services, not per m2m signal.

    simple-history would record one extra version for every ``topics.set()`` (and the
    admin saves the release first and its relations afterwards); instead
    ``articles.services.article_snapshot_relations`` refreshes the snapshot of the
    version just recorded, so one save stays one version with its author and reason.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        return None


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("articles:topic_detail", slug=self.slug)


class EventKind(models.TextChoices):
    ELECTION = "election", _("Election")
    CAMPAIGN = "campaign", _("Campaign")
    MEETING = "meeting", _("Meeting")
    WEBINAR = "webinar", _("Webinar")
    CEREMONY = "ceremony", _("Ceremony")
    OTHER = "other", _("Other")


# How long an event without an end date counts as running after the last date known for it.
OPEN_ENDED_EVENT_RUNS_FOR = datetime.timedelta(days=365)


class EventQuerySet(models.QuerySet):
    def with_descendants(self, event: Event) -> EventQuerySet:
        return self.filter(pk__in=descendant_ids(Event, [event.pk]))

    def current(self, day=None) -> EventQuerySet:
        """Events and campaigns running on ``day`` (today by default).

        An event without an end date is running until a year after the last date known
        for it (its start or its latest key date), so a 2024 election recorded without
        an end does not stay "current" for ever.
        """
        day = day or timezone.localdate()
        latest_key_date = (
            EventKeyDate.objects.filter(event=OuterRef("pk")).order_by("-date").values("date")[:1]
        )
        last_known_date = Greatest("start_date", Coalesce(Subquery(latest_key_date), "start_date"))
        return self.annotate(last_known_date=last_known_date).filter(
            Q(start_date__lte=day),
            Q(end_date__gte=day)
            | Q(end_date__isnull=True, last_known_date__gte=day - OPEN_ENDED_EVENT_RUNS_FOR),
        )


class Event(models.Model):
    """An election, campaign, meeting or other occasion that releases report on."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True
    )
    organiser = models.ForeignKey(
        Agency, verbose_name=_("organiser"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("event or campaign")
        verbose_name_plural = _("events and campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("articles:event_detail", slug=self.slug)


class EventKeyDate(models.Model):
    """A date that matters within an event, e.g. the voting day of an election."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="key_dates"
    )
    date = models.DateField(_("date"))
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")
        constraints = [
            models.UniqueConstraint(fields=["event", "date", "label"], name="event_key_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.date:%Y-%m-%d})"


class EventAlias(models.Model):
    """Another name by which releases refer to an event, e.g. "Pemilu 2024"."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField(_("alias"), max_length=255)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("event alias")
        verbose_name_plural = _("event aliases")
        constraints = [
            models.UniqueConstraint(fields=["event", "alias"], name="event_alias_unique")
        ]

    def __str__(self) -> str:
        return self.alias


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETRACTED = "retracted", _("Unpublished in error")


# A withdrawn release stays online with its withdrawal notice; a retracted one
# (published in error) answers 410 and appears nowhere.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """The one definition of "visible to the public".

        Scheduled releases become public at ``published_at`` without any job
        running, because the cut-off is evaluated on every query.
        """
        return self.filter(status__in=PUBLIC_STATUSES, published_at__lte=timezone.now())

    def in_region(self, region: Region) -> ArticleQuerySet:
        """A province includes its regencies and cities."""
        if region.is_province:
            return self.filter(province=region)
        return self.filter(region=region)

    def by_agency(self, agency: Agency) -> ArticleQuerySet:
        """Published by the agency or any agency below it."""
        return self.filter(publisher_id__in=descendant_ids(Agency, [agency.pk]))

    def about_event(self, event: Event) -> ArticleQuerySet:
        """Linked to the event or any of its sub-events."""
        ids = descendant_ids(Event, [event.pk])
        return self.filter(
            pk__in=ArticleEvent.objects.filter(event_id__in=ids).values("article_id")
        )

    def for_listing(self) -> ArticleQuerySet:
        """What a list row shows, fetched in a fixed number of queries."""
        return self.select_related("region", "province", "publisher").defer("body")


class Article(models.Model):
    """A press release (siaran pers)."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), help_text=_("HTML; sanitised when saved."))
    photo_caption = models.CharField(_("photo caption"), max_length=500, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    event_date = models.DateField(
        _("date of the event"), null=True, blank=True, help_text=_("When the reported event was.")
    )

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="articles"
    )
    # Denormalised from ``region`` so "a province includes its regencies" and the
    # province facet are one indexed column, not a join.
    province = models.ForeignKey(
        Region,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="province_articles",
        editable=False,
    )
    publisher = models.ForeignKey(
        Agency,
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="published_articles",
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)

    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies mentioned"),
        related_name="mentioned_in",
        blank=True,
    )
    events = models.ManyToManyField(
        Event,
        verbose_name=_("events and campaigns"),
        through="articles.ArticleEvent",
        related_name="articles",
        blank=True,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="articles", blank=True
    )
    officials = models.ManyToManyField(
        Official,
        verbose_name=_("officials named"),
        through="articles.ArticleOfficial",
        related_name="articles",
        blank=True,
    )

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # Incremented on every save; an edit based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Editorial workflow (see articles/services.py): who submitted, last edited and
    # reviewed the release, so nobody publishes their own work unreviewed.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    # Set by a forced publication; cleared when someone else approves it.
    needs_review = models.BooleanField(_("not yet reviewed"), default=False, editable=False)
    forced_publish_reason = models.TextField(
        _("reason for publishing without review"), blank=True, editable=False
    )
    returned_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        editable=False,
        help_text=_("Why the reviewer returned the release to draft."),
    )

    objects = ArticleQuerySet.as_manager()
    # ``history`` is registered below ArticleOfficial: its relation snapshot needs
    # the through models to exist.

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        permissions = [
            ("publish_article", _("Can review, publish, schedule, withdraw and return releases")),
            ("force_publish_article", _("Can publish a release without a second review")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_newest"),
            models.Index(fields=["region", "-published_at"], name="article_region_newest"),
            models.Index(fields=["province", "-published_at"], name="article_province_newest"),
            models.Index(fields=["publisher", "-published_at"], name="article_publisher_newest"),
            models.Index(fields=["event_date"], name="article_event_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published release needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="article_withdrawn_has_reason",
                violation_error_message=_("A withdrawal needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        if self.region_id is not None:
            region = self.region
            self.province_id = region.parent_id or region.pk
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return link("articles:article_detail", slug=self.slug)

    @property
    def is_public(self) -> bool:
        return (
            self.status in PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class ArticleEvent(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    event = models.ForeignKey(Event, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("event of a release")
        verbose_name_plural = _("events of a release")
        constraints = [
            models.UniqueConstraint(fields=["article", "event"], name="article_event_unique")
        ]
        indexes = [models.Index(fields=["event", "article"], name="article_event_by_event")]

    def __str__(self) -> str:
        return f"{self.article_id} – {self.event}"


class OfficialRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    ATTENDEE = "attendee", _("Attendee")
    MENTIONED = "mentioned", _("Mentioned")


class ArticleOfficial(models.Model):
    """An official named in a release, with the appointment they held that day."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="official_links",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="article_links",
    )
    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("role held that day"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="article_links",
    )
    role = models.CharField(
        _("part in the release"),
        max_length=10,
        choices=OfficialRole.choices,
        default=OfficialRole.MENTIONED,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("official named")
        verbose_name_plural = _("officials named")
        constraints = [
            models.UniqueConstraint(fields=["article", "official"], name="article_official_unique")
        ]
        indexes = [models.Index(fields=["official", "article"], name="article_official_by_off")]

    def __str__(self) -> str:
        if self.appointment_id:
            return f"{self.official}, {self.appointment.role_display}"
        return str(self.official)

    def clean(self) -> None:
        if self.appointment_id and self.appointment.official_id != self.official_id:
            raise ValidationError(
                {"appointment": _("This appointment belongs to another official.")}
            )


# Topics, agencies, events and officials are versioned with the release: each history
# row carries a snapshot of them (see ArticleHistoricalRecords).
register(
    Article,
    records_class=ArticleHistoricalRecords,
    excluded_fields=["updated_at"],
    m2m_fields=["topics", "agencies", "events", "officials"],
)


class Quote(models.Model):
    """A direct quotation in a release, attributed to its speaker."""

    article = models.ForeignKey(
        Article, verbose_name=_("press release"), on_delete=models.CASCADE, related_name="quotes"
    )
    speaker = models.ForeignKey(
        Official,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
    )
    speaker_name = models.CharField(
        _("speaker as written"),
        max_length=200,
        blank=True,
        help_text=_("Used when the speaker is not (yet) an official in the archive."),
    )
    text = models.TextField(_("quotation"))
    date = models.DateField(_("date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["article", "order", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        who = self.speaker or self.speaker_name or _("unknown speaker")
        return f"{who}: {self.text[:60]}"


class ArticleTransition(models.Model):
    """Audit row: who moved a release from one state to another, when and why.

    Written by ``articles.services`` in the same transaction as the change.
    """

    article = models.ForeignKey(
        Article,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    action = models.CharField(_("action"), max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.from_status} → {self.to_status} ({self.action})"


class ArticleChangeNote(models.Model):
    """A public, dated note that a published release was changed in substance."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    noted_at = models.DateTimeField(_("updated at"), default=timezone.now)
    text = models.TextField(_("what changed"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["noted_at", "id"]
        verbose_name = _("public change note")
        verbose_name_plural = _("public change notes")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.noted_at:%Y-%m-%d %H:%M}"


class ArticleImage(models.Model):
    """A photo of a release. Type and size are checked; alt text is required."""

    article = models.ForeignKey(
        Article, verbose_name=_("press release"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.FileField(
        _("image file"),
        upload_to="articles/%Y/%m/",
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_image_file,
        ],
        help_text=_("JPEG, PNG or WebP."),
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="article_image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt
