"""Open data: exactly what the public pages show, as CSV and JSON.

Only public strategies, only signed-off progress. Numbers are written as numbers; a suppressed or
unavailable measurement has an empty value and says why in its status."""

import csv
import datetime as dt
import json
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from outcomes.queries import rollup_strategy, with_whole_strategy

from .models import Strategy

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def number(value):
    """A Decimal as a JSON number: whole numbers as integers, others as floats (values are kept
    within 15 significant digits, which a float holds exactly)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value):
    return value.isoformat() if isinstance(value, dt.date) else None


def _rating(subject):
    if not subject.latest_rating:
        return None
    return {
        "rating": subject.latest_rating,
        "period_start": _date(subject.latest_rating_period_start),
        "period_end": _date(subject.latest_rating_period_end),
        "commentary": subject.latest_rating_commentary,
    }


def _indicator(indicator):
    return {
        "id": indicator.pk,
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
                "value": number(measurement.value),
                "status": measurement.status,
                "note": measurement.note,
            }
            for measurement in indicator.measurements.all()
        ],
    }


def _board(strategy):
    """The overseeing board as the public page shows it: a member's name only where they agreed."""
    board = strategy.board
    if board is None:
        return None
    return {
        "name": board.name,
        "members": [
            {
                "name": member.name if member.show_name_publicly else None,
                "representation": member.representation,
                "organisation": member.organisation,
            }
            for member in board.current_members
        ],
    }


