"""Probes for load balancers and orchestrators.

``/healthz``: the process is up and serving Python (never touches the database, so a
database outage does not make every app server look dead and get restarted).
``/readyz``: the primary database, every replica and the cache answer; 503 otherwise, so
the load balancer stops sending traffic to this server until they do.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger("ops.health")

# Cache-Control for probe answers: a stale "ok" must never come from a proxy cache.
NO_STORE = "no-store"


def healthz(request):
    response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = NO_STORE
    return response


def _database_answers(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readiness: database %s does not answer", alias)
        return False


def _cache_answers() -> bool:
    key = f"ops:readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        answered = cache.get(key) == "1"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("readiness: the cache does not answer")
        return False


def readiness() -> dict[str, bool]:
    checks = {f"database:{alias}": _database_answers(alias) for alias in settings.DATABASES}
    checks["cache"] = _cache_answers()
    return checks


def readyz(request):
    checks = readiness()
    ready = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if passed else "error" for name, passed in checks.items()},
        },
        status=200 if ready else 503,
    )
    response["Cache-Control"] = NO_STORE
    return response


PROBES = {"/healthz": healthz, "/readyz": readyz}
