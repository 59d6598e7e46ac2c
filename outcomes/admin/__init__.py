"""The outcomes app's admin, one module per group of pages. Importing them here registers them
when Django looks for this app's admin.

The strategy and programme admins are registered by `strategy_and_programme`, not by the
strategies app: a strategy's page shows its aims, and strategies may not import outcomes."""

from . import aims, challenges, indicators, national, progress, strategy_and_programme, themes

__all__ = [
    "aims",
    "challenges",
    "indicators",
    "national",
    "progress",
    "strategy_and_programme",
    "themes",
]
