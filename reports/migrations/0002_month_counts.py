"""Monthly count rows (``reports.MonthCount``) and the triggers that maintain them.

PostgreSQL only (on SQLite the table stays empty and the reports count live).
Row triggers on the release table and its three link tables add or subtract a
release's contributions in the same transaction as the write, so the counts
cannot drift from the rows whatever writes them. The release trigger fires only
when a counted column changes (status, published_at, region, province,
publisher). Existing releases are counted once when the migration runs.
"""

from django.conf import settings
from django.db import migrations, models

PUBLIC = "('published', 'withdrawn')"


def local(column: str) -> str:
    return f"({column} AT TIME ZONE '{settings.TIME_ZONE}')"


UPSERT = """
    ON CONFLICT (month, dimension, key_id, extra_id)
    DO UPDATE SET releases = reports_monthcount.releases + excluded.releases
"""

CREATE = f"""
CREATE FUNCTION reports_count_release(art articles_article, delta integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF art.status NOT IN {PUBLIC} OR art.published_at IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO reports_monthcount (month, dimension, key_id, extra_id, releases)
    SELECT date_trunc('month', {local("art.published_at")})::date, v.dimension, v.key_id,
           v.extra_id, delta
      FROM (
            SELECT 'total', 0::bigint, 0::bigint
            UNION ALL SELECT 'province', art.province_id, 0
            UNION ALL SELECT 'region', art.region_id, 0
            UNION ALL SELECT 'agency', art.publisher_id, 0
            UNION ALL SELECT 'day', extract(day FROM {local("art.published_at")})::bigint, 0
            UNION ALL SELECT 'event', event_id, 0
                        FROM articles_articleevent WHERE article_id = art.id
            UNION ALL SELECT 'topic', topic_id, 0
                        FROM articles_article_topics WHERE article_id = art.id
            UNION ALL SELECT 'official', official_id, coalesce(appointment_id, 0)
                        FROM articles_articleofficial WHERE article_id = art.id
           ) AS v (dimension, key_id, extra_id)
     ORDER BY 2, 3, 4  -- one lock order for every writer
    {UPSERT};
END $$;

CREATE FUNCTION reports_count_link(
    release_id bigint, dim text, key bigint, extra bigint, delta integer
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    moment timestamptz;
BEGIN
    SELECT published_at INTO moment FROM articles_article
     WHERE id = release_id AND status IN {PUBLIC} AND published_at IS NOT NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    INSERT INTO reports_monthcount (month, dimension, key_id, extra_id, releases)
    VALUES (date_trunc('month', {local("moment")})::date, dim, key, coalesce(extra, 0), delta)
    {UPSERT};
END $$;

CREATE FUNCTION reports_release_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reports_count_release(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM reports_count_release(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION reports_event_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reports_count_link(OLD.article_id, 'event', OLD.event_id, 0, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM reports_count_link(NEW.article_id, 'event', NEW.event_id, 0, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION reports_topic_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reports_count_link(OLD.article_id, 'topic', OLD.topic_id, 0, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM reports_count_link(NEW.article_id, 'topic', NEW.topic_id, 0, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION reports_official_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reports_count_link(
            OLD.article_id, 'official', OLD.official_id, OLD.appointment_id, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM reports_count_link(
            NEW.article_id, 'official', NEW.official_id, NEW.appointment_id, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER reports_release_written AFTER INSERT OR DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION reports_release_changed();
CREATE TRIGGER reports_release_updated AFTER UPDATE ON articles_article
    FOR EACH ROW WHEN (
        OLD.status IS DISTINCT FROM NEW.status
        OR OLD.published_at IS DISTINCT FROM NEW.published_at
        OR OLD.region_id IS DISTINCT FROM NEW.region_id
        OR OLD.province_id IS DISTINCT FROM NEW.province_id
        OR OLD.publisher_id IS DISTINCT FROM NEW.publisher_id
    ) EXECUTE FUNCTION reports_release_changed();
CREATE TRIGGER reports_event_link AFTER INSERT OR UPDATE OR DELETE ON articles_articleevent
    FOR EACH ROW EXECUTE FUNCTION reports_event_link_changed();
CREATE TRIGGER reports_topic_link AFTER INSERT OR UPDATE OR DELETE ON articles_article_topics
    FOR EACH ROW EXECUTE FUNCTION reports_topic_link_changed();
CREATE TRIGGER reports_official_link AFTER INSERT OR UPDATE OR DELETE
    ON articles_articleofficial
    FOR EACH ROW EXECUTE FUNCTION reports_official_link_changed();
"""

MONTH = f"date_trunc('month', {local('a.published_at')})::date"
COUNTED = f"a.status IN {PUBLIC} AND a.published_at IS NOT NULL"

BACKFILL = f"""
INSERT INTO reports_monthcount (month, dimension, key_id, extra_id, releases)
SELECT {MONTH}, 'total', 0, 0, count(*) FROM articles_article a WHERE {COUNTED} GROUP BY 1
UNION ALL
SELECT {MONTH}, 'province', a.province_id, 0, count(*) FROM articles_article a
 WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'region', a.region_id, 0, count(*) FROM articles_article a
 WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'agency', a.publisher_id, 0, count(*) FROM articles_article a
 WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'day', extract(day FROM {local("a.published_at")})::bigint, 0, count(*)
  FROM articles_article a WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'event', l.event_id, 0, count(*)
  FROM articles_article a JOIN articles_articleevent l ON l.article_id = a.id
 WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'topic', l.topic_id, 0, count(*)
  FROM articles_article a JOIN articles_article_topics l ON l.article_id = a.id
 WHERE {COUNTED} GROUP BY 1, 3
UNION ALL
SELECT {MONTH}, 'official', l.official_id, coalesce(l.appointment_id, 0), count(*)
  FROM articles_article a JOIN articles_articleofficial l ON l.article_id = a.id
 WHERE {COUNTED} GROUP BY 1, 3, 4
"""

DROP = """
DROP TRIGGER IF EXISTS reports_release_written ON articles_article;
DROP TRIGGER IF EXISTS reports_release_updated ON articles_article;
DROP TRIGGER IF EXISTS reports_event_link ON articles_articleevent;
DROP TRIGGER IF EXISTS reports_topic_link ON articles_article_topics;
DROP TRIGGER IF EXISTS reports_official_link ON articles_articleofficial;
DROP FUNCTION IF EXISTS reports_release_changed();
DROP FUNCTION IF EXISTS reports_event_link_changed();
DROP FUNCTION IF EXISTS reports_topic_link_changed();
DROP FUNCTION IF EXISTS reports_official_link_changed();
DROP FUNCTION IF EXISTS reports_count_link(bigint, text, bigint, bigint, integer);
DROP FUNCTION IF EXISTS reports_count_release(articles_article, integer);
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        schema_editor.execute("LOCK TABLE articles_article IN SHARE MODE")
        schema_editor.execute(BACKFILL)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_article_month_covering_index"),
        ("articles", "0003_article_search_vector"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("dimension", models.CharField(max_length=10)),
                ("key_id", models.BigIntegerField()),
                ("extra_id", models.BigIntegerField(default=0)),
                ("releases", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("month", "dimension", "key_id", "extra_id"),
                        name="month_count_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
