"""Benchmark the reports and exports against a large generated archive.

    bench/pg-cluster.sh start                      # prints the DATABASE_URL to export
    export DATABASE_URL=postgres://newsroom@127.0.0.1:54329/newsroom
    python manage.py migrate && python manage.py generate_articles --count 1000000
    nice -n 10 .venv/bin/python bench/reports.py [--busy-month 2024-05] [--runs 5]

Targets (issue #5):
  * CSV export of 100 000 rows streams with peak process memory <= 50 MB;
  * XLSX monthly report of a month with 50 000 releases built with peak memory <= 100 MB;
  * the monthly report page for that busy month answers in <= 300 ms.

Memory is the peak resident set size of the process (``resource.getrusage(
RUSAGE_SELF).ru_maxrss``), the issue's "peak memory of the process", measured in
a fresh child process that does only that one job. The child first serves one
tiny request of the same kind (an empty export, the report of an empty month),
so Django, the URL conf and every view are imported; the RSS after that is the
idle worker's baseline (about 75 MB here: Django, DRF, psycopg's bundled libpq).
The table prints the absolute peak, the baseline and the growth during the job;
an absolute 50 MB cannot be met by any worker of this project, so the verdict
compares the growth with the target and says so. Time is wall-clock and CPU
(user + system) of the child: on a shared machine the CPU time is the steadier
figure. ``--tracemalloc`` adds the peak of Python allocations (slower).

The report page is timed three ways as a superuser: the very first request with
an empty cache, then ``--runs`` requests with the cache off (every figure
computed), then ``--runs`` requests served from the cache, then ``--runs``
requests narrowed to the busiest topic with the cache off. An administrator's
unfiltered report of a past month is read from the pre-computed monthly counts
(``reports.MonthCount``); a filtered one is counted live. The bench checks that
the counts of the busy month give exactly the live report.

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
    import logging

    import django

    django.setup()
    # Every figure query of a busy month is "slow" by the ops logger's standard.
    logging.getLogger("ops.slow_query").setLevel(logging.ERROR)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# --- children: one job each, peak memory reported as JSON on stdout ---------------


def traced_peak_mb() -> float:
    return tracemalloc.get_traced_memory()[1] / 1024 / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measured(job, traced: bool) -> dict:
    """Run ``job()`` (after the warm-up), with its peak RSS, wall and CPU time."""
    before = peak_mb()
    if traced:
        tracemalloc.start()
    cpu, started = cpu_seconds(), time.perf_counter()
    result = job()
    result.update(
        seconds=time.perf_counter() - started,
        cpu_seconds=cpu_seconds() - cpu,
        before_mb=before,
        peak_mb=peak_mb(),
        traced_mb=traced_peak_mb() if traced else None,
    )
    return result


def child_csv(date_from: str, date_to: str, traced: str) -> dict:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def export(params) -> dict:
        response = client.get("/articles/export/", {"format": "csv", **params})
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        return {"rows": lines - 1, "bytes": size, "filename": response["Content-Disposition"]}

    export({"date_from": "1900-01-01", "date_to": "1900-01-01"})  # warm-up: imports, URL conf
    return measured(lambda: export({"date_from": date_from, "date_to": date_to}), traced == "1")


def child_xlsx(month: str, traced: str) -> dict:
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"

        def build(which: str) -> dict:
            call_command("monthly_report", month=which, format="xlsx", output=target, verbosity=0)
            return {"bytes": target.stat().st_size}

        build("1900-01")  # warm-up: an empty month
        return measured(lambda: build(month), traced == "1")


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


def time_report_page(month: str, runs: int) -> dict[str, list[float]]:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client, override_settings

    user, _created = get_user_model().objects.get_or_create(
        username="bench-reports", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/reports/monthly/?month={month}"

    def timed() -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        return elapsed

    client.get("/reports/monthly/?month=1900-01")  # warm-up: imports, session, templates
    cache.clear()
    first = timed()
    with override_settings(REPORTS_CACHE_SECONDS=0):
        uncached = [timed() for _ in range(runs)]
    cache.clear()
    timed()  # fills the cache
    cached = [timed() for _ in range(runs)]
    # A filtered report is counted live (the monthly counts serve only the
    # whole month): timed with the cache off, narrowed to the busiest topic.
    from django.db.models import Count

    from articles.models import Topic

    topic = (
        Topic.objects.annotate(releases=Count("articles"))
        .order_by("-releases")
        .values_list("slug", flat=True)
        .first()
    )
    url = f"/reports/monthly/?month={month}&topic={topic}"
    with override_settings(REPORTS_CACHE_SECONDS=0):
        filtered = [timed() for _ in range(runs)]
    return {"first": [first], "uncached": uncached, "cached": cached, "filtered": filtered}


def counts_match_live(month_text: str) -> bool:
    """The pre-computed counts of the busy month give exactly the live report."""
    from articles.models import Article
    from reports.rollups import monthly_report_from_counts
    from reports.selectors import Month, monthly_report

    month = Month.parse(month_text)
    live = monthly_report(queryset=Article.objects.published().order_by(), month=month)
    return monthly_report_from_counts(month) == live


def memory_row(label: str, result: dict, target: float, what: str) -> tuple[str, ...]:
    growth = result["peak_mb"] - result["before_mb"]
    traced = (
        f"; Python allocations peak {result['traced_mb']:.1f} MB (tracemalloc)"
        if result["traced_mb"] is not None
        else ""
    )
    return (
        label,
        f"peak RSS {result['peak_mb']:.0f} MB = idle worker {result['before_mb']:.0f} MB "
        f"+ {growth:.0f} MB during the job{traced}; {result['seconds']:.1f} s wall, "
        f"{result['cpu_seconds']:.1f} s CPU; {what}",
        f"<= {target:.0f} MB",
        f"growth {verdict(growth, target)}, absolute {verdict(result['peak_mb'], target)}",
    )


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--busy-month", default="2024-05", help="Month made busy (YYYY-MM).")
    parser.add_argument("--runs", type=int, default=5, help="Timed page requests.")
    parser.add_argument(
        "--only", choices=["csv", "xlsx", "page"], action="append", help="Run only these."
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="Also trace Python allocations (slower)."
    )
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

    jobs = options.only or ["csv", "xlsx", "page"]
    traced = "1" if options.tracemalloc else "0"
    date_from, date_to, total = csv_date_range()
    before, moved = make_month_busy(options.busy_month)
    busy = in_month(Article.objects.published(), Month.parse(options.busy_month)).count()
    print(f"Archive: {total:,} published releases.")
    if moved:
        print(
            f"Made {options.busy_month} busy: it held {before:,}; moved {moved:,} generated "
            "releases in from other months (the bench database is disposable)."
        )
    rows = []
    if "csv" in jobs:
        result = run_child("csv", date_from, date_to, traced)
        rows.append(
            memory_row(
                f"CSV export, {result['rows']:,} rows ({date_from}..{date_to})",
                result,
                TARGETS["csv"],
                f"{result['bytes'] / 1e6:.1f} MB streamed",
            )
        )
    if "xlsx" in jobs:
        result = run_child("xlsx", options.busy_month, traced)
        rows.append(
            memory_row(
                f"XLSX monthly report, {busy:,} releases ({options.busy_month})",
                result,
                TARGETS["xlsx"],
                f"{result['bytes'] / 1e6:.1f} MB file",
            )
        )
    if "page" in jobs:
        timings = time_report_page(options.busy_month, options.runs)
        for name, label in [
            ("first", "first request, empty cache"),
            ("uncached", "cache off"),
            ("cached", "from the cache"),
            ("filtered", "one topic, counted live, cache off"),
        ]:
            values = timings[name]
            median = statistics.median(values)
            rows.append(
                (
                    f"Report page, {busy:,} releases ({options.busy_month}), {label}",
                    f"median {median:.0f} ms, max {max(values):.0f} ms over {len(values)} "
                    f"request{'s' if len(values) > 1 else ''}",
                    f"<= {TARGETS['page']:.0f} ms",
                    verdict(median, TARGETS["page"]),
                )
            )
        match = counts_match_live(options.busy_month)
        rows.append(
            (
                f"Monthly counts of {options.busy_month} = live report",
                "every figure equal" if match else "DIFFERENT",
                "equal",
                "ok" if match else "WRONG",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("measurement", "result", "target", "")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row).rstrip())


if __name__ == "__main__":
    main()
