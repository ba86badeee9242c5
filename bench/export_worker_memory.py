"""Memory of a gunicorn worker while it streams a CSV export of 100 000 releases.

    export DATABASE_URL=postgres://newsroom@127.0.0.1:54335/newsroom   # a million releases
    nice -n 10 .venv/bin/python bench/export_worker_memory.py [--interval 0.05]

``bench/reports.py`` measures the export in a fresh Python process (peak RSS); this
script measures it where it runs in production: one sync worker of
``gunicorn -c gunicorn.conf.py newsroom.wsgi`` (``preload_app``: the application is
loaded in the master and the worker is forked from it, sharing those pages). While
the export streams to an HTTP client, the worker's ``/proc/<pid>/smaps_rollup`` is
sampled and the table prints, idle (after one empty export) and at peak:

* RSS: every resident page the worker maps, shared ones included (what ``ps`` shows);
* PSS: shared pages divided among the processes sharing them (the master, here);
* USS: pages only this worker holds (``Private_Clean + Private_Dirty``): what the
  worker costs on top of the master, and what the system gets back when it exits.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reports import csv_date_range, setup_django  # noqa: E402

TARGET_MB = 50.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb(pid: int) -> dict[str, float]:
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def worker_of(master: int, timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def wait_until_serving(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz")


def stream(url: str) -> tuple[int, int]:
    """Read the whole response in chunks; (data rows, bytes)."""
    size = lines = 0
    with urllib.request.urlopen(url, timeout=600) as response:
        while chunk := response.read(64 * 1024):
            size += len(chunk)
            lines += chunk.count(b"\n")
    return lines - 1, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interval", type=float, default=0.05, help="sampling period, s")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    setup_django()
    date_from, date_to, total = csv_date_range()

    port = free_port()
    env = {
        **os.environ,
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_TIMEOUT": "600",
        "SLOW_QUERY_MS": "100000",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    master = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", "newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        worker = worker_of(master.pid)
        # One empty export first, so every module and the URL conf are loaded.
        stream(f"{base}/articles/export/?format=csv&date_from=1900-01-01&date_to=1900-01-01")
        idle = memory_mb(worker)
        master_idle = memory_mb(master.pid)
        peak = dict(idle)
        result: dict[str, object] = {}

        def export() -> None:
            started = time.monotonic()
            url = f"{base}/articles/export/?format=csv&date_from={date_from}&date_to={date_to}"
            result["rows"], result["bytes"] = stream(url)
            result["seconds"] = time.monotonic() - started

        reader = threading.Thread(target=export)
        reader.start()
        samples = 0
        while reader.is_alive():
            now = memory_mb(worker)
            samples += 1
            for key, value in now.items():
                peak[key] = max(peak[key], value)
            time.sleep(args.interval)
        reader.join()
    finally:
        master.terminate()
        master.wait(timeout=30)

    print(
        f"{total:,} public releases; CSV export {date_from} .. {date_to}: "
        f"{result['rows']:,} rows, {result['bytes'] / 2**20:.1f} MB in {result['seconds']:.1f} s; "
        f"{samples} samples every {args.interval * 1000:.0f} ms; gunicorn master (preloaded "
        f"application): RSS {master_idle['rss']:.1f} MB, USS {master_idle['uss']:.1f} MB"
    )
    print()
    print(
        f"{'worker memory (MB)':22} {'idle':>8} {'peak':>8} {'growth':>8}  target {TARGET_MB:.0f}"
    )
    print("-" * 64)
    for key, label in (("rss", "RSS (shared included)"), ("pss", "PSS"), ("uss", "USS (its own)")):
        verdict = "ok" if peak[key] <= TARGET_MB else "OVER"
        print(
            f"{label:22} {idle[key]:8.1f} {peak[key]:8.1f} {peak[key] - idle[key]:8.1f}  {verdict}"
        )


if __name__ == "__main__":
    main()
