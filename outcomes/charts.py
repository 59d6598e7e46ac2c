"""Indicator charts drawn on the server as inline SVG: they need no JavaScript, scale with their
viewBox down to a phone's width, and carry a title and a text description for screen readers.
A table of the same figures always follows a chart, so nobody has to read values off a line."""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from outcomes.models import Polarity
from outcomes.queries import period_label

WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 18, 34, 52
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MAX_X_TICKS = 6

# GOV.UK colours: each contrasts at least 3:1 with white, as graphics must (WCAG 1.4.11).
LINE = "#1d70b8"
TARGET = "#00703c"
BASELINE = "#505a5f"
GRID = "#b1b4b6"
TEXT = "#0b0c0c"


def format_value(value, places, unit=""):
    """A figure as the council publishes it: rounded half up to its decimal places (Django's
    number_format alone cuts digits off), with thousands commas."""
    if value is None:
        return ""
    places = int(places or 0)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = number_format(rounded, decimal_pos=places, force_grouping=True)
    return f"{shown} {unit}".strip()


@dataclass(frozen=True)
class Row:
    period_end: dt.date
    period: str
    value: str
    status: str


@dataclass(frozen=True)
class Chart:
    """Everything a template needs for one indicator's chart and its table alternative."""

    svg: str
    title_id: str
    description: str
    rows: list
    polarity: str
    has_figures: bool
    has_gaps: bool = False


def _nice_step(span, ticks=4):
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _y_ticks(values):
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    count = round((end - start) / step)
    return [start + i * step for i in range(count + 1)], step


def _x_ticks(first, last, dates):
    years = [dt.date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]
    years = [day for day in years if first <= day <= last]
    if len(years) >= 2:
        stride = math.ceil(len(years) / MAX_X_TICKS)
        return [(day, f"{day:%Y}") for day in years[::stride]]
    unique = sorted(set(dates))
    stride = math.ceil(len(unique) / MAX_X_TICKS) if unique else 1
    return [(day, f"{day:%b %Y}") for day in unique[::stride]]


def _places_for(step):
    """Decimal places a tick label needs to tell its neighbours apart."""
    exponent = Decimal(repr(step)).normalize().as_tuple().exponent
    return min(4, max(0, -exponent))


class _Scale:
    def __init__(self, first, last, low, high):
        self.first, self.days = first, max((last - first).days, 1)
        self.low, self.span = low, (high - low) or 1

    def x(self, day):
        return LEFT + PLOT_W * (day - self.first).days / self.days

    def y(self, value):
        return TOP + PLOT_H * (1 - (float(value) - self.low) / self.span)


def _text(x, y, words, *, anchor="start", size=13, fill=TEXT, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}" font-weight="{weight}">{escape(words)}</text>'
    )


