"""A public strategy as plain data: the JSON download, and what the CSV rows are made from, so the
two cannot disagree about what is public. Only public facts, only signed-off progress; numbers
are written as numbers, and a suppressed or unavailable measurement has an empty value and says
why in its status."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from councils.models import SUB_JUDGEMENTS
from outcomes import periods
from outcomes.models import NationalFigure, part_url
from outcomes.provenance import Provenance, period_label
from outcomes.queries import StrategyPeriod, replaced_and_proposed, rollup_strategy

from .codes import INVERSE_RELATIONS


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
        "demonstration": bool(subject.latest_rating_demonstration),
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


def _part_url(name, strategy, pk, request):
    """An aim's, objective's or indicator's own page (its strategy is already fetched)."""
    return _absolute(request, part_url(name, strategy, pk))


def _national(national):
    if national is None:
        return None
    return {
        "slug": national.slug,
        "name": national.name,
        "description": national.description,
        "unit": national.unit_label,
        "decimal_places": national.decimal_places,
        "polarity": national.polarity,
        "frequency": national.frequency,
        "year_type": national.year_type,
        "source": national.source,
        "source_url": national.source_url,
        "framework_outcome": national.framework_outcome,
        "framework_theme": national.framework_theme,
        "framework_metric": national.framework_metric,
    }


def _comparison_figures(indicator, council):
    """England's, the council's and its neighbours' published figures for the national indicator
    the indicator adopts, from the prefetched rows, as its page compares them."""
    national = indicator.national_indicator
    if national is None:
        return []
    areas = [("England", NationalFigure.ENGLAND_CODE, national.england_figures)]
    for area in [council, *(link.neighbour for link in council.neighbour_links.all())]:
        figures = [f for f in area.national_figures.all() if f.national_indicator_id == national.pk]
        areas.append((area.name, area.gss_code, figures))
    return [
        {
            "area": name,
            "area_code": code,
            "period_end": _date(figure.period_end),
            "period": period_label(figure.period_end, national.frequency, national.year_type),
            "value": number(figure.value),
            "status": figure.status,
            "source": figure.source,
            "source_url": figure.source_url,
            "demonstration": figure.demonstration,
        }
        for name, code, figures in areas
        for figure in figures
    ]


def _indicator(indicator, strategy, request, today):
    return {
        "id": indicator.pk,
        "url": _part_url("public:indicator", strategy, indicator.pk, request),
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
            {
                "date": _date(target.date),
                "value": number(target.value),
                "demonstration": indicator.demonstration,
            }
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
                "demonstration": indicator.demonstration,
            }
            for measurement in indicator.measurements.all()
        ],
        "provenance": _provenance(indicator, today),
        "demonstration": indicator.demonstration,
        "national_indicator": _national(indicator.national_indicator),
        "comparison_figures": _comparison_figures(indicator, strategy.lead_council),
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
                "demonstration": member.demonstration,
            }
            for member in board.current_members
        ],
    }


