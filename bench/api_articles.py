"""Benchmark of the releases endpoint: latency and query count by page size.

    bin/with-postgres nice -n 10 .venv/bin/python bench/api_articles.py [--releases 20000]

Builds a throwaway test database, fills it with releases that each name two
officials (with their appointment), two events and two topics, then times
``GET /api/v1/articles/`` through Django's test client (full middleware stack,
JSON rendering, ETag). Target: the query count does not depend on the page size,
and a 100-release page answers in under 250 ms (median) on the CI machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

TARGET_MEDIAN_MS_AT_100 = 250


def build(releases: int) -> None:
    from agencies.loaders import load_regions
    from agencies.models import Agency, Appointment, Official, Region
    from articles.models import Article, ArticleEvent, ArticleOfficial, Event, Topic
    from newsroom.sync import SyncReport

    load_regions(settings.BASE_DIR / "fixtures" / "regions.csv", SyncReport())
    region = Region.objects.get(code="32.12")
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Dinas {i}", slug=f"dinas-{i}", kind="regional_office", level="province")
        for i in range(50)
    )
    officials = Official.objects.bulk_create(
        Official(name=f"Pejabat {i}", slug=f"pejabat-{i}") for i in range(200)
    )
    appointments = Appointment.objects.bulk_create(
        Appointment(
            official=o,
            agency=agencies[i % 50],
            title="Kepala",
            start_date=datetime.date(2020, 1, 1),
        )
        for i, o in enumerate(officials)
    )
    events = Event.objects.bulk_create(
        Event(
            name=f"Acara {i}",
            slug=f"acara-{i}",
            kind="meeting",
            start_date=datetime.date(2023, 1, 1),
        )
        for i in range(100)
    )
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topik {i}", slug=f"topik-{i}") for i in range(40)
    )
    now = timezone.now()
    body = "<p>" + "Isi siaran pers. " * 120 + "</p>"
    articles = Article.objects.bulk_create(
        Article(
            title=f"Siaran pers {i}",
            slug=f"siaran-pers-{i}",
            lead="Ringkasan.",
            body=body,
            status="published",
            published_at=now - datetime.timedelta(minutes=i),
            region=region,
            province_id=region.parent_id,
            publisher=agencies[i % 50],
        )
        for i in range(releases)
    )
    ArticleOfficial.objects.bulk_create(
        ArticleOfficial(
            article=a, official=officials[(i + k) % 200], appointment=appointments[(i + k) % 200]
        )
        for i, a in enumerate(articles)
        for k in (0, 1)
    )
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=a, event=events[(i + k) % 100])
        for i, a in enumerate(articles)
        for k in (0, 1)
    )
    Through = Article.topics.through
    Through.objects.bulk_create(
        Through(article=a, topic=topics[(i + k) % 40])
        for i, a in enumerate(articles)
        for k in (0, 1)
    )


def measure(client: Client, url: str, repeat: int) -> tuple[int, float, float, float]:
    timings, sql = [], []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:200]
        queries = len(connection.queries)
        sql.append(sum(float(q["time"]) for q in connection.queries) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return queries, statistics.median(sql), statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    settings.DEBUG = True  # record queries
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_burst": None, "anon_sustained": None},
    }
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        build(args.releases)
        client = Client()
        first = client.get("/api/v1/articles/?page_size=100").json()
        deep = first["next"]
        for _ in range(20):  # a cursor some way into the archive
            deep = client.get(deep).json()["next"]
        rows = [
            ("newest, page_size=20", "/api/v1/articles/"),
            ("newest, page_size=100", "/api/v1/articles/?page_size=100"),
            ("cursor page 22, page_size=100", deep),
            ("oldest, page_size=100", "/api/v1/articles/?sort=oldest&page_size=100"),
            ("agency filter, page_size=100", "/api/v1/articles/?agency=dinas-7&page_size=100"),
            ("single release", "/api/v1/articles/siaran-pers-500/"),
            ("officials list (100)", "/api/v1/officials/"),
        ]
        print(f"{args.releases} public releases, {args.repeat} requests each\n")
        print(f"{'request':34} {'queries':>7} {'SQL ms':>7} {'median ms':>10} {'p95 ms':>8}")
        for label, url in rows:
            queries, sql, median, p95 = measure(client, url, args.repeat)
            print(f"{label:34} {queries:>7} {sql:>7.1f} {median:>10.1f} {p95:>8.1f}")
        print(f"\ntarget: median under {TARGET_MEDIAN_MS_AT_100} ms for a 100-release page")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
