"""Every public page: the home page, strategies, councils, themes, search, feeds, sitemaps, open data,
the accessibility statement, robots.txt and the health check."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import council_views, feeds, part_views, themes, views
from .opendata import views as opendata
from .sitemaps import SITEMAPS

app_name = "public"

strategy_urls = [
    path("", views.StrategyDetailView.as_view(), name="strategy"),
    path("aims/<int:pk>/", part_views.AimDetailView.as_view(), name="aim"),
    path("objectives/<int:pk>/", part_views.ObjectiveDetailView.as_view(), name="objective"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator"),
    path("data.csv", opendata.strategy_csv, name="strategy_csv"),
    path("data.json", opendata.strategy_json, name="strategy_json"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("feeds/updates.atom", feeds.UpdatesFeed(), name="feed"),
    path("councils/", council_views.CouncilListView.as_view(), name="council_list"),
    path("councils/<slug:slug>/", council_views.CouncilDetailView.as_view(), name="council"),
    path("councils/<slug:slug>/feed.atom", feeds.CouncilFeed(), name="council_feed"),
    path("strategies/", views.StrategyListView.as_view(), name="strategy_list"),
    path("strategies/<slug:council>/<slug:slug>/", include(strategy_urls)),
    path("themes/", themes.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", themes.ThemeDetailView.as_view(), name="theme"),
    path("data/", opendata.DataView.as_view(), name="data"),
    path("data/all.json", opendata.all_json, name="data_all"),
]
