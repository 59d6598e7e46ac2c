"""Spreadsheet import and export for objectives, measurements and progress updates.

Officers keep their figures in Excel. These functions read a CSV or XLSX sheet, say row by row
what would change, and write only when every row is valid, in one transaction. The export writes
the same columns the import reads, so a sheet can be exported, edited and imported back.

Which record a row means:

- objectives: the strategy and the objective's title (capital letters and spacing aside). A title
  the strategy does not have yet creates a new objective; renaming one in the sheet therefore
  creates a new objective rather than renaming the old one.
- measurements: the indicator (by title within the strategy) and the period end date.
- progress updates: the objective or programme (by title within the strategy) and the quarter.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from councils.access import is_site_admin, member_council_ids
from councils.models import Council
from strategies.concurrency import StaleEditError
from strategies.models import Programme, Strategy

from .models import (
    Aim,
    Indicator,
    Measurement,
    MeasurementStatus,
    Objective,
    ProgressUpdate,
    Rating,
    SignedOffUpdateError,
)
from .models.indicators import VALUE_DECIMALS, VALUE_DIGITS
from .periods import FIRST_YEAR, LAST_YEAR, Quarter

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Formatted but empty rows at the bottom of a sheet are skipped; this stops a sheet of a million
# of them from tying up a server.
MAX_PHYSICAL_ROWS = 50_000
MAX_COLUMNS = 50

# Spreadsheet programs run a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(Exception):
    """The file as a whole cannot be used: wrong type, empty, too big, wrong headings."""


# Reading files ----------------------------------------------------------------------------------


def read_sheet(file) -> list[tuple[int, list]]:
    """Every row of the file as (spreadsheet row number, raw cell values), header included."""
    name = (getattr(file, "name", "") or "").lower()
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise SpreadsheetError(_too_big())
    data = file.read(MAX_BYTES + 1)
    if not data:
        raise SpreadsheetError("The file is empty. Choose a file with a heading row and data.")
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_too_big())
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith(".csv"):
        return _csv_rows(data)
    if name.endswith((".xls", ".ods", ".numbers")):
        raise SpreadsheetError(
            "This kind of spreadsheet cannot be read. Save it as an Excel workbook (.xlsx) or as "
            "CSV UTF-8 (.csv) and upload that."
        )
    raise SpreadsheetError("Choose a CSV file (.csv) or an Excel workbook (.xlsx).")


def _too_big():
    return (
        f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller files "
        f"of at most {MAX_ROWS:,} rows each."
    )


def _too_many_rows():
    return f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."


def _csv_rows(data: bytes):
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(
            "This looks like an Excel workbook with a .csv name. Save it as .xlsx, or save it "
            "from Excel as CSV UTF-8 (.csv)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            "The CSV file is not in UTF-8. In Excel, choose File, Save As, and the type "
            "‘CSV UTF-8 (Comma delimited)’, then upload that file."
        ) from None
    if "\x00" in text:
        raise SpreadsheetError("The file does not look like a CSV file. Check it opens in Excel.")
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, values in enumerate(reader, start=1):
            if number > MAX_PHYSICAL_ROWS:
                raise SpreadsheetError(_too_many_rows())
            rows.append((number, values))
    except csv.Error as exc:
        raise SpreadsheetError(
            f"Row {reader.line_num} could not be read as CSV ({exc}). Check for a stray quotation "
            "mark, or save the file again from Excel."
        ) from None
    return rows


def _xlsx_rows(data: bytes):
    # Imported here: openpyxl is heavy and only the import and export need it.
    from openpyxl import load_workbook

    unreadable = (
        "The file could not be opened as an Excel workbook: it may be damaged, protected by a "
        "password or not really an .xlsx file. Open it in Excel, save it again as .xlsx and "
        "upload that."
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError(unreadable)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a broken file
        raise SpreadsheetError(unreadable) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("The workbook has no sheets.")
        rows = []
        # Our sheets have a handful of columns; formatting that runs to column XFD is not data.
        rows_of_cells = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS)
        for number, cells in enumerate(rows_of_cells, start=1):
            if number > MAX_PHYSICAL_ROWS:
                raise SpreadsheetError(_too_many_rows())
            rows.append((number, [_xlsx_value(cell) for cell in cells]))
        return rows
    except SpreadsheetError:
        raise
    except Exception:
        raise SpreadsheetError(unreadable) from None
    finally:
        workbook.close()


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    # Typing 42.5% into Excel stores 0.425 shown as a percentage; we store percentages 0 to 100.
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return _float_to_decimal(value) * 100
    return value


# Cell values ------------------------------------------------------------------------------------


class CellError(Exception):
    pass


def _float_to_decimal(value) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    # A float carries binary noise (0.1 + 0.2); 15 significant digits is what Excel itself keeps.
    return Decimal(format(value, ".15g"))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) else value
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, Decimal):
        return plain_decimal(value)
    text = str(value)
    # Undo the apostrophe our own CSV export puts before a formula-like cell.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def plain_decimal(value: Decimal) -> str:
    """42.5000 → "42.5", 1E+2 → "100": how a person would type it."""
    normalised = value.normalize()
    return format(normalised, "f") if normalised != 0 else "0"


def parse_whole_number(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = cell_text(value)
        if not re.fullmatch(r"\d+", text):
            raise CellError("enter a whole number, like 3")
        number = int(text)
    if not 0 <= number <= 32767:
        raise CellError("enter a whole number from 0 to 32767")
    return number


def parse_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError("enter a number, like 42.5")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = _float_to_decimal(value)
    else:
        text = cell_text(value).replace(" ", "")
        if text.endswith("%"):
            text = text[:-1]
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
            raise CellError("enter a number, like 42.5")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("enter a number, like 42.5") from None
    if not number.is_finite():
        raise CellError("enter a number, like 42.5")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > VALUE_DECIMALS:
        raise CellError(f"use at most {VALUE_DECIMALS} decimal places")
    if abs(number) >= Decimal(10) ** (VALUE_DIGITS - VALUE_DECIMALS):
        raise CellError("this number is too large")
    return number


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise CellError(f"‘{text}’ is not a real date") from None
    raise CellError("enter a date like 2026-06-30 or 30/06/2026")


def parse_quarter(value) -> Quarter:
    text = cell_text(value)
    match = re.fullmatch(r"Q([1-4])\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})", text, flags=re.IGNORECASE)
    if not match:
        raise CellError("enter the financial quarter like Q1 2026-27")
    number, first_year, second = int(match[1]), int(match[2]), match[3]
    if int(second) % 100 != (first_year + 1) % 100 or (
        len(second) == 4 and int(second) != first_year + 1
    ):
        raise CellError(
            f"a financial year runs from one year to the next, like {first_year}-{str(first_year + 1)[-2:]}"
        )
    month = (4, 7, 10, 1)[number - 1]
    year = first_year + (number == 4)
    # Checked before the date is built: year 0 or 10000 is no date at all.
    if first_year < FIRST_YEAR or year > LAST_YEAR:
        raise CellError(
            f"‘{text}’ falls outside {FIRST_YEAR} to {LAST_YEAR}: enter a quarter in those "
            "years, like Q1 2026-27"
        )
    return Quarter.containing(dt.date(year, month, 1))


def _slug_like(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def parse_choice(value, choices, *, what: str) -> str:
    text = cell_text(value)
    wanted = _slug_like(text)
    for slug, label in choices.choices:
        if wanted in (slug, _slug_like(label)):
            return slug
    allowed = ", ".join(slug for slug, _ in choices.choices)
    raise CellError(f"‘{text}’ is not a {what}; use one of {allowed}")


def title_key(text: str) -> str:
    return " ".join(text.split()).casefold()


# Rows and results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


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
        self.allowed = None if is_site_admin(user) else member_council_ids(user)
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
            self._councils[council_slug] = Council.objects.filter(slug=council_slug).first()
        council = self._councils[council_slug]
        if council is None:
            row.plan.error("council", f"there is no council with the short name ‘{council_slug}’")
            return None
        if self.allowed is not None and council.pk not in self.allowed:
            row.plan.error("council", "you can only import into councils you belong to")
            return None
        if not strategy_slug:
            return None
        key = (council.pk, strategy_slug.lower())
        if key not in self._strategies:
            self._strategies[key] = (
                Strategy.objects.filter(lead_council=council, slug=key[1])
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


def _one_by_title(row, column, items, title, what):
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


def _apply_changes(plan, instance, desired, labels=None):
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


def _validate(plan, instance, columns_for_fields, exclude):
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


# The three kinds of sheet -----------------------------------------------------------------------

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
        _apply_changes(plan, objective, desired)
        if plan.action == "update" and not plan.changes:
            plan.action = "unchanged"
        if plan.action == "create":
            plan.changes = []
        _validate(plan, objective, {}, exclude=["aim"])
        plan.instance = objective
        return plan

    @staticmethod
    def save(plan, user):
        plan.instance.save()

    @staticmethod
    def scope(queryset, allowed):
        return queryset.filter(aim__strategy__lead_council__in=allowed)

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
        indicator = _one_by_title(
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
        _apply_changes(plan, measurement, desired)
        if existing and not plan.changes:
            plan.action = "unchanged"
        if not existing:
            plan.changes = []
        shown = plain_decimal(value) if value is not None else measurement.get_status_display()
        plan.summary = f"{indicator.title}, {period_end:%-d %b %Y}: {shown}"
        _validate(plan, measurement, {}, exclude=["indicator"])
        plan.instance = measurement
        return plan

    @staticmethod
    def save(plan, user):
        plan.instance.save()

    @staticmethod
    def scope(queryset, allowed):
        return queryset.filter(indicator__objective__aim__strategy__lead_council__in=allowed)

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
            subject = _one_by_title(row, column, index.objectives, objective_title, "objective")
        else:
            kind, column = "programme", "programme"
            subject = _one_by_title(row, column, index.programmes, programme_title, "programme")
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
        _apply_changes(plan, update, desired, labels={"next_steps": "next steps"})
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
        _validate(
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
    def scope(queryset, allowed):
        return queryset.filter(
            Q(objective__aim__strategy__lead_council__in=allowed)
            | Q(programme__strategy__lead_council__in=allowed)
        )

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


# Import -----------------------------------------------------------------------------------------


def read_table(sheet, file) -> list[tuple[int, dict]]:
    """The data rows as (row number, {column: raw value}), after checking the headings."""
    rows = read_sheet(file)
    if not rows or not any(cell_text(value) for value in rows[0][1]):
        raise SpreadsheetError(_heading_help(sheet, "The first row must hold the column headings."))
    headings = [_slug_like(cell_text(value)) for value in rows[0][1]]
    known = {column.name for column in sheet.columns}
    present = [heading for heading in headings if heading]
    problems = []
    unknown = [heading for heading in present if heading not in known]
    if unknown:
        problems.append("Not recognised: " + ", ".join(f"‘{name}’" for name in unknown) + ".")
    missing = [c.name for c in sheet.columns if c.required and c.name not in present]
    if missing:
        problems.append("Missing: " + ", ".join(f"‘{name}’" for name in missing) + ".")
    repeated = sorted({heading for heading in present if present.count(heading) > 1})
    if repeated:
        problems.append("Repeated: " + ", ".join(f"‘{name}’" for name in repeated) + ".")
    if problems and len(present) == 1 and ";" in present[0]:
        problems.append(
            "The columns seem to be separated by semicolons: save the file from Excel as "
            "‘CSV UTF-8 (Comma delimited)’."
        )
    if problems:
        raise SpreadsheetError(
            _heading_help(
                sheet, "The column headings in the first row are not right. " + " ".join(problems)
            )
        )
    table = []
    for number, values in rows[1:]:
        if not any(cell_text(value) for value in values):
            continue
        table.append(
            (
                number,
                {
                    heading: values[position] if position < len(values) else None
                    for position, heading in enumerate(headings)
                    if heading
                },
            )
        )
        if len(table) > MAX_ROWS:
            raise SpreadsheetError(_too_many_rows())
    if not table:
        raise SpreadsheetError("The file has headings but no rows to import.")
    return table


def _heading_help(sheet, message):
    names = ", ".join(column.name for column in sheet.columns)
    return f"{message} The {sheet.title} sheet uses these headings: {names}."


def _plan_rows(sheet, table, user):
    lookups = Lookups(user)
    plans = []
    for number, values in table:
        plan = RowPlan(number=number)
        sheet.plan(Row(number, values, plan), lookups)
        if plan.errors:
            plan.action = ""
        plans.append(plan)
    return plans


class _NotValid(Exception):
    pass


def spreadsheet_import(*, kind, file, user, commit=False) -> ImportResult:
    """Check a sheet and, with commit, write it: every row or none, in one transaction.

    `file` is anything with `name` and `read()`: an upload, or a ContentFile of the bytes kept
    between the preview and the confirmation."""
    sheet = SHEETS[kind]
    result = ImportResult(kind=kind)
    try:
        table = read_table(sheet, file)
    except SpreadsheetError as exc:
        result.file_error = str(exc)
        return result
    if not commit:
        result.rows = _plan_rows(sheet, table, user)
        return result
    try:
        with transaction.atomic():
            # Checked again inside the transaction: records may have changed since the preview.
            result.rows = _plan_rows(sheet, table, user)
            if not result.is_valid:
                raise _NotValid
            for plan in result.rows:
                if plan.action in ("create", "update"):
                    sheet.save(plan, user)
    except _NotValid:
        return result
    except (StaleEditError, SignedOffUpdateError) as exc:
        # The board signed an update off, or an officer saved a row, after this transaction
        # checked it: the sheet is out of date, so nothing of it is written.
        result.file_error = f"{exc} Nothing was imported. Upload the file again to see the latest."
        return result
    except IntegrityError:
        result.file_error = (
            "Someone else changed these records while the file was being imported. Nothing was "
            "imported. Upload the file again to see the latest."
        )
        return result
    result.committed = True
    return result


# Export -----------------------------------------------------------------------------------------


def export_rows(*, kind, queryset, user):
    """The header and the rows this person may see, as Python values."""
    sheet = SHEETS[kind]
    if not is_site_admin(user):
        queryset = sheet.scope(queryset, member_council_ids(user))
    yield [column.name for column in sheet.columns]
    yield from sheet.export_rows(queryset)


def neutralise_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def write_csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    # With a byte order mark Excel opens the file as UTF-8 rather than guessing.
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows, *, sheet_title="Data") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet_title)
    bold = Font(bold=True)
    for position, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str):
                cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                # Text, never a formula: the cell type says so, so no apostrophe is needed.
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(worksheet, value=value)
            if position == 0:
                cell.font = bold
            cells.append(cell)
        worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_export(*, kind, queryset, user, file_format) -> tuple[bytes, str, str]:
    """The file's bytes, content type and a file name."""
    rows = export_rows(kind=kind, queryset=queryset, user=user)
    stamp = dt.date.today().isoformat()
    if file_format == "xlsx":
        return write_xlsx(rows, sheet_title=kind), XLSX_CONTENT_TYPE, f"{kind}-{stamp}.xlsx"
    return write_csv(rows), CSV_CONTENT_TYPE, f"{kind}-{stamp}.csv"
