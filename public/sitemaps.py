"""The sitemap search engines read: the public pages, every council with public work here (its own
strategies or a share in another council's), every public strategy and each of its aims' and
objectives' own pages, never a draft's."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from outcomes.models import Aim, Objective
from strategies.models import Strategy

from .public_work import councils_with_public_work


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
        return councils_with_public_work().order_by("name")


class StrategySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Strategy.objects.public().select_related("lead_council").order_by("pk")

    def lastmod(self, strategy):
        return strategy.updated_at


class AimSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Aim.objects.filter(strategy__in=Strategy.objects.public())
            .select_related("strategy__lead_council")
            .order_by("pk")
        )


class ObjectiveSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Objective.objects.filter(aim__strategy__in=Strategy.objects.public())
            .select_related("aim__strategy__lead_council")
            .order_by("pk")
        )


SITEMAPS = {
    "pages": PagesSitemap,
    "councils": CouncilSitemap,
    "strategies": StrategySitemap,
    "aims": AimSitemap,
    "objectives": ObjectiveSitemap,
}
