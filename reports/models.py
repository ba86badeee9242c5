"""Pre-computed monthly counts: the administrator's unfiltered report of a past month.

Counting a busy month live joins its 50,000 releases to link tables of up to
1.4 million rows (about a second on the million-release bench). These rows hold
the same counts, kept up to date by PostgreSQL triggers (migration
``0002_month_counts``) in the transaction that writes a release or its links,
whatever writes it (services, admin, importer, bulk SQL).

A row counts releases with a public status (published or withdrawn) whose
``published_at`` falls in ``month`` (Asia/Jakarta). That is "public" only for a
month that is over (a scheduled release turns public without any write), so the
reports read these rows only for months that have ended, and only when the
report is neither filtered nor scoped; everything else is counted live.
"""

from django.db import models


class MonthCount(models.Model):
    """How many releases of ``month`` fall under one line of one breakdown."""

    month = models.DateField()
    # total (key 0), province, region, agency, day (key = day of month), event,
    # topic, official (extra = appointment id, 0 when none).
    dimension = models.CharField(max_length=10)
    key_id = models.BigIntegerField()
    extra_id = models.BigIntegerField(default=0)
    releases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "dimension", "key_id", "extra_id"], name="month_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension} {self.key_id}/{self.extra_id}: {self.releases}"
