"""Benchmark the reports and exports against a large generated archive.

    bench/pg-cluster.sh start                      # prints the DATABASE_URL to export
    export DATABASE_URL=postgres://newsroom@127.0.0.1:54329/newsroom
    python manage.py migrate && python manage.py generate_articles --count 1000000
    nice -n 10 .venv/bin/python bench/reports.py [--busy-month 2024-05] [--runs 5]

Targets (issue #5):
  * CSV export of 100 000 rows streams with peak process memory <= 50 MB;
  * XLSX monthly report of a month with 50 000 releases built with peak memory <= 100 MB;
  * the monthly report page for that busy month answers in <= 300 ms.

Memory is measured in a fresh child process that does only that one job, two ways:
the peak of Python allocations during the job (``tracemalloc``), which is what the
targets are compared with, and the process's peak resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) before and after the job. The RSS of
an idle Django process here is already about 60 MB (psycopg's bundled libpq alone
is about 20 MB), so an RSS target of 50 MB cannot be met by any Django process; the
growth of the RSS over that baseline is printed so the two can be compared.

The generator spreads releases evenly over ten years (about 8 000 a month), so
the bench first makes one month busy: it moves generated (``gen…``) releases
from other months into ``--busy-month`` until that month holds 50 000. The bench
database is disposable; this is said in the output.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_ROWS = 100_000
BUSY_RELEASES = 50_000
TARGETS = {"csv": 50.0, "xlsx": 100.0, "page": 300.0}


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    # DEBUG keeps every query in memory: never for a measurement.
    os.environ["DEBUG"] = "false"
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database holding the generated releases.")
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# --- children: one job each, peak memory reported as JSON on stdout ---------------


def traced_peak_mb() -> float:
    return tracemalloc.get_traced_memory()[1] / 1024 / 1024


def child_csv(date_from: str, date_to: str) -> dict:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    before = peak_mb()
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(
        "/articles/export/", {"format": "csv", "date_from": date_from, "date_to": date_to}
    )
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {
        "rows": lines - 1,
        "bytes": size,
        "seconds": time.perf_counter() - started,
        "traced_mb": traced_peak_mb(),
        "before_mb": before,
        "peak_mb": peak_mb(),
        "filename": response["Content-Disposition"],
    }


def child_xlsx(month: str) -> dict:
    from django.core.management import call_command

    before = peak_mb()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"
        tracemalloc.start()
        started = time.perf_counter()
        call_command("monthly_report", month=month, format="xlsx", output=target, verbosity=0)
        seconds = time.perf_counter() - started
        traced = traced_peak_mb()
        size = target.stat().st_size
    return {
        "seconds": seconds,
        "bytes": size,
        "traced_mb": traced,
        "before_mb": before,
        "peak_mb": peak_mb(),
    }


def run_child(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode:
        sys.exit(f"child {args} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- parent: prepare, measure, print the table -------------------------------------


def csv_date_range() -> tuple[str, str, int]:
    """The newest whole days holding at least CSV_ROWS published releases."""
    from django.utils import timezone

    from articles.models import Article

    published = Article.objects.published().order_by("-published_at")
    total = published.count()
    if total < CSV_ROWS:
        sys.exit(f"Only {total} published releases; generate at least {CSV_ROWS}.")
    newest = published.values_list("published_at", flat=True)[0]
    cutoff = published.values_list("published_at", flat=True)[CSV_ROWS - 1]
    date_from = timezone.localtime(cutoff).date()
    date_to = timezone.localtime(newest).date()
    return date_from.isoformat(), date_to.isoformat(), total


def make_month_busy(month_text: str) -> tuple[int, int]:
    """Move generated releases into the month until it holds BUSY_RELEASES; (before, moved)."""
    from django.db import connection, transaction

    from articles.models import Article
    from reports.selectors import Month, in_month

    month = Month.parse(month_text)
    current = in_month(Article.objects.published(), month).count()
    missing = BUSY_RELEASES - current
    if missing <= 0:
        return current, 0
    seconds = int((month.end - month.start).total_seconds())
    with transaction.atomic(), connection.cursor() as cursor:
        # Spread the moved releases evenly over the month, keeping their time of day.
        cursor.execute(
            """
            UPDATE articles_article AS a
               SET published_at = %(start)s + (moved.n * %(step)s) * interval '1 second'
              FROM (
                SELECT id, row_number() OVER (ORDER BY id) AS n
                  FROM articles_article
                 WHERE slug LIKE 'gen%%' AND status = 'published'
                   AND (published_at < %(start)s OR published_at >= %(end)s)
                   AND published_at <= now()
                 ORDER BY id
                 LIMIT %(missing)s
              ) AS moved
             WHERE a.id = moved.id
            """,
            {
                "start": month.start,
                "end": month.end,
                "step": seconds / (missing + 1),
                "missing": missing,
            },
        )
    return current, missing


def time_report_page(month: str, runs: int) -> list[float]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username="bench-reports", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/reports/monthly/?month={month}"
    first = client.get(url)
    if first.status_code != 200:
        sys.exit(f"{url} answered {first.status_code}")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--busy-month", default="2024-05", help="Month made busy (YYYY-MM).")
    parser.add_argument("--runs", type=int, default=5, help="Timed page requests.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    setup_django()

    if options.child:
        job, *args = options.child
        result = child_csv(*args) if job == "csv" else child_xlsx(*args)
        print(json.dumps(result))
        return

    from articles.models import Article
    from reports.selectors import Month, in_month

    date_from, date_to, total = csv_date_range()
    before, moved = make_month_busy(options.busy_month)
    busy = in_month(Article.objects.published(), Month.parse(options.busy_month)).count()
    print(f"Archive: {total:,} published releases.")
    if moved:
        print(
            f"Made {options.busy_month} busy: it held {before:,}; moved {moved:,} generated "
            "releases in from other months (the bench database is disposable)."
        )
    csv_result = run_child("csv", date_from, date_to)
    xlsx_result = run_child("xlsx", options.busy_month)
    timings = time_report_page(options.busy_month, options.runs)
    page_ms = statistics.median(timings)

    def verdict(value: float, target: float) -> str:
        return "ok" if value <= target else "OVER"

    rows = [
        (
            f"CSV export, {csv_result['rows']:,} rows ({date_from}..{date_to})",
            f"{csv_result['traced_mb']:.1f} MB tracemalloc peak; RSS "
            f"{csv_result['before_mb']:.0f} -> {csv_result['peak_mb']:.0f} MB; "
            f"{csv_result['seconds']:.1f} s (traced), {csv_result['bytes'] / 1e6:.1f} MB written",
            f"<= {TARGETS['csv']:.0f} MB",
            verdict(csv_result["traced_mb"], TARGETS["csv"]),
        ),
        (
            f"XLSX monthly report, {busy:,} releases ({options.busy_month})",
            f"{xlsx_result['traced_mb']:.1f} MB tracemalloc peak; RSS "
            f"{xlsx_result['before_mb']:.0f} -> {xlsx_result['peak_mb']:.0f} MB; "
            f"{xlsx_result['seconds']:.1f} s (traced), {xlsx_result['bytes'] / 1e6:.1f} MB file",
            f"<= {TARGETS['xlsx']:.0f} MB",
            verdict(xlsx_result["traced_mb"], TARGETS["xlsx"]),
        ),
        (
            f"Report page, {busy:,} releases ({options.busy_month})",
            f"median {page_ms:.0f} ms, max {max(timings):.0f} ms over {len(timings)} runs",
            f"<= {TARGETS['page']:.0f} ms",
            verdict(page_ms, TARGETS["page"]),
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("measurement", "result", "target", "")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row))


if __name__ == "__main__":
    main()
