"""The CSV described once: its columns and what each means, and each kind of row (record type)
with the JSON field (fields.py) each of its columns is read from. The rows are written from this
description and the open data page is drawn from it, so neither can disagree with the other."""

from dataclasses import dataclass

from councils.models import PartnerSector
from outcomes.models import Frequency, MeasurementStatus, Polarity, Rating, YearType
from strategies.models import (
    DecisionBody,
    EngagementMethod,
    FundingKind,
    KeyDecision,
    ProgrammeStatus,
    Representation,
    StrategyKind,
)

from .codes import RELATIONS, STRATEGY_STATUSES, codes

#: The columns in the order a file has them, with what each means.
CSV_COLUMNS = [
    ("record_type", "What the row describes; see the record types above."),
    (
        "id",
        "The record's number, stable over time. For related rows, the related strategy's number.",
    ),
    ("aim_id", "The aim the row belongs to."),
    ("objective_id", "The objective the row belongs to, or that a programme serves."),
    ("indicator_id", "The indicator the row belongs to."),
    ("programme_id", "The programme the row belongs to."),
    (
        "title",
        "The record's name: the strategy, aim, objective, indicator, programme, milestone, "
        "principle, board or related strategy's title; the name of a co-owning council, partner "
        "or board member (empty where a member has not agreed to be named); who an engagement "
        "asked; the title of the objective a programme serves; a comparison figure's area (England "
        "or a council).",
    ),
    ("description", "Longer description, as the council wrote it. Strategies: the summary."),
    ("vision", "Strategies: the vision statement, in full."),
    (
        "kind",
        f"Strategies: {codes(StrategyKind.values)}. Partners: their sector "
        f"({codes(PartnerSector.values)}). Board members: what they represent "
        f"({codes(Representation.values)}). Decisions: the body that made them "
        f"({codes(DecisionBody.values)}). Engagements: the method "
        f"({codes(EngagementMethod.values)}). Related strategies: how they relate "
        f"({codes(RELATIONS)}; see related_plans[].relation under JSON fields).",
    ),
    (
        "status",
        f"Strategies: {codes(STRATEGY_STATUSES)}. Measurements and comparison figures: "
        f"{codes(MeasurementStatus.values)}. "
        f"Programmes: {codes(ProgrammeStatus.values)}. Milestones: done or due.",
    ),
    ("lead", "Who leads an objective (a role), or the lead partner of a programme."),
    (
        "organisation",
        "Strategies: the lead council. Related strategies: their lead council. Board members: the "
        "organisation they come from.",
    ),
    (
        "role",
        "Co-owning councils and partners: their part in the strategy. Councils running a "
        "programme jointly: their part in it.",
    ),
    (
        "gss_code",
        "Strategies: the lead council's GSS code. Co-owning councils and councils running a "
        "programme jointly: theirs.",
    ),
    (
        "url",
        "The page on this site for the strategy, an aim, an objective, an indicator, a co-owning "
        "council or a related strategy; for decisions, the record on the council's website.",
    ),
    ("document_url", "Strategies: where the full document is published."),
    ("start_year", "Strategies and related strategies: the first year of the period."),
    ("end_year", "Strategies and related strategies: the last year of the period."),
    (
        "start_date",
        "Strategies: 1 April of the start year. Engagements: when they began.",
    ),
    (
        "end_date",
        "Strategies: 31 March of the end year (of the year after, for a one-year plan). "
        "Engagements: when they ended.",
    ),
    (
        "rating",
        "For objectives and programmes: the latest rating a board signed off "
        f"({codes(Rating.values)}). Empty when none has been signed off.",
    ),
    ("rating_period_start", "First day of the quarter that rating covers."),
    ("rating_period_end", "Last day of the quarter that rating covers."),
    ("rating_commentary", "What the signed-off update said about that quarter."),
    ("unit", "For indicators: the unit values are in. Percentages are 0 to 100."),
    ("decimal_places", "For indicators: how many decimal places the page shows values to."),
    ("polarity", f"For indicators: {codes(Polarity.values)}."),
    ("frequency", f"For indicators: {codes(Frequency.values)}."),
    (
        "year_type",
        f"For indicators: {codes(YearType.values)}: financial years run April to March, "
        "academic years September to August.",
    ),
    (
        "source",
        "For indicators: where the figures come from, as the council states it. For comparison "
        "figures: the publication the figure is from.",
    ),
    ("source_url", "For indicators and comparison figures: a link to that source."),
    (
        "national_indicator",
        "For indicators: the code of the national indicator it adopts (see the JSON's "
        "national_indicator for its definition); empty for a measure of the council's own.",
    ),
    ("area_code", "For comparison figures: E92000001 for England, else the council's GSS code."),
    (
        "date",
        "Measurements and comparison figures: last day of the period measured. Targets: the date it should be met "
        "by. Indicators: the baseline date. Milestones: the due date. Decisions: the meeting date.",
    ),
    (
        "value",
        "Measurements, comparison figures, targets and indicator baselines: the number. Empty "
        "when suppressed "
        "or not available.",
    ),
    (
        "last_updated",
        "For indicators: the day the latest figure was last entered or changed (UK time).",
    ),
    ("next_period_end", "For indicators: the last day of the period the next figure is for."),
    ("next_due_on", "For indicators: the date the next figure is due by."),
    (
        "out_of_date_since",
        "For indicators: the day after the next figure was due, when it has not arrived; empty "
        "while the latest figure is not out of date.",
    ),
    (
        "delivery_year",
        "Programmes: the year of the strategy they are delivered in; 1 is the first.",
    ),
    ("funding_source", "Programmes: where the money comes from."),
    (
        "funding_kind",
        f"Programmes: how the document states the funding: {codes(FundingKind.values)}.",
    ),
    (
        "funding_amount",
        "Programmes: the funding in pounds (the least, for at_least; the lower end, for a "
        "range). Empty when not stated.",
    ),
    ("funding_amount_max", "Programmes: the upper end of a range of funding; otherwise empty."),
    ("note", "Measurements: the council's note. Milestones: the completion date."),
    ("key_decision", f"Decisions: {codes(KeyDecision.values)}."),
    ("portfolio_holder", "Decisions: the portfolio holder."),
    ("senior_officer", "Decisions: the senior officer."),
    ("recommendations", "Decisions: the recommendations."),
    ("reasons", "Decisions: the reasons for the decision."),
    ("alternatives_rejected", "Decisions: alternatives considered and rejected."),
    ("conflicts_of_interest", "Decisions: declared conflicts of interest."),
    ("dispensations", "Decisions: dispensations granted."),
    ("call_in_deadline", "Decisions: the last day the decision could be called in."),
    ("participants", "Engagements: how many people took part. Empty when not known."),
    ("what_they_said", "Engagements: what people said."),
    ("what_changed", "Engagements: what the strategy changed as a result."),
    (
        "ended",
        "Strategies: true when the strategy was in force and its period had passed on the day "
        "the file was made (shown as Ended).",
    ),
    (
        "demonstration",
        "true when the row was invented for the demonstration (a strategy, objective, indicator, "
        "target, measurement, milestone, board member or engagement); false when it is a "
        "council's fact. Empty for rows that are always the council's own.",
    ),
    (
        "rating_demonstration",
        "For objectives and programmes: true when the latest rating and its commentary were "
        "invented for the demonstration. Empty when there is no rating.",
    ),
]

