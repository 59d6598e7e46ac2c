"""Demo data built from five public seed documents: four real councils' children and young
people's strategies, with invented progress so every part of the site has something to show."""

from .loader import DEMO_PASSWORD, demo_load

__all__ = ["DEMO_PASSWORD", "demo_load"]
