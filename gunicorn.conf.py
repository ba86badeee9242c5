"""gunicorn settings for Newsroom: ``gunicorn newsroom.wsgi`` reads this file from the
working directory (or pass ``-c gunicorn.conf.py``). Every value can be overridden by
the environment variable named next to it; see docs/deploy.md."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Listen where the load balancer or nginx forwards to.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Sync workers: Newsroom's requests are short and database-bound. The classic rule
# 2 × cores + 1, capped by WEB_CONCURRENCY_MAX so a large host does not open more
# PostgreSQL connections than the database allows (each worker keeps one per alias).
workers = min(
    _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1),
    _int("WEB_CONCURRENCY_MAX", 12),
)
worker_class = "sync"

# A request that takes longer than this is killed (and logged) instead of holding a worker.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep-alive with the load balancer in front (slightly above its idle timeout avoids
# races where gunicorn closes a connection the balancer is reusing).
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so slow memory growth never builds up; the jitter keeps
# all workers from restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Load the application once in the master, then fork: faster start, shared memory.
preload_app = True


def when_ready(server):
    """In the master, once the application is loaded: import every URL module and view
    now (Django would in each worker, on its first request), then freeze those objects
    so the workers' garbage collector never writes to them. Both keep the pages shared
    with the master instead of copied into every worker (bench/export_worker_memory.py)."""
    if not server.cfg.preload_app:
        return
    import gc

    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - evaluated for its imports
    connections.close_all()  # nothing should be open; a connection must never be forked
    gc.freeze()


# Access log on stdout as JSON lines (ops.gunicorn_logging), one per request, with the
# request id the app echoes in X-Request-ID (the proxy's if it sent one), the status and
# the time in microseconds. GUNICORN_ACCESSLOG="" turns it off (e.g. nginx logs already).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
logger_class = "ops.gunicorn_logging.JsonAccessLogger"

# Which proxies may set X-Forwarded-For / X-Forwarded-Proto. Default: only a proxy on
# the same host (nginx on loopback). Behind a load balancer on another machine, set
# FORWARDED_ALLOW_IPS to its address(es), never "*" on a host reachable from the internet:
# a client could otherwise claim HTTPS and a fake address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Temporary files of the worker heartbeat in memory, not on a possibly slow disk.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")  # noqa: S108 - tmpfs, gunicorn's own advice