#: The columns, in order.
COLUMN_NAMES = [name for name, _ in CSV_COLUMNS]


@dataclass(frozen=True)
class Enclosing:
    """A field of the record a row sits under: an objective's aim, a target's indicator."""

    record: str
    key: str = "id"


@dataclass(frozen=True)
class Derived:
    """A value worked out from the row's JSON item rather than copied from one field;
    `read(item, titles)` gets the item and every objective's title by its id."""

    read: object


@dataclass(frozen=True)
class Record:
    """A kind of CSV row. `path` finds its items in the JSON item of the record above it ("aims[]"
    is each of the aims; "board" is the one board, if any); `columns` names, for each column the
    row fills, the JSON key inside the item it is read from ("council.name"), or an Enclosing or
    Derived source."""

    name: str
    meaning: str
    path: str
    columns: dict
    children: tuple = ()


_RATING = {
    "rating": "latest_rating.rating",
    "rating_period_start": "latest_rating.period_start",
    "rating_period_end": "latest_rating.period_end",
    "rating_commentary": "latest_rating.commentary",
    "rating_demonstration": "latest_rating.demonstration",
}
_UNDER_INDICATOR = {
    "aim_id": Enclosing("aim"),
    "objective_id": Enclosing("objective"),
    "indicator_id": Enclosing("indicator"),
}


def _same(*names):
    """Columns read from the JSON keys of their own names."""
    return {name: name for name in names}


