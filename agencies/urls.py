from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
]
