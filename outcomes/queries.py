"""Read-side queries for public pages and open data: what a strategy promised and how it is going.

Everything here is computed from the rows (annotations and prefetches), never stored, and each
function adds a fixed number of queries however many aims, objectives or programmes there are."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Prefetch, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable

from councils.models import Inspection, StatisticalNeighbour
from strategies.models import (
    BoardMember,
    Milestone,
    Programme,
    ProgrammeCouncil,
    ProgrammeObjective,
    Strategy,
    StrategyPartner,
    StrategyRelation,
    StrategyStatus,
)

from .models import (
    Aim,
    Indicator,
    Measurement,
    NationalFigure,
    Objective,
    ProgressUpdate,
    Rating,
)
from .periods import today_in_london

#: Ratings counted as "delivering": the plainly stated meaning of the delivered share.
DELIVERING_RATINGS = (Rating.COMPLETE, Rating.ON_TRACK)
#: The order roll-ups are shown in; NO_RATING covers anything with no signed-off update yet.
NO_RATING = "no_rating"
ROLLUP_ORDER = (
    Rating.ON_TRACK,
    Rating.AT_RISK,
    Rating.OFF_TRACK,
    Rating.COMPLETE,
    Rating.NOT_STARTED,
    NO_RATING,
)
ROLLUP_LABELS = {**dict(Rating.choices), NO_RATING: "No rating yet"}


def always_queried(ids):
    """Ids for an `__in` filter that still runs its query when there are none (no row has id
    0): Django skips the query for an empty list, which would make a page's query count depend
    on whether its rows happen to have parts, not only on what the page shows."""
    return list(ids) or [0]


def _latest_signed_off(subject, ids):
    """Each of these objectives' or programmes' latest signed-off update (latest period end,
    then highest id): on PostgreSQL through a lateral join, elsewhere through a row number."""
    if connection.vendor == "postgresql":
        return _latest_by_lateral_join(subject, ids)
    return _latest_by_row_number(subject, ids)


def _latest_by_row_number(subject, ids):
    """A row number over each one's updates: every signed-off update of each is read."""
    column = f"{subject}_id"
    return (
        ProgressUpdate.objects.signed_off()
        .filter(**{f"{column}__in": always_queried(ids)})
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F(column)],
                order_by=[F("period_end").desc(), F("pk").desc()],
            )
        )
        .filter(recency=1)
        .order_by()
    )


def _latest_by_lateral_join(subject, ids):
    """For each id, its newest signed-off update, from only that one's updates read through the
    index on its own column (PostgreSQL only). `meeting IS NOT NULL` is signed_off()'s rule, and
    the outer query applies signed_off() as well; a test holds it to the row-number version."""
    quote = connection.ops.quote_name
    meta = ProgressUpdate._meta
    pk, period_end = quote(meta.pk.column), quote(meta.get_field("period_end").column)
    # Names from the model's own metadata; the ids go as a parameter.
    latest = (
        f"SELECT latest.id FROM unnest(%s::bigint[]) AS subject(id) "  # noqa: S608
        f"CROSS JOIN LATERAL (SELECT u.{pk} AS id FROM {quote(meta.db_table)} u "
        f"WHERE u.{quote(meta.get_field(subject).column)} = subject.id "
        f"AND u.{quote(meta.get_field('meeting').column)} IS NOT NULL "
        f"ORDER BY u.{period_end} DESC, u.{pk} DESC LIMIT 1) AS latest"
    )
    return (
        ProgressUpdate.objects.signed_off()
        .filter(pk__in=RawSQL(latest, [always_queried(ids)]))  # noqa: S611
        .order_by()
    )


def latest_signed_off_updates(subject, ids):
    """The latest signed-off update of each of these objectives or programmes (subject is
    "objective" or "programme"), by its id. One query."""
    column = f"{subject}_id"
    latest = (
        _latest_signed_off(subject, ids)
        .select_related("meeting")
        .only(
            column,
            "rating",
            "period_start",
            "period_end",
            "commentary",
            "demonstration",
            "meeting__date",
        )
    )
    return {getattr(update, column): update for update in latest}


