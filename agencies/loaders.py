"""Loading the reference data that ships in ``fixtures/``: regions, agencies, officials."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from newsroom.sync import SyncReport, sync_row

from .models import Agency, AgencyAlias, Appointment, Official, Region, RegionKind


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_regions(path: Path, report: SyncReport) -> dict[str, Region]:
    """All provinces, regencies and cities of ``regions.csv`` (provinces first)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: (row["kind"] != RegionKind.PROVINCE, row["code"]))
    by_code: dict[str, Region] = {region.code: region for region in Region.objects.all()}
    for row in rows:
        parent = by_code[row["parent_code"]] if row["parent_code"] else None
        by_code[row["code"]] = sync_row(
            Region,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "kind": row["kind"],
                "parent": parent,
                "slug": slugify(row["name"]),
            },
            report=report,
        )
    return by_code


def load_agencies(rows: list[dict[str, Any]], report: SyncReport) -> dict[str, Agency]:
    by_slug: dict[str, Agency] = {}
    regions = {region.code: region for region in Region.objects.all()}
    for row in rows:
        agency = sync_row(
            Agency,
            lookup={"slug": row["slug"]},
            values={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "level": row["level"],
                "parent": by_slug[row["parent"]] if row.get("parent") else None,
                "region": regions[row["region"]] if row.get("region") else None,
                "website": row.get("website", ""),
            },
            report=report,
        )
        by_slug[agency.slug] = agency
        for alias in row.get("aliases", []):
            sync_row(
                AgencyAlias, lookup={"agency": agency, "alias": alias}, values={}, report=report
            )
    return by_slug


def load_officials(
    rows: list[dict[str, Any]], agencies: dict[str, Agency], report: SyncReport
) -> dict[str, Official]:
    by_slug: dict[str, Official] = {}
    for row in rows:
        official = sync_row(
            Official,
            lookup={"slug": row["slug"]},
            values={
                "name": row["name"],
                "honorific_prefix": row.get("honorific_prefix", ""),
                "honorific_suffix": row.get("honorific_suffix", ""),
            },
            report=report,
        )
        by_slug[official.slug] = official
        for item in row.get("appointments", []):
            sync_row(
                Appointment,
                lookup={
                    "official": official,
                    "agency": agencies[item["agency"]],
                    "title": item["title"],
                    "start_date": _date(item["start_date"]),
                },
                values={
                    "acting": item.get("acting", ""),
                    "end_date": _date(item.get("end_date")),
                    "notes": item.get("notes", ""),
                },
                report=report,
            )
    return by_slug