#: The record types as a tree: a file holds the strategy's row, then for each child record type
#: in turn its rows, each followed by its own children's rows, in the strategy page's order.
STRATEGY = Record(
    "strategy",
    "The strategy itself; always the first row.",
    "",
    {
        **_same("id", "title"),
        "description": "summary",
        **_same("vision", "kind", "status"),
        "organisation": "council.name",
        "gss_code": "council.gss_code",
        **_same("url", "document_url", "start_year", "end_year"),
        "start_date": "period_start",
        "end_date": "period_end",
        "ended": "ended",
        "demonstration": "demonstration",
    },
    children=(
        Record(
            "co_owner",
            "A council that co-owns the strategy.",
            "co_owners[]",
            {"title": "name", **_same("role", "gss_code", "url")},
        ),
        Record(
            "principle",
            "One of the strategy's principles or values.",
            "principles[]",
            _same("title", "description"),
        ),
        Record(
            "aim",
            "An aim of the strategy.",
            "aims[]",
            {"id": "id", "aim_id": "id", **_same("title", "description", "url")},
            children=(
                Record(
                    "objective",
                    "An objective under an aim, with its latest signed-off rating.",
                    "objectives[]",
                    {
                        "id": "id",
                        "aim_id": Enclosing("aim"),
                        "objective_id": "id",
                        **_same("title", "description", "url", "lead", "demonstration"),
                        **_RATING,
                    },
                    children=(
                        Record(
                            "indicator",
                            "How an objective is measured: its baseline, source and when the "
                            "next figure is due.",
                            "indicators[]",
                            {
                                "id": "id",
                                "aim_id": Enclosing("aim"),
                                "objective_id": Enclosing("objective"),
                                "indicator_id": "id",
                                **_same("title", "description", "url", "unit", "decimal_places"),
                                **_same("polarity", "frequency", "year_type"),
                                **_same("source", "source_url"),
                                "national_indicator": "national_indicator.slug",
                                "date": "baseline_date",
                                "value": "baseline_value",
                                "last_updated": "provenance.last_updated",
                                "next_period_end": "provenance.next_period_end",
                                "next_due_on": "provenance.next_due_on",
                                "out_of_date_since": "provenance.out_of_date_since",
                                "demonstration": "demonstration",
                            },
                            children=(
                                Record(
                                    "target",
                                    "A target for an indicator.",
                                    "targets[]",
                                    {**_UNDER_INDICATOR, **_same("date", "value", "demonstration")},
                                ),
                                Record(
                                    "measurement",
                                    "A figure for an indicator.",
                                    "measurements[]",
                                    {
                                        **_UNDER_INDICATOR,
                                        "date": "period_end",
                                        **_same("value", "status", "note", "demonstration"),
                                    },
                                ),
                                Record(
                                    "comparison_figure",
                                    "A published figure for the national indicator the "
                                    "indicator adopts, England's, the council's or a "
                                    "statistical neighbour's, that its page compares with.",
                                    "comparison_figures[]",
                                    {
                                        **_UNDER_INDICATOR,
                                        "title": "area",
                                        "area_code": "area_code",
                                        "date": "period_end",
                                        **_same("value", "status", "source", "source_url"),
                                        "demonstration": "demonstration",
                                    },
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Record(
            "programme",
            "A priority programme, with its latest signed-off rating.",
            "programmes[]",
            {
                "id": "id",
                "programme_id": "id",
                **_same("title", "description"),
                "lead": "lead_partner",
                **_same("status", "delivery_year", "funding_source", "funding_kind"),
                **_same("funding_amount", "funding_amount_max"),
                **_RATING,
            },
            children=(
                Record(
                    "programme_council",
                    "Another council that runs a programme jointly with the lead council.",
                    "councils[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "title": "name",
                        **_same("role", "gss_code", "url"),
                    },
                ),
                Record(
                    "programme_objective",
                    "An objective a programme serves.",
                    "objective_ids[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "objective_id": Derived(lambda objective_id, titles: objective_id),
                        "title": Derived(lambda objective_id, titles: titles.get(objective_id)),
                    },
                ),
                Record(
                    "milestone",
                    "A programme milestone.",
                    "milestones[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "title": "title",
                        "date": "due_on",
                        "status": Derived(
                            lambda item, _: "done" if item["completed_on"] else "due"
                        ),
                        "note": "completed_on",
                        "demonstration": "demonstration",
                    },
                ),
            ),
        ),
        Record(
            "partner",
            "An organisation in the partnership.",
            "partners[]",
            {"title": "name", "kind": "sector", "role": "role"},
        ),
        Record(
            "board",
            "The board that oversees delivery.",
            "board",
            {"title": "name", "description": "description"},
            children=(
                Record(
                    "board_member",
                    "A current member of that board.",
                    "members[]",
                    {
                        "title": "name",
                        "kind": "representation",
                        "organisation": "organisation",
                        "demonstration": "demonstration",
                    },
                ),
            ),
        ),
        Record(
            "decision",
            "The decision that approved the strategy.",
            "decisions[]",
            {
                "kind": "body",
                "date": "meeting_date",
                **_same("url", "key_decision", "portfolio_holder", "senior_officer"),
                **_same("recommendations", "reasons", "alternatives_rejected"),
                **_same("conflicts_of_interest", "dispensations", "call_in_deadline"),
            },
        ),
        Record(
            "engagement",
            "Consultation or engagement that shaped the strategy.",
            "engagements[]",
            {
                "title": "audience",
                "kind": "method",
                **_same("start_date", "end_date", "participants"),
                **_same("what_they_said", "what_changed", "demonstration"),
            },
        ),
        Record(
            "related",
            "A related public strategy: the one it replaces, those replacing it, and the golden "
            "thread to plans above and below it.",
            "related_plans[]",
            {
                "id": "id",
                "kind": "relation",
                "title": "title",
                "organisation": "council",
                **_same("start_year", "end_year", "url"),
            },
        ),
    ),
)


def _walk(record, path=""):
    path = ".".join(part for part in (path, record.path) if part)
    yield record, path
    for child in record.children:
        yield from _walk(child, path)


#: Every record type with the JSON path of its items ("aims[].objectives[]"), in file order.
RECORDS = list(_walk(STRATEGY))

#: Each record type, what it is and the columns it fills, in column order (record_type is
#: always filled), as the open data page lists them.
RECORD_TYPES = [
    (record.name, record.meaning, [name for name in COLUMN_NAMES if name in record.columns])
    for record, _ in RECORDS
]
