from .aims import Aim, Objective
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
from .progress import ProgressUpdate, Rating

__all__ = [
    "Aim",
    "Challenge",
    "Frequency",
    "Indicator",
    "IndicatorTarget",
    "Measurement",
    "MeasurementStatus",
    "Objective",
    "Polarity",
    "ProgressUpdate",
    "Rating",
    "ReminderSent",
    "YearType",
]
