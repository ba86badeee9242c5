from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("regions", views.RegionViewSet, basename="region")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("events", views.EventViewSet, basename="event")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:index"), name="root"),
    path("v1/", views.api_index, name="index"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/ ending in a slash: a JSON 404 (addresses without
    # the slash are first redirected to it by CommonMiddleware).
    re_path(r"^[\s\S]*/$", views.not_found),
]
