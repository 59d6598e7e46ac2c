"""The three kinds of sheet: objectives, measurements and progress updates. Each names its
columns, plans a row, saves a planned row and writes its records back out.

Which record a row means:

- objectives: the strategy and the objective's title (capital letters and spacing aside). A title
  the strategy does not have yet creates a new objective; renaming one in the sheet therefore
  creates a new objective rather than renaming the old one.
- measurements: the indicator (by title within the strategy) and the period end date.
- progress updates: the objective or programme (by title within the strategy) and the quarter.
"""

import re
from dataclasses import dataclass

from ..models import Measurement, MeasurementStatus, Objective, ProgressUpdate, Rating
from .cells import (
    parse_choice,
    parse_date,
    parse_decimal,
    parse_quarter,
    parse_whole_number,
    plain_decimal,
    title_key,
)
from .planning import StrategyIndex, apply_changes, one_by_title, validate_instance


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


COUNCIL_HELP = "The council’s short name, as in its web address: wyvern-vale."
STRATEGY_HELP = "The strategy’s short name, as in its web address within the council."


class ObjectiveSheet:
    kind = "objectives"
    model = Objective
    title = "objectives"
    columns = [
        Column("council", True, COUNCIL_HELP),
        Column("strategy", True, STRATEGY_HELP),
        Column(
            "aim",
            True,
            "The aim’s title. A whole number is read as the aim’s order if no aim has that title. Aims are added in the admin, not by import.",
        ),
        Column(
            "order",
            False,
            "A whole number; lower numbers come first. Empty keeps the current order (0 for a new objective).",
        ),
        Column(
            "title",
            True,
            "The objective’s title. With the strategy it identifies the objective: a title the strategy does not have yet creates a new objective.",
        ),
        Column("description", False, "Shown on the public strategy page."),
        Column("lead", False, "Who leads the objective: a role, not a person’s name."),
    ]

    @staticmethod
    def plan(row, lookups):
        plan = row.plan
        strategy = lookups.strategy(row)
        aim_text = row.text("aim", required="enter the aim’s title")
        title = row.text("title", required="enter the objective’s title", max_length=255)
        order = row.parse("order", parse_whole_number)
        desired = {}
        if row.has("description"):
            desired["description"] = row.text("description")
        if row.has("lead"):
            desired["lead"] = row.text("lead", max_length=200)
        if strategy is None:
            return plan
        index = lookups.index(strategy)
        aim = _find_aim(row, index, aim_text) if aim_text else None
        if not title:
            return plan
        earlier = lookups.first_seen(("objective", strategy.pk, title_key(title)), row.number)
        if earlier:
            plan.error("title", f"row {earlier} already has an objective with this title")
        found = StrategyIndex.matching(index.objectives, title)
        if len(found) > 1:
            plan.error(
                "title",
                f"the strategy has {len(found)} objectives called ‘{title}’; give them different titles in the admin first",
            )
        if aim is None or plan.errors:
            return plan
        plan.summary = f"{title} (aim: {aim.title})"
        if found:
            objective = found[0]
            plan.action = "update"
        else:
            objective = Objective(aim=aim, order=order or 0)
            plan.action = "create"
        desired = {"title": title, **desired}
        if order is not None:
            desired["order"] = order
        if objective.aim_id != aim.pk:
            plan.changes.append(f"aim: {objective.aim.title} → {aim.title}")
            objective.aim = aim
        apply_changes(plan, objective, desired)
        if plan.action == "update" and not plan.changes:
            plan.action = "unchanged"
        if plan.action == "create":
            plan.changes = []
        validate_instance(plan, objective, {}, exclude=["aim"])
        plan.instance = objective
        return plan

    @staticmethod
    def save(plan, user):
        plan.instance.save()

    @staticmethod
    def export_rows(queryset):
        for objective in queryset.select_related("aim__strategy__lead_council"):
            strategy = objective.aim.strategy
            yield [
                strategy.lead_council.slug,
                strategy.slug,
                objective.aim.title,
                objective.order,
                objective.title,
                objective.description,
                objective.lead,
            ]