def latest_signed_off_ratings(subject, ids):
    """What a roll-up counts of each one's latest signed-off update, by id: (rating, quarter's
    first day, day signed off, demonstration). Plain values: a list of strategies rolls up
    hundreds of objectives, and building a model instance for each was most of its time."""
    column = f"{subject}_id"
    rows = _latest_signed_off(subject, ids).values_list(
        column, "rating", "period_start", "meeting__date", "demonstration"
    )
    return {subject_id: rest for subject_id, *rest in rows}


class _WithLatestRating(ModelIterable):
    """Gives each fetched row its latest signed-off update's rating, period and commentary,
    found for all the rows at once."""

    subject = None

    def __iter__(self):
        rows = list(super().__iter__())
        latest = latest_signed_off_updates(self.subject, [row.pk for row in rows])
        for row in rows:
            update = latest.get(row.pk)
            row.latest_rating = update.rating if update else None
            row.latest_rating_period_start = update.period_start if update else None
            row.latest_rating_period_end = update.period_end if update else None
            row.latest_rating_commentary = update.commentary if update else None
            row.latest_rating_demonstration = update.demonstration if update else None
            # The day the board signed it off: the meeting's date, which is what the minutes say.
            row.latest_rating_signed_off_on = update.meeting.date if update else None
            yield row


_LATEST_RATING_ITERABLES = {
    subject: type(f"With{subject.title()}LatestRating", (_WithLatestRating,), {"subject": subject})
    for subject in ("objective", "programme")
}


def with_latest_signed_off_rating(queryset, subject):
    """Objectives or programmes (subject is "objective" or "programme") each carrying its latest
    signed-off progress update as latest_rating, latest_rating_period_start and _end and
    latest_rating_commentary. Updates awaiting sign-off never count: the public must see only
    what a board has agreed. One more query for the whole set, not one per row."""
    queryset = queryset._chain()
    queryset._iterable_class = _LATEST_RATING_ITERABLES[subject]
    return queryset


def public_successors():
    """The public strategies that replaced a strategy, as strategy.public_successors."""
    return Prefetch(
        "successors",
        queryset=Strategy.objects.public().select_related("lead_council"),
        to_attr="public_successors",
    )


def replaced_and_proposed(strategy):
    """The public successors public_successors() fetched, split into those that have replaced
    the strategy and those still out for consultation, which have not replaced anything yet."""
    fetched = getattr(strategy, "public_successors", None) or []
    replaced_by = [s for s in fetched if s.status != StrategyStatus.CONSULTATION]
    proposed = [s for s in fetched if s.status == StrategyStatus.CONSULTATION]
    return replaced_by, proposed


