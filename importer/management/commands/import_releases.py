"""python manage.py import_releases PATH [PATH …] [--publisher SLUG] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.models import Agency
from importer.gazetteer import Gazetteer
from importer.services import ImportError_, read_release_file, release_files, release_import


class DryRun(Exception):
    """Raised to roll a dry run back."""


class Command(BaseCommand):
    help = "Import press releases (.txt or .html files, or folders of them) as drafts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--publisher", help="Slug of the publishing agency, if known.")
        parser.add_argument("--year", type=int, help="Year for dates written without one.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Recognise and report; save nothing."
        )

    def handle(self, *args, paths, publisher=None, year=None, dry_run=False, **options):
        agency = None
        if publisher:
            agency = Agency.objects.filter(slug=publisher).first()
            if agency is None:
                raise CommandError(f"No agency with the slug “{publisher}”.")
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        files = release_files(paths)
        gazetteer = Gazetteer()
        counts = {"created": 0, "already_imported": 0, "dry_run": 0, "failed": 0}
        try:
            with transaction.atomic():
                for path in files:
                    try:
                        text = read_release_file(path)
                    except ImportError_ as error:
                        counts["failed"] += 1
                        self.stderr.write(f"FAILED {error}")
                        continue
                    result = release_import(
                        text=text,
                        filename=path.name,
                        publisher=agency,
                        context_year=year,
                        dry_run=dry_run,
                        gazetteer=gazetteer,
                    )
                    counts[result.status] += 1
                    self._print(path, result)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        summary = ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in counts.items())
        self.stdout.write(("Dry run, nothing saved. " if dry_run else "") + summary)

    def _print(self, path, result):
        if result.status == "failed":
            self.stderr.write(f"FAILED {path.name}: {result.error}")
            return
        if result.status == "already_imported":
            article = result.article
            self.stdout.write(f"SKIPPED {path.name}: already imported as “{article}”")
            return
        report = result.report
        verb = "CREATED" if result.status == "created" else "WOULD CREATE"
        self.stdout.write(f"{verb} {path.name}: “{report['title']['value']}”")
        for key in ("event_date", "region", "publisher"):
            part = report[key]
            self.stdout.write(f"    {key}: {part['value']} ({part['confidence']:.0%})")
        for finding in report["officials"]:
            self.stdout.write(
                f"    official: {finding['official']} – {finding['appointment'] or '?'}"
            )
        for proposal in report["proposed_officials"]:
            self.stdout.write(
                f"    proposed official: {proposal['name']} – {proposal['role_as_written']}"
            )
        for quote in report["quotes"]:
            self.stdout.write(f"    quote ({quote['speaker'] or '?'}): {quote['text'][:60]}…")
        for warning in report["warnings"]:
            self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
