"""The sitemap search engines read: the public pages and every public strategy, never a draft."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from strategies.models import Strategy

from .search import councils_with_public_strategies


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:council_list",
            "public:strategy_list",
            "public:data",
            "public:accessibility",
        ]

    def location(self, name):
        return reverse(name)


class CouncilSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return councils_with_public_strategies().order_by("name")


class StrategySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Strategy.objects.public().select_related("lead_council").order_by("pk")

    def lastmod(self, strategy):
        return strategy.updated_at


SITEMAPS = {"pages": PagesSitemap, "councils": CouncilSitemap, "strategies": StrategySitemap}