def public_strategy_prefetches(indicators=True):
    """Prefetches for a whole strategy as the public sees it: one query per relation. The page
    leaves out indicators (each objective's own page shows them); open data needs them."""
    objectives = with_latest_signed_off_rating(Objective.objects.all(), "objective")
    programmes = with_latest_signed_off_rating(
        Programme.objects.select_related("lead_partner"), "programme"
    )
    with_figures = Indicator.objects.select_related("national_indicator").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
        "targets",
        # England's figures for an adopted national indicator; the council's own and its
        # neighbours' come with the council below.
        Prefetch(
            "national_indicator__figures",
            queryset=NationalFigure.objects.filter(council__isnull=True).order_by("period_end"),
            to_attr="england_figures",
        ),
    )
    by_period = NationalFigure.objects.order_by("period_end")
    comparison_figures = [
        Prefetch("lead_council__national_figures", queryset=by_period),
        Prefetch("lead_council__neighbour_links__neighbour__national_figures", queryset=by_period),
    ]
    return [
        "principles",
        Prefetch("aims", queryset=Aim.objects.order_by("order", "pk")),
        Prefetch("aims__objectives", queryset=objectives),
        *([Prefetch("aims__objectives__indicators", queryset=with_figures)] if indicators else []),
        # In the national order, the themes' own.
        "aims__themes",
        "aims__objectives__themes",
        Prefetch(
            "lead_council__inspections", queryset=Inspection.objects.order_by("-published_on")
        ),
        Prefetch(
            "lead_council__neighbour_links",
            queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
        ),
        # After the neighbours' own prefetch, which these go through.
        *(comparison_figures if indicators else []),
        Prefetch("programmes", queryset=programmes),
        Prefetch("programmes__milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
        Prefetch(
            "programmes__council_links",
            queryset=ProgrammeCouncil.objects.select_related("council").order_by("council__name"),
        ),
        Prefetch(
            "programmes__objective_links",
            # Only the strategy's own objectives: a link to another strategy's objective (perhaps
            # a draft's) must never put its title on this public page.
            queryset=ProgrammeObjective.objects.filter(
                objective__aim__strategy_id=F("programme__strategy_id")
            ).select_related("objective"),
        ),
        Prefetch(
            "partnerships",
            queryset=StrategyPartner.objects.select_related("partner").order_by("partner__name"),
        ),
        Prefetch("co_ownerships__council"),
        "decisions",
        "engagements",
        public_successors(),
        Prefetch(
            "relations_out",
            queryset=StrategyRelation.objects.filter(
                to_strategy__in=Strategy.objects.public()
            ).select_related("to_strategy__lead_council"),
            to_attr="public_relations_out",
        ),
        Prefetch(
            "relations_in",
            queryset=StrategyRelation.objects.filter(
                from_strategy__in=Strategy.objects.public()
            ).select_related("from_strategy__lead_council"),
            to_attr="public_relations_in",
        ),
    ]


def current_board_members(today=None):
    """Members who have not left: a Prefetch for a strategy's board."""
    return Prefetch(
        "board__members",
        queryset=BoardMember.objects.current(today=today),
        to_attr="current_members",
    )


def with_whole_strategy(queryset, indicators=True):
    return queryset.select_related(
        "lead_council", "board", "predecessor__lead_council"
    ).prefetch_related(*public_strategy_prefetches(indicators), current_board_members())


@dataclass
class Rollup:
    """Counts of latest signed-off ratings across some objectives and programmes, and which
    quarter they describe. Shares are of rated items only: an item nobody has rated yet is
    unknown, not failing, and is counted beside the share instead of inside it."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(ROLLUP_ORDER, 0))
    #: The latest quarter any counted rating covers, and the day a board signed that quarter's
    #: ratings off (the latest such meeting, where several did).
    period_start: dt.date | None = None
    signed_off_on: dt.date | None = None
    #: Whether some rated items' latest rating is from a quarter before period_start.
    mixed_quarters: bool = False
    #: Whether any counted rating is one the demo invented, so the counts are labelled too.
    demonstration: bool = False

    def add(self, rating, period_start=None, signed_off_on=None, demonstration=False):
        self.counts[rating or NO_RATING] += 1
        if not rating or period_start is None:
            return
        self.demonstration = self.demonstration or bool(demonstration)
        if self.period_start is None or period_start > self.period_start:
            self.mixed_quarters = self.period_start is not None or self.mixed_quarters
            self.period_start, self.signed_off_on = period_start, signed_off_on
        elif period_start < self.period_start:
            self.mixed_quarters = True
        elif signed_off_on and (self.signed_off_on is None or signed_off_on > self.signed_off_on):
            self.signed_off_on = signed_off_on

    def add_subject(self, subject):
        """An objective or programme annotated by with_latest_signed_off_rating."""
        self.add(
            subject.latest_rating,
            subject.latest_rating_period_start,
            getattr(subject, "latest_rating_signed_off_on", None),
            getattr(subject, "latest_rating_demonstration", False),
        )

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def unrated(self):
        return self.counts[NO_RATING]

    @property
    def rated(self):
        return self.total - self.unrated

    @property
    def delivering(self):
        return sum(self.counts[rating] for rating in DELIVERING_RATINGS)

    @property
    def delivered_percent(self):
        """The share of rated items complete or on track; None when nothing is rated, which a
        page says in words rather than as 0%."""
        return round(100 * self.delivering / self.rated) if self.rated else None

    @property
    def rows(self):
        return [
            {"rating": rating, "label": ROLLUP_LABELS[rating], "count": self.counts[rating]}
            for rating in ROLLUP_ORDER
        ]

    @property
    def rated_rows(self):
        """The ratings some item has, in order: what a one-line summary lists."""
        return [row for row in self.rows if row["count"] and row["rating"] != NO_RATING]


def rollup_strategy(strategy):
    """Roll the prefetched ratings up to each aim (as aim.rollup) and to the strategy."""
    overall = Rollup()
    for aim in strategy.aims.all():
        aim.rollup = Rollup()
        for objective in aim.objectives.all():
            aim.rollup.add_subject(objective)
            overall.add_subject(objective)
    for programme in strategy.programmes.all():
        overall.add_subject(programme)
    return overall


def ratings_by_quarter(objectives):
    """Quarter by quarter, newest first, how these objectives were rated in the updates a board
    signed off for that quarter: (quarter's first day, Rollup) pairs, an objective with no
    signed-off update for a quarter counted as not rated in it. One query."""
    ids = [objective.pk for objective in objectives]
    updates = (
        ProgressUpdate.objects.signed_off()
        .filter(objective__in=always_queried(ids))
        .values_list("period_start", "rating", "meeting__date", "demonstration")
        .order_by()
    )
    by_quarter = {}
    for period_start, rating, signed_off_on, demonstration in updates:
        rollup = by_quarter.setdefault(period_start, Rollup())
        rollup.add(rating, period_start, signed_off_on, demonstration)
    for rollup in by_quarter.values():
        rollup.counts[NO_RATING] = len(ids) - rollup.rated
    return sorted(by_quarter.items(), key=lambda item: item[0], reverse=True)


def with_list_rollups(strategies):
    """Give each strategy of a list its roll-up (strategy.rollup), for lists that show every
    strategy's latest signed-off ratings at a glance. Two queries however long the list."""
    strategies = list(strategies)
    by_id = {strategy.pk: strategy for strategy in strategies}
    for strategy in strategies:
        strategy.rollup = Rollup()
    if not by_id:
        return strategies
    # A plan reads differently beside its council's latest Ofsted judgement.
    judgements = Inspection.objects.latest_graded_by_council(
        {strategy.lead_council_id for strategy in strategies}
    )
    for strategy in strategies:
        strategy.lead_judgement = judgements.get(strategy.lead_council_id)
    # The aims first, then objectives by their own indexed aim column: a join from objectives
    # to aims filtered on a list of strategies can be planned as a read of every objective.
    strategy_of_aim = dict(
        Aim.objects.filter(strategy__in=list(by_id)).order_by().values_list("pk", "strategy_id")
    )
    strategy_of = {
        "objective": {
            pk: strategy_of_aim[aim_id]
            for pk, aim_id in Objective.objects.filter(aim__in=always_queried(strategy_of_aim))
            .order_by()
            .values_list("pk", "aim_id")
        },
        "programme": dict(
            Programme.objects.filter(strategy__in=list(by_id))
            .order_by()
            .values_list("pk", "strategy_id")
        ),
    }
    for subject, strategy_ids in strategy_of.items():
        latest = latest_signed_off_ratings(subject, list(strategy_ids))
        for pk, strategy_id in strategy_ids.items():
            by_id[strategy_id].rollup.add(*latest.get(pk, (None,)))
    return strategies


@dataclass(frozen=True)
class StrategyPeriod:
    """A strategy's period read as financial years: start_year-04-01 to end_year-03-31. A
    strategy that runs until it is replaced has no end, so no share of it can have passed."""

    start: dt.date
    end: dt.date | None
    today: dt.date

    @classmethod
    def of(cls, strategy, today=None):
        start = dt.date(strategy.start_year, 4, 1)
        return cls(start=start, end=strategy.period_end_date, today=today or today_in_london())

    @property
    def elapsed_percent(self):
        if self.today <= self.start:
            return 0
        if self.end is None:
            return None
        if self.today >= self.end:
            return 100
        return round(100 * (self.today - self.start).days / (self.end - self.start).days)

    @property
    def has_ended(self):
        return self.end is not None and self.today > self.end

    @property
    def not_started(self):
        return self.today < self.start
