"""When an indicator's figures cover and when the next is due: a figure's period in words and
where its latest figure comes from. Worked out from prefetched rows, with no queries of its own."""

import datetime as dt
from dataclasses import dataclass

from .periods import today_in_london

# How long after a period ends its figure is normally published: councils and the statistics they
# draw on report in arrears. The rule is stated on the /data/ page; keep the two in step.
REPORTING_LAG_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 6}
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}


def add_months(day, months):
    """The same point in a later month; a month's last day stays the last day (30 June + 3 months
    is 30 September, not 30 September's neighbour)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = _last_day_of_month(year, month)
    if day == _last_day_of_month(day.year, day.month):
        return last
    return last.replace(day=min(day.day, last.day))


def _last_day_of_month(year, month):
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_label(period_end, frequency, year_type):
    """A figure's period in words: "Quarter to 30 June 2026", "Academic year 2024/25"."""
    if frequency == "monthly":
        return f"Month to {period_end:%-d %B %Y}"
    if frequency == "quarterly":
        return f"Quarter to {period_end:%-d %B %Y}"
    if year_type == "financial":
        start = period_end.year - 1
        return f"Financial year {start}-{str(start + 1)[-2:]} (to {period_end:%-d %B %Y})"
    if year_type == "academic":
        start = period_end.year - 1
        return f"Academic year {start}/{str(start + 1)[-2:]} (to {period_end:%-d %B %Y})"
    return f"Year to {period_end:%-d %B %Y}"


@dataclass(frozen=True)
class Provenance:
    """Where an indicator's latest figure comes from, for when, and when the next is due.

    The next figure is due one period after the latest period ends, plus the reporting lag for
    its frequency; past that date (today in Europe/London) the figure is out of date."""

    source: str
    source_url: str
    latest: object  # the latest Measurement, or None
    period: str
    updated_at: object
    next_period_end: dt.date | None
    due_on: dt.date | None
    today: dt.date

    @classmethod
    def of(cls, indicator, today=None):
        """Reads the prefetched measurements: no queries of its own."""
        today = today or today_in_london()
        measurements = list(indicator.measurements.all())
        latest = max(measurements, key=lambda m: m.period_end) if measurements else None
        next_end = due = None
        period = ""
        if latest is not None:
            frequency = indicator.frequency
            period = period_label(latest.period_end, frequency, indicator.year_type)
            next_end = add_months(latest.period_end, PERIOD_MONTHS.get(frequency, 3))
            due = add_months(next_end, REPORTING_LAG_MONTHS.get(frequency, 3))
        return cls(
            source=indicator.source,
            source_url=indicator.source_url,
            latest=latest,
            period=period,
            # A revision to an earlier period is an update too, not only the newest figure.
            updated_at=max((m.recorded_at for m in measurements), default=None),
            next_period_end=next_end,
            due_on=due,
            today=today,
        )

    @property
    def is_out_of_date(self):
        return self.due_on is not None and self.today > self.due_on

    @property
    def out_of_date_since(self):
        return self.due_on + dt.timedelta(days=1) if self.is_out_of_date else None
