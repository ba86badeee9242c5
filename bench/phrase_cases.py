"""Quoted phrases of every kind through the public list, feed and API, computed each time.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://… \\
        nice -n 10 .venv/bin/python bench/phrase_cases.py [--runs 5]

Needs the database of ``generate_articles --count 1000000`` (bench/README.md): its
vocabulary puts "panas bumi" side by side in ~2 % of the releases, "dengan" and
"kegiatan" in most, and "kepada" and "masyarakat" in half but almost never side by
side. The shared cache is emptied before every request, so each row measures the
phrase path of ``articles/search.py`` (walk, longer walk, or index then phrase).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SLOW_QUERY_MS", "100000")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

CASES = [
    ("2 % phrase", '/articles/?q="panas bumi"'),
    ("2 % phrase, province 32", '/articles/?q="panas bumi"&region=32'),
    ("2 % phrase, oldest first", '/articles/?q="panas bumi"&sort=oldest'),
    ("2 % phrase, page 50", '/articles/?q="panas bumi"&page=50'),
    ("common phrase", '/articles/?q="dengan kegiatan"'),
    ("common words, rare phrase", '/articles/?q="kepada masyarakat"'),
    ("same, narrowed to a regency", '/articles/?q="kepada masyarakat"&region=32.04'),
    ("feed, 2 % phrase", '/articles/feed/?q="panas bumi"'),
    ("API, 2 % phrase", '/api/v1/articles/?q="panas bumi"'),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed requests per case")
    args = parser.parse_args()
    client = Client()
    print(f"{'case':32} status  median ms  max ms")
    for name, url in CASES:
        times, statuses = [], set()
        for run in range(args.runs + 1):  # the first one warms the process up
            cache.clear()
            started = time.perf_counter()
            statuses.add(client.get(url).status_code)
            if run:
                times.append((time.perf_counter() - started) * 1000)
        status = "/".join(str(s) for s in sorted(statuses))
        print(f"{name:32} {status:>6} {statistics.median(times):10.0f} {max(times):7.0f}")


if __name__ == "__main__":
    main()
