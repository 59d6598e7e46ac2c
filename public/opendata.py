"""Open data: exactly what the public pages show, as CSV and JSON.

Only public strategies, only signed-off progress. Numbers are written as numbers; a suppressed or
unavailable measurement has an empty value and says why in its status. The CSV is built from the
same plain data as the JSON, so the two cannot disagree about what is public."""

import csv
import datetime as dt
import json
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from councils.models import PartnerSector
from outcomes import periods
from outcomes.models import Frequency, MeasurementStatus, Polarity, Rating, YearType
from outcomes.queries import (
    ROLLUP_ORDER,
    Provenance,
    StrategyPeriod,
    period_label,
    rollup_strategy,
    with_whole_strategy,
)
from strategies.models import (
    PUBLIC_STATUSES,
    DecisionBody,
    EngagementMethod,
    ProgrammeStatus,
    Representation,
    Strategy,
    StrategyKind,
)

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _codes(values):
    """A list of codes in words, read from the choices so the page cannot fall behind them."""
    values = [str(value) for value in values]
    return ", ".join(values[:-1]) + " or " + values[-1]


def number(value):
    """A Decimal as a JSON number: whole numbers as integers, others as floats (values are kept
    within 15 significant digits, which a float holds exactly)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value):
    return value.isoformat() if isinstance(value, dt.date) else None


def _absolute(request, url):
    return request.build_absolute_uri(url) if request else url


def _rating(subject):
    if not subject.latest_rating:
        return None
    return {
        "rating": subject.latest_rating,
        "period_start": _date(subject.latest_rating_period_start),
        "period_end": _date(subject.latest_rating_period_end),
        "commentary": subject.latest_rating_commentary,
    }


def _provenance(indicator, today):
    """The figures' provenance as the page states it beside the indicator; null with no figures,
    where the page says only "No figures yet"."""
    provenance = Provenance.of(indicator, today)
    if provenance.latest is None:
        return None
    return {
        "latest_period_end": _date(provenance.latest.period_end),
        "latest_period": provenance.period,
        # The page shows the day in UK time; a UTC date could be a day out near midnight.
        "last_updated": _date(timezone.localdate(provenance.updated_at)),
        "next_period_end": _date(provenance.next_period_end),
        "next_due_on": _date(provenance.due_on),
        "out_of_date": provenance.is_out_of_date,
        "out_of_date_since": _date(provenance.out_of_date_since),
    }


def _indicator(indicator, strategy, request, today):
    url = reverse(
        "public:indicator",
        kwargs={
            "council": strategy.lead_council.slug,
            "slug": strategy.slug,
            "pk": indicator.pk,
        },
    )
    return {
        "id": indicator.pk,
        "url": _absolute(request, url),
        "title": indicator.title,
        "description": indicator.description,
        "unit": indicator.unit_label,
        "decimal_places": indicator.decimal_places,
        "polarity": indicator.polarity,
        "frequency": indicator.frequency,
        "year_type": indicator.year_type,
        "baseline_value": number(indicator.baseline_value),
        "baseline_date": _date(indicator.baseline_date),
        "source": indicator.source,
        "source_url": indicator.source_url,
        "targets": [
            {"date": _date(target.date), "value": number(target.value)}
            for target in indicator.targets.all()
        ],
        "measurements": [
            {
                "period_end": _date(measurement.period_end),
                "period": period_label(
                    measurement.period_end, indicator.frequency, indicator.year_type
                ),
                "value": number(measurement.value),
                "status": measurement.status,
                "note": measurement.note,
            }
            for measurement in indicator.measurements.all()
        ],
        "provenance": _provenance(indicator, today),
    }


def _board(strategy):
    """The overseeing board as the public page shows it: a member's name only where they agreed."""
    board = strategy.board
    if board is None:
        return None
    return {
        "name": board.name,
        "description": board.description,
        "members": [
            {
                "name": member.name if member.show_name_publicly else None,
                "representation": member.representation,
                "organisation": member.organisation,
            }
            for member in board.current_members
        ],
    }


