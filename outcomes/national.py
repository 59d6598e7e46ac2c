"""Loading the national indicators from the Department for Education's children's social care
framework dashboard (its summary_page_metadata.csv, one indicator a row), and national figures
from a CSV of our own format (one figure a row, England's or a council's).

Both are all-or-nothing: every bad row is named and nothing is written until none is bad."""

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from councils.caching import changes_made
from councils.models import Council
from councils.services import CouncilIndex, ImportFileError, ImportReport
from councils.services.reading import GSS_CODE, LA_NUMBER, read_csv, refuse

from .models import MeasurementStatus, NationalFigure, NationalIndicator
from .models.indicators import VALUELESS_STATUSES, period_end_message
from .spreadsheets.cells import CellError, parse_decimal

FRAMEWORK_COLUMNS = (
    "sort_order",
    "accordion_text",
    "heading_text",
    "metric_display_text",
    "dataset_name",
    "value_column",
    "value_format",
    "dimensional_filters",
)
FRAMEWORK_SOURCE = (
    "Department for Education, Children's social care: outcomes and enablers dashboard"
)
FRAMEWORK_URL = "https://department-for-education.shinyapps.io/csc-outcomes-enablers/"
#: The dashboard's value formats, as units shown after a figure.
FORMAT_UNITS = {"percent": "%", "currency_per_capita": "£ per child"}

#: The fields the loader owns; the polarity, description and source link are the site
#: administrators' to set and a re-load leaves them alone.
_LOADED_FIELDS = (
    "name",
    "unit_label",
    "source",
    "framework_outcome",
    "framework_theme",
    "framework_metric",
    "framework_filters",
    "framework_order",
)


def _unit(name, value_format):
    if value_format in FORMAT_UNITS:
        return FORMAT_UNITS[value_format]
    if "per 10,000" in name:
        return "per 10,000 children"
    return ""


def _framework_specs(path):
    rows, problems = read_csv(path, FRAMEWORK_COLUMNS)
    specs, seen = [], {}
    for line, row in rows:
        name = " ".join(row["metric_display_text"].split())
        value_format = row["value_format"].strip()
        if not name:
            problems.append(f"line {line}, column metric_display_text: the indicator has no name.")
            continue
        if value_format and value_format not in FORMAT_UNITS:
            problems.append(
                f"line {line}, column value_format: “{value_format}” is not a format we know "
                f"({', '.join(FORMAT_UNITS)} or blank)."
            )
            continue
        order = row["sort_order"].strip()
        if not order.isdigit():
            problems.append(f"line {line}, column sort_order: “{order}” is not a whole number.")
            continue
        slug = slugify(name)[:100]
        if slug in seen:
            problems.append(
                f"line {line}, column metric_display_text: “{name}” is already on line "
                f"{seen[slug]}."
            )
            continue
        seen[slug] = line
        metric = ".".join(
            p for p in (row["dataset_name"].strip(), row["value_column"].strip()) if p
        )
        specs.append(
            (
                slug,
                {
                    "name": name,
                    "unit_label": _unit(name, value_format),
                    "source": FRAMEWORK_SOURCE,
                    "framework_outcome": row["accordion_text"].strip(),
                    "framework_theme": " ".join(row["heading_text"].split()),
                    "framework_metric": metric,
                    "framework_filters": row["dimensional_filters"].strip(),
                    "framework_order": int(order),
                },
            )
        )
    if problems:
        refuse(path, problems)
    if not specs:
        raise ImportFileError(f"{path} lists no indicators. Nothing was imported.")
    return specs


def national_indicators_load(path) -> ImportReport:
    """Create or update the framework's indicators, keyed on the slug of their name."""
    specs = _framework_specs(path)
    report = ImportReport()
    existing = {i.slug: i for i in NationalIndicator.objects.filter(slug__in=[s for s, _ in specs])}
    with transaction.atomic():
        for slug, values in specs:
            indicator = existing.get(slug)
            if indicator is None:
                NationalIndicator.objects.create(slug=slug, source_url=FRAMEWORK_URL, **values)
                report.created += 1
            elif any(getattr(indicator, k) != values[k] for k in _LOADED_FIELDS):
                NationalIndicator.objects.filter(pk=indicator.pk).update(**values)
                report.updated += 1
            else:
                report.unchanged += 1
        if report.created or report.updated:
            # update() sends no signal; indicator pages show these words.
            changes_made()
    return report


