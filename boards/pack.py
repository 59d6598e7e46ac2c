"""The board pack: what the board saw at a meeting. Before the meeting is held it is built live
(a preview); holding the meeting freezes it into `Meeting.pack` as plain JSON, so later edits to
updates, indicators or actions never change what a past pack says.

Everything the pack shows is in the snapshot, formatted as shown; charts are drawn from the
snapshot's figures when the pack is rendered, so they too show only what was frozen."""

import copy
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from outcomes.models import EXCEPTION_RATINGS, Indicator, Rating
from strategies.models import BoardAction, Meeting

from .dashboard import build_dashboard, open_challenges

PACK_FORMAT = 1
_RATINGS = [value for value, _label in Rating.choices]


class HoldRefused(Exception):
    """The meeting cannot be held: nothing has been changed."""


def _date(day):
    return f"{day:%-d %B %Y}" if day else ""


def _value(value, places):
    if value is None:
        return None
    return f"{Decimal(value):.{int(places or 0)}f}"


def _counts(rows):
    counts = dict.fromkeys(_RATINGS, 0)
    counts["none"] = 0
    for row in rows:
        counts[row.latest.rating if row.latest else "none"] += 1
    return [
        {"rating": key, "label": Rating(key).label if key != "none" else "No update", "count": n}
        for key, n in counts.items()
    ]


def _update(update, kind, subject=None):
    return {
        "kind": kind,
        "subject": (subject or update.subject).title,
        "period": update.period_label,
        "rating": update.rating,
        "rating_label": update.get_rating_display(),
        "commentary": update.commentary,
        "next_steps": update.next_steps,
        "signed_off": update.is_signed_off,
        "carried_forward": update.carried_forward,
    }


def _row(row):
    latest = row.latest
    return {
        "kind": row.kind,
        "subject": row.subject.title,
        "rating": latest.rating if latest else "",
        "rating_label": latest.get_rating_display() if latest else "No update",
        "period": latest.period_label if latest else "",
    }


def _indicators(strategy_ids):
    indicators = (
        Indicator.objects.filter(objective__aim__strategy__in=strategy_ids)
        .select_related("objective__aim")
        .prefetch_related("measurements", "targets")
        .order_by("objective__aim__strategy_id", "objective__aim__order", "objective__order")
    )
    by_strategy = {}
    for indicator in indicators:
        places = indicator.decimal_places
        by_strategy.setdefault(indicator.objective.aim.strategy_id, []).append(
            {
                "id": indicator.pk,
                "title": indicator.title,
                "objective": indicator.objective.title,
                "unit": indicator.unit_label,
                "polarity": indicator.get_polarity_display(),
                "baseline": (
                    {
                        "date": indicator.baseline_date.isoformat(),
                        "label": _date(indicator.baseline_date),
                        "value": _value(indicator.baseline_value, places),
                    }
                    if indicator.baseline_value is not None
                    else None
                ),
                "targets": [
                    {
                        "date": t.date.isoformat(),
                        "label": _date(t.date),
                        "value": _value(t.value, places),
                    }
                    for t in sorted(indicator.targets.all(), key=lambda t: t.date)
                ],
                "values": [
                    {
                        "date": m.period_end.isoformat(),
                        "label": _date(m.period_end),
                        "value": _value(m.value, places),
                        "status": m.get_status_display(),
                    }
                    for m in sorted(indicator.measurements.all(), key=lambda m: m.period_end)
                ],
            }
        )
    return by_strategy


