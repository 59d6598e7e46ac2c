from .aims import Aim, Objective, part_url
from .challenges import Challenge, ReminderSent
from .indicators import (
    Frequency,
    Indicator,
    IndicatorTarget,
    Measurement,
    MeasurementStatus,
    Polarity,
    YearType,
)
from .national import NationalFigure, NationalIndicator
from .progress import EXCEPTION_RATINGS, ProgressUpdate, Rating, SignedOffUpdateError
from .search import SearchDocument
from .themes import Theme, ThemeFramework

__all__ = [
    "EXCEPTION_RATINGS",
    "Aim",
    "Challenge",
    "Frequency",
    "Indicator",
    "IndicatorTarget",
    "Measurement",
    "MeasurementStatus",
    "NationalFigure",
    "NationalIndicator",
    "Objective",
    "Polarity",
    "ProgressUpdate",
    "Rating",
    "ReminderSent",
    "SearchDocument",
    "SignedOffUpdateError",
    "Theme",
    "ThemeFramework",
    "YearType",
    "part_url",
]