FIGURE_COLUMNS = ("indicator", "area_code", "period_end", "value", "status", "source")


def _area(code, councils):
    """None for England, the council for its GSS code (current or former) or LA number."""
    if code == NationalFigure.ENGLAND_CODE:
        return None, ""
    if not (GSS_CODE.match(code) or LA_NUMBER.match(code)):
        return None, f"“{code}” is neither a GSS code nor a three-digit LA number."
    # An LA number is three digits and a GSS code a letter and eight: looked up as both, a code
    # can only be found as what it is.
    council = councils.find(la_number=code, gss=code)
    if council is None:
        return None, f"no council has the code “{code}”; load the councils first."
    return council, ""


def national_figures_load(path) -> ImportReport:
    """Figures for England (area code E92000001) and councils (GSS code or LA number), one a
    row, keyed on indicator, area and period end: a figure already held is corrected in place."""
    rows, problems = read_csv(path, FIGURE_COLUMNS)
    indicators = {i.slug: i for i in NationalIndicator.objects.all()}
    councils = CouncilIndex(
        list(Council.objects.only("pk", "gss_code", "former_gss_codes", "la_number", "name"))
    )
    parsed = []
    for line, row in rows:
        row = {k: (v or "").strip() for k, v in row.items()}
        indicator = indicators.get(row["indicator"])
        if indicator is None:
            problems.append(
                f"line {line}, column indicator: no national indicator “{row['indicator']}”."
            )
            continue
        council, why = _area(row["area_code"], councils)
        if why:
            problems.append(f"line {line}, column area_code: {why}")
            continue
        try:
            period_end = dt.date.fromisoformat(row["period_end"])
        except ValueError:
            problems.append(
                f"line {line}, column period_end: “{row['period_end']}” is not a date like 2025-03-31."
            )
            continue
        message = period_end_message(indicator.frequency, indicator.year_type, period_end)
        if message:
            problems.append(f"line {line}, column period_end: {message}")
            continue
        status = row["status"] or MeasurementStatus.FINAL
        if status not in MeasurementStatus.values:
            problems.append(
                f"line {line}, column status: “{status}” is not one of "
                f"{', '.join(MeasurementStatus.values)}."
            )
            continue
        value = None
        if row["value"]:
            # The spreadsheets' own parser: separators, decimal places and size as the
            # database will hold them, rather than PostgreSQL rounding a fifth place away.
            try:
                value = parse_decimal(row["value"])
            except CellError as error:
                problems.append(f"line {line}, column value: “{row['value']}”: {error}.")
                continue
        if (value is None) != (status in VALUELESS_STATUSES):
            problems.append(
                f"line {line}, column value: give a value unless the status is suppressed or "
                "not available, and leave it empty when it is."
            )
            continue
        if not row["source"]:
            problems.append(f"line {line}, column source: say which publication it is from.")
            continue
        parsed.append(
            (
                (indicator.pk, council.pk if council else None, period_end),
                {"value": value, "status": status, "source": row["source"]},
                row.get("source_url", ""),
            )
        )
    if problems:
        refuse(path, problems)
    keys = [key for key, _, _ in parsed]
    if len(set(keys)) != len(keys):
        refuse(path, ["the file gives the same indicator, area and period more than once."])
    held = {
        (f.national_indicator_id, f.council_id, f.period_end): f
        for f in NationalFigure.objects.filter(national_indicator__in={key[0] for key in keys})
    }
    report = ImportReport()
    with transaction.atomic():
        for (indicator_id, council_id, period_end), values, source_url in parsed:
            values["source_url"] = source_url
            figure = held.get((indicator_id, council_id, period_end))
            if figure is None:
                NationalFigure.objects.create(
                    national_indicator_id=indicator_id,
                    council_id=council_id,
                    period_end=period_end,
                    **values,
                )
                report.created += 1
            elif any(getattr(figure, k) != v for k, v in values.items()):
                NationalFigure.objects.filter(pk=figure.pk).update(**values)
                report.updated += 1
            else:
                report.unchanged += 1
        if report.created or report.updated:
            changes_made()
    return report