def build_pack(meeting, *, today=None):
    """The pack as it stands now, as plain JSON-ready data."""

    board = meeting.board
    period, sections = build_dashboard(board, today=today)
    indicators = _indicators([section.strategy.pk for section in sections])
    strategies = []
    for section in sections:
        rows = [*section.objectives, *section.programmes]
        aims = []
        for aim in section.strategy.aims.all():
            aim_rows = [row for row in section.objectives if aim.pk in row.aim_ids]
            aims.append(
                {
                    "title": aim.title,
                    "counts": _counts(aim_rows),
                    "rows": [_row(row) for row in aim_rows],
                }
            )
        strategies.append(
            {
                "title": section.strategy.title,
                "council": section.strategy.lead_council.name,
                "status": section.strategy.get_status_display(),
                "counts": _counts(rows),
                "aims": aims,
                "programmes": [_row(row) for row in section.programmes],
                "exceptions": [
                    _update(row.latest, row.kind, row.subject)
                    for row in rows
                    if row.latest and row.latest.rating in EXCEPTION_RATINGS
                ],
                "indicators": indicators.get(section.strategy.pk, []),
            }
        )
    actions = (
        BoardAction.objects.open()
        .filter(meeting__board=board)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    signed_off = meeting.signed_off_updates.select_related(
        "objective__aim__strategy", "programme__strategy", "signed_off_by"
    ).order_by("objective__aim__strategy__title", "pk")
    return {
        "format": PACK_FORMAT,
        "board": board.name,
        "meeting": {
            "date": meeting.date.isoformat(),
            "label": _date(meeting.date),
            "title": meeting.title,
        },
        "period": period.long_label,
        "built": timezone.localtime().strftime("%-d %B %Y at %H:%M"),
        "strategies": strategies,
        "actions": [
            {
                "description": action.description,
                "owner": action.owner,
                "due": _date(action.due_on) or "No date",
                "status": action.get_status_display(),
                "raised": _date(action.meeting.date),
            }
            for action in actions
        ],
        "challenges": [
            {
                "kind": "Objective" if challenge.objective_id else "Programme",
                "subject": challenge.subject.title,
                "question": challenge.question,
                "owner": challenge.owner,
                "due": _date(challenge.answer_due),
                "answer": challenge.answer,
                "status": challenge.get_status_display(),
                "raised": _date(challenge.meeting.date),
            }
            for challenge in open_challenges(board)
        ],
        "signed_off": [
            {
                **_update(update, "Objective" if update.objective_id else "Programme"),
                "strategy": update.strategy.title,
                "comment": update.sign_off_comment,
                "signed_off_by": (
                    update.signed_off_by.get_full_name() or update.signed_off_by.get_username()
                )
                if update.signed_off_by
                else "",
            }
            for update in signed_off
        ],
    }


def meeting_hold(*, meeting, user, today=None):
    """Mark the meeting as held and freeze its pack. Once only: a second hold is refused, and so
    is one before the meeting's day, which would freeze a pack the board has not yet seen."""
    today = today or timezone.localdate()
    if meeting.date > today:
        raise HoldRefused(
            f"This meeting is on {meeting.date:%-d %B %Y}. Mark it as held on or after that day, "
            "once the board has met."
        )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.held_at is not None:
            raise HoldRefused(
                f"This meeting was already marked as held on "
                f"{timezone.localtime(locked.held_at):%-d %B %Y at %H:%M}; its pack is frozen."
            )
        locked.pack = build_pack(locked)
        locked.held_at = timezone.now()
        locked.save(update_fields=["pack", "held_at"])
    meeting.pack, meeting.held_at = locked.pack, locked.held_at
    return meeting


def pack_for(meeting):
    """The frozen pack of a held meeting, or a live preview; with charts drawn."""
    pack = copy.deepcopy(meeting.pack) if meeting.held_at else build_pack(meeting)
    for strategy in pack["strategies"]:
        for indicator in strategy["indicators"]:
            indicator["svg"] = line_chart(indicator)
    return pack


# --- a small line chart, drawn from the snapshot's figures -----------------------------------

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
LINE, TARGET, BASELINE, GRID, TEXT = "#1d70b8", "#00703c", "#505a5f", "#b1b4b6", "#0b0c0c"


def line_chart(indicator):
    """An SVG of the indicator's values (blue line), targets (green dashed) and baseline (grey
    dotted), with a title and description for screen readers. The pack also shows the figures
    in a table, so nobody has to read values off the line."""
    points = [(v["date"], float(v["value"])) for v in indicator["values"] if v["value"]]
    targets = [(t["date"], float(t["value"])) for t in indicator["targets"]]
    baseline = indicator["baseline"]
    extra = [(baseline["date"], float(baseline["value"]))] if baseline else []
    every = points + targets + extra
    chart_id = f"pack-chart-{indicator['id']}"
    title = f"{indicator['title']}: figures over time"
    if not every:
        return ""
    dates = sorted({day for day, _ in every})
    low, high = min(v for _, v in every), max(v for _, v in every)
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * 0.1, high + span * 0.1

    def x(day):
        if len(dates) == 1:
            return LEFT + (WIDTH - LEFT - RIGHT) / 2
        return LEFT + (WIDTH - LEFT - RIGHT) * dates.index(day) / (len(dates) - 1)

    def y(value):
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="app-pack-chart" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(indicator))}</desc>',
    ]
    for fraction in (0, 0.5, 1):
        value = low + (high - low) * fraction
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{TEXT}">{value:.4g}</text>'
        )
    ends = [(dates[0], "start"), (dates[-1], "end")] if len(dates) > 1 else [(dates[0], "middle")]
    for day, anchor in ends:
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}" font-size="12" '
            f'fill="{TEXT}">{escape(day[:7])}</text>'
        )
    if baseline:
        by = y(float(baseline["value"]))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{by:.1f}" y2="{by:.1f}" '
            f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="2 4"/>'
        )
    if targets:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in targets)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="8 4"/>'
        )
        parts += [
            f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="4" fill="{TARGET}"/>' for d, v in targets
        ]
    if points:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
        parts += [
            f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="4" fill="{LINE}"/>' for d, v in points
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text above is escaped


def _describe(indicator):
    unit = f" {indicator['unit']}" if indicator["unit"] else ""
    shown = [v for v in indicator["values"] if v["value"]]
    words = []
    if shown:
        first, last = shown[0], shown[-1]
        words.append(
            f"From {first['value']}{unit} in {first['label']} to {last['value']}{unit} in "
            f"{last['label']}."
        )
    else:
        words.append("No figures yet.")
    if indicator["targets"]:
        target = indicator["targets"][-1]
        words.append(f"Target {target['value']}{unit} by {target['label']}.")
    if indicator["baseline"]:
        words.append(f"Baseline {indicator['baseline']['value']}{unit}.")
    return " ".join(words)
