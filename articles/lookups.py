"""``pk__in_array=[…]``: ``pk__in`` for a long list of ids, sent as one parameter.

The list's ids (up to a thousand per filter set, 251 for the facets) would each be
prepared by Django and quoted by psycopg as a parameter of their own (``IN (%s, %s, …)``);
on PostgreSQL this lookup sends them as one array (``= ANY(%s)``), which PostgreSQL
plans exactly as the ``IN`` list. Elsewhere (SQLite for ``make run``) it is ``IN``.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import BigAutoField, Lookup


@BigAutoField.register_lookup
class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)
