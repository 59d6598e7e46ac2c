from django.apps import AppConfig


class BoardsConfig(AppConfig):
    """Board oversight: composes the domain apps into signed-in pages and holds no models."""

    name = "boards"
