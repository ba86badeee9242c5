from django.urls import path, register_converter

from articles import feeds

from . import views

app_name = "agencies"


class RegionCodeConverter:
    """A Kemendagri code ("32", "32.12", "32.12.01", "32.12.01.2001"). Anything else
    never reaches the database (a NUL byte there would be an error, not a 404)."""

    regex = r"[0-9]{2}(?:\.[0-9]{2,4}){0,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegionCodeConverter, "region_code")

urlpatterns = [
    path("regions/<region_code:code>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("regions/<region_code:code>/feed/", feeds.RegionFeed(), name="region_feed"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("agencies/<slug:slug>/feed/", feeds.AgencyFeed(), name="agency_feed"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
    path("officials/<slug:slug>/feed/", feeds.OfficialFeed(), name="official_feed"),
]
