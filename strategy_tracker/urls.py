from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from strategies import feeds
from strategies import views as strategy_views
from strategies.sitemaps import SITEMAPS

from .admin_shortcut import view_on_site

urlpatterns = [
    path("", strategy_views.HomeView.as_view(), name="home"),
    path("healthz", strategy_views.healthz, name="healthz"),
    path("councils/", include("strategies.council_urls")),
    path("councils/<slug:slug>/feed.atom", feeds.CouncilFeed(), name="council_feed"),
    path("feeds/updates.atom", feeds.UpdatesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", strategy_views.robots_txt, name="robots"),
    path("strategies/", include("strategies.urls")),
    path("boards/", include("strategies.board_urls")),
    path("accounts/", include("strategies.auth_urls")),
    path("data/", include("strategies.data_urls")),
    # Before the admin's own URLs, so this scoped version answers its "View on site" links.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="scoped_view_on_site",
    ),
    path("admin/", admin.site.urls),
    path(
        "accessibility/",
        strategy_views.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
]
