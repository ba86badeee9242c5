"""bench/public_pages.py refuses clearly when there is nothing to measure."""

import pytest

from articles.models import Article
from bench.public_pages import MINIMUM_PUBLIC, EmptyArchive, check_archive

pytestmark = pytest.mark.django_db


def test_refuses_an_archive_without_enough_releases():
    assert Article.objects.published().count() < MINIMUM_PUBLIC  # the seed releases only
    with pytest.raises(EmptyArchive, match="generate_articles --count 1000000"):
        check_archive()


def test_refuses_an_empty_archive():
    Article.objects.all().delete()
    with pytest.raises(EmptyArchive, match="has 0 public releases"):
        check_archive()
