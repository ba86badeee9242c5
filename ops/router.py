"""Send public reads to the read replicas and everything else to the primary.

Replicas are the aliases listed in ``settings.DATABASE_REPLICAS`` (built from
``DATABASE_REPLICA_URLS``: ``replica_1``, ``replica_2``…). A read goes to a replica only
when ``ops.middleware.ReadRoutingMiddleware`` allowed it for the current request (a safe
method, outside the admin, no recent write by this client) and the primary is not inside
a transaction; writes, migrations and every read outside a request use ``default``.
"""

import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from . import context


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or not context.replica_reads_allowed.get():
            return DEFAULT_DB_ALIAS
        # Inside a transaction on the primary, read what that transaction sees.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)  # noqa: S311 - load spreading, not security

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data (replicas are copies of the primary).
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas receive the schema through replication, never through migrate.
        return db == DEFAULT_DB_ALIAS
