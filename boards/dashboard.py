"""What a board reviews: each objective and programme of its strategies with its recent ratings,
the updates awaiting sign-off and the latest signed-off state. The dashboard page shows it and the
board pack freezes it."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber

from outcomes.models import Aim, Challenge
from outcomes.periods import current_period
from outcomes.services import progress_for_board
from strategies.models import Programme, StrategyStatus

from .forms import NO_UPDATE

#: How many periods of ratings the dashboard shows as a trend.
TREND_LENGTH = 4


@dataclass
class Row:
    """One objective or programme on the dashboard, with its recent ratings."""

    subject: object
    kind: str
    aim_ids: set = field(default_factory=set)
    trend: list = field(default_factory=list)  # oldest first
    overdue: bool = False
    challenges: list = field(default_factory=list)  # open ones, soonest due first

    @property
    def latest(self):
        return self.trend[-1] if self.trend else None


@dataclass
class StrategySection:
    strategy: object
    objectives: list
    programmes: list


def awaiting_for_board(board):
    return (
        progress_for_board(board)
        .awaiting_sign_off()
        .select_related("objective__aim__strategy", "programme__strategy", "author")
        .order_by("period_end", "objective__aim__strategy__title", "pk")
    )


def awaiting_for_meeting(meeting):
    """What a meeting can sign off: updates for periods that had ended by its date."""
    return awaiting_for_board(meeting.board).filter(period_end__lt=meeting.date)


def _recent_updates(board):
    """The last few updates of every objective and programme, in one query."""
    recent = (
        progress_for_board(board)
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("objective_id"), F("programme_id")],
                order_by=F("period_end").desc(),
            )
        )
        .filter(recency__lte=TREND_LENGTH)
        .order_by("period_end", "pk")
    )
    by_objective, by_programme = {}, {}
    for update in recent:
        if update.objective_id:
            by_objective.setdefault(update.objective_id, []).append(update)
        else:
            by_programme.setdefault(update.programme_id, []).append(update)
    return by_objective, by_programme


def build_dashboard(board, *, today=None):
    """Every strategy the board oversees, with each objective's and programme's recent ratings.
    A fixed number of queries however big the board's strategies are."""
    period = current_period(today)
    # A superseded strategy reports no more progress, so it would only ever show as overdue.
    current = board.strategies.exclude(status=StrategyStatus.ARCHIVED)
    strategies = current.select_related("lead_council").prefetch_related(
        Prefetch("aims", queryset=Aim.objects.prefetch_related("objectives")),
        Prefetch("programmes__objective_links"),
    )
    by_objective, by_programme = _recent_updates(board)
    challenged = {}
    for challenge in open_challenges(board):
        key = ("Objective", challenge.objective_id) if challenge.objective_id else None
        key = key or ("Programme", challenge.programme_id)
        challenged.setdefault(key, []).append(challenge)

    def overdue(trend):
        return not any(update.period_start == period.start for update in trend)

    sections = []
    for strategy in strategies:
        objectives = []
        aim_of_objective = {}
        for aim in strategy.aims.all():
            for objective in aim.objectives.all():
                aim_of_objective[objective.pk] = aim.pk
                trend = by_objective.get(objective.pk, [])
                objectives.append(
                    Row(
                        objective,
                        "Objective",
                        {aim.pk},
                        trend,
                        overdue=overdue(trend),
                        challenges=challenged.get(("Objective", objective.pk), []),
                    )
                )
        programmes = []
        for programme in strategy.programmes.all():
            trend = by_programme.get(programme.pk, [])
            aims = {
                aim_of_objective[link.objective_id]
                for link in programme.objective_links.all()
                if link.objective_id in aim_of_objective
            }
            finished = programme.status in Programme.FINISHED
            programmes.append(
                Row(
                    programme,
                    "Programme",
                    aims,
                    trend,
                    overdue=not finished and overdue(trend),
                    challenges=challenged.get(("Programme", programme.pk), []),
                )
            )
        sections.append(StrategySection(strategy, objectives, programmes))
    return period, sections


def filter_rows(rows, *, rating, aim):
    if rating == NO_UPDATE:
        rows = [row for row in rows if row.latest is None]
    elif rating:
        rows = [row for row in rows if row.latest and row.latest.rating == rating]
    if aim:
        rows = [row for row in rows if aim in row.aim_ids]
    return rows


def open_challenges(board):
    return (
        Challenge.objects.filter(meeting__board=board)
        .exclude(status=Challenge.Status.ACCEPTED)
        .select_related("objective", "programme", "meeting")
        .order_by("answer_due", "pk")
    )