def _strategy_ref(strategy, request):
    return {
        "id": strategy.pk,
        "title": strategy.title,
        "council": strategy.lead_council.name,
        "start_year": strategy.start_year,
        "end_year": strategy.end_year,
        "url": _absolute(request, strategy.get_absolute_url()),
    }


#: How a related strategy points at this one, read from this strategy's side: "X delivers part
#: of this strategy" is, for this strategy, "includes X".
_INVERSE_RELATION = {"part_of": "includes", "delivered_by": "delivers", "related": "related"}
RELATIONS = (
    "replaces",
    "replaced_by",
    "part_of",
    "includes",
    "delivered_by",
    "delivers",
    "related",
)


def _related_plans(strategy, request):
    """The "Related plans" list of the page, public strategies only, in the page's order."""
    plans = []
    if strategy.predecessor is not None and strategy.predecessor.is_public:
        plans.append({"relation": "replaces", **_strategy_ref(strategy.predecessor, request)})
    for successor in strategy.public_successors:
        plans.append({"relation": "replaced_by", **_strategy_ref(successor, request)})
    for link in strategy.public_relations_out:
        plans.append({"relation": link.kind, **_strategy_ref(link.to_strategy, request)})
    for link in strategy.public_relations_in:
        plans.append(
            {
                "relation": _INVERSE_RELATION[link.kind],
                **_strategy_ref(link.from_strategy, request),
            }
        )
    return plans


def strategy_data(strategy, request=None, today=None):
    """One public strategy as plain data. Expects a strategy from with_whole_strategy()."""
    # Looked up on the module so a test can freeze "today" by patching outcomes.periods.
    today = today or periods.today_in_london()
    rollup = rollup_strategy(strategy)
    period = StrategyPeriod.of(strategy, today)
    council = strategy.lead_council
    return {
        "id": strategy.pk,
        "url": _absolute(request, strategy.get_absolute_url()),
        "council": {
            "name": council.name,
            "slug": council.slug,
            "gss_code": council.gss_code,
            "url": _absolute(request, council.get_absolute_url()),
        },
        "co_owners": [
            {
                "name": link.council.name,
                "slug": link.council.slug,
                "gss_code": link.council.gss_code,
                "url": _absolute(request, link.council.get_absolute_url()),
                "role": link.role,
            }
            for link in strategy.co_ownerships.all()
        ],
        "title": strategy.title,
        "slug": strategy.slug,
        "kind": strategy.kind,
        "status": strategy.status,
        "start_year": strategy.start_year,
        "end_year": strategy.end_year,
        "period_start": _date(period.start),
        "period_end": _date(period.end),
        "summary": strategy.summary,
        "vision": strategy.vision,
        "document_url": strategy.document_url,
        "predecessor_id": strategy.predecessor_id
        if strategy.predecessor and strategy.predecessor.is_public
        else None,
        "successor_ids": [successor.pk for successor in strategy.public_successors],
        "related_plans": _related_plans(strategy, request),
        "period_elapsed_percent": period.elapsed_percent,
        "delivered_percent": rollup.delivered_percent,
        "rating_counts": rollup.counts,
        "principles": [
            {"title": principle.title, "description": principle.description}
            for principle in strategy.principles.all()
        ],
        "partners": [
            {
                "name": link.partner.name,
                "sector": link.partner.sector,
                "role": link.role,
            }
            for link in strategy.partnerships.all()
        ],
        "board": _board(strategy),
        "decisions": [
            {
                "body": decision.body,
                "meeting_date": _date(decision.meeting_date),
                "is_key_decision": decision.is_key_decision,
                "portfolio_holder": decision.portfolio_holder,
                "senior_officer": decision.senior_officer,
                "recommendations": decision.recommendations,
                "reasons": decision.reasons,
                "alternatives_rejected": decision.alternatives_rejected,
                "conflicts_of_interest": decision.conflicts_of_interest,
                "dispensations": decision.dispensations,
                "call_in_deadline": _date(decision.call_in_deadline),
                "url": decision.url,
            }
            for decision in strategy.decisions.all()
        ],
        "engagements": [
            {
                "audience": engagement.audience,
                "method": engagement.method,
                "start_date": _date(engagement.start_date),
                "end_date": _date(engagement.end_date),
                "participants": engagement.participants,
                "what_they_said": engagement.what_they_said,
                "what_changed": engagement.what_changed,
            }
            for engagement in strategy.engagements.all()
        ],
        "aims": [
            {
                "id": aim.pk,
                "title": aim.title,
                "description": aim.description,
                "rating_counts": aim.rollup.counts,
                "objectives": [
                    {
                        "id": objective.pk,
                        "title": objective.title,
                        "description": objective.description,
                        "lead": objective.lead,
                        "latest_rating": _rating(objective),
                        "indicators": [
                            _indicator(indicator, strategy, request, today)
                            for indicator in objective.indicators.all()
                        ],
                    }
                    for objective in aim.objectives.all()
                ],
            }
            for aim in strategy.aims.all()
        ],
        "programmes": [
            {
                "id": programme.pk,
                "title": programme.title,
                "description": programme.description,
                "lead_partner": programme.lead_partner.name if programme.lead_partner else None,
                "delivery_year": programme.delivery_year,
                "funding_source": programme.funding_source,
                "funding_amount": number(programme.funding_amount),
                "status": programme.status,
                "objective_ids": [link.objective_id for link in programme.objective_links.all()],
                "milestones": [
                    {
                        "title": milestone.title,
                        "due_on": _date(milestone.due_on),
                        "completed_on": _date(milestone.completed_on),
                    }
                    for milestone in programme.milestones.all()
                ],
                "latest_rating": _rating(programme),
            }
            for programme in strategy.programmes.all()
        ],
    }


