from .aims import Aim, Objective
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
    "Frequency",
    "Indicator",
    "IndicatorTarget",
    "Measurement",
    "MeasurementStatus",
    "Objective",
    "Polarity",
    "ProgressUpdate",
    "Rating",
    "YearType",
]
