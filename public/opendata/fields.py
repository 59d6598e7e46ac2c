"""What the downloads hold, described once: the licence, and every JSON field with its meaning,
in the sections the open data page shows them in. The CSV columns (columns.py) are read from these
fields, and a test checks that real output holds exactly the fields described here."""

from councils.models import InspectionType, Judgement, PartnerSector
from outcomes.models import Frequency, MeasurementStatus, Polarity, Rating, YearType
from outcomes.queries import ROLLUP_ORDER
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

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


_RATING_FIELDS = [
    ("", "The latest rating a board signed off, or null when none has been."),
    (".rating", f"{codes(Rating.values)}."),
    (".period_start", "First day of the quarter the rating covers."),
    (".period_end", "Last day of that quarter."),
    (".commentary", "What the signed-off update said about that quarter."),
    (".demonstration", "true when the rating and commentary were invented for the demonstration."),
]
_ROLLUP_MEANINGS = {
    "no_rating": "How many have no signed-off rating yet.",
}


def _rollup_fields(whose):
    return [
        ("", f"How many of {whose} have each latest signed-off rating."),
        *(
            (f".{rating}", _ROLLUP_MEANINGS.get(rating, f"How many are {rating}."))
            for rating in ROLLUP_ORDER
        ),
    ]


def _prefixed(prefix, fields):
    return [(prefix + key, meaning) for key, meaning in fields]


_STRATEGY_REF = [
    (".id", "The related strategy's number."),
    (".title", "Its title."),
    (".council", "Its lead council."),
    (".start_year", "The first year of its period."),
    (".end_year", "The last year of its period."),
    (".url", "Its page."),
]

_NATIONAL_INDICATOR_FIELDS = [
    ("national_indicator", "The national measure it counts; null for the council's own."),
    *_prefixed(
        "national_indicator.",
        [
            ("slug", "The national indicator's code on this site."),
            ("name", "Its name."),
            ("description", "More about it."),
            ("unit", "The unit its figures are in."),
            ("decimal_places", "Decimal places its figures are shown to."),
            ("polarity", f"{codes(Polarity.values)} (no_judgement until an administrator says)."),
            ("frequency", f"{codes(Frequency.values)}."),
            ("year_type", f"{codes(YearType.values)}."),
            ("source", "Who defines and publishes it."),
            ("source_url", "A link to that source."),
            ("framework_outcome", "The national framework's outcome or enabler it tracks."),
            ("framework_theme", "The framework's theme within it."),
            ("framework_metric", "The DfE dashboard's name for the figure: dataset and column."),
        ],
    ),
    ("comparison_figures", "What the page compares: England's, the council's, neighbours'."),
    *_prefixed(
        "comparison_figures[].",
        [
            ("area", "England, or the council's name."),
            ("area_code", "E92000001 for England, otherwise the council's GSS code."),
            ("period_end", "The last day of the period measured."),
            ("period", "That period in words."),
            ("value", "The figure; null when suppressed or not available."),
            ("status", f"{codes(MeasurementStatus.values)}."),
            ("source", "The publication the figure is from."),
            ("source_url", "A link to it."),
            ("demonstration", "true when the figure was invented for the demonstration."),
        ],
    ),
]

