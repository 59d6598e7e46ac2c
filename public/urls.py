"""Every public page: the home page, strategies, councils, themes, search, feeds, sitemaps, open data,
the accessibility statement, robots.txt and the health check."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from councils.caching import cached_page

from . import council_views, feeds, part_views, themes, views
from .opendata import views as opendata
from .sitemaps import SITEMAPS

app_name = "public"

# Every public page is served from the cache all app servers share (councils/caching.py), keyed
# so that any change shows on the next request. Not the health check, which must ask the
# database each time, nor the whole-dataset files, which are files already (opendata/bulk.py).
strategy_urls = [
    path("", cached_page(views.StrategyDetailView.as_view()), name="strategy"),
    path("aims/<int:pk>/", cached_page(part_views.AimDetailView.as_view()), name="aim"),
    path(
        "objectives/<int:pk>/",
        cached_page(part_views.ObjectiveDetailView.as_view()),
        name="objective",
    ),
    path(
        "indicators/<int:pk>/",
        cached_page(views.IndicatorDetailView.as_view()),
        name="indicator",
    ),
    path("data.csv", cached_page(opendata.strategy_csv), name="strategy_csv"),
    path("data.json", cached_page(opendata.strategy_json), name="strategy_json"),
]

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", cached_page(views.robots_txt), name="robots"),
    path("sitemap.xml", cached_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "accessibility/",
        cached_page(views.AccessibilityStatementView.as_view()),
        name="accessibility",
    ),
    path("feeds/updates.atom", cached_page(feeds.UpdatesFeed()), name="feed"),
    path("councils/", cached_page(council_views.CouncilListView.as_view()), name="council_list"),
    path(
        "councils/<slug:slug>/",
        cached_page(council_views.CouncilDetailView.as_view()),
        name="council",
    ),
    path(
        "councils/<slug:slug>/feed.atom",
        cached_page(feeds.CouncilFeed()),
        name="council_feed",
    ),
    path("strategies/", cached_page(views.StrategyListView.as_view()), name="strategy_list"),
    path("strategies/<slug:council>/<slug:slug>/", include(strategy_urls)),
    path("themes/", cached_page(themes.ThemeListView.as_view()), name="theme_list"),
    path("themes/<slug:slug>/", cached_page(themes.ThemeDetailView.as_view()), name="theme"),
    path("data/", cached_page(opendata.DataView.as_view()), name="data"),
    path("data/all.json", opendata.all_json, name="data_all"),
    path("data/all-csv.zip", opendata.all_csv_zip, name="data_all_csv"),
]
