import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """The importer's messages are checked by their English msgids: the Indonesian
    catalogue is written by the team lead and must not break these tests."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
