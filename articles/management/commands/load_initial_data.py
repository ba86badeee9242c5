"""Load regions, agencies, officials, events, topics and the seed releases.

Idempotent: a second run finds everything in place and writes nothing.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.loaders import load_agencies, load_officials, load_regions
from articles.loaders import load_events, load_releases, load_topics
from newsroom.sync import SyncReport


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a --dry-run."""


class Command(BaseCommand):
    help = "Load the reference data and the seed releases from fixtures/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=settings.BASE_DIR / "fixtures",
            help="Folder holding regions.csv, reference.json and releases.json.",
        )
        parser.add_argument(
            "--no-releases", action="store_true", help="Load the reference data only."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, fixtures: Path, no_releases: bool, dry_run: bool, **options):
        report = SyncReport()
        reference = json.loads((fixtures / "reference.json").read_text(encoding="utf-8"))
        try:
            with transaction.atomic():
                load_regions(fixtures / "regions.csv", report)
                agencies = load_agencies(reference["agencies"], report)
                officials = load_officials(reference["officials"], agencies, report)
                events = load_events(reference["events"], agencies, report)
                topics = load_topics(reference["topics"], report)
                if not no_releases:
                    releases = json.loads((fixtures / "releases.json").read_text(encoding="utf-8"))
                    load_releases(
                        releases,
                        agencies=agencies,
                        officials=officials,
                        events=events,
                        topics=topics,
                        report=report,
                    )
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        prefix = "[dry run] " if dry_run else ""
        if not report.changed:
            self.stdout.write(f"{prefix}Initial data already up to date; nothing changed.")
            return
        for line in report.lines():
            self.stdout.write(f"{prefix}{line}")
