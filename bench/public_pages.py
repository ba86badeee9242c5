"""Server time of the public pages at scale, and list-page throughput vs "hello".

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://… \\
        nice -n 10 .venv/bin/python bench/public_pages.py [--runs 30] [--seconds 10] [--cold]

Needs a database filled with ``generate_articles`` (see bench/README.md).
Server time is measured in-process through Django's test client (URL routing,
middleware, queries, template rendering; no network). Throughput starts
gunicorn (2 sync workers) on a free port and hammers the list page and a
bare "hello" view, one after the other, with the same client.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# The slow-query log (ops) would print a line per slow request; the table says it all.
os.environ.setdefault("SLOW_QUERY_MS", "100000")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from articles.facets import facets_for  # noqa: E402
from articles.filters import ArticleFilter  # noqa: E402
from articles.listing import encode_cursor  # noqa: E402
from articles.models import PUBLIC_STATUSES, Article, Event  # noqa: E402

TARGETS = {"page": 50.0, "search": 150.0, "facets": 20.0}
# Below this the figures say nothing about the targets (set at a million).
MINIMUM_PUBLIC = 1_000
PAGE_SIZE = 20
DEEP_ROW = 199_980  # the first row of the 10 000th page of 20


class EmptyArchive(SystemExit):
    pass


def check_archive() -> int:
    """The number of public releases, or a clear refusal when there is nothing to measure."""
    public = Article.objects.filter(status__in=PUBLIC_STATUSES).count()
    hint = (
        "Fill it first: manage.py generate_articles --count 1000000, then VACUUM ANALYZE "
        "(see bench/README.md)."
    )
    if public < MINIMUM_PUBLIC:
        raise EmptyArchive(
            f"The database ({connection.settings_dict['NAME']}) has {public:,} public releases; "
            f"this benchmark needs at least {MINIMUM_PUBLIC:,} (targets are set at 1 million). "
            + hint
        )
    if not Event.objects.filter(slug__contains="-acara-", parent=None).exists():
        raise EmptyArchive("No generated events (slug gen<seed>-acara-…) to filter by. " + hint)
    return public


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Samples(list):
    """Wall-clock milliseconds of each run, and ``cpu``: mean CPU ms per run."""

    cpu: float | None = None


def backend_cpu_seconds() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, if it is local.

    Wall time on a shared machine mostly measures the other processes; CPU time
    (this process plus its backend) is what a request costs. /proc counts in
    clock ticks (10 ms), so it is only read around a whole series of runs.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(call, runs: int) -> Samples:
    for _ in range(3):  # warm caches and connections
        call()
    samples = Samples()
    backend_before, process_before = backend_cpu_seconds(), time.process_time()
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    backend_after, process_after = backend_cpu_seconds(), time.process_time()
    if backend_before is not None and backend_after is not None:
        used = (process_after - process_before) + (backend_after - backend_before)
        samples.cpu = used * 1000 / runs
    return samples


# --cold: empty the shared cache (ops.cache: facets, capped counts, rendered list
# results) before every request, so each one computes everything.
COLD = False


def get(client: Client, url: str):
    def call():
        if COLD:
            cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")

    return call


def scenario_urls(public_count: int) -> dict[str, tuple[str, str]]:
    """{name: (kind, url)} with values taken from the generated data."""
    public = Article.objects.filter(status__in=PUBLIC_STATUSES)
    event = (
        Event.objects.filter(slug__contains="-acara-", parent=None).order_by("-start_date").first()
    )
    # The first row of the 10 000th page of 20 (row 199 981), or as deep as the data goes
    # (check_archive made sure there are more than a page of rows).
    depth = min(DEEP_ROW, public_count - PAGE_SIZE - 1)
    deep = public.order_by("-published_at", "-id")[depth : depth + 1].get()
    newest = public.order_by("-published_at").first().published_at
    year = newest.year - 2
    return {
        "list newest": ("page", "/articles/"),
        "list page 2": ("page", "/articles/?page=2"),
        "filtered: province 32": ("page", "/articles/?region=32"),
        "filtered: regency 32.04": ("page", "/articles/?region=32.04"),
        "filtered: event": ("page", f"/articles/?event={event.slug}"),
        "filtered: date range (1 month)": (
            "page",
            f"/articles/?date_from={year}-03-01&date_to={year}-03-31",
        ),
        f"deep page ({depth // PAGE_SIZE + 1:,}th, keyset)": (
            "page",
            f"/articles/?cursor={encode_cursor(deep)}",
        ),
        "search common word (~50 %)": ("search", "/articles/?q=masyarakat"),
        "search common, relevance": ("search", "/articles/?q=masyarakat&sort=relevance"),
        "search rare word (~0.05 %)": ("search", "/articles/?q=geotermal"),
        "search phrase (~2 %)": ("search", "/articles/?q=%22panas+bumi%22"),
        "search + province": ("search", "/articles/?q=masyarakat&region=35"),
    }


def facet_call(params: dict):
    def call():
        filterset = ArticleFilter(params, queryset=Article.objects.published())
        assert filterset.is_valid(), filterset.errors
        facets_for(filterset.qs)

    return call


def article_call(client: Client):
    ids = list(
        Article.objects.filter(status__in=PUBLIC_STATUSES)
        .order_by("?")
        .values_list("slug", flat=True)[:200]
    )

    def call():
        response = client.get(f"/articles/{random.choice(ids)}/")
        if response.status_code != 200:
            raise SystemExit(f"article page answered {response.status_code}")

    return call


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hammer(url: str, seconds: float, threads: int = 8) -> float:
    """Requests per second over ``seconds`` with ``threads`` keep-alive-less clients."""
    done = [0] * threads
    stop = time.monotonic() + seconds

    def worker(i):
        while time.monotonic() < stop:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            done[i] += 1

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / (time.monotonic() - started)


def throughput(seconds: float) -> tuple[float, float]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "newsroom.wsgi",
        ],
        cwd=ROOT,
        # gunicorn.conf.py (read from ROOT) applies to both views alike; only its
        # per-request access log is switched off, to keep the table readable.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "GUNICORN_ACCESSLOG": ""},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/hello/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        hammer(f"{base}/articles/", 2)  # warm-up
        listing = hammer(f"{base}/articles/", seconds)
        hello = hammer(f"{base}/bench/hello/", seconds)
        return listing, hello
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument(
        "--cold", action="store_true", help="empty the shared cache before every page request"
    )
    args = parser.parse_args()
    global COLD
    COLD = args.cold

    public_count = check_archive()
    total = Article.objects.count()
    print(
        f"PostgreSQL {connection.pg_version}, {total:,} releases ({public_count:,} public); "
        f"{args.runs} runs each{' (cold: cache emptied before each request)' if COLD else ''}; "
        f"load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs\n"
        "ok = wall-clock p95 within target; cpu ms = mean CPU of Django + its "
        "PostgreSQL backend per request\n"
    )
    client = Client()
    rows: list[tuple[str, str, Samples | None]] = []
    for name, (kind, url) in scenario_urls(public_count).items():
        rows.append((name, kind, timed(get(client, url), args.runs)))
    rows.append(("facets: whole archive", "facets", timed(facet_call({}), args.runs)))
    rows.append(
        ("facets: common word", "facets", timed(facet_call({"q": "masyarakat"}), args.runs))
    )
    rows.append(("facets: province 32", "facets", timed(facet_call({"region": "32"}), args.runs)))
    rows.append(("article page", "page", timed(article_call(client), args.runs)))
    try:
        resolve("/articles/feed/")
        feed_ok = client.get("/articles/feed/").status_code == 200
    except Resolver404:
        feed_ok = False
    rows.append(
        ("feed", "page", timed(get(client, "/articles/feed/"), args.runs) if feed_ok else None)
    )

    print(f"{'scenario':34} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'target':>7}  ok")
    print("-" * 78)
    first_page = None
    for name, kind, samples in rows:
        target = TARGETS[kind]
        if samples is None:
            print(
                f"{name:34} {'n/a':>10} {'n/a':>8} {'n/a':>7} {target:>7.0f}  "
                "route not on this branch"
            )
            continue
        median, p95 = statistics.median(samples), percentile(samples, 0.95)
        if name == "list newest":
            first_page = median
        ok = p95 <= target
        note = ""
        if name.startswith("deep page") and first_page:
            ok = ok and median <= 2 * first_page
            note = f"  ({median / first_page:.2f}× first page)"
        cpu = f"{samples.cpu:>7.1f}" if samples.cpu is not None else f"{'n/a':>7}"
        print(
            f"{name:34} {median:>10.1f} {p95:>8.1f} {cpu} {target:>7.0f}  "
            f"{'yes' if ok else 'NO'}{note}"
        )

    if not args.no_throughput:
        listing, hello = throughput(args.seconds)
        ratio = listing / hello if hello else 0
        print(
            f"\nthroughput under gunicorn (2 workers, 8 clients, {args.seconds:.0f} s each): "
            f"list {listing:.0f} req/s, hello {hello:.0f} req/s → {ratio:.0%} "
            f"(target ≥ 20 %: {'yes' if ratio >= 0.2 else 'NO'})"
        )


if __name__ == "__main__":
    main()
