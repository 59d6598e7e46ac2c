from django.apps import AppConfig
from django.conf import settings
from django.core import checks

from . import caching


def _shared_cache_check(app_configs, **kwargs):
    if settings.PRODUCTION and not settings.REDIS_URL:
        return [
            checks.Warning(
                "REDIS_URL is not set, so public pages are not cached and the bulk downloads "
                "cannot tell whether they are out of date.",
                hint="Point REDIS_URL at the Redis server every app server shares.",
                id="strategy_tracker.W001",
            )
        ]
    return []


class CouncilsConfig(AppConfig):
    name = "councils"

    def ready(self):
        caching.connect_signals()
        checks.register(_shared_cache_check, checks.Tags.caches, deploy=True)
