"""Cache invalidation only: cached report figures go stale when what they count changes.

* A release saved or deleted makes stale the reports of the month it is in and
  of the month it was in before (a rescheduled or re-dated release), and so
  does a change to its events, topics or officials.
* A region, agency, event, topic, official or appointment saved or deleted
  (names and hierarchies the reports show and filter by) makes every cached
  report stale.

Bulk writes that skip signals (``QuerySet.update``, ``bulk_create``, raw SQL) do
not invalidate; nothing in the application writes releases that way (the
benchmark generator does).
"""

from __future__ import annotations

from agencies.models import Agency, Appointment, Official, Region
from articles.models import Article, ArticleEvent, ArticleOfficial, Event, Topic

from .selectors import invalidate_report_cache, invalidate_report_months

LABELS = (Region, Agency, Official, Appointment, Event, Topic)
LINKS = (ArticleEvent, ArticleOfficial, Article.topics.through)
M2M_CHANGES = frozenset({"post_add", "post_remove", "post_clear"})
ORIGINAL = "_reports_published_at"


def remember_published_at(sender, instance, **kwargs) -> None:
    """Keep the loaded ``published_at`` so a save can make its old month stale too."""
    setattr(instance, ORIGINAL, instance.__dict__.get("published_at"))


def on_article_change(sender, instance, **kwargs) -> None:
    invalidate_report_months(instance.published_at, getattr(instance, ORIGINAL, None))
    setattr(instance, ORIGINAL, instance.published_at)


def on_link_change(sender, instance, **kwargs) -> None:
    if sender._meta.get_field("article").is_cached(instance):  # e.g. admin inlines
        invalidate_report_months(instance.article.published_at)
        return
    article = Article.objects.filter(pk=instance.article_id).values("published_at").first()
    if article is not None:
        invalidate_report_months(article["published_at"])


def on_links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in M2M_CHANGES:
        return
    if not reverse:
        invalidate_report_months(instance.published_at)
    elif pk_set:  # from the other side (topic, event…): the months of those releases
        invalidate_report_months(
            *Article.objects.filter(pk__in=pk_set).values_list("published_at", flat=True)
        )
    else:  # e.g. topic.articles.clear(): which releases is no longer known
        invalidate_report_cache()


def on_label_change(sender, **kwargs) -> None:
    invalidate_report_cache()
