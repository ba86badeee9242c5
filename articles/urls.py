from django.urls import path

from .views import listing, pages

app_name = "articles"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("articles/", listing.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", pages.ArticleDetailView.as_view(), name="article_detail"),
    path("events/<slug:slug>/", pages.EventDetailView.as_view(), name="event_detail"),
    path("topics/<slug:slug>/", pages.TopicDetailView.as_view(), name="topic_detail"),
]