#: CSV columns with what each means, shown on the open data page. RECORD_TYPES says which
#: columns each kind of row fills.
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
        "asked; the title of the objective a programme serves.",
    ),
    ("description", "Longer description, as the council wrote it. Strategies: the summary."),
    ("vision", "Strategies: the vision statement, in full."),
    (
        "kind",
        f"Strategies: {_codes(StrategyKind.values)}. Partners: their sector "
        f"({_codes(PartnerSector.values)}). Board members: what they represent "
        f"({_codes(Representation.values)}). Decisions: the body that made them "
        f"({_codes(DecisionBody.values)}). Engagements: the method "
        f"({_codes(EngagementMethod.values)}). Related strategies: how they relate "
        f"({_codes(RELATIONS)}; see related_plans[].relation under JSON fields).",
    ),
    (
        "status",
        f"Strategies: {_codes(PUBLIC_STATUSES)}. Measurements: {_codes(MeasurementStatus.values)}. "
        f"Programmes: {_codes(ProgrammeStatus.values)}. Milestones: done or due.",
    ),
    ("lead", "Who leads an objective (a role), or the lead partner of a programme."),
    (
        "organisation",
        "Strategies: the lead council. Related strategies: their lead council. Board members: the "
        "organisation they come from.",
    ),
    ("role", "Co-owning councils and partners: their part in the strategy."),
    ("gss_code", "Strategies: the lead council's GSS code. Co-owning councils: theirs."),
    (
        "url",
        "The page on this site for the strategy, an indicator, a co-owning council or a related "
        "strategy; for decisions, the record on the council's website.",
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
        f"({_codes(Rating.values)}). Empty when none has been signed off.",
    ),
    ("rating_period_start", "First day of the quarter that rating covers."),
    ("rating_period_end", "Last day of the quarter that rating covers."),
    ("rating_commentary", "What the signed-off update said about that quarter."),
    ("unit", "For indicators: the unit values are in. Percentages are 0 to 100."),
    ("decimal_places", "For indicators: how many decimal places the page shows values to."),
    ("polarity", f"For indicators: {_codes(Polarity.values)}."),
    ("frequency", f"For indicators: {_codes(Frequency.values)}."),
    (
        "year_type",
        f"For indicators: {_codes(YearType.values)}: financial years run April to March, "
        "academic years September to August.",
    ),
    ("source", "For indicators: where the figures come from, as the council states it."),
    ("source_url", "For indicators: a link to that source."),
    (
        "date",
        "Measurements: last day of the period measured. Targets: the date it should be met "
        "by. Indicators: the baseline date. Milestones: the due date. Decisions: the meeting date.",
    ),
    (
        "value",
        "Measurements, targets and indicator baselines: the number. Empty when suppressed "
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
    ("funding_amount", "Programmes: the funding in pounds. Empty when not known."),
    ("note", "Measurements: the council's note. Milestones: the completion date."),
    ("is_key_decision", "Decisions: true or false."),
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
]

