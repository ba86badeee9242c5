"""Full-text search column and the index behind the public lists (PostgreSQL only).

The model does not declare ``search_vector``: it is a stored generated column
that PostgreSQL keeps up to date itself, read through
``articles.search.StoredSearchVector``. Weights: A title, B lead, C body; each
part in the ``indonesian`` configuration (stemming) and in ``simple`` (names
and exact terms). On SQLite nothing happens and search falls back to a
substring match.

``article_public_published_at`` is a partial index in (published_at, id)
order over the public statuses, so "newest first" lists, date ranges and
keyset pages read it in order instead of sorting every public row.
"""

from django.db import migrations

PUBLIC = "('published', 'withdrawn')"


def part(column: str, weight: str) -> str:
    return (
        f"setweight(to_tsvector('indonesian'::regconfig, coalesce({column}, '')), '{weight}') || "
        f"setweight(to_tsvector('simple'::regconfig, coalesce({column}, '')), '{weight}')"
    )


FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    + " || ".join([part("title", "A"), part("lead", "B"), part("body", "C")])
    + ") STORED",
    "CREATE INDEX article_search_vector ON articles_article USING GIN (search_vector)",
    # Better estimates for rare words, so the planner picks the GIN index for them.
    "ALTER TABLE articles_article ALTER COLUMN search_vector SET STATISTICS 1000",
    "CREATE INDEX article_public_published_at ON articles_article "
    f"(published_at DESC, id DESC) WHERE status IN {PUBLIC}",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_public_published_at",
    "DROP INDEX IF EXISTS article_search_vector",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_article_editorial_workflow")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
