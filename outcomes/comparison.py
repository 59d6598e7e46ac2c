"""Where a council stands on a national indicator: its figures beside England's and its
statistical neighbours', as a chart's extra lines, tables and a few sentences.

Two queries whatever the number of neighbours or periods: the neighbours, then every figure for
England, the council and its neighbours at once."""

import math
import statistics
from dataclasses import dataclass, field

from django.db.models import Q

from councils.formatting import format_figure
from councils.models import StatisticalNeighbour

from .chart_data import Figure, Series
from .models import NationalFigure, Polarity
from .provenance import period_label


@dataclass
class NeighbourFigure:
    council: object
    rank: int  # DfE's: 1 is the most similar
    figure: object = None  # the NationalFigure for the period, or None


@dataclass
class Comparison:
    national: object  # the NationalIndicator
    council: object
    period: str = ""  # the period compared, in words; empty when nothing can be
    council_value: object = None
    england: object = None  # England's NationalFigure for the period
    neighbours: list = field(default_factory=list)  # NeighbourFigure, by DfE's rank
    sentences: list = field(default_factory=list)
    series: tuple = ()  # chart_data.Series: England's, then the neighbours' median
    rows: list = field(default_factory=list)  # (period, council, England, median) in words
    sources: list = field(default_factory=list)  # (source, source_url), each once
    demonstration: bool = False  # any figure shown was invented for the demonstration


def _mid_sentence(words):
    """A period's words ("Quarter to 31 March 2025") inside a sentence: the first letter only is
    lowered, so a month keeps its capital."""
    return words[:1].lower() + words[1:]


def _ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _council_values(indicator, national, figures):
    """{period_end: (value, note)}: the national series' figure for the council, counted as
    England's is; else the council's own figure for a period ending that day, with a note naming
    its period where the council counts by a different period (a quarter, say)."""
    values = {}
    differs = (indicator.frequency, indicator.year_type) != (national.frequency, national.year_type)
    for m in indicator.measurements.all():
        if m.value is not None:
            note = period_label(m.period_end, indicator.frequency, indicator.year_type)
            values[m.period_end] = (m.value, note if differs else "")
    values.update({f.period_end: (f.value, "") for f in figures if f.value is not None})
    return values


def _standing(polarity, value, others):
    """Its place among itself and `others` (values), best first where better is known."""
    better = (lambda v: v < value) if polarity == Polarity.LOWER_BETTER else (lambda v: v > value)
    place = 1 + sum(1 for v in others if better(v))
    total = len(others) + 1
    word = "highest" if polarity == Polarity.NO_JUDGEMENT else "best"
    standing = f"{_ordinal(place)} {word} of {total}"
    if total < 3:
        return standing
    third = math.ceil(place * 3 / total) - 1
    return f"{standing}, in {['the top third', 'the middle third', 'the bottom third'][third]}"


def _against_england(polarity, value, england):
    if value == england:
        return "the same as England"
    higher = value > england
    shown = f"{'higher' if higher else 'lower'} than England"
    if polarity not in (Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER):
        return shown
    good = higher == (polarity == Polarity.HIGHER_BETTER)
    return f"{shown}, which is {'better' if good else 'worse'}"


def compare(indicator, council):
    """The comparison for `indicator`, which adopts a national indicator, and its prefetched
    measurements."""
    national = indicator.national_indicator
    # The council's own, which matches the national one wherever that gives one.
    polarity = indicator.polarity
    links = list(
        StatisticalNeighbour.objects.filter(council=council)
        .select_related("neighbour")
        .order_by("rank")
    )
    neighbour_ids = [link.neighbour_id for link in links]
    figures = list(
        NationalFigure.objects.filter(national_indicator=national)
        .filter(Q(council__isnull=True) | Q(council__in=[council.pk, *neighbour_ids]))
        .order_by("period_end")
    )
    england = {f.period_end: f for f in figures if f.council_id is None}
    own = _council_values(indicator, national, [f for f in figures if f.council_id == council.pk])
    by_neighbour = {}
    for f in figures:
        if f.council_id in neighbour_ids:
            by_neighbour.setdefault(f.period_end, {})[f.council_id] = f
    result = Comparison(
        national=national, council=council, demonstration=any(f.demonstration for f in figures)
    )
    seen_sources = set()
    for f in figures:
        if f.source and (f.source, f.source_url) not in seen_sources:
            seen_sources.add((f.source, f.source_url))
            result.sources.append((f.source, f.source_url))

    def label(day):
        return period_label(day, national.frequency, national.year_type)

    def shown(value):
        return format_figure(value, national.decimal_places, national.unit_label)

    medians = {}
    for day, found in by_neighbour.items():
        values = [f.value for f in found.values() if f.value is not None]
        if values:
            medians[day] = statistics.median(values)
    result.series = tuple(
        s
        for s in (
            Series(
                "England",
                tuple(Figure(d, f.value) for d, f in sorted(england.items())),
                "square",
            ),
            Series(
                "Statistical neighbours' median",
                tuple(Figure(d, v) for d, v in sorted(medians.items())),
                "triangle",
            ),
        )
        if s.figures
    )

    def shown_own(day):
        if day not in own:
            return "Not available"
        value, note = own[day]
        return f"{shown(value)} ({_mid_sentence(note)})" if note else shown(value)

    # The periods England or the neighbours have: the council's other periods are in its own table.
    for day in sorted(set(england) | set(medians), reverse=True):
        result.rows.append(
            (
                label(day),
                shown_own(day),
                shown(england[day].value) if day in england else "Not available",
                shown(medians.get(day)) or "Not available",
            )
        )

    comparable = [d for d in sorted(own, reverse=True) if d in england or d in medians]
    if not comparable:
        result.neighbours = [NeighbourFigure(link.neighbour, link.rank) for link in links]
        result.sentences.append(
            f"Not available: there is no period for which both {council.name} and England or "
            "its statistical neighbours have a figure."
        )
        return result
    day = comparable[0]
    value, note = own[day]
    result.period, result.council_value = label(day), value
    result.england = england.get(day)
    found = by_neighbour.get(day, {})
    result.neighbours = [
        NeighbourFigure(link.neighbour, link.rank, found.get(link.neighbour_id)) for link in links
    ]
    own_words = f" (its own figure, for the {_mid_sentence(note)})" if note else ""
    sentences = [f"{result.period}: {council.name}, {shown(value)}{own_words}."]
    if result.england is None or result.england.value is None:
        sentences.append("England’s figure for this period is not available.")
    else:
        words = _against_england(polarity, value, result.england.value)
        sentences.append(f"England, {shown(result.england.value)}: {council.name} is {words}.")
    others = [n.figure.value for n in result.neighbours if n.figure and n.figure.value is not None]
    if not links:
        sentences.append(f"{council.name}’s statistical neighbours are not known here.")
    elif not others:
        sentences.append(
            f"None of its {len(links)} statistical neighbours has a figure for this period."
        )
    else:
        missing = len(links) - len(others)
        among = f"{len(others)} of its {len(links)}" if missing else f"its {len(links)}"
        sentences.append(
            f"Among itself and {among} statistical neighbours with a figure, {council.name} is "
            f"{_standing(polarity, value, others)}."
        )
    result.sentences = sentences
    return result
