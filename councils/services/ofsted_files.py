"""Reading Ofsted's judgements from the two files that hold them: Ofsted's official "LA
inspection outcomes" spreadsheet (ODS, January 2018 to its edition's March) and Data to
Insight's scrape of every published report (CSV, to this year, with the report links), with the
scrape's lookup of URNs to LA numbers, GSS codes and statistical neighbours.

Each reader returns what its file says, row by row, and a problem for each bad row; joining the
two and writing is ofsted.py's. Neither reads the scrape's inspector_name column: inspectors'
names are never stored."""

import datetime as dt
from dataclasses import dataclass, field

from ..models import InspectionType, Judgement
from .opendocument import read_ods_sheet
from .reading import GSS_CODE, LA_NUMBER, read_csv

OUTCOMES_SOURCE = "Ofsted, local authority inspection outcomes (official statistics)"
HISTORY_SOURCE = "Data to Insight's ILACS scrape of Ofsted's published reports"

#: ILACS replaced the Single Inspection Framework from January 2018.
ILACS_FROM = dt.date(2018, 1, 1)

#: Judgement fields, each with the history CSV's column and the official sheet's.
JUDGEMENT_COLUMNS = {
    "overall_effectiveness": ("overall_effectiveness_grade", "Overall effectiveness"),
    "leaders": (
        "impact_of_leaders_grade",
        "The impact of leaders on social work practice with children and families",
    ),
    "help_and_protection": (
        "help_and_protection_grade",
        "The experiences and progress of children who need help and protection",
    ),
    "children_in_care": ("in_care_grade", "The experiences and progress of children in care"),
    "care_leavers": ("care_leavers_grade", "The experiences and progress of care leavers"),
}