def strategy_data(strategy, request=None):
    """One public strategy as plain data. Expects a strategy from with_whole_strategy()."""
    url = strategy.get_absolute_url()
    rollup = rollup_strategy(strategy)
    return {
        "id": strategy.pk,
        "url": request.build_absolute_uri(url) if request else url,
        "council": {
            "name": strategy.lead_council.name,
            "slug": strategy.lead_council.slug,
            "gss_code": strategy.lead_council.gss_code,
        },
        "title": strategy.title,
        "slug": strategy.slug,
        "kind": strategy.kind,
        "status": strategy.status,
        "start_year": strategy.start_year,
        "end_year": strategy.end_year,
        "summary": strategy.summary,
        "vision": strategy.vision,
        "document_url": strategy.document_url,
        "first_public_at": strategy.first_public_at.isoformat()
        if strategy.first_public_at
        else None,
        "predecessor_id": strategy.predecessor_id
        if strategy.predecessor and strategy.predecessor.is_public
        else None,
        "successor_ids": [successor.pk for successor in strategy.public_successors],
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
                            _indicator(indicator) for indicator in objective.indicators.all()
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
                "start_date": _date(programme.start_date),
                "end_date": _date(programme.end_date),
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


#: CSV columns with what each means, shown on the open data page.
CSV_COLUMNS = [
    (
        "record_type",
        "What the row describes: aim, objective, indicator, target, measurement, "
        "programme or milestone.",
    ),
    ("id", "The record's number, stable over time. Empty for targets and milestones."),
    ("aim_id", "The aim the row belongs to."),
    ("objective_id", "The objective the row belongs to."),
    ("indicator_id", "The indicator the row belongs to."),
    ("programme_id", "The programme the row belongs to."),
    ("title", "The name of the aim, objective, indicator, programme or milestone."),
    ("description", "Longer description, as the council wrote it."),
    ("lead", "Who leads an objective (a role), or the lead partner of a programme."),
    (
        "rating",
        "For objectives and programmes: the latest rating a board signed off "
        "(not_started, on_track, at_risk, off_track, complete). Empty when none has been signed off.",
    ),
    ("rating_period_start", "First day of the quarter that rating covers."),
    ("rating_period_end", "Last day of the quarter that rating covers."),
    ("unit", "For indicators: the unit values are in. Percentages are 0 to 100."),
    ("polarity", "For indicators: higher_better, lower_better or no_judgement."),
    (
        "date",
        "Measurements: last day of the period measured. Targets: the date it should be met "
        "by. Indicators: the baseline date. Milestones: the due date.",
    ),
    (
        "value",
        "Measurements, targets and indicator baselines: the number. Empty when suppressed "
        "or not available.",
    ),
    (
        "status",
        "Measurements: final, provisional, revised, suppressed or not_available. "
        "Programmes: planned, in_progress, paused, complete or stopped. Milestones: done or due.",
    ),
    ("note", "Measurements: the council's note. Milestones: the completion date."),
]

# Spreadsheet programs run a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    value = value or ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_rows(data):
    """The nested strategy data as flat rows, one per record."""
    blank = dict.fromkeys(name for name, _ in CSV_COLUMNS)

    def row(**values):
        for key in ("title", "description", "lead", "note"):
            if key in values:
                values[key] = _text(values[key])
        return {**blank, **values}

    def rating(subject):
        latest = subject["latest_rating"] or {}
        return {
            "rating": latest.get("rating"),
            "rating_period_start": latest.get("period_start"),
            "rating_period_end": latest.get("period_end"),
        }

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
                yield row(
                    record_type="indicator",
                    id=indicator["id"],
                    **ids,
                    title=indicator["title"],
                    description=indicator["description"],
                    unit=indicator["unit"],
                    polarity=indicator["polarity"],
                    date=indicator["baseline_date"],
                    value=indicator["baseline_value"],
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
    for programme in data["programmes"]:
        yield row(
            record_type="programme",
            id=programme["id"],
            programme_id=programme["id"],
            title=programme["title"],
            description=programme["description"],
            lead=programme["lead_partner"],
            status=programme["status"],
            **rating(programme),
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


def _public_strategy(council, slug):
    """Only public strategies, whoever asks: a download never carries a draft."""
    try:
        return with_whole_strategy(Strategy.objects.public()).get(
            lead_council__slug=council, slug=slug
        )
    except Strategy.DoesNotExist:
        raise Http404("No public strategy at this address.") from None


@require_GET
def strategy_json(request, council, slug):
    strategy = _public_strategy(council, slug)
    payload = {"licence": LICENCE, "licence_url": LICENCE_URL, **strategy_data(strategy, request)}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
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


@require_GET
def all_json(request):
    strategies = with_whole_strategy(Strategy.objects.public())
    payload = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "strategies": [strategy_data(strategy, request) for strategy in strategies],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="strategy-tracker.json"'
    return response


class DataView(TemplateView):
    template_name = "strategies/data.html"

    def get_context_data(self, **kwargs):
        example = Strategy.objects.public().select_related("lead_council").first()
        return super().get_context_data(
            csv_columns=CSV_COLUMNS,
            json_fields=JSON_FIELDS,
            example=example,
            all_url=reverse("data_all"),
            licence=LICENCE,
            licence_url=LICENCE_URL,
            **kwargs,
        )


#: JSON keys and their meaning, shown on the open data page.
JSON_FIELDS = [
    ("id, slug, url", "The strategy's number, its short name within the council, and its page."),
    ("council", "The lead council: name, slug and GSS code."),
    ("title, kind, summary, vision, document_url", "As shown on the strategy page."),
    ("status", "consultation (a draft out for consultation), published or archived."),
    (
        "start_year, end_year",
        "The strategy's period, read as financial years: 1 April of the "
        "start year to 31 March of the end year.",
    ),
    ("first_public_at", "When the strategy was first made public."),
    (
        "predecessor_id, successor_ids",
        "The public strategies this one replaced or was replaced by.",
    ),
    (
        "rating_counts",
        "How many objectives and programmes have each latest signed-off rating; "
        "no_rating counts those with none signed off yet. Aims have their own, for objectives only.",
    ),
    ("principles, partners", "The strategy's values, and partner organisations with their role."),
    (
        "board",
        "The board that oversees delivery: its name and current members (representation, "
        "organisation, and a name only where the member agreed to be named; never for young people "
        "unless they agreed). null when no board is recorded.",
    ),
    (
        "decisions[]",
        "The approval decisions: body, meeting_date, is_key_decision, "
        "portfolio_holder, senior_officer, recommendations, reasons, alternatives_rejected, "
        "conflicts_of_interest, dispensations, call_in_deadline and url.",
    ),
    (
        "engagements[]",
        "Consultation and engagement: audience, method, start_date, end_date, "
        "participants (null when not known), what_they_said and what_changed.",
    ),
    (
        "aims[].objectives[]",
        "Each objective with its lead, its latest signed-off rating "
        "(rating, period_start, period_end, commentary, or null) and its indicators.",
    ),
    (
        "indicators[]",
        "unit, decimal_places, polarity, frequency, year_type, baseline_value, "
        "baseline_date, source, source_url, targets (date, value) and measurements (period_end, "
        "value, status, note). value is null when the figure is suppressed or not available.",
    ),
    (
        "programmes[]",
        "Each programme with lead_partner, delivery_year (1 is the strategy's first "
        "year), funding_source, funding_amount in pounds, status, dates, objective_ids, milestones "
        "and its latest signed-off rating.",
    ),
]
