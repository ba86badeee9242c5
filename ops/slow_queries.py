"""Log every SQL statement slower than ``settings.SLOW_QUERY_MS`` (100 ms by default)."""

import logging
import time

from django.conf import settings

logger = logging.getLogger("ops.slow_query")


def slow_query_threshold_ms() -> float:
    return float(getattr(settings, "SLOW_QUERY_MS", 100))


class SlowQueryLogger:
    """A ``connection.execute_wrapper``: times each statement, logs the slow ones."""

    def __init__(self, alias: str):
        self.alias = alias
        self.threshold_ms = slow_query_threshold_ms()

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            if elapsed_ms > self.threshold_ms:
                logger.warning(
                    "slow query: %.0f ms on %s",
                    elapsed_ms,
                    self.alias,
                    extra={"duration_ms": round(elapsed_ms, 1), "db": self.alias, "sql": sql},
                )