GRADES = {
    "outstanding": Judgement.OUTSTANDING,
    "good": Judgement.GOOD,
    "requires improvement": Judgement.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Judgement.REQUIRES_IMPROVEMENT,
    "to requires improvement": Judgement.REQUIRES_IMPROVEMENT,
    "inadequate": Judgement.INADEQUATE,
}
#: What the scrape writes where a report gives no grade it could read.
NOT_GIVEN = {"", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"}
#: Overall grades that leave a scraped report out unless the official file has it, and why.
NO_OVERALL_GRADE = {
    "": "no overall grade in the report (mostly older frameworks)",
    "data_unreadable": "grade unreadable in the report",
}
POST_REFORM = "not_reported_post_reform"

HISTORY_COLUMNS = (
    "urn",
    "local_authority",
    "inspection_link",
    "publication_date",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    *(history for history, _ in JUDGEMENT_COLUMNS.values()),
)
HISTORY_TYPES = {
    "standard": InspectionType.STANDARD,
    "short": InspectionType.SHORT,
    "inspection duration longer than standard framework": InspectionType.EXTENDED,
    "": InspectionType.NOT_STATED,
}
LOOKUP_COLUMNS = ("urn", "la_code", "la_code_new")
#: Older lookups lack these; without them no neighbours are loaded.
NEIGHBOUR_COLUMNS = ("stat_neighbours", "stat_neighbours_la_code")
LOOKUP_NAME = "Provider_data_lookup.csv"

OUTCOMES_SHEET = "ILACS_inspection_history"
OUTCOMES_HEADER_ROW = 3
OUTCOMES_COLUMNS = (
    "Local authority area code",
    "Local authority name",
    "Inspection date",
    "Publication date",
    "Inspection type",
    *(official for _, official in JUDGEMENT_COLUMNS.values()),
)


@dataclass
class Report:
    """One published inspection report, as one file describes it."""

    where: str
    name: str
    la_number: str | None
    gss_code: str | None
    published_on: dt.date
    source: str
    visit_start: dt.date | None = None
    visit_end: dt.date | None = None
    inspection_type: str = InspectionType.NOT_STATED
    grades: dict = field(default_factory=dict)
    url: str = ""
    #: Why a scraped report with no readable overall grade is left out, unless the official
    #: file has the same inspection.
    no_grade: str = ""

    @property
    def framework(self):
        return "ILACS" if self.published_on >= ILACS_FROM else "SIF"


@dataclass
class LookupRow:
    la_number: str | None
    gss_code: str | None
    neighbour_codes: list[str]
    neighbour_numbers: list[str]


def _codes(value):
    return [code.strip() for code in value.split(",") if code.strip()]


def read_lookup(path):
    """{URN: LookupRow} and the problems found."""
    lookup = {}
    rows, problems = read_csv(path, LOOKUP_COLUMNS)
    for line, row in rows:
        la_number = row["la_code"].strip() or None
        gss = row["la_code_new"].strip() or None
        if la_number and not LA_NUMBER.match(la_number):
            problems.append(f"line {line}, column la_code: “{la_number}” is not an LA number.")
        if gss and not GSS_CODE.match(gss):
            problems.append(f"line {line}, column la_code_new: “{gss}” is not a GSS code.")
        codes = _codes(row.get("stat_neighbours_la_code", ""))
        numbers = _codes(row.get("stat_neighbours", ""))
        for code in codes:
            if not GSS_CODE.match(code):
                problems.append(
                    f"line {line}, column stat_neighbours_la_code: “{code}” is not a GSS code."
                )
        for number in numbers:
            if not LA_NUMBER.match(number):
                problems.append(
                    f"line {line}, column stat_neighbours: “{number}” is not an LA number."
                )
        lookup[row["urn"].strip()] = LookupRow(la_number, gss, codes, numbers)
    return lookup, problems


def _day(value, pattern):
    return dt.datetime.strptime(value.strip(), pattern).date() if value.strip() else None


def read_history(path, lookup):
    """The scrape's reports, and the problems found. A report's URN must be in the lookup."""
    reports = []
    rows, problems = read_csv(path, HISTORY_COLUMNS)
    for line, row in rows:
        before = len(problems)

        def bad(column, message, line=line):
            problems.append(f"line {line}, column {column}: {message}")

        try:
            published_on = _day(row["publication_date"], "%d/%m/%y")
        except ValueError:
            published_on = None
        if published_on is None:
            bad(
                "publication_date",
                f"“{row['publication_date']}” is not a date written as DD/MM/YY.",
            )
        visits = []
        for column in ("inspection_start_date", "inspection_end_date"):
            try:
                visits.append(_day(row[column], "%d/%m/%Y"))
            except ValueError:
                bad(column, f"“{row[column]}” is not a date written as DD/MM/YYYY.")
                visits.append(None)
        if visits[0] and visits[1] and visits[1] < visits[0]:
            bad("inspection_end_date", "the visit ends before it starts.")
        kind = row["inspection_framework"].strip().lower()
        if kind not in HISTORY_TYPES:
            bad(
                "inspection_framework", f"“{kind}” is not a kind of inspection this importer knows."
            )
        grades = {}
        no_grade = ""
        for name, (column, _) in JUDGEMENT_COLUMNS.items():
            value = row[column].strip().lower()
            if value in GRADES:
                grades[name] = GRADES[value]
            elif value in NOT_GIVEN:
                grades[name] = ""
                if name == "overall_effectiveness" and value != POST_REFORM:
                    no_grade = NO_OVERALL_GRADE[value]
            else:
                bad(column, f"“{value}” is not a judgement this importer knows.")
        urn = row["urn"].strip()
        if urn not in lookup:
            bad("urn", f"URN “{urn}” is not in the lookup file.")
        link = row["inspection_link"].strip()
        if link and not link.startswith(("https://", "http://")):
            bad("inspection_link", f"“{link}” is not a web link.")
        if len(problems) > before:
            continue
        reports.append(
            Report(
                where=f"line {line}",
                name=row["local_authority"].strip(),
                la_number=lookup[urn].la_number,
                gss_code=lookup[urn].gss_code,
                published_on=published_on,
                source=HISTORY_SOURCE,
                visit_start=visits[0],
                visit_end=visits[1],
                inspection_type=HISTORY_TYPES[kind],
                grades=grades,
                url=link,
                no_grade=no_grade,
            )
        )
    return reports, problems


def _official_type(text):
    text = text.lower()
    if "standard" in text:
        return InspectionType.STANDARD
    if "short" in text:
        return InspectionType.SHORT
    return InspectionType.NOT_STATED


def read_outcomes(path):
    """The official spreadsheet's inspection history, and the problems found."""
    reports, problems = [], []
    for number, row in read_ods_sheet(
        path, OUTCOMES_SHEET, OUTCOMES_COLUMNS, header_row=OUTCOMES_HEADER_ROW
    ):
        before = len(problems)

        def bad(column, message, number=number):
            problems.append(f"row {number}, column {column}: {message}")

        gss = row["Local authority area code"].strip()
        if not GSS_CODE.match(gss):
            bad("Local authority area code", f"“{gss}” is not a GSS code.")
        days = {}
        for column in ("Inspection date", "Publication date"):
            cell = row[column]
            day = cell.date
            if day is None and cell.strip():
                try:
                    day = _day(cell, "%d/%m/%Y")
                except ValueError:
                    day = None
            if day is None:
                bad(column, f"“{cell}” is not a date.")
            days[column] = day
        grades = {}
        for name, (_, column) in JUDGEMENT_COLUMNS.items():
            value = row[column].strip().lower()
            if value in GRADES:
                grades[name] = GRADES[value]
            elif not value:
                grades[name] = ""
            else:
                bad(column, f"“{row[column]}” is not one of Ofsted's four judgements.")
        if len(problems) > before:
            continue
        reports.append(
            Report(
                where=f"row {number} of the sheet {OUTCOMES_SHEET}",
                name=row["Local authority name"].strip(),
                la_number=None,
                gss_code=gss,
                published_on=days["Publication date"],
                source=OUTCOMES_SOURCE,
                visit_start=days["Inspection date"],
                inspection_type=_official_type(row["Inspection type"]),
                grades=grades,
            )
        )
    return reports, problems
