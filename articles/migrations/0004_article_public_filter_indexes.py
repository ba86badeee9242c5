"""Partial indexes for the filtered public lists (PostgreSQL only).

``/articles/?region=…`` (and agency) counts up to 10 001 rows and reads the
newest page. The model's indexes ``(province_id, published_at)`` do not hold
the status, so each of those rows was a heap visit (~90 ms for a province at a
million releases). These indexes cover only public rows, in the list's order,
so the capped count is an index-only scan and the page a straight index read.

Built CONCURRENTLY (outside a transaction, hence ``atomic = False``) so that adding
them to a live archive does not block writes to the releases table while they build.
"""

from django.db import migrations

PUBLIC = "('published', 'withdrawn')"
COLUMNS = {
    "article_public_province": "province_id",
    "article_public_region": "region_id",
    "article_public_publisher": "publisher_id",
}

FORWARD = [
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON articles_article "
    f"({column}, published_at DESC, id DESC) WHERE status IN {PUBLIC}"
    for name, column in COLUMNS.items()
]
BACKWARD = [f"DROP INDEX CONCURRENTLY IF EXISTS {name}" for name in COLUMNS]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0003_article_search_vector")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
