"""The board pack: what the board saw at a meeting. Before the meeting is held it is built live
(a preview); holding the meeting freezes it into `Meeting.pack` as plain JSON, so later edits to
updates, indicators or actions never change what a past pack says.

Everything the pack shows is in the snapshot, formatted as shown. Each indicator also keeps its
chart's plain data (outcomes.chart_data.ChartData), and the chart is drawn from that when the
pack is rendered, so it too shows only what was frozen, drawn as the public pages draw it."""

import copy
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from councils.dates import today_in_london
from councils.formatting import format_figure
from outcomes.chart_data import ChartData, Figure, Level
from outcomes.charts import draw_chart
from outcomes.models import EXCEPTION_RATINGS, Indicator, Polarity, Rating
from strategies.models import BoardAction, Meeting

from .dashboard import build_dashboard, open_challenges

# 2: figures shown rounded half up with thousands commas, and each indicator keeps "chart_data".
PACK_FORMAT = 2
_RATINGS = [value for value, _label in Rating.choices]


class HoldRefused(Exception):
    """The meeting cannot be held: nothing has been changed."""


def _date(day):
    return f"{day:%-d %B %Y}" if day else ""


def _value(value, places):
    return None if value is None else format_figure(value, places)


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
        "demonstration": update.demonstration,
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
                "chart_data": ChartData.of(indicator).as_json(),
                "demonstration": indicator.demonstration,
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
    actions = BoardAction.objects.open_for(board).select_related("meeting")
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
            "demonstration": meeting.demonstration,
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
                "demonstration": action.demonstration,
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
    today = today or today_in_london()
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
            indicator["chart"] = draw_chart(
                _chart_data(indicator), element_id=f"pack-indicator-{indicator['id']}"
            )
    return pack


def _chart_data(indicator):
    if "chart_data" in indicator:
        return ChartData.from_json(indicator["chart_data"])
    return _chart_data_of_format_1(indicator)


def _chart_data_of_format_1(indicator):
    """Packs frozen before the snapshot kept chart data still have their figures, written as plain
    decimals to the indicator's places (so the places can be read back from them), and the
    polarity in words."""
    shown = [indicator["baseline"] or {}, *indicator["targets"], *indicator["values"]]
    numbers = [Decimal(item["value"]) for item in shown if item.get("value")]
    polarities = {label: value for value, label in Polarity.choices}

    def level(item):
        return Level(dt.date.fromisoformat(item["date"]), Decimal(item["value"]))

    return ChartData(
        title=indicator["title"],
        figures=tuple(
            Figure(
                period_end=dt.date.fromisoformat(item["date"]),
                value=Decimal(item["value"]) if item["value"] else None,
                status=item["status"],
                period=item["label"],
            )
            for item in indicator["values"]
        ),
        targets=tuple(level(item) for item in indicator["targets"]),
        baseline=level(indicator["baseline"]) if indicator["baseline"] else None,
        unit=indicator["unit"],
        places=max((-number.as_tuple().exponent for number in numbers), default=0),
        polarity=polarities.get(indicator["polarity"], ""),
    )
