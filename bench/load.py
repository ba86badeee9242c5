"""Load test: gunicorn (production settings) on loopback against PostgreSQL, wrk in a
second process, a mixed read workload, zero errors required.

    # a database with the generated releases (see docs/deploy.md, "Capacity"):
    eval "$(bench/pg-cluster.sh start)"
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_articles --count 1000000
    nice -n 10 .venv/bin/python bench/load.py --duration 300 --connections 16

The mix is built from real identifiers in the database: the home page, release pages,
region/agency/official/event/topic pages (some on later pages), and — when their URLs
answer on this branch — the release list with filters, search, feeds and the API
(MIX_CANDIDATES below). Every candidate must answer 200 before the run starts: one that
does not stops the script (exit 2) unless it is left out with ``--exclude``, so a figure
is never silently measured on a smaller mix.
Prints a table: requests per second, p50/p95/p99/max latency, errors by kind.
Exit status 1 if any request failed (connection error, timeout or a 4xx/5xx status).
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# (weight, path template). Templates name identifiers drawn from the database. The
# issue's mix: list, filters, search, articles, feeds, API (plus the entity pages).
MIX_CANDIDATES = [
    (8, "/"),
    (24, "/articles/{article}/"),
    (8, "/articles/"),
    (6, "/articles/?region={province}"),
    (4, "/articles/?topic={topic}&date_from=2020-01-01&date_to=2022-12-31"),
    (3, "/articles/?region={province}&page=3"),
    (5, "/articles/?q=masyarakat"),
    (3, "/articles/?q=panas+bumi&sort=relevance"),
    (2, "/articles/?q=geotermal"),
    (5, "/regions/{province}/"),
    (3, "/regions/{regency}/?page=2"),
    (3, "/agencies/{agency}/"),
    (2, "/officials/{official}/"),
    (3, "/events/{event}/"),
    (3, "/topics/{topic}/"),
    (3, "/articles/feed/"),
    (2, "/regions/{province}/feed/"),
    (5, "/api/v1/articles/?region={province}"),
    (2, "/api/v1/articles/?q=masyarakat"),
    (3, "/api/v1/articles/{article}/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def identifiers(count: int) -> dict[str, list[str]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    import django

    django.setup()
    from agencies.models import Agency, Official, Region
    from articles.models import Article, Event, Topic

    def sample(queryset, field):
        ids = list(queryset.order_by("?").values_list(field, flat=True)[:count])
        if not ids:
            sys.exit(f"load: no {queryset.model.__name__} rows; generate data first")
        return ids

    return {
        "article": sample(Article.objects.published(), "slug"),
        "province": sample(Region.objects.filter(parent__isnull=True), "code"),
        "regency": sample(Region.objects.filter(parent__isnull=False), "code"),
        "agency": sample(Agency.objects.all(), "slug"),
        "official": sample(Official.objects.all(), "slug"),
        "event": sample(Event.objects.all(), "slug"),
        "topic": sample(Topic.objects.all(), "slug"),
    }


def status_of(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if status_of(base, "/readyz") == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("load: gunicorn did not become ready")


def build_mix(base, ids, *, exclude=(), size=4000):
    rng = random.Random(8)
    kept, dropped = [], []
    for weight, template in MIX_CANDIDATES:
        if template in exclude:
            dropped.append((weight, template, "excluded"))
            continue
        probe = template.format(**{key: values[0] for key, values in ids.items()})
        status = status_of(base, probe)
        (kept if status == 200 else dropped).append((weight, template, status))
    total = sum(weight for weight, _, _ in kept)
    paths = []
    for weight, template, _ in kept:
        for _ in range(max(1, round(size * weight / total))):
            paths.append(
                template.format(**{key: rng.choice(values) for key, values in ids.items()})
            )
    rng.shuffle(paths)
    return kept, dropped, paths


def run_wrk(base, mix_file, *, duration, connections, threads, timeout):
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s",
        "-s", str(BASE_DIR / "bench" / "load.lua"), base, "--", str(mix_file),
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds measured")
    parser.add_argument("--warmup", type=int, default=20, help="seconds before measuring")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--timeout", type=int, default=10, help="per request, seconds")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="leave out this path template of MIX_CANDIDATES, e.g. '/' (repeatable)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("load: set DATABASE_URL to the PostgreSQL database with the generated releases")
    if not shutil.which("wrk"):
        sys.exit("load: wrk not found (apt-get install wrk)")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS is the proxy's job
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "",
        "LOG_LEVEL": "WARNING",
    }
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    ids = identifiers(200)
    log_fd, log_name = tempfile.mkstemp(prefix="newsroom-gunicorn-", suffix=".log")
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "-c", "gunicorn.conf.py", "newsroom.wsgi"],
        cwd=BASE_DIR, env=env, stdout=log_fd, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_ready(base)
        kept, dropped, paths = build_mix(base, ids, exclude=args.exclude)
        broken = [(template, status) for _, template, status in dropped if status != "excluded"]
        if broken:
            for template, status in broken:
                print(f"load: {template} answers {status}; fix it or --exclude it")
            return 2
        with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as mix_file:
            mix_file.write("\n".join(paths) + "\n")
        if args.warmup:
            run_wrk(base, mix_file.name, duration=args.warmup, connections=args.connections,
                    threads=args.threads, timeout=args.timeout)  # fmt: skip
        result = run_wrk(base, mix_file.name, duration=args.duration,
                         connections=args.connections, threads=args.threads,
                         timeout=args.timeout)  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    errors = sum(result[key] for key in ("connect_errors", "read_errors", "write_errors",
                                         "status_errors", "timeouts"))  # fmt: skip
    workers = env.get("WEB_CONCURRENCY", "2×cores+1")
    print(f"\nmix ({len(paths)} paths):")
    for weight, template, _ in kept:
        print(f"  {weight:>3}  {template}")
    for _, template, status in dropped:
        reason = "--exclude" if status == "excluded" else f"answers {status} on this branch"
        print(f"  left out ({reason}): {template}")
    print(f"\ngunicorn workers: {workers}; wrk: {args.threads} thread(s), "
          f"{args.connections} connections, "
          f"{args.duration} s after {args.warmup} s warm-up")  # fmt: skip
    print(f"{'requests':>10} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'errors':>7}")  # fmt: skip
    print(f"{result['requests']:>10} {result['rps']:>8.1f} {result['p50_ms']:>8.1f} "
          f"{result['p95_ms']:>8.1f} {result['p99_ms']:>8.1f} {result['max_ms']:>8.1f} "
          f"{errors:>7}")  # fmt: skip
    if errors:
        print(f"errors by kind: {json.dumps(result)}; gunicorn log: {log_name}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