def _find_aim(row, index, text):
    found = StrategyIndex.matching(index.aims, text)
    if not found and re.fullmatch(r"\d+", text):
        found = [aim for aim in index.aims if aim.order == int(text)]
    if len(found) > 1:
        row.plan.error(
            "aim",
            f"the strategy has {len(found)} aims matching ‘{text}’; use the aim’s title, and make titles different in the admin",
        )
        return None
    if not found:
        titles = "; ".join(aim.title for aim in index.aims[:8]) or "none yet"
        row.plan.error("aim", f"the strategy has no aim called ‘{text}’ (its aims: {titles})")
        return None
    return found[0]


class MeasurementSheet:
    kind = "measurements"
    model = Measurement
    title = "measurements"
    columns = [
        Column("council", True, COUNCIL_HELP),
        Column("strategy", True, STRATEGY_HELP),
        Column(
            "indicator",
            True,
            "The indicator’s title as in the admin (capital letters do not matter). Titles must be different within a strategy.",
        ),
        Column(
            "period_end",
            True,
            "The last day of the period the figure describes: 2026-06-30 or 30/06/2026. With the indicator it identifies the measurement: a new date adds one, an existing date replaces that figure.",
        ),
        Column(
            "value",
            True,
            "A number, like 42.5, as published. Percentages are 0 to 100, not 0 to 1. Leave empty only when the status is suppressed or not_available.",
        ),
        Column(
            "status",
            False,
            "final, provisional, revised, suppressed or not_available. Empty means final.",
        ),
        Column("note", False, "Up to 255 characters shown beside the figure."),
    ]

    @staticmethod
    def plan(row, lookups):
        plan = row.plan
        strategy = lookups.strategy(row)
        indicator_title = row.text("indicator", required="enter the indicator’s title")
        period_end = row.parse(
            "period_end", parse_date, required="enter the last day of the period, like 2026-06-30"
        )
        value = row.parse("value", parse_decimal)
        status = (
            row.parse("status", lambda raw: parse_choice(raw, MeasurementStatus, what="status"))
            or MeasurementStatus.FINAL
        )
        desired = {"value": value, "status": status}
        if row.has("note"):
            desired["note"] = row.text("note", max_length=255)
        if strategy is None or not indicator_title:
            return plan
        indicator = one_by_title(
            row, "indicator", lookups.index(strategy).indicators, indicator_title, "indicator"
        )
        if indicator is None or period_end is None:
            return plan
        if value is not None and "%" in indicator.unit_label and not 0 <= value <= 100:
            plan.error("value", "a percentage must be from 0 to 100")
        earlier = lookups.first_seen(("measurement", indicator.pk, period_end), row.number)
        if earlier:
            plan.error(
                "period_end", f"row {earlier} already has a figure for this indicator and date"
            )
        if plan.errors:
            return plan
        existing = lookups.index(strategy).measurement(indicator, period_end)
        measurement = existing or Measurement(indicator=indicator, period_end=period_end)
        plan.action = "update" if existing else "create"
        apply_changes(plan, measurement, desired)
        if existing and not plan.changes:
            plan.action = "unchanged"
        if not existing:
            plan.changes = []
        shown = plain_decimal(value) if value is not None else measurement.get_status_display()
        plan.summary = f"{indicator.title}, {period_end:%-d %b %Y}: {shown}"
        validate_instance(plan, measurement, {}, exclude=["indicator"])
        plan.instance = measurement
        return plan

    @staticmethod
    def save(plan, user):
        plan.instance.save()

    @staticmethod
    def export_rows(queryset):
        for measurement in queryset.select_related(
            "indicator__objective__aim__strategy__lead_council"
        ):
            strategy = measurement.indicator.objective.aim.strategy
            yield [
                strategy.lead_council.slug,
                strategy.slug,
                measurement.indicator.title,
                measurement.period_end,
                measurement.value,
                measurement.status,
                measurement.note,
            ]


