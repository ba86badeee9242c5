"""Images of a release: real type from the bytes, a size limit, alt text required."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import ArticleImage

from .conftest import INDRAMAYU
from .factories import draft
from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, article, name: str, content: bytes, alt: str):
    data = form_data(client.get(change_url(article)))
    data.update(
        {
            "images-TOTAL_FORMS": "1",
            "images-0-file": SimpleUploadedFile(name, content),
            "images-0-alt": alt,
            "images-0-order": "0",
        }
    )
    return client.post(change_url(article), data)


@pytest.mark.parametrize(("name", "content"), [("a.png", PNG), ("b.jpg", JPEG), ("c.webp", WEBP)])
def test_jpeg_png_and_webp_with_alt_text_are_accepted(client, redaktur, indramayu, name, content):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    response = upload(client, article, name, content, "Bupati meninjau pasar")
    assert response.status_code == 302
    image = ArticleImage.objects.get(article=article)
    assert image.alt == "Bupati meninjau pasar"


@pytest.mark.parametrize(
    ("name", "content", "alt"),
    [
        ("script.png", b"<script>alert(1)</script>", "Bukan gambar"),  # wrong bytes
        ("foto.gif", b"GIF89a" + b"\x00" * 32, "GIF"),  # type not accepted
        ("foto.png", PNG, ""),  # alt text missing
    ],
)
def test_wrong_type_or_missing_alt_is_refused(client, redaktur, indramayu, name, content, alt):
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    response = upload(client, article, name, content, alt)
    assert response.status_code == 200
    assert not ArticleImage.objects.filter(article=article).exists()


def test_image_over_the_size_limit_is_refused(client, redaktur, indramayu, settings):
    settings.ARTICLE_IMAGE_MAX_BYTES = 50
    article = draft(indramayu, INDRAMAYU)
    client.force_login(redaktur)
    response = upload(client, article, "besar.png", PNG, "Foto besar")
    assert response.status_code == 200
    assert "batasnya" in response.text  # "…; the limit is …"
    assert not ArticleImage.objects.filter(article=article).exists()
