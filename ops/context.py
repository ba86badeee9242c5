"""Per-request state shared by the middleware, the log filter and the database router.

Context variables (not thread-locals) so that each request, in a thread or a task,
sees only its own values; outside a request they keep their safe defaults.
"""

from contextvars import ContextVar

# The id of the request being served ("-" outside a request), written on every log line.
request_id: ContextVar[str] = ContextVar("request_id", default="-")

# True only while serving a read-only public request that may read from a replica.
# The default (False) sends everything to the primary: management commands, shells,
# background jobs and requests that have just written never read stale data.
replica_reads_allowed: ContextVar[bool] = ContextVar("replica_reads_allowed", default=False)