def _council_ref(council, role, request):
    """A council that shares in a strategy or programme, and its part in it."""
    return {
        "name": council.name,
        "slug": council.slug,
        "gss_code": council.gss_code,
        "url": _absolute(request, council.get_absolute_url()),
        "role": role,
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


def _related_plans(strategy, request):
    """The "Related plans" list of the page, public strategies only, in the page's order."""
    plans = []
    if strategy.predecessor is not None and strategy.predecessor.is_public:
        plans.append({"relation": "replaces", **_strategy_ref(strategy.predecessor, request)})
    replaced_by, proposed = replaced_and_proposed(strategy)
    for successor in replaced_by:
        plans.append({"relation": "replaced_by", **_strategy_ref(successor, request)})
    for successor in proposed:
        plans.append({"relation": "to_be_replaced_by", **_strategy_ref(successor, request)})
    for link in strategy.public_relations_out:
        plans.append({"relation": link.kind, **_strategy_ref(link.to_strategy, request)})
    for link in strategy.public_relations_in:
        plans.append(
            {
                "relation": INVERSE_RELATIONS[link.kind],
                **_strategy_ref(link.from_strategy, request),
            }
        )
    return plans


JUDGEMENT_FIELDS = ("overall_effectiveness", *(name for name, _ in SUB_JUDGEMENTS))


def _inspection(inspection):
    return {
        "published_on": _date(inspection.published_on),
        "visit_start": _date(inspection.visit_start),
        "visit_end": _date(inspection.visit_end),
        "framework": inspection.framework,
        "inspection_type": inspection.inspection_type,
        # A judgement the report does not give is null, not an empty word.
        **{name: getattr(inspection, name) or None for name in JUDGEMENT_FIELDS},
        "url": inspection.url,
        "source": inspection.source,
    }


def _neighbours(council, request):
    return [
        {
            "name": link.neighbour.name,
            "gss_code": link.neighbour.gss_code,
            "url": _absolute(request, link.neighbour.get_absolute_url()),
        }
        for link in council.neighbour_links.all()
    ]


def _themes(part):
    return [theme.slug for theme in part.themes.all()]


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
            "inspections": [_inspection(i) for i in council.inspections.all()],
            "statistical_neighbours": _neighbours(council, request),
        },
        "co_owners": [
            _council_ref(link.council, link.role, request) for link in strategy.co_ownerships.all()
        ],
        "title": strategy.title,
        "slug": strategy.slug,
        "kind": strategy.kind,
        # An ended strategy reads "ended" here as on every page, never "published".
        "status": "ended" if strategy.has_ended(today) else strategy.status,
        "start_year": strategy.start_year,
        "end_year": strategy.end_year,
        "ended": strategy.has_ended(today),
        "period_start": _date(period.start),
        "period_end": _date(period.end),
        "summary": strategy.summary,
        "vision": strategy.vision,
        "document_url": strategy.document_url,
        "demonstration": strategy.demonstration,
        "predecessor_id": strategy.predecessor_id
        if strategy.predecessor and strategy.predecessor.is_public
        else None,
        "successor_ids": [successor.pk for successor in replaced_and_proposed(strategy)[0]],
        "related_plans": _related_plans(strategy, request),
        "period_elapsed_percent": period.elapsed_percent,
        "delivered_percent": rollup.delivered_percent,
        "rated_count": rollup.rated,
        "unrated_count": rollup.unrated,
        "ratings_period_start": _date(rollup.period_start),
        "ratings_signed_off_on": _date(rollup.signed_off_on),
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
                "key_decision": decision.key_decision,
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
                "demonstration": engagement.demonstration,
            }
            for engagement in strategy.engagements.all()
        ],
        "aims": [
            {
                "id": aim.pk,
                "url": _part_url("public:aim", strategy, aim.pk, request),
                "title": aim.title,
                "description": aim.description,
                "themes": _themes(aim),
                "rating_counts": aim.rollup.counts,
                "objectives": [
                    {
                        "id": objective.pk,
                        "url": _part_url("public:objective", strategy, objective.pk, request),
                        "title": objective.title,
                        "description": objective.description,
                        "lead": objective.lead,
                        "themes": _themes(objective),
                        "demonstration": objective.demonstration,
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
                "funding_kind": programme.funding_kind,
                "funding_amount": number(programme.funding_amount),
                "funding_amount_max": number(programme.funding_amount_max),
                "councils": [
                    _council_ref(link.council, link.role, request)
                    for link in programme.council_links.all()
                ],
                "status": programme.status,
                "objective_ids": [link.objective_id for link in programme.objective_links.all()],
                "milestones": [
                    {
                        "title": milestone.title,
                        "due_on": _date(milestone.due_on),
                        "completed_on": _date(milestone.completed_on),
                        "demonstration": milestone.demonstration,
                    }
                    for milestone in programme.milestones.all()
                ],
                "latest_rating": _rating(programme),
            }
            for programme in strategy.programmes.all()
        ],
    }