_RATING_COLUMNS = ("rating", "rating_period_start", "rating_period_end", "rating_commentary")
_INDICATOR_IDS = ("aim_id", "objective_id", "indicator_id")

#: Each kind of CSV row: what it is and the columns it fills (record_type is always filled).
RECORD_TYPES = [
    (
        "strategy",
        "The strategy itself; always the first row.",
        (
            "id",
            "title",
            "description",
            "vision",
            "kind",
            "status",
            "organisation",
            "gss_code",
            "url",
            "document_url",
            "start_year",
            "end_year",
            "start_date",
            "end_date",
        ),
    ),
    ("co_owner", "A council that co-owns the strategy.", ("title", "role", "gss_code", "url")),
    ("principle", "One of the strategy's principles or values.", ("title", "description")),
    ("aim", "An aim of the strategy.", ("id", "aim_id", "title", "description")),
    (
        "objective",
        "An objective under an aim, with its latest signed-off rating.",
        ("id", "aim_id", "objective_id", "title", "description", "lead", *_RATING_COLUMNS),
    ),
    (
        "indicator",
        "How an objective is measured: its baseline, source and when the next figure is due.",
        (
            "id",
            *_INDICATOR_IDS,
            "title",
            "description",
            "url",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "year_type",
            "source",
            "source_url",
            "date",
            "value",
            "last_updated",
            "next_period_end",
            "next_due_on",
            "out_of_date_since",
        ),
    ),
    ("target", "A target for an indicator.", (*_INDICATOR_IDS, "date", "value")),
    (
        "measurement",
        "A figure for an indicator.",
        (*_INDICATOR_IDS, "date", "value", "status", "note"),
    ),
    (
        "programme",
        "A priority programme, with its latest signed-off rating.",
        (
            "id",
            "programme_id",
            "title",
            "description",
            "lead",
            "status",
            "delivery_year",
            "funding_source",
            "funding_amount",
            *_RATING_COLUMNS,
        ),
    ),
    (
        "programme_objective",
        "An objective a programme serves.",
        ("programme_id", "objective_id", "title"),
    ),
    ("milestone", "A programme milestone.", ("programme_id", "title", "date", "status", "note")),
    ("partner", "An organisation in the partnership.", ("title", "kind", "role")),
    ("board", "The board that oversees delivery.", ("title", "description")),
    ("board_member", "A current member of that board.", ("title", "kind", "organisation")),
    (
        "decision",
        "The decision that approved the strategy.",
        (
            "kind",
            "date",
            "is_key_decision",
            "portfolio_holder",
            "senior_officer",
            "recommendations",
            "reasons",
            "alternatives_rejected",
            "conflicts_of_interest",
            "dispensations",
            "call_in_deadline",
            "url",
        ),
    ),
    (
        "engagement",
        "Consultation or engagement that shaped the strategy.",
        (
            "title",
            "kind",
            "start_date",
            "end_date",
            "participants",
            "what_they_said",
            "what_changed",
        ),
    ),
    (
        "related",
        "A related public strategy: the one it replaces, those replacing it, and the golden "
        "thread to plans above and below it.",
        ("id", "kind", "title", "organisation", "start_year", "end_year", "url"),
    ),
]

