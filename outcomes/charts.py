"""Indicator charts drawn on the server as inline SVG: they need no JavaScript, scale with their
viewBox down to a phone's width, and carry a title and a text description for screen readers.
A table of the same figures always follows a chart, so nobody has to read values off a line.

There is one chart, drawn from plain data (chart_data.ChartData), on public pages and in board
packs alike."""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from councils.formatting import format_figure
from outcomes.models import Polarity

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
#: How the chart and its key draw each line: the indicator's own line is the thickest, and
#: dashes (SVG stroke-dasharray) tell targets and the baseline apart without colour.
OWN_WIDTH, OTHER_WIDTH = 3, 2
TARGET_DASH, BASELINE_DASH = "8 5", "2 4"
#: A comparison line's look by its marker's shape: told apart by shape and dash, not colour alone.
SERIES_STYLES = {
    "square": (TEXT, "6 4", "dashed line, square points"),
    "triangle": ("#4c2c92", "2 3", "dotted line, triangle points"),
}


def _swatch(drawing):
    """A small drawing for the chart's key. Only constants and numbers are drawn."""
    return mark_safe(  # noqa: S308
        '<svg class="app-chart-key__swatch" viewBox="0 0 24 12" aria-hidden="true" '
        f'focusable="false">{drawing}</svg>'
    )


def _key_line(colour, width, dash=""):
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="0" y1="6" x2="24" y2="6" stroke="{colour}" stroke-width="{width}"{dashes}/>'


#: The key's small drawings of the indicator's own line, the targets, the baseline and a gap,
#: in the colours and dashes the chart draws them with.
KEY_SWATCHES = {
    "own": _swatch(f'{_key_line(LINE, OWN_WIDTH)}<circle cx="12" cy="6" r="4" fill="{LINE}"/>'),
    "target": _swatch(
        f"{_key_line(TARGET, OTHER_WIDTH, TARGET_DASH)}"
        f'<path d="M12 0 L18 6 L12 12 L6 6 Z" fill="{TARGET}"/>'
    ),
    "baseline": _swatch(_key_line(BASELINE, OTHER_WIDTH, BASELINE_DASH)),
    "gap": _swatch(
        f'<circle cx="12" cy="6" r="4" fill="#ffffff" stroke="{BASELINE}" stroke-width="2"/>'
    ),
}


@dataclass(frozen=True)
class Row:
    period_end: dt.date
    period: str
    value: str
    status: str


@dataclass(frozen=True)
class Chart:
    """Everything a template needs for one indicator's chart, its key and its table alternative."""

    svg: str
    title_id: str
    description: str
    rows: list
    polarity: str
    has_figures: bool  # anything to plot: a figure, a target or a baseline
    has_gaps: bool = False
    has_measurements: bool = False
    has_targets: bool = False
    has_baseline: bool = False
    own_label: str = ""
    comparisons: tuple = ()  # a SeriesKey for each comparison line
    swatches = KEY_SWATCHES


@dataclass(frozen=True)
class SeriesKey:
    label: str
    swatch: str  # a small SVG of the line and its marker, for the key
    words: str  # the line and marker in words: "dashed line, square points"


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


def _marker(shape, x, y, colour):
    if shape == "triangle":
        return (
            f'<path d="M{x:.1f} {y - 6:.1f} L{x + 6:.1f} {y + 4.5:.1f} L{x - 6:.1f} {y + 4.5:.1f} Z" '
            f'fill="{colour}"/>'
        )
    return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}"/>'


def _series_key(series):
    colour, dash, words = SERIES_STYLES[series.shape]
    swatch = _swatch(_key_line(colour, OTHER_WIDTH, dash) + _marker(series.shape, 12, 6, colour))
    return SeriesKey(series.label, swatch, words)


def _segments(figures, scale):
    """The points of a line, broken wherever a figure was suppressed or not available."""
    segment = []
    segments = [segment]
    for figure in figures:
        if figure.value is None:
            segment = []
            segments.append(segment)
        else:
            segment.append((scale.x(figure.period_end), scale.y(figure.value)))
    return segments


def _polyline(points, colour, *, width, dash=""):
    joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{joined}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f"{dashes}/>"
    )


def _draw_line(segments, colour, marker, *, width, dash=""):
    """A line through each run of points, and a marker on every point, alone ones included."""
    parts = []
    for segment in segments:
        if len(segment) > 1:
            parts.append(_polyline(segment, colour, width=width, dash=dash))
        parts.extend(marker(x, y) for x, y in segment)
    return parts


def _draw_series(series, scale):
    colour, dash, _ = SERIES_STYLES[series.shape]
    return _draw_line(
        _segments(series.figures, scale),
        colour,
        lambda x, y: _marker(series.shape, x, y, colour),
        width=OTHER_WIDTH,
        dash=dash,
    )


def _polarity_words(polarity):
    if polarity == Polarity.NO_JUDGEMENT:
        return "Neither higher nor lower is better: shown for context"
    return Polarity(polarity).label if polarity in Polarity.values else polarity


