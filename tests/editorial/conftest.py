import pytest

from .factories import editor, office

INDRAMAYU = "32.12"
BENGKALIS = "14.03"


@pytest.fixture
def indramayu(db):
    return office("Diskominfo Indramayu (uji)", INDRAMAYU)


@pytest.fixture
def bengkalis(db):
    return office("Diskominfotik Bengkalis (uji)", BENGKALIS)


@pytest.fixture
def kontributor(indramayu):
    return editor("kontributor-indramayu", "Kontributor", indramayu)


@pytest.fixture
def redaktur(indramayu):
    return editor("redaktur-indramayu", "Redaktur", indramayu)


@pytest.fixture
def redaktur2(indramayu):
    return editor("redaktur2-indramayu", "Redaktur", indramayu)


@pytest.fixture
def administrator(db):
    return editor("administrator", "Administrator")