#: JSON key paths and their meaning, shown on the open data page in these sections. A path joins
#: keys with "." and marks each item of a list with "[]". A test checks every key in real output
#: is here, so a new key cannot ship undocumented.
JSON_SECTIONS = [
    (
        "The top of each file",
        [
            ("licence", "The licence you may reuse the data under."),
            ("licence_url", "Where to read that licence."),
            (
                "generated_at",
                "When the file was made (UTC). Whether a figure is out of date, and how much of "
                "a period has passed, are as of this day.",
            ),
            (
                "strategies",
                "In the file of every strategy only: the list of public strategies, each with "
                "the fields below (so aims[] is strategies[].aims[] there).",
            ),
        ],
    ),
    (
        "A strategy",
        [
            ("id", "The strategy's number, stable over time."),
            ("url", "The strategy's page."),
            ("council", "The lead council."),
            ("council.name", "Its name."),
            ("council.slug", "Its short name in web addresses."),
            ("council.gss_code", "Its GSS code, for example E06000020."),
            ("council.url", "Its page on this site."),
            (
                "council.inspections",
                "Ofsted's inspections of the council's children's services, newest first.",
            ),
            ("council.inspections[].published_on", "When Ofsted published the report."),
            ("council.inspections[].visit_start", "The first day of the visit, or null."),
            ("council.inspections[].visit_end", "The last day of the visit, or null."),
            ("council.inspections[].framework", "The framework: ILACS, or SIF before 2018."),
            (
                "council.inspections[].inspection_type",
                f"{codes(InspectionType.values)}.",
            ),
            (
                "council.inspections[].overall_effectiveness",
                f"{codes(Judgement.values)}; null when the report gives no overall grade (the "
                "framework in force from April 2026 gives none).",
            ),
            (
                "council.inspections[].leaders",
                "The impact of leaders on social work practice: a judgement as above, or null.",
            ),
            (
                "council.inspections[].help_and_protection",
                "The experiences and progress of children who need help and protection, or null.",
            ),
            (
                "council.inspections[].children_in_care",
                "The experiences and progress of children in care, or null.",
            ),
            (
                "council.inspections[].care_leavers",
                "The experiences and progress of care leavers (judged from January 2023), or null.",
            ),
            ("council.inspections[].url", "The report on Ofsted's website."),
            ("council.inspections[].source", "Where this record was taken from."),
            (
                "council.statistical_neighbours",
                "The ten councils the Department for Education finds most like this one, most "
                "similar first (those held here).",
            ),
            ("council.statistical_neighbours[].name", "The neighbour's name."),
            ("council.statistical_neighbours[].gss_code", "Its GSS code."),
            ("council.statistical_neighbours[].url", "Its page on this site."),
            ("co_owners", "Other councils that own the strategy with the lead council."),
            ("co_owners[].name", "The council's name."),
            ("co_owners[].slug", "Its short name in web addresses."),
            ("co_owners[].gss_code", "Its GSS code."),
            ("co_owners[].url", "Its page on this site."),
            ("co_owners[].role", "What it does in the strategy; empty when nothing special."),
            ("title", "The strategy's title."),
            ("slug", "Its short name within the council, used in its address."),
            ("kind", f"{codes(StrategyKind.values)}."),
            (
                "status",
                f"{codes(STRATEGY_STATUSES)}; consultation is a draft out for "
                "consultation; ended is a published strategy whose period has passed, as its page "
                "says.",
            ),
            ("start_year", "The first year of the period."),
            (
                "end_year",
                "The last year of the period; null when the strategy runs until it is replaced.",
            ),
            (
                "ended",
                "true when the strategy was in force and its period had passed on the day the "
                "file was made: the page shows it as Ended, whatever its status (successor_ids "
                "names what replaced it).",
            ),
            ("period_start", "The period read as financial years: 1 April of the start year."),
            (
                "period_end",
                "31 March of the end year (of the following year for a one-year plan).",
            ),
            ("summary", "One paragraph about the strategy."),
            ("vision", "The vision statement, in full."),
            ("document_url", "Where the full document is published."),
            (
                "demonstration",
                "true when the whole strategy was invented for the demonstration; false when it "
                "is a council's published strategy.",
            ),
            ("predecessor_id", "The public strategy this one replaced, or null."),
            ("successor_ids", "The public strategies that replaced this one, not a draft."),
        ],
    ),
    (
        "Related plans",
        [
            (
                "related_plans",
                "Public strategies related to this one, as listed under Related plans on its page.",
            ),
            (
                "related_plans[].relation",
                "How it relates, read from this strategy: "
                + codes(
                    f"{name} ({meaning})" if meaning else name
                    for name, meaning in RELATIONS.items()
                )
                + ".",
            ),
            *_prefixed("related_plans[]", _STRATEGY_REF),
        ],
    ),
    (
        "How it is going",
        [
            (
                "period_elapsed_percent",
                "How much of the period had passed on the day the file was made, 0 to 100.",
            ),
            (
                "delivered_percent",
                "Of the objectives and programmes with a signed-off rating, the share whose "
                "latest is complete or on_track, 0 to 100. Those not yet rated are not counted "
                "(see unrated_count); null when none is rated, which is no data, not 0%.",
            ),
            ("rated_count", "How many objectives and programmes have a signed-off rating."),
            ("unrated_count", "How many have none yet."),
            (
                "ratings_period_start",
                "First day of the latest quarter those ratings cover, or null when none is rated.",
            ),
            (
                "ratings_signed_off_on",
                "The day the board signed that quarter's ratings off (its meeting), or null.",
            ),
            *_prefixed("rating_counts", _rollup_fields("the strategy's objectives and programmes")),
        ],
    ),
    (
        "Principles and partners",
        [
            ("principles", "The strategy's values, beliefs or building blocks."),
            ("principles[].title", "The principle."),
            ("principles[].description", "What it means, if the council said."),
            ("partners", "Organisations in the partnership."),
            ("partners[].name", "The organisation."),
            (
                "partners[].sector",
                f"{codes(PartnerSector.values)}.",
            ),
            ("partners[].role", "Its part in the strategy."),
        ],
    ),
    (
        "Board",
        [
            ("board", "The board that oversees delivery, or null when none is recorded."),
            ("board.name", "Its name."),
            ("board.description", "What the board is, as the council describes it."),
            ("board.members", "Its current members."),
            (
                "board.members[].name",
                "The member's name only where they agreed to be named; otherwise null. Young "
                "people, who are children, are never named.",
            ),
            (
                "board.members[].representation",
                f"{codes(Representation.values)}.",
            ),
            ("board.members[].organisation", "The organisation they come from."),
            (
                "board.members[].demonstration",
                "true when this seat was invented for the demonstration.",
            ),
        ],
    ),
    (
        "Decisions",
        [
            ("decisions", "The decisions that approved the strategy."),
            ("decisions[].body", f"Who decided: {codes(DecisionBody.values)}."),
            ("decisions[].meeting_date", "The date of the meeting, or null when not stated."),
            (
                "decisions[].key_decision",
                f"{codes(KeyDecision.values)}: whether the council's record calls it a key "
                "decision; not_stated where it does not say.",
            ),
            ("decisions[].portfolio_holder", "The portfolio holder."),
            ("decisions[].senior_officer", "The senior officer."),
            ("decisions[].recommendations", "The recommendations."),
            ("decisions[].reasons", "The reasons for the decision."),
            ("decisions[].alternatives_rejected", "Alternatives considered and rejected."),
            ("decisions[].conflicts_of_interest", "Declared conflicts of interest."),
            ("decisions[].dispensations", "Dispensations granted."),
            ("decisions[].call_in_deadline", "The last day the decision could be called in."),
            ("decisions[].url", "The decision on the council's website."),
        ],
    ),
    (
        "Consultation and engagement",
        [
            ("engagements", "Consultation and engagement that shaped the strategy."),
            ("engagements[].audience", "Who was asked."),
            ("engagements[].method", f"How: {codes(EngagementMethod.values)}."),
            ("engagements[].start_date", "When it began."),
            ("engagements[].end_date", "When it ended."),
            ("engagements[].participants", "How many took part; null when not known."),
            ("engagements[].what_they_said", "What people said."),
            ("engagements[].what_changed", "What the strategy changed as a result."),
            (
                "engagements[].demonstration",
                "true when what was asked and heard was invented for the demonstration.",
            ),
        ],
    ),
    (
        "Aims and objectives",
        [
            ("aims", "The strategy's aims, in order."),
            ("aims[].id", "The aim's number."),
            ("aims[].url", "The aim's own page."),
            ("aims[].title", "The aim."),
            ("aims[].description", "What it means, if the council said."),
            (
                "aims[].themes",
                "The national themes the council maps the aim to, by short name; each theme's "
                "comparison is at /themes/<short name>/.",
            ),
            *_prefixed("aims[].rating_counts", _rollup_fields("the aim's objectives")),
            ("aims[].objectives", "The aim's objectives, in order."),
            ("aims[].objectives[].id", "The objective's number."),
            ("aims[].objectives[].url", "The objective's own page."),
            ("aims[].objectives[].title", "The objective."),
            ("aims[].objectives[].description", "What it means, if the council said."),
            ("aims[].objectives[].lead", "Who leads it (a role); empty when not stated."),
            (
                "aims[].objectives[].themes",
                "National themes the objective is mapped to itself, beyond its aim's.",
            ),
            (
                "aims[].objectives[].demonstration",
                "true when no document names the objective: it was invented for the demonstration.",
            ),
            *_prefixed("aims[].objectives[].latest_rating", _RATING_FIELDS),
            ("aims[].objectives[].indicators", "How the objective is measured."),
        ],
    ),
    (
        "Indicators (under aims[].objectives[])",
        _prefixed(
            "aims[].objectives[].indicators[].",
            [
                ("id", "The indicator's number."),
                ("url", "The indicator's own page, with its chart."),
                ("title", "What is measured."),
                ("description", "More about it, if the council said."),
                ("unit", "The unit values are in. Percentages are 0 to 100."),
                ("decimal_places", "How many decimal places the page shows values to."),
                ("polarity", f"{codes(Polarity.values)}."),
                ("frequency", f"{codes(Frequency.values)}."),
                ("year_type", f"{codes(YearType.values)}: how annual periods are named."),
                ("baseline_value", "The starting figure, or null."),
                ("baseline_date", "When the baseline was measured."),
                ("source", "Where the figures come from."),
                ("source_url", "A link to that source."),
                ("targets", "Targets, earliest first."),
                ("targets[].date", "The date the target should be met by."),
                ("targets[].value", "The target figure."),
                (
                    "targets[].demonstration",
                    "true when the target was invented for the demonstration.",
                ),
                ("measurements", "Every figure, earliest first."),
                ("measurements[].period_end", "The last day of the period measured."),
                ("measurements[].period", "That period in words, as the page names it."),
                (
                    "measurements[].value",
                    "The figure; null when suppressed or not available.",
                ),
                (
                    "measurements[].status",
                    f"{codes(MeasurementStatus.values)}.",
                ),
                ("measurements[].note", "The council's note."),
                (
                    "measurements[].demonstration",
                    "true when the figure was invented for the demonstration.",
                ),
                (
                    "provenance",
                    "When figures are due, as the page states beside the indicator (see When "
                    "figures are due above); null when there are no figures yet.",
                ),
                ("provenance.latest_period_end", "The last day of the latest figure's period."),
                ("provenance.latest_period", "That period in words."),
                (
                    "provenance.last_updated",
                    "The day the latest figure was last entered or changed (UK time).",
                ),
                ("provenance.next_period_end", "The last day of the next figure's period."),
                ("provenance.next_due_on", "The date the next figure is due by."),
                (
                    "provenance.out_of_date",
                    "true when that date had passed on the day the file was made.",
                ),
                ("provenance.out_of_date_since", "The day it became out of date, or null."),
                *_NATIONAL_INDICATOR_FIELDS,
                (
                    "demonstration",
                    "true when the indicator and its figures were invented for the demonstration.",
                ),
            ],
        ),
    ),
    (
        "Programmes",
        [
            ("programmes", "Priority programmes."),
            ("programmes[].id", "The programme's number."),
            ("programmes[].title", "The programme."),
            ("programmes[].description", "What it is."),
            ("programmes[].lead_partner", "The organisation leading it, or null."),
            (
                "programmes[].delivery_year",
                "The year of the strategy it is delivered in (1 is the first), or null.",
            ),
            ("programmes[].funding_source", "Where the money comes from; empty when not stated."),
            (
                "programmes[].funding_kind",
                f"How the document states the funding: {codes(FundingKind.values)}.",
            ),
            (
                "programmes[].funding_amount",
                "The funding in pounds: the sum (exact), the least (at_least) or the lower end "
                "(range); null when not stated.",
            ),
            ("programmes[].funding_amount_max", "The upper end of a range; otherwise null."),
            (
                "programmes[].councils",
                "Other councils that run the programme jointly with the lead council.",
            ),
            ("programmes[].councils[].name", "The council's name."),
            ("programmes[].councils[].slug", "Its short name in web addresses."),
            ("programmes[].councils[].gss_code", "Its GSS code."),
            ("programmes[].councils[].url", "Its page on this site."),
            (
                "programmes[].councils[].role",
                "What it does in the programme; empty when nothing special.",
            ),
            ("programmes[].status", f"{codes(ProgrammeStatus.values)}."),
            ("programmes[].objective_ids", "The objectives it serves (aims[].objectives[].id)."),
            ("programmes[].milestones", "Its milestones, earliest due first."),
            ("programmes[].milestones[].title", "The milestone."),
            ("programmes[].milestones[].due_on", "When it is due, or null."),
            ("programmes[].milestones[].completed_on", "When it was done, or null if not yet."),
            (
                "programmes[].milestones[].demonstration",
                "true when the milestone and its dates were invented for the demonstration.",
            ),
            *_prefixed("programmes[].latest_rating", _RATING_FIELDS),
        ],
    ),
]

#: Every documented JSON path, for tests and anyone reading the code.
JSON_FIELDS = [field for _, fields in JSON_SECTIONS for field in fields]
