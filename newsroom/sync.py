"""Idempotent upserts for reference data: a row is written only when it differs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class SyncReport:
    """How many rows of each model a load created and updated."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: type[models.Model], *, created: bool) -> None:
        bucket = self.created if created else self.updated
        name = model._meta.label
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        labels = sorted(set(self.created) | set(self.updated))
        return [
            f"{label}: {self.created.get(label, 0)} created, {self.updated.get(label, 0)} updated"
            for label in labels
        ]


def sync_row(
    model: type[models.Model],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: SyncReport,
):
    """Get the row matching ``lookup`` and make its fields equal ``values``.

    Unlike ``update_or_create`` nothing is saved (and no history row written)
    when the stored values already match, so loading twice changes nothing.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.count(model, created=True)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        report.count(model, created=False)
    return obj


def sync_m2m(manager, wanted: list[models.Model], report: SyncReport) -> None:
    """Make a many-to-many relation hold exactly ``wanted``, touching nothing if it does."""
    current = {obj.pk for obj in manager.all()}
    target = {obj.pk for obj in wanted}
    if current != target:
        manager.set(wanted)
        report.count(manager.model, created=False)
