from django.urls import path

from . import feeds
from .views import listing, pages

app_name = "articles"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("articles/", listing.ArticleListView.as_view(), name="article_list"),
    # Before articles/<slug>/ so "feed" is never taken for a release's slug.
    path("articles/feed/", feeds.ArticleListFeed(), name="feed"),
    path("articles/<slug:slug>/", pages.ArticleDetailView.as_view(), name="article_detail"),
    path("events/<slug:slug>/", pages.EventDetailView.as_view(), name="event_detail"),
    path("events/<slug:slug>/feed/", feeds.EventFeed(), name="event_feed"),
    path("topics/<slug:slug>/", pages.TopicDetailView.as_view(), name="topic_detail"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
]
