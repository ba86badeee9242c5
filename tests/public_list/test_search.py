"""PostgreSQL full-text search through /articles/?q=…"""

import re

import pytest
from django.db.models import Q

from articles.models import Article
from articles.search import _substring_search
from tests.factories import AgencyFactory

from .factories import jakarta, release

pytestmark = pytest.mark.django_db


def search(client, q, **extra):
    response = client.get("/articles/", {"q": q, **extra})
    assert response.status_code == 200, response.content[:500]
    found = re.findall(r'class="article-row-title"><a href="/articles/([^/]+)/"', response.text)
    return found, response


def test_indonesian_stemming_finds_pembangunan_for_membangun(client):
    hit = release(title="Percepatan pembangunan jembatan gantung Desa Sukamaju")
    miss = release(title="Rapat koordinasi ketahanan pangan")
    found, _ = search(client, "membangun")
    assert hit.slug in found
    assert miss.slug not in found


def test_a_name_matches_as_written(client):
    hit = release(body="<p>Plt. Dirjen Polpum Bahtiar membuka rapat kerja.</p>")
    miss = release(body="<p>Rapat kerja dibuka oleh sekretaris daerah.</p>")
    found, _ = search(client, "Bahtiar")
    assert hit.slug in found
    assert miss.slug not in found
    # Exactly the public releases whose text has the name (the seed releases about
    # the Ditjen Polpum name him too), whatever else the archive holds.
    mentions = Article.objects.published().filter(
        Q(title__icontains="bahtiar") | Q(lead__icontains="bahtiar") | Q(body__icontains="bahtiar")
    )
    assert mentions.exclude(pk=hit.pk).exists()
    assert set(found) == set(mentions.values_list("slug", flat=True))


def test_a_phrase_needs_the_words_together(client):
    agency = AgencyFactory()
    together = release(publisher=agency, lead="Pembangkit listrik panas bumi di Dieng diresmikan.")
    apart = release(publisher=agency, lead="Cuaca panas melanda seluruh bumi pertiwi.")
    found, _ = search(client, '"panas bumi"', agency=agency.slug)
    assert found == [together.slug]
    both, _ = search(client, "panas bumi", agency=agency.slug)
    assert set(both) == {together.slug, apart.slug}


def test_exclusion_and_or(client):
    agency = AgencyFactory()
    flood = release(publisher=agency, title="Penanganan banjir di bantaran sungai")
    flood_and_fire = release(publisher=agency, title="Penanganan banjir dan kebakaran hutan")
    fire = release(publisher=agency, title="Pencegahan kebakaran lahan gambut")

    found, _ = search(client, "banjir -kebakaran", agency=agency.slug)
    assert found == [flood.slug]
    found, _ = search(client, "banjir or gambut", agency=agency.slug)
    assert set(found) == {flood.slug, flood_and_fire.slug, fire.slug}


def test_snippets_highlight_the_match_and_escape_html(client):
    release(
        lead="Ringkasan <b>tebal</b> &amp; ringkas.",
        body="<p>Wali kota meresmikan <script>x</script>bendungan Cipanas baru.</p>",
    )
    _, response = search(client, "bendungan")
    snippet = re.search(r'<p class="snippet">(.*?)</p>', response.text, re.S).group(1)
    assert "<mark>bendungan</mark>" in snippet
    assert "<script>" not in snippet and "<b>" not in snippet


def test_relevance_puts_title_matches_above_body_matches(client):
    agency = AgencyFactory()
    in_title = release(
        publisher=agency,
        title="Irigasi untuk petani Indramayu",
        published_at=jakarta(2023, 1, 1, 9),
    )
    in_body = release(
        publisher=agency,
        title="Rapat kerja daerah",
        body="<p>Soal irigasi.</p>",
        published_at=jakarta(2024, 1, 1, 9),
    )
    found, _ = search(client, "irigasi", agency=agency.slug, sort="relevance")
    assert found == [in_title.slug, in_body.slug]
    newest, _ = search(client, "irigasi", agency=agency.slug)
    assert newest == [in_body.slug, in_title.slug]


def test_the_sqlite_fallback_matches_words_exclusions_and_alternatives():
    # The fallback is plain ORM (icontains), so its documented semantics can be
    # checked on PostgreSQL too: every word, -word excludes, "or" alternatives.
    agency = AgencyFactory()
    flood = release(publisher=agency, title="Penanganan banjir di bantaran sungai")
    flood_and_fire = release(publisher=agency, title="Penanganan banjir dan kebakaran hutan")
    fire = release(publisher=agency, lead="Pencegahan kebakaran lahan gambut")
    mine = Article.objects.filter(publisher=agency)

    def found(query):
        return set(_substring_search(mine, query))

    assert found("banjir") == {flood, flood_and_fire}
    assert found("banjir kebakaran") == {flood_and_fire}
    assert found("banjir -kebakaran") == {flood}
    assert found("sungai or gambut") == {flood, fire}
    assert found('"kebakaran hutan"') == {flood_and_fire}
