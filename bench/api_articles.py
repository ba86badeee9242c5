"""Benchmark of the open data API: server time and queries per request.

Against a generated archive (bench/README.md, section 1; DATABASE_URL set):

    DJANGO_SETTINGS_MODULE=bench.settings nice -n 10 .venv/bin/python bench/api_articles.py \
        [--runs 30]

or, with no archive at hand, against a throwaway test database it fills itself:

    DJANGO_SETTINGS_MODULE=bench.settings bin/with-postgres nice -n 10 \
        .venv/bin/python bench/api_articles.py --synthetic 20000

Each request goes through Django's test client: routing, the whole middleware stack
(CSP, CORS, locale…), throttling, the filter, every query, JSON rendering and the
ETag. Printed per request: queries, SQL time, median and p95 of ``--runs`` requests
after one warm-up. Throttling is lifted for the run.

Targets (issue #6 names no figures; these are the API's own, docs/api.md):
the query count of a releases page does not depend on its size, and a page of
100 releases (newest, filtered, deep cursor) answers in p95 ≤ 250 ms.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

TARGET_P95_MS_AT_100 = 250


class QueryTimer:
    """Counts statements and sums their time (a connection execute wrapper)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def measure(client: Client, url: str, runs: int) -> tuple[int, float, float, float]:
    response = client.get(url)  # warm-up (and the check that it works)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        client.get(url)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
    return timer.count, timer.seconds * 1000, statistics.median(timings), p95


def follow_next(client: Client, url: str, pages: int) -> str:
    for _ in range(pages):
        url = client.get(url).json()["next"]
    return url


def requests_for(client: Client) -> list[tuple[str, str, bool]]:
    """(label, url, is a 100-release page) for the archive in the database."""
    from agencies.models import Official, Region
    from articles.models import Article, ArticleOfficial, Event, Topic

    public = Article.objects.published()
    busiest_publisher = (
        (public.values("publisher__parent__slug").annotate(n=Count("pk")).order_by("-n")[0])[
            "publisher__parent__slug"
        ]
        or public.values("publisher__slug")[0]["publisher__slug"]
    )
    province = (
        Region.objects.filter(parent=None)
        .annotate(n=Count("province_articles"))
        .order_by("-n")
        .values_list("code", flat=True)[0]
    )
    official = (
        ArticleOfficial.objects.values("official__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("official__slug", flat=True)[0]
    )
    event = (
        Event.objects.filter(parent=None)
        .annotate(n=Count("children"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)[0]
    )
    topic = Topic.objects.order_by("pk").values_list("slug", flat=True)[0]
    newest = public.order_by("-published_at").values_list("published_at", flat=True)[0]
    five_years_back = timezone.localdate(newest) - datetime.timedelta(days=5 * 365)
    release = public.order_by("-published_at").values_list("slug", flat=True)[500]
    official_with_most = Official.objects.order_by("pk").values_list("slug", flat=True)[0]

    list_url = "/api/v1/articles/"
    page100 = f"{list_url}?page_size=100"
    return [
        ("newest, page_size=20", list_url, False),
        ("newest, page_size=100", page100, True),
        ("cursor 50 pages deep (5 000)", follow_next(client, page100, 50), True),
        ("date_to 5 years back", f"{page100}&date_to={five_years_back}", True),
        ("oldest first", f"{page100}&sort=oldest", True),
        (f"region={province} (province)", f"{page100}&region={province}", True),
        (f"agency={busiest_publisher}", f"{page100}&agency={busiest_publisher}", True),
        (f"official={official}", f"{page100}&official={official}", True),
        (f"event={event} (+ sub-events)", f"{page100}&event={event}", True),
        (f"topic={topic}", f"{page100}&topic={topic}", True),
        ("q=masyarakat (~50 %)", f"{page100}&q=masyarakat", True),
        ('q="panas bumi" (~2 %)', f"{page100}&q={quote(chr(34) + 'panas bumi' + chr(34))}", True),
        ("q=geotermal (~0.05 %)", f"{page100}&q=geotermal", True),
        ("q=masyarakat, sort=relevance", f"{page100}&q=masyarakat&sort=relevance", True),
        ("one release", f"{list_url}{release}/", False),
        ("regions (page of 100)", "/api/v1/regions/", False),
        ("agencies (page of 100)", "/api/v1/agencies/", False),
        ("officials (100, counts cached)", "/api/v1/officials/", False),
        ("officials (100, counts not cached)", "/api/v1/officials/?uncached", False),
        (f"one official ({official_with_most})", f"/api/v1/officials/{official_with_most}/", False),
        ("events (page of 100)", "/api/v1/events/", False),
        ("topics (all, counts cached)", "/api/v1/topics/", False),
        ("topics (all, counts not cached)", "/api/v1/topics/?uncached", False),
        ("schema", "/api/schema/", False),
    ]


def build_synthetic(releases: int) -> None:
    """A small archive in the throwaway test database (no generated cluster needed)."""
    from django.core.management import call_command

    call_command("generate_articles", count=releases, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="N",
        help="Fill a throwaway test database with N generated releases instead of "
        "using the database in DATABASE_URL.",
    )
    args = parser.parse_args()

    setup_test_environment()
    logging.getLogger("ops.slow_query").disabled = True  # the table says it better
    settings.ALLOWED_HOSTS = ["*"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_burst": None, "anon_sustained": None},
    }
    old_name = None
    if args.synthetic:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if args.synthetic:
            build_synthetic(args.synthetic)
        from articles.models import Article

        client = Client()
        public = Article.objects.published().count()
        rows = requests_for(client)
        print(f"{public:,} public releases; {args.runs} requests each after a warm-up\n")
        print(f"{'request':42} {'queries':>7} {'SQL ms':>7} {'median ms':>10} {'p95 ms':>8}")
        worst = 0.0
        counts = set()
        for label, url, is_page_of_100 in rows:
            # "?uncached": the same page with API_COUNT_CACHE_SECONDS = 0.
            cached = settings.API_COUNT_CACHE_SECONDS
            if url.endswith("?uncached"):
                url, settings.API_COUNT_CACHE_SECONDS = url.removesuffix("?uncached"), 0
            queries, sql, median, p95 = measure(client, url, args.runs)
            settings.API_COUNT_CACHE_SECONDS = cached
            flag = ""
            if is_page_of_100:
                worst = max(worst, p95)
                flag = "" if p95 <= TARGET_P95_MS_AT_100 else "  over target"
            if label.startswith("newest"):
                counts.add(queries)
            print(f"{label:42} {queries:>7} {sql:>7.1f} {median:>10.1f} {p95:>8.1f}{flag}")
        print(
            f"\ntarget: p95 ≤ {TARGET_P95_MS_AT_100} ms for a page of 100 releases "
            f"(worst here {worst:.0f} ms); queries independent of page size: "
            f"{'yes' if len(counts) == 1 else 'NO'} ({sorted(counts)})"
        )
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