# Spreadsheet programs run a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    value = value or ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value):
    """Every text cell is protected, whoever typed it; numbers stay numbers (a negative figure
    is not a formula)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _text(value)
    return value


def csv_rows(data):
    """The nested strategy data as flat rows, one per record, in the page's order."""
    blank = dict.fromkeys(name for name, _ in CSV_COLUMNS)

    def row(**values):
        return {**blank, **{key: _cell(value) for key, value in values.items()}}

    def rating(subject):
        latest = subject["latest_rating"] or {}
        return {
            "rating": latest.get("rating"),
            "rating_period_start": latest.get("period_start"),
            "rating_period_end": latest.get("period_end"),
            "rating_commentary": latest.get("commentary"),
        }

    yield row(
        record_type="strategy",
        id=data["id"],
        title=data["title"],
        description=data["summary"],
        vision=data["vision"],
        kind=data["kind"],
        status=data["status"],
        organisation=data["council"]["name"],
        gss_code=data["council"]["gss_code"],
        url=data["url"],
        document_url=data["document_url"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        start_date=data["period_start"],
        end_date=data["period_end"],
    )
    for owner in data["co_owners"]:
        yield row(
            record_type="co_owner",
            title=owner["name"],
            role=owner["role"],
            gss_code=owner["gss_code"],
            url=owner["url"],
        )
    for principle in data["principles"]:
        yield row(
            record_type="principle", title=principle["title"], description=principle["description"]
        )
    yield from _aim_rows(data, row, rating)
    objective_titles = _objective_titles(data)
    for programme in data["programmes"]:
        yield row(
            record_type="programme",
            id=programme["id"],
            programme_id=programme["id"],
            title=programme["title"],
            description=programme["description"],
            lead=programme["lead_partner"],
            status=programme["status"],
            delivery_year=programme["delivery_year"],
            funding_source=programme["funding_source"],
            funding_amount=programme["funding_amount"],
            **rating(programme),
        )
        for objective_id in programme["objective_ids"]:
            yield row(
                record_type="programme_objective",
                programme_id=programme["id"],
                objective_id=objective_id,
                title=objective_titles.get(objective_id),
            )
        for milestone in programme["milestones"]:
            yield row(
                record_type="milestone",
                programme_id=programme["id"],
                title=milestone["title"],
                date=milestone["due_on"],
                status="done" if milestone["completed_on"] else "due",
                note=milestone["completed_on"],
            )
    for partner in data["partners"]:
        yield row(
            record_type="partner",
            title=partner["name"],
            kind=partner["sector"],
            role=partner["role"],
        )
    if data["board"] is not None:
        board = data["board"]
        yield row(record_type="board", title=board["name"], description=board["description"])
        for member in board["members"]:
            yield row(
                record_type="board_member",
                title=member["name"],
                kind=member["representation"],
                organisation=member["organisation"],
            )
    for decision in data["decisions"]:
        yield row(
            record_type="decision",
            kind=decision["body"],
            date=decision["meeting_date"],
            url=decision["url"],
            **{
                key: decision[key]
                for key in (
                    "is_key_decision",
                    "portfolio_holder",
                    "senior_officer",
                    "recommendations",
                    "reasons",
                    "alternatives_rejected",
                    "conflicts_of_interest",
                    "dispensations",
                    "call_in_deadline",
                )
            },
        )
    for engagement in data["engagements"]:
        yield row(
            record_type="engagement",
            title=engagement["audience"],
            kind=engagement["method"],
            start_date=engagement["start_date"],
            end_date=engagement["end_date"],
            participants=engagement["participants"],
            what_they_said=engagement["what_they_said"],
            what_changed=engagement["what_changed"],
        )
    for plan in data["related_plans"]:
        yield row(
            record_type="related",
            id=plan["id"],
            kind=plan["relation"],
            title=plan["title"],
            organisation=plan["council"],
            start_year=plan["start_year"],
            end_year=plan["end_year"],
            url=plan["url"],
        )


def _objective_titles(data):
    return {
        objective["id"]: objective["title"]
        for aim in data["aims"]
        for objective in aim["objectives"]
    }


def _aim_rows(data, row, rating):
    for aim in data["aims"]:
        yield row(
            record_type="aim",
            id=aim["id"],
            aim_id=aim["id"],
            title=aim["title"],
            description=aim["description"],
        )
        for objective in aim["objectives"]:
            yield row(
                record_type="objective",
                id=objective["id"],
                aim_id=aim["id"],
                objective_id=objective["id"],
                title=objective["title"],
                description=objective["description"],
                lead=objective["lead"],
                **rating(objective),
            )
            for indicator in objective["indicators"]:
                ids = {
                    "aim_id": aim["id"],
                    "objective_id": objective["id"],
                    "indicator_id": indicator["id"],
                }
                provenance = indicator["provenance"] or {}
                yield row(
                    record_type="indicator",
                    id=indicator["id"],
                    **ids,
                    title=indicator["title"],
                    description=indicator["description"],
                    url=indicator["url"],
                    unit=indicator["unit"],
                    decimal_places=indicator["decimal_places"],
                    polarity=indicator["polarity"],
                    frequency=indicator["frequency"],
                    year_type=indicator["year_type"],
                    source=indicator["source"],
                    source_url=indicator["source_url"],
                    date=indicator["baseline_date"],
                    value=indicator["baseline_value"],
                    last_updated=provenance.get("last_updated"),
                    next_period_end=provenance.get("next_period_end"),
                    next_due_on=provenance.get("next_due_on"),
                    out_of_date_since=provenance.get("out_of_date_since"),
                )
                for target in indicator["targets"]:
                    yield row(
                        record_type="target", **ids, date=target["date"], value=target["value"]
                    )
                for measurement in indicator["measurements"]:
                    yield row(
                        record_type="measurement",
                        **ids,
                        date=measurement["period_end"],
                        value=measurement["value"],
                        status=measurement["status"],
                        note=measurement["note"],
                    )


def _public_strategy(council, slug):
    """Only public strategies, whoever asks: a download never carries a draft."""
    try:
        return with_whole_strategy(Strategy.objects.public()).get(
            lead_council__slug=council, slug=slug
        )
    except Strategy.DoesNotExist:
        raise Http404("No public strategy at this address.") from None


def _generated_at():
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@require_safe
def strategy_json(request, council, slug):
    strategy = _public_strategy(council, slug)
    payload = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        # "Out of date" and the shares of the period depend on the day; say which day.
        "generated_at": _generated_at(),
        **strategy_data(strategy, request),
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def strategy_csv(request, council, slug):
    strategy = _public_strategy(council, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council}-{slug}.csv"'
    # A byte order mark so Excel reads the file as UTF-8.
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=[name for name, _ in CSV_COLUMNS])
    writer.writeheader()
    writer.writerows(csv_rows(strategy_data(strategy, request)))
    return response


