"""What an indicator's chart is drawn from, as plain values that survive JSON: the public pages
build it from an indicator's rows, and the board pack freezes it in its snapshot, so a past pack
draws the same chart, from what the board saw, long after the figures have changed."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .provenance import period_label


@dataclass(frozen=True)
class Figure:
    """The figure for one period; its value is None where it was suppressed or not available."""

    period_end: dt.date
    value: Decimal | None
    status: str = ""  # in words, as the table says it
    period: str = ""  # in words, as the table names it


@dataclass(frozen=True)
class Level:
    """A baseline or a target: a value at a date."""

    date: dt.date
    value: Decimal


@dataclass(frozen=True)
class Series:
    """A comparison line beside the indicator's own: England's figures, say, or the median of
    the council's statistical neighbours'. `shape` is a key of SERIES_STYLES."""

    label: str
    figures: tuple[Figure, ...] = ()  # earliest first
    shape: str = "square"


@dataclass(frozen=True)
class ChartData:
    """Everything one indicator's chart is drawn from, as plain values that survive JSON."""

    title: str
    figures: tuple[Figure, ...] = ()  # earliest first
    targets: tuple[Level, ...] = ()  # earliest first
    baseline: Level | None = None
    unit: str = ""
    places: int = 0
    polarity: str = ""  # a Polarity value
    # Lines beside the indicator's own, on its public page only: a board pack freezes (as JSON)
    # the council's figures the board saw, not the national picture of the day.
    comparisons: tuple[Series, ...] = ()
    own_label: str = ""  # what the key calls the indicator's own line, when others are beside it

    @classmethod
    def of(cls, indicator):
        """Reads the indicator's prefetched measurements and targets: no queries of its own."""
        measurements = sorted(indicator.measurements.all(), key=lambda m: m.period_end)
        targets = sorted(indicator.targets.all(), key=lambda t: t.date)
        return cls(
            title=indicator.title,
            figures=tuple(
                Figure(
                    period_end=m.period_end,
                    value=m.value,
                    status=m.get_status_display(),
                    period=period_label(m.period_end, indicator.frequency, indicator.year_type),
                )
                for m in measurements
            ),
            targets=tuple(Level(t.date, t.value) for t in targets),
            baseline=(
                Level(indicator.baseline_date, indicator.baseline_value)
                if indicator.baseline_value is not None
                else None
            ),
            unit=indicator.unit_label,
            places=indicator.decimal_places,
            polarity=indicator.polarity,
        )

    def as_json(self):
        # Values as decimal strings: a float could not give back the Decimal it was made from.
        return {
            "title": self.title,
            "unit": self.unit,
            "places": self.places,
            "polarity": self.polarity,
            "baseline": _level_as_json(self.baseline) if self.baseline else None,
            "targets": [_level_as_json(target) for target in self.targets],
            "figures": [
                {
                    "date": figure.period_end.isoformat(),
                    "value": None if figure.value is None else str(figure.value),
                    "status": figure.status,
                    "period": figure.period,
                }
                for figure in self.figures
            ],
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            title=data["title"],
            figures=tuple(
                Figure(
                    period_end=dt.date.fromisoformat(figure["date"]),
                    value=None if figure["value"] is None else Decimal(figure["value"]),
                    status=figure.get("status", ""),
                    period=figure.get("period", ""),
                )
                for figure in data.get("figures", ())
            ),
            targets=tuple(_level_from_json(target) for target in data.get("targets", ())),
            baseline=_level_from_json(data["baseline"]) if data.get("baseline") else None,
            unit=data.get("unit", ""),
            places=int(data.get("places") or 0),
            polarity=data.get("polarity", ""),
        )


def _level_as_json(level):
    return {"date": level.date.isoformat(), "value": str(level.value)}


def _level_from_json(data):
    return Level(dt.date.fromisoformat(data["date"]), Decimal(data["value"]))
