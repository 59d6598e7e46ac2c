"""What importing each row would do: the records a row refers to, looked up once per import, and
the changes it makes, checked by the models' own rules. Nothing here writes."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from councils.models import Council
from strategies.models import Programme, Strategy

from ..models import Aim, Indicator, Measurement, Objective, ProgressUpdate
from .cells import CellError, cell_text, plain_decimal, title_key


@dataclass
class RowPlan:
    """What importing one row would do."""

    number: int
    action: str = ""  # create, update, unchanged or "" when the row has errors
    summary: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    instance: object = None

    def error(self, column, message):
        where = f"Row {self.number}, column ‘{column}’" if column else f"Row {self.number}"
        self.errors.append(f"{where}: {message}")

    @property
    def action_label(self):
        return {"create": "Create", "update": "Update", "unchanged": "No change"}.get(
            self.action, "Error"
        )


@dataclass
class ImportResult:
    kind: str
    rows: list[RowPlan] = field(default_factory=list)
    file_error: str = ""
    committed: bool = False

    @property
    def errors(self) -> list[str]:
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.file_error and bool(self.rows) and not self.errors

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(row.action for row in self.rows if not row.errors)
        return {action: found.get(action, 0) for action in ("create", "update", "unchanged")}

    @property
    def summary(self) -> str:
        counts = self.counts
        return (
            f"{counts['create']} to create, {counts['update']} to update, "
            f"{counts['unchanged']} unchanged"
        )


class Row:
    """One data row, read column by column; problems are recorded on its plan."""

    def __init__(self, number, values, plan):
        self.number = number
        self.values = values
        self.plan = plan

    def has(self, column):
        return column in self.values

    def text(self, column, *, required="", max_length=None):
        text = cell_text(self.values.get(column))
        if required and not text:
            self.plan.error(column, required)
            return None
        if max_length and len(text) > max_length:
            self.plan.error(column, f"use at most {max_length} characters (this has {len(text)})")
            return None
        return text

    def parse(self, column, parser, *, required=""):
        raw = self.values.get(column)
        if cell_text(raw) == "":
            if required:
                self.plan.error(column, required)
            return None
        try:
            return parser(raw)
        except CellError as exc:
            self.plan.error(column, str(exc))
            return None


class Lookups:
    """What rows refer to, fetched once per import rather than once per row."""

    def __init__(self, user):
        self.user = user
        self._councils = {}
        self._strategies = {}
        self._indexes = {}
        self.seen = {}

    def strategy(self, row):
        council_slug = row.text(
            "council",
            required="enter the council’s short name from its web address, like wyvern-vale",
        )
        strategy_slug = row.text(
            "strategy",
            required="enter the strategy’s short name from its web address, like children-and-young-people-plan",
        )
        if not council_slug:
            return None
        council_slug = council_slug.lower()
        if council_slug not in self._councils:
            # Every council, so that one the importer does not belong to gets its own message.
            reachable = Council.objects.for_officer(self.user).filter(pk=OuterRef("pk"))
            self._councils[council_slug] = (
                Council.objects.filter(slug=council_slug)
                .annotate(reachable=Exists(reachable))
                .first()
            )
        council = self._councils[council_slug]
        if council is None:
            row.plan.error("council", f"there is no council with the short name ‘{council_slug}’")
            return None
        if not council.reachable:
            row.plan.error("council", "you can only import into councils you belong to")
            return None
        if not strategy_slug:
            return None
        key = (council.pk, strategy_slug.lower())
        if key not in self._strategies:
            self._strategies[key] = (
                Strategy.objects.for_officer(self.user)
                .filter(lead_council=council, slug=key[1])
                .select_related("lead_council")
                .first()
            )
        strategy = self._strategies[key]
        if strategy is None:
            row.plan.error(
                "strategy", f"{council.name} has no strategy with the short name ‘{strategy_slug}’"
            )
        return strategy

    def index(self, strategy):
        if strategy.pk not in self._indexes:
            self._indexes[strategy.pk] = StrategyIndex(strategy)
        return self._indexes[strategy.pk]

    def first_seen(self, key, number):
        """The row number that already used this key, or None (and remember this one)."""
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = number
        return earlier


class StrategyIndex:
    def __init__(self, strategy):
        self.strategy = strategy

    @cached_property
    def aims(self):
        return list(Aim.objects.filter(strategy=self.strategy))

    @cached_property
    def objectives(self):
        return list(Objective.objects.filter(aim__strategy=self.strategy).select_related("aim"))

    @cached_property
    def indicators(self):
        return list(Indicator.objects.filter(objective__aim__strategy=self.strategy))

    @cached_property
    def programmes(self):
        return list(Programme.objects.filter(strategy=self.strategy))

    @cached_property
    def _measurements(self):
        found = {}
        for measurement in Measurement.objects.filter(
            indicator__objective__aim__strategy=self.strategy
        ):
            found[(measurement.indicator_id, measurement.period_end)] = measurement
        return found

    @cached_property
    def _updates(self):
        found = {}
        for update in ProgressUpdate.objects.filter(
            Q(objective__aim__strategy=self.strategy) | Q(programme__strategy=self.strategy)
        ).select_related("meeting"):
            subject = (
                ("objective", update.objective_id)
                if update.objective_id
                else ("programme", update.programme_id)
            )
            found[(*subject, update.period_start)] = update
        return found

    def measurement(self, indicator, period_end):
        return self._measurements.get((indicator.pk, period_end))

    def update(self, kind, subject, period_start):
        return self._updates.get((kind, subject.pk, period_start))

    @staticmethod
    def matching(items, title):
        wanted = title_key(title)
        return [item for item in items if title_key(item.title) == wanted]


def one_by_title(row, column, items, title, what):
    found = StrategyIndex.matching(items, title)
    if len(found) > 1:
        row.plan.error(
            column,
            f"the strategy has {len(found)} {what}s called ‘{title}’; give them different titles "
            "in the admin first",
        )
        return None
    if not found:
        row.plan.error(column, f"the strategy has no {what} called ‘{title}’")
        return None
    return found[0]


def _same(old, new):
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new
    return old == new


def apply_changes(plan, instance, desired, labels=None):
    """Set the desired values, noting which differ. Short values are shown old → new."""
    labels = labels or {}
    for name, new in desired.items():
        old = getattr(instance, name)
        if _same(old, new):
            continue
        label = labels.get(name, name)
        if isinstance(new, str) and (len(new) > 40 or "\n" in new):
            plan.changes.append(f"{label} changed")
        else:
            plan.changes.append(f"{label}: {_shown(old)} → {_shown(new)}")
        setattr(instance, name, new)


def _shown(value):
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Decimal):
        return plain_decimal(value)
    return str(value)


def validate_instance(plan, instance, columns_for_fields, exclude):
    """Run the model's own checks, naming the sheet's columns. The model's clean() speaks
    plainer than Django's generic field messages, so it wins where both complain."""
    found = {}
    for stage, check in enumerate((lambda: instance.clean_fields(exclude=exclude), instance.clean)):
        try:
            check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = columns_for_fields.get(name, None if name == "__all__" else name)
                found.setdefault(column, {}).setdefault(stage, [])
                for message in messages:
                    if message not in found[column][stage]:
                        found[column][stage].append(message)
    for column, stages in found.items():
        for message in stages.get(1) or stages.get(0):
            if message == "This field cannot be blank.":
                message = "enter a value"
            plan.error(column, message[:1].lower() + message[1:])


def plan_rows(sheet, table, user):
    lookups = Lookups(user)
    plans = []
    for number, values in table:
        plan = RowPlan(number=number)
        sheet.plan(Row(number, values, plan), lookups)
        if plan.errors:
            plan.action = ""
        plans.append(plan)
    return plans
