from django.urls import path

from articles import feeds

from . import views

app_name = "agencies"

urlpatterns = [
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("regions/<str:code>/feed/", feeds.RegionFeed(), name="region_feed"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("agencies/<slug:slug>/feed/", feeds.AgencyFeed(), name="agency_feed"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
    path("officials/<slug:slug>/feed/", feeds.OfficialFeed(), name="official_feed"),
]
