"""Who publishes and who is named: regions, agencies, officials and their dated appointments."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.links import link


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency")
    CITY = "city", _("City")


class RegionQuerySet(models.QuerySet):
    def provinces(self) -> RegionQuerySet:
        return self.filter(kind=RegionKind.PROVINCE)

    def within(self, region: Region) -> RegionQuerySet:
        """The region itself and, for a province, its regencies and cities."""
        return self.filter(Q(pk=region.pk) | Q(parent=region))


class Region(models.Model):
    """A province, regency (kabupaten) or city (kota), keyed by its Kemendagri code."""

    code = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        unique=True,
        help_text=_("'32' for a province, '32.12' for a regency or city."),
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=RegionKind.PROVINCE, parent__isnull=True))
                | (~Q(kind=RegionKind.PROVINCE) & Q(parent__isnull=False)),
                name="region_province_has_no_parent",
                violation_error_message=_(
                    "A province has no parent; a regency or city belongs to a province."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("agencies:region_detail", code=self.code)

    @property
    def is_province(self) -> bool:
        return self.kind == RegionKind.PROVINCE

    @property
    def province(self) -> Region:
        return self if self.is_province else self.parent


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DIRECTORATE_GENERAL = "directorate_general", _("Directorate general")
    DIRECTORATE = "directorate", _("Directorate")
    CENTRE_BUREAU = "centre_bureau", _("Centre or bureau")
    REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
    REGIONAL_OFFICE = "regional_office", _("Regional office (Dinas, Badan)")
    COMMISSION = "commission", _("Commission")
    MEDIA_OUTLET = "media_outlet", _("Media outlet")
    OTHER = "other", _("Other")


class AgencyLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    REGENCY_CITY = "regency_city", _("Regency or city")


def descendant_ids(model: type[models.Model], root_ids: list[int]) -> set[int]:
    """Ids of the given rows and every row below them in a ``parent`` tree.

    One query for the (id, parent_id) pairs of the rows that have a parent: agencies
    and events number in the thousands, so walking the tree in Python is cheaper than
    a recursive CTE per request and works on SQLite too.
    """
    children: dict[int, list[int]] = {}
    pairs = model._default_manager.filter(parent__isnull=False).values_list("pk", "parent_id")
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    found = set(root_ids)
    stack = list(root_ids)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class AgencyQuerySet(models.QuerySet):
    def with_descendants(self, agency: Agency) -> AgencyQuerySet:
        return self.filter(pk__in=descendant_ids(Agency, [agency.pk]))


class Agency(models.Model):
    """A ministry, directorate, regional government, regional office, commission or outlet."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("Acronym, e.g. Ditjen Polpum.")
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text=_("For regional bodies."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = AgencyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return link("agencies:agency_detail", slug=self.slug)

    def ancestors(self) -> list[Agency]:
        """From the top of the hierarchy down to the direct parent."""
        chain: list[Agency] = []
        node = self.parent
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class AgencyAlias(models.Model):
    """Another name or acronym by which releases refer to an agency (editors extend it)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField(_("alias"), max_length=255)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("agency alias")
        verbose_name_plural = _("agency aliases")
        constraints = [
            models.UniqueConstraint(fields=["agency", "alias"], name="agency_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.alias


class Official(models.Model):
    """A person who holds, or held, public office."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    honorific_prefix = models.CharField(
        _("honorific prefix"), max_length=60, blank=True, help_text=_("e.g. Dr., Ir., H.")
    )
    honorific_suffix = models.CharField(
        _("honorific suffix"), max_length=60, blank=True, help_text=_("e.g. S.Sos., M.Si.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("agencies:official_detail", slug=self.slug)

    @property
    def full_name(self) -> str:
        name = " ".join(part for part in (self.honorific_prefix, self.name) if part)
        return f"{name}, {self.honorific_suffix}" if self.honorific_suffix else name

    def roles_on(self, day: datetime.date) -> models.QuerySet[Appointment]:
        """Which roles did this official hold on ``day``?"""
        return self.appointments.held_on(day).select_related("agency")


class Acting(models.TextChoices):
    DEFINITIVE = "", _("Definitive")
    PLT = "plt", _("Plt. (Pelaksana Tugas)")
    PJ = "pj", _("Pj. (Penjabat)")
    PLH = "plh", _("Plh. (Pelaksana Harian)")


ACTING_PREFIX = {Acting.PLT: "Plt.", Acting.PJ: "Pj.", Acting.PLH: "Plh."}


class AppointmentQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date) -> AppointmentQuerySet:
        """Appointments in force on ``day`` (start and end dates inclusive)."""
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))

    def holders_of(self, *, agency: Agency, title: str, day: datetime.date) -> AppointmentQuerySet:
        """Who held the role ``title`` at ``agency`` on ``day``?"""
        return (
            self.held_on(day).filter(agency=agency, title__iexact=title).select_related("official")
        )


class Appointment(models.Model):
    """A role an official held at an agency between two dates."""

    official = models.ForeignKey(
        Official, verbose_name=_("official"), on_delete=models.CASCADE, related_name="appointments"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="appointments"
    )
    title = models.CharField(
        _("title as written"),
        max_length=255,
        help_text=_("e.g. Direktur Jenderal Politik dan Pemerintahan Umum"),
    )
    acting = models.CharField(
        _("acting"), max_length=3, choices=Acting.choices, default=Acting.DEFINITIVE, blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = AppointmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["official__name", "start_date"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="appointment_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["agency", "start_date"])]

    def __str__(self) -> str:
        return f"{self.official}, {self.role_display}"

    @property
    def is_acting(self) -> bool:
        return bool(self.acting)

    @property
    def role_display(self) -> str:
        """The title as Indonesian writers put it, e.g. "Plt. Direktur Jenderal …"."""
        prefix = ACTING_PREFIX.get(self.acting)
        return f"{prefix} {self.title}" if prefix else self.title
