"""The site's URLs plus ``/bench/hello/``, the floor the list page is compared with."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("hello")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("newsroom.urls")),
]
