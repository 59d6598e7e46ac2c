from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: composes the domain apps into pages and holds no models."""

    name = "public"