def indicator_chart(indicator, *, id_prefix="indicator"):
    """Reads the indicator's prefetched measurements and targets: no queries of its own."""
    places = indicator.decimal_places
    unit = indicator.unit_label
    measurements = sorted(indicator.measurements.all(), key=lambda m: m.period_end)
    targets = sorted(indicator.targets.all(), key=lambda t: t.date)
    baseline = (
        (indicator.baseline_date, indicator.baseline_value)
        if indicator.baseline_value is not None
        else None
    )
    rows = [
        Row(
            period_end=m.period_end,
            period=period_label(m.period_end, indicator.frequency, indicator.year_type),
            value=format_value(m.value, places, unit) or "No figure",
            status=m.get_status_display(),
        )
        for m in measurements
    ]
    title_id = f"{id_prefix}-{indicator.pk}-chart-title"
    desc_id = f"{id_prefix}-{indicator.pk}-chart-desc"
    title = f"{indicator.title}: figures over time"
    description = _describe(indicator, measurements, targets, baseline, places, unit)
    polarity = indicator.get_polarity_display() if indicator.polarity else ""
    if indicator.polarity == Polarity.NO_JUDGEMENT:
        polarity = "Neither higher nor lower is better: shown for context"

    values = [float(m.value) for m in measurements if m.value is not None]
    values += [float(t.value) for t in targets]
    if baseline:
        values.append(float(baseline[1]))
    dates = [m.period_end for m in measurements] + [t.date for t in targets]
    if baseline:
        dates.append(baseline[0])
    if not values:
        return Chart("", title_id, description, rows, polarity, has_figures=False)

    first, last = min(dates), max(dates)
    if first == last:
        first, last = first - dt.timedelta(days=180), last + dt.timedelta(days=180)
    y_ticks, step = _y_ticks(values)
    scale = _Scale(first, last, y_ticks[0], y_ticks[-1])
    tick_places = _places_for(step)

    parts = [
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" focusable="false" '
        f'font-family="GDS Transport, arial, sans-serif" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    # Axes and grid.
    for tick in y_ticks:
        y = scale.y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, format_value(tick, tick_places), anchor="end"))
    bottom = TOP + PLOT_H
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{bottom}" y2="{bottom}" stroke="{TEXT}"/>'
    )
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="{TEXT}"/>')
    for day, label in _x_ticks(first, last, [m.period_end for m in measurements]):
        x = scale.x(day)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="{TEXT}"/>'
        )
        parts.append(_text(x, bottom + 20, label, anchor="middle"))
    parts.append(_text(LEFT, 18, f"Value ({unit})" if unit else "Value", weight="bold"))
    parts.append(_text(LEFT + PLOT_W / 2, HEIGHT - 8, "Period ending", anchor="middle"))

    # Baseline: a dotted level across the plot.
    if baseline:
        y = scale.y(baseline[1])
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="2 4"/>'
        )
        parts.append(_text(LEFT + PLOT_W - 2, y - 6, "Baseline", anchor="end", fill=BASELINE))

    # Targets: diamonds, joined by a dashed trajectory from the baseline where there is one.
    if targets:
        path = [(scale.x(t.date), scale.y(t.value)) for t in targets]
        if baseline:
            path.insert(0, (scale.x(baseline[0]), scale.y(baseline[1])))
        if len(path) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in path)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{TARGET}" stroke-width="2" '
                f'stroke-dasharray="8 5"/>'
            )
        for target in targets:
            x, y = scale.x(target.date), scale.y(target.value)
            parts.append(
                f'<path d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} '
                f'L{x - 7:.1f} {y:.1f} Z" fill="{TARGET}"/>'
            )
        x, y = path[-1]
        parts.append(_text(x - 10, y - 10, "Target", anchor="end", fill=TARGET, weight="bold"))

    # Figures: a line broken wherever a figure was suppressed or not available.
    segment = []
    segments = [segment]
    for m in measurements:
        if m.value is None:
            segment = []
            segments.append(segment)
            x = scale.x(m.period_end)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{bottom}" r="5" fill="#ffffff" stroke="{BASELINE}" '
                f'stroke-width="2"/>'
            )
        else:
            segment.append((scale.x(m.period_end), scale.y(m.value)))
    for segment in segments:
        if len(segment) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="3"/>'
            )
        for x, y in segment:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>')
    parts.append("</svg>")
    # Every interpolated word above went through escape(); the rest are numbers and constants.
    svg = mark_safe("".join(parts))  # noqa: S308
    has_gaps = any(m.value is None for m in measurements)
    return Chart(svg, title_id, description, rows, polarity, has_figures=True, has_gaps=has_gaps)


def _describe(indicator, measurements, targets, baseline, places, unit):
    """The chart in words, for screen readers: what a sighted reader takes from the line."""
    words = []
    valued = [m for m in measurements if m.value is not None]
    if measurements:
        words.append(
            f"{len(measurements)} figure{'s' if len(measurements) != 1 else ''} for periods "
            f"ending {measurements[0].period_end:%-d %B %Y} to "
            f"{measurements[-1].period_end:%-d %B %Y}."
        )
    else:
        words.append("No figures have been published yet.")
    if valued:
        latest = valued[-1]
        words.append(
            f"Latest figure: {format_value(latest.value, places, unit)} "
            f"for the period ending {latest.period_end:%-d %B %Y}."
        )
    missing = [m for m in measurements if m.value is None]
    for m in missing:
        words.append(
            f"No figure for the period ending {m.period_end:%-d %B %Y} "
            f"({m.get_status_display().lower()})."
        )
    if baseline:
        words.append(f"Baseline: {format_value(baseline[1], places, unit)} in {baseline[0]:%B %Y}.")
    for target in targets:
        words.append(f"Target: {format_value(target.value, places, unit)} by {target.date:%B %Y}.")
    if indicator.polarity in (Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER):
        words.append(f"{indicator.get_polarity_display()}.")
    return " ".join(words)