class ProgressSheet:
    kind = "progress"
    model = ProgressUpdate
    title = "progress updates"
    columns = [
        Column("council", True, COUNCIL_HELP),
        Column("strategy", True, STRATEGY_HELP),
        Column("objective", False, "The objective’s title. Fill in this or programme, not both."),
        Column("programme", False, "The programme’s title. Fill in this or objective, not both."),
        Column(
            "period",
            True,
            "The financial quarter, like Q1 2026-27 (April to June 2026); Q4 2026-27 is January to March 2027. With the objective or programme it identifies the update.",
        ),
        Column(
            "rating",
            True,
            "not_started, on_track, at_risk, off_track or complete (or the words: On track).",
        ),
        Column("commentary", True, "What happened this period, in plain words."),
        Column(
            "next_steps",
            False,
            "What will be done about it. Required when the rating is at_risk or off_track.",
        ),
    ]

    @staticmethod
    def plan(row, lookups):
        plan = row.plan
        strategy = lookups.strategy(row)
        objective_title = row.text("objective")
        programme_title = row.text("programme")
        quarter = row.parse(
            "period", parse_quarter, required="enter the financial quarter, like Q1 2026-27"
        )
        rating = row.parse(
            "rating",
            lambda raw: parse_choice(raw, Rating, what="rating"),
            required="enter a rating, like on_track",
        )
        desired = {"rating": rating, "commentary": row.text("commentary")}
        if row.has("next_steps"):
            desired["next_steps"] = row.text("next_steps")
        if bool(objective_title) == bool(programme_title):
            plan.error(
                "objective",
                "fill in the objective or the programme, not both"
                if objective_title
                else "fill in the objective or the programme the update is about",
            )
        if strategy is None or plan.errors or quarter is None:
            return plan
        index = lookups.index(strategy)
        if objective_title:
            kind, column = "objective", "objective"
            subject = one_by_title(row, column, index.objectives, objective_title, "objective")
        else:
            kind, column = "programme", "programme"
            subject = one_by_title(row, column, index.programmes, programme_title, "programme")
        if subject is None:
            return plan
        earlier = lookups.first_seen(("progress", kind, subject.pk, quarter.start), row.number)
        if earlier:
            plan.error("period", f"row {earlier} already has an update for this {kind} and quarter")
            return plan
        existing = index.update(kind, subject, quarter.start)
        update = existing or ProgressUpdate(
            **{kind: subject}, period_start=quarter.start, period_end=quarter.end
        )
        plan.action = "update" if existing else "create"
        apply_changes(plan, update, desired, labels={"next_steps": "next steps"})
        plan.summary = f"{subject.title}, {quarter.label}: {Rating(rating).label if rating else ''}"
        if existing and not plan.changes:
            plan.action = "unchanged"
        if not existing:
            plan.changes = []
        if existing and existing.is_signed_off and plan.changes:
            plan.error(
                None,
                f"the {quarter.label} update for ‘{subject.title}’ was signed off at the board "
                f"meeting on {existing.meeting.date:%-d %B %Y}, so it cannot be changed",
            )
            return plan
        validate_instance(
            plan,
            update,
            {"period_start": "period", "period_end": "period", "objective": column},
            exclude=["objective", "programme", "author", "meeting", "signed_off_by"],
        )
        plan.instance = update
        return plan

    @staticmethod
    def save(plan, user):
        update = plan.instance
        update.author = user
        update.carried_forward = False
        update.save()

    @staticmethod
    def export_rows(queryset):
        for update in queryset.select_related(
            "objective__aim__strategy__lead_council", "programme__strategy__lead_council"
        ):
            strategy = update.strategy
            yield [
                strategy.lead_council.slug,
                strategy.slug,
                update.objective.title if update.objective_id else "",
                update.programme.title if update.programme_id else "",
                update.period_label,
                update.rating,
                update.commentary,
                update.next_steps,
            ]


SHEETS = {sheet.kind: sheet for sheet in (ObjectiveSheet, MeasurementSheet, ProgressSheet)}


def sheet_for_model(model):
    for sheet in SHEETS.values():
        if sheet.model is model:
            return sheet
    raise LookupError(f"No spreadsheet import for {model._meta.label}.")
