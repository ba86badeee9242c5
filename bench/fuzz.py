"""Long fuzz run: random and hostile paths and query strings against every public URL
pattern (discovered from the resolver), in-process through Django's test client.

    DATABASE_URL=postgres://…/newsroom nice -n 10 .venv/bin/python bench/fuzz.py --examples 5000

Use a database with real data (e.g. the load-test database with generated releases),
so that detail pages exist and filters match rows. Prints the statuses seen per URL
pattern; exits 1 if any response is a 5xx or outside {200, 301, 302, 400, 404, 410}.
The bounded version runs in the test suite (tests/ops/test_fuzz.py).
"""

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None, help="repeat a run exactly")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)  # 404s would flood the output
    from django.core.cache import cache
    from django.test import Client
    from hypothesis import HealthCheck, given, seed, settings

    from tests.ops.fuzzing import ALLOWED_STATUSES, public_routes, query_strings, request_paths
    from tests.ops.test_fuzz import known_values

    routes = public_routes()
    client = Client(raise_request_exception=False)
    statuses: dict[str, Counter] = defaultdict(Counter)
    failures: list[str] = []

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target=request_paths(routes, known_values()), query=query_strings)
    def fuzz(target, query):
        route, path = target
        url = f"{path}?{query}" if query else path
        # Every request is the client's first: the API's throttling (429 after too many
        # requests, a deliberate defence) would otherwise answer instead of the view.
        cache.clear()
        status = client.get(url).status_code
        statuses[route.name][status] += 1
        if status not in ALLOWED_STATUSES and len(failures) < 50:
            failures.append(f"{status} {route.name} GET {url[:300]}")

    if args.seed is not None:
        fuzz = seed(args.seed)(fuzz)
    started = time.monotonic()
    fuzz()
    elapsed = time.monotonic() - started

    all_statuses = sorted({status for counter in statuses.values() for status in counter})
    width = max(len(name) for name in statuses)
    print(f"{'URL pattern':<{width}}  " + "  ".join(f"{s:>6}" for s in all_statuses))
    for name in sorted(statuses):
        row = "  ".join(f"{statuses[name][s]:>6}" for s in all_statuses)
        print(f"{name:<{width}}  {row}")
    total = sum(sum(counter.values()) for counter in statuses.values())
    print(f"{total} requests in {elapsed:.0f} s over {len(statuses)} URL patterns; "
          f"{len(failures)} outside {sorted(ALLOWED_STATUSES)}")  # fmt: skip
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
