from django.urls import path

from .views import QuoteSearchView

app_name = "importer"

urlpatterns = [
    path("quotes/", QuoteSearchView.as_view(), name="quote_search"),
]
