from django.apps import AppConfig

from councils.caching import site_changed


class PublicConfig(AppConfig):
    """The public site: composes the domain apps into pages and holds no models."""

    name = "public"

    def ready(self):
        # Django's way to connect a receiver that needs models: they are loaded by now.
        from .opendata import bulk

        site_changed.connect(bulk.rebuild_after_change, dispatch_uid="open-data-rebuild")