@require_safe
def all_json(request):
    strategies = with_whole_strategy(Strategy.objects.public())
    today = periods.today_in_london()
    payload = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": _generated_at(),
        "strategies": [strategy_data(strategy, request, today) for strategy in strategies],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="strategy-tracker.json"'
    return response


_RATING_FIELDS = [
    ("", "The latest rating a board signed off, or null when none has been."),
    (".rating", f"{_codes(Rating.values)}."),
    (".period_start", "First day of the quarter the rating covers."),
    (".period_end", "Last day of that quarter."),
    (".commentary", "What the signed-off update said about that quarter."),
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
            ("co_owners", "Other councils that own the strategy with the lead council."),
            ("co_owners[].name", "The council's name."),
            ("co_owners[].slug", "Its short name in web addresses."),
            ("co_owners[].gss_code", "Its GSS code."),
            ("co_owners[].url", "Its page on this site."),
            ("co_owners[].role", "What it does in the strategy; empty when nothing special."),
            ("title", "The strategy's title."),
            ("slug", "Its short name within the council, used in its address."),
            ("kind", f"{_codes(StrategyKind.values)}."),
            (
                "status",
                f"{_codes(PUBLIC_STATUSES)}; consultation is a draft out for consultation.",
            ),
            ("start_year", "The first year of the period."),
            ("end_year", "The last year of the period."),
            ("period_start", "The period read as financial years: 1 April of the start year."),
            (
                "period_end",
                "31 March of the end year (of the following year for a one-year plan).",
            ),
            ("summary", "One paragraph about the strategy."),
            ("vision", "The vision statement, in full."),
            ("document_url", "Where the full document is published."),
            ("predecessor_id", "The public strategy this one replaced, or null."),
            ("successor_ids", "The public strategies that replaced this one."),
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
                "How it relates, read from this strategy: replaces, replaced_by, part_of (this "
                "delivers part of it), includes (it delivers part of this), delivered_by (this is "
                "delivered through it), delivers (it is delivered through this) or related.",
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
                "The share of objectives and programmes whose latest signed-off rating is "
                "complete or on_track, 0 to 100; anything not yet rated counts as not delivering. "
                "null when there are none.",
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
                f"{_codes(PartnerSector.values)}.",
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
                f"{_codes(Representation.values)}.",
            ),
            ("board.members[].organisation", "The organisation they come from."),
        ],
    ),
    (
        "Decisions",
        [
            ("decisions", "The decisions that approved the strategy."),
            ("decisions[].body", f"Who decided: {_codes(DecisionBody.values)}."),
            ("decisions[].meeting_date", "The date of the meeting."),
            ("decisions[].is_key_decision", "true for a key decision."),
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
            ("engagements[].method", f"How: {_codes(EngagementMethod.values)}."),
            ("engagements[].start_date", "When it began."),
            ("engagements[].end_date", "When it ended."),
            ("engagements[].participants", "How many took part; null when not known."),
            ("engagements[].what_they_said", "What people said."),
            ("engagements[].what_changed", "What the strategy changed as a result."),
        ],
    ),
    (
        "Aims and objectives",
        [
            ("aims", "The strategy's aims, in order."),
            ("aims[].id", "The aim's number."),
            ("aims[].title", "The aim."),
            ("aims[].description", "What it means, if the council said."),
            *_prefixed("aims[].rating_counts", _rollup_fields("the aim's objectives")),
            ("aims[].objectives", "The aim's objectives, in order."),
            ("aims[].objectives[].id", "The objective's number."),
            ("aims[].objectives[].title", "The objective."),
            ("aims[].objectives[].description", "What it means, if the council said."),
            ("aims[].objectives[].lead", "Who leads it (a role)."),
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
                ("polarity", f"{_codes(Polarity.values)}."),
                ("frequency", f"{_codes(Frequency.values)}."),
                ("year_type", f"{_codes(YearType.values)}: how annual periods are named."),
                ("baseline_value", "The starting figure, or null."),
                ("baseline_date", "When the baseline was measured."),
                ("source", "Where the figures come from."),
                ("source_url", "A link to that source."),
                ("targets", "Targets, earliest first."),
                ("targets[].date", "The date the target should be met by."),
                ("targets[].value", "The target figure."),
                ("measurements", "Every figure, earliest first."),
                ("measurements[].period_end", "The last day of the period measured."),
                ("measurements[].period", "That period in words, as the page names it."),
                (
                    "measurements[].value",
                    "The figure; null when suppressed or not available.",
                ),
                (
                    "measurements[].status",
                    f"{_codes(MeasurementStatus.values)}.",
                ),
                ("measurements[].note", "The council's note."),
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
            ("programmes[].funding_source", "Where the money comes from."),
            ("programmes[].funding_amount", "The funding in pounds, or null when not known."),
            ("programmes[].status", f"{_codes(ProgrammeStatus.values)}."),
            ("programmes[].objective_ids", "The objectives it serves (aims[].objectives[].id)."),
            ("programmes[].milestones", "Its milestones, earliest due first."),
            ("programmes[].milestones[].title", "The milestone."),
            ("programmes[].milestones[].due_on", "When it is due, or null."),
            ("programmes[].milestones[].completed_on", "When it was done, or null if not yet."),
            *_prefixed("programmes[].latest_rating", _RATING_FIELDS),
        ],
    ),
]

#: Every documented JSON path, for tests and anyone reading the code.
JSON_FIELDS = [field for _, fields in JSON_SECTIONS for field in fields]


class DataView(TemplateView):
    template_name = "public/data.html"

    def get_context_data(self, **kwargs):
        example = Strategy.objects.public().select_related("lead_council").first()
        columns = dict(CSV_COLUMNS)
        return super().get_context_data(
            csv_columns=CSV_COLUMNS,
            record_types=[
                (name, meaning, [column for column in columns if column in used])
                for name, meaning, used in RECORD_TYPES
            ],
            json_sections=JSON_SECTIONS,
            example=example,
            all_url=reverse("public:data_all"),
            licence=LICENCE,
            licence_url=LICENCE_URL,
            **kwargs,
        )
