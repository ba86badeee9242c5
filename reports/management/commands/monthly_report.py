"""Write the monthly report of published releases to a file, for scheduled use.

python manage.py monthly_report --month 2023-07 --format xlsx --output report.xlsx
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.filters import error_messages
from reports.exports import csv_lines, export_rows, write_monthly_xlsx
from reports.selectors import Month, month_articles, monthly_report, report_filterset

FORMATS = ("xlsx", "csv")


class Command(BaseCommand):
    help = "Write the monthly report (XLSX workbook or CSV list) of published press releases."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--format", default="xlsx", help="xlsx (default) or csv.")
        parser.add_argument("--output", type=Path, help="File to write (default: derived).")
        parser.add_argument(
            "--base-url",
            default="",
            help="Prefix for the release URLs, e.g. https://newsroom.example.go.id",
        )
        for name in ("region", "agency", "event", "topic"):
            parser.add_argument(f"--{name}", default="", help=f"Narrow by {name} (code or slug).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the totals; write no file."
        )

    def handle(self, *args, month, format, output, base_url, dry_run, **options):
        try:
            parsed = Month.parse(month)
        except ValueError:
            raise CommandError(f"--month must be YYYY-MM, e.g. 2023-07 (got {month!r}).") from None
        if format not in FORMATS:
            raise CommandError(f"--format must be xlsx or csv (got {format!r}).")
        filterset = report_filterset(
            {name: options[name] for name in ("region", "agency", "event", "topic")}
        )
        if not filterset.is_valid():
            problems = "; ".join(
                f"--{name}: {' '.join(messages)}"
                for name, messages in error_messages(filterset).items()
            )
            raise CommandError(problems)
        output = output or Path(f"laporan-siaran-pers_{parsed}.{format}")
        # Inside a transaction the server-side cursor of the list needs no WITH HOLD copy.
        with transaction.atomic():
            base = filterset.qs.order_by()
            report = monthly_report(queryset=base, month=parsed)
            self.stdout.write(
                f"{parsed}: {report.total.count} releases "
                f"(previous month {report.total.previous_month}, "
                f"a year before {report.total.year_before})"
            )
            if dry_run:
                self.stdout.write("Dry run: no file written.")
                return
            rows = export_rows(month_articles(base, parsed), base_url=base_url.rstrip("/"))
            if format == "xlsx":
                filters = {
                    name: options[name]
                    for name in ("region", "agency", "event", "topic")
                    if options[name]
                }
                write_monthly_xlsx(report=report, rows=rows, output=str(output), filters=filters)
            else:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    handle.writelines(csv_lines(rows))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