def draw_chart(data, *, element_id):
    """The chart of `data`; `element_id` starts its element ids, so it must be unique on the page."""
    places, unit = data.places, data.unit
    figures, targets, baseline = data.figures, data.targets, data.baseline
    rows = [
        Row(
            period_end=figure.period_end,
            period=figure.period or f"{figure.period_end:%-d %B %Y}",
            value=format_figure(figure.value, places, unit) or "No figure",
            status=figure.status,
        )
        for figure in figures
    ]
    title_id = f"{element_id}-chart-title"
    desc_id = f"{element_id}-chart-desc"
    title = f"{data.title}: figures over time"
    description = _describe(data)
    has_gaps = any(figure.value is None for figure in figures)
    chart = {
        "title_id": title_id,
        "description": description,
        "rows": rows,
        "polarity": _polarity_words(data.polarity),
        "has_gaps": has_gaps,
        "has_measurements": bool(figures),
        "has_targets": bool(targets),
        "has_baseline": baseline is not None,
        "own_label": data.own_label,
        "comparisons": tuple(_series_key(series) for series in data.comparisons),
    }

    values = [float(figure.value) for figure in figures if figure.value is not None]
    values += [float(target.value) for target in targets]
    dates = [figure.period_end for figure in figures] + [target.date for target in targets]
    if baseline:
        values.append(float(baseline.value))
        dates.append(baseline.date)
    for series in data.comparisons:
        values += [float(f.value) for f in series.figures if f.value is not None]
        dates += [f.period_end for f in series.figures if f.value is not None]
    if not values:
        return Chart("", has_figures=False, **chart)

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
        parts.append(_text(LEFT - 6, y + 4, format_figure(tick, tick_places), anchor="end"))
    bottom = TOP + PLOT_H
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{bottom}" y2="{bottom}" stroke="{TEXT}"/>'
    )
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="{TEXT}"/>')
    for day, label in _x_ticks(first, last, [figure.period_end for figure in figures]):
        x = scale.x(day)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="{TEXT}"/>'
        )
        parts.append(_text(x, bottom + 20, label, anchor="middle"))
    parts.append(_text(LEFT, 18, f"Value ({unit})" if unit else "Value", weight="bold"))
    parts.append(_text(LEFT + PLOT_W / 2, HEIGHT - 8, "Period ending", anchor="middle"))

    # Baseline: a dotted level across the plot.
    if baseline:
        y = scale.y(baseline.value)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{BASELINE}" stroke-width="{OTHER_WIDTH}" stroke-dasharray="{BASELINE_DASH}"/>'
        )
        parts.append(_text(LEFT + PLOT_W - 2, y - 6, "Baseline", anchor="end", fill=BASELINE))

    # Targets: diamonds, joined by a dashed trajectory from the baseline where there is one.
    if targets:
        path = [(scale.x(target.date), scale.y(target.value)) for target in targets]
        if baseline:
            path.insert(0, (scale.x(baseline.date), scale.y(baseline.value)))
        if len(path) > 1:
            parts.append(_polyline(path, TARGET, width=OTHER_WIDTH, dash=TARGET_DASH))
        for target in targets:
            x, y = scale.x(target.date), scale.y(target.value)
            parts.append(
                f'<path d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} '
                f'L{x - 7:.1f} {y:.1f} Z" fill="{TARGET}"/>'
            )
        x, y = path[-1]
        parts.append(_text(x - 10, y - 10, "Target", anchor="end", fill=TARGET, weight="bold"))

    # Comparisons under the indicator's own line, which stays on top.
    for series in data.comparisons:
        parts.extend(_draw_series(series, scale))

    # Figures: a line broken wherever a figure was suppressed or not available, each such gap
    # marked by a hollow circle on the axis.
    for figure in figures:
        if figure.value is None:
            x = scale.x(figure.period_end)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{bottom}" r="5" fill="#ffffff" stroke="{BASELINE}" '
                f'stroke-width="2"/>'
            )
    parts.extend(
        _draw_line(
            _segments(figures, scale),
            LINE,
            lambda x, y: f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>',
            width=OWN_WIDTH,
        )
    )
    parts.append("</svg>")
    # Every interpolated word above went through escape(); the rest are numbers and constants.
    svg = mark_safe("".join(parts))  # noqa: S308
    return Chart(svg, has_figures=True, **chart)


def _describe(data):
    """The chart in words, for screen readers: what a sighted reader takes from the line."""
    places, unit, figures = data.places, data.unit, data.figures
    words = []
    if figures:
        words.append(
            f"{len(figures)} figure{'s' if len(figures) != 1 else ''} for periods "
            f"ending {figures[0].period_end:%-d %B %Y} to {figures[-1].period_end:%-d %B %Y}."
        )
    else:
        words.append("No figures have been published yet.")
    valued = [figure for figure in figures if figure.value is not None]
    if valued:
        latest = valued[-1]
        words.append(
            f"Latest figure: {format_figure(latest.value, places, unit)} "
            f"for the period ending {latest.period_end:%-d %B %Y}."
        )
    for figure in figures:
        if figure.value is None:
            words.append(
                f"No figure for the period ending {figure.period_end:%-d %B %Y} "
                f"({figure.status.lower()})."
            )
    if data.baseline:
        baseline = data.baseline
        words.append(
            f"Baseline: {format_figure(baseline.value, places, unit)} in {baseline.date:%B %Y}."
        )
    for target in data.targets:
        words.append(f"Target: {format_figure(target.value, places, unit)} by {target.date:%B %Y}.")
    for series in data.comparisons:
        valued = [figure for figure in series.figures if figure.value is not None]
        if valued:
            words.append(
                f"{series.label}: latest {format_figure(valued[-1].value, places, unit)} for the "
                f"period ending {valued[-1].period_end:%-d %B %Y}."
            )
    if data.polarity in (Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER):
        words.append(f"{Polarity(data.polarity).label}.")
    return " ".join(words)
