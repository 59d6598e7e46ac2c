"""Imports into the councils app: the register of local authorities and Ofsted judgements.

Each import reads a whole file, checks every row, and writes in one transaction. A file with a
wrong header, or any bad row, writes nothing: a half-loaded register is harder to put right than
a file that was refused with a list of what to fix."""

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.text import slugify

from .models import (
    CHILDRENS_SERVICES_KINDS,
    GSS_CODE_PATTERN,
    Council,
    CouncilKind,
    Inspection,
    Judgement,
)

# The database's own rule, so a code that passes here is never refused on saving. ASCII digits
# only: "\d" would also take other scripts' digits.
GSS_CODE = re.compile(GSS_CODE_PATTERN)
LA_NUMBER = re.compile(r"\A[0-9]{3}\Z")


class ImportFileError(Exception):
    """The file cannot be read as the CSV we expect, or some of its rows are bad.

    `problems` lists each bad row as "line N, column C: what is wrong"."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Rows deliberately left out, by reason, e.g. {"not a children's services authority": 317}.
    skipped: Counter = field(default_factory=Counter)
    #: Things worth telling the person running the import that are not errors.
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self):
        return f"Created {self.created}, updated {self.updated}, unchanged {self.unchanged}."


def read_csv(path, required_columns) -> tuple[list[tuple[int, dict]], list[str]]:
    """Every record as (line number, row), and a problem for each row with the wrong number of
    fields. The header is line 1; a record's number is the line it starts on, which differs from
    the record count once a quoted field holds a line break."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a CSV file.") from None
    except OSError as error:
        raise ImportFileError(f"{path} cannot be opened: {error.strerror}.") from None
    rows, problems = [], []
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if not header or not any(cell.strip() for cell in header):
                raise ImportFileError(f"{path} is empty: it has no header row.")
            header = [cell.strip() for cell in header]
            missing = [column for column in required_columns if column not in header]
            if missing:
                raise ImportFileError(
                    f"{path} is not the file expected: its header (line 1) lacks the column"
                    f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}. Nothing was imported."
                )
            line_end = reader.line_num
            for cells in reader:
                line = line_end + 1
                line_end = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(
                        f"line {line}: {len(cells)} fields where the header has {len(header)}."
                    )
                    continue
                rows.append((line, dict(zip(header, cells, strict=True))))
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path} is not UTF-8 text. Save it as “CSV UTF-8” and try again. "
                "Nothing was imported."
            ) from None
        except csv.Error as error:
            raise ImportFileError(
                f"{path} is not a well-formed CSV file (line {reader.line_num}: {error}). "
                "Nothing was imported."
            ) from None
    return rows, problems


def refuse(path, problems, why="need correcting"):
    """Stop the import, naming every bad row."""
    lines = {problem.split(":")[0].split(",")[0] for problem in problems}
    count = "1 row" if len(lines) == 1 else f"{len(lines)} rows"
    raise ImportFileError(f"Nothing was imported: {count} in {path} {why}.", problems)


def _parse_date(value):
    return dt.date.fromisoformat(value) if value else None


# The register of local authorities -------------------------------------------------------------

REGISTER_COLUMNS = (
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "nation",
    "region",
    "local-authority-type",
    "former-gss-codes",
    "current-authority",
    "old-ons-la-code",
)

REGISTER_KINDS = {
    "CTY": CouncilKind.COUNTY,
    "UA": CouncilKind.UNITARY,
    "MD": CouncilKind.METROPOLITAN_DISTRICT,
    "LBO": CouncilKind.LONDON_BOROUGH,
    "CC": CouncilKind.CITY_OF_LONDON,
    "NMD": CouncilKind.NON_METROPOLITAN_DISTRICT,
    "COMB": CouncilKind.COMBINED_AUTHORITY,
    "SRA": CouncilKind.STRATEGIC_REGIONAL_AUTHORITY,
    "SCO": CouncilKind.SCOTTISH_COUNCIL,
    "WPA": CouncilKind.WELSH_COUNCIL,
    "NID": CouncilKind.NORTHERN_IRISH_DISTRICT,
}

#: Council fields the register sets. The slug is set only when a council is created, so its
#: public web address never changes under it.
REGISTER_FIELDS = (
    "name",
    "official_name",
    "register_code",
    "gss_code",
    "former_gss_codes",
    "la_number",
    "kind",
    "nation",
    "region",
    "start_date",
    "end_date",
)


def _register_row(line, row):
    """The council fields for one register row, and the problems that stop it loading."""
    problems = []

    def bad(column, message):
        problems.append(f"line {line}, column {column}: {message}")

    values = {
        "name": row["nice-name"].strip(),
        "official_name": row["official-name"].strip(),
        "register_code": row["local-authority-code"].strip() or None,
        "gss_code": row["gss-code"].strip() or None,
        "nation": row["nation"].strip(),
        "region": row["region"].strip(),
    }
    if not values["name"]:
        bad("nice-name", "the council has no name.")
    if values["register_code"] is None:
        bad("local-authority-code", "the register code is missing.")
    for column, name in (
        ("nice-name", "name"),
        ("official-name", "official_name"),
        ("local-authority-code", "register_code"),
        ("nation", "nation"),
        ("region", "region"),
    ):
        limit = Council._meta.get_field(name).max_length
        if values[name] and len(values[name]) > limit:
            bad(column, f"longer than the {limit} characters allowed.")
    gss = values["gss_code"]
    if gss is not None and not GSS_CODE.match(gss):
        bad("gss-code", f"“{gss}” is not a GSS code (a capital letter and eight digits).")
    former = [c.strip() for c in row["former-gss-codes"].split(",") if c.strip()]
    for old in former:
        if not GSS_CODE.match(old):
            bad("former-gss-codes", f"“{old}” is not a GSS code.")
    values["former_gss_codes"] = former

    kind = REGISTER_KINDS.get(row["local-authority-type"].strip())
    if kind is None:
        bad(
            "local-authority-type",
            f"“{row['local-authority-type']}” is not a type this importer knows "
            f"({', '.join(REGISTER_KINDS)}).",
        )
    values["kind"] = kind

    # The column holds the DfE LA number for children's services authorities, and older ONS
    # codes such as 45UB for districts, which are not LA numbers and are left out.
    la_number = row["old-ons-la-code"].strip()
    if LA_NUMBER.match(la_number):
        values["la_number"] = la_number
    else:
        values["la_number"] = None
        if la_number and kind in CHILDRENS_SERVICES_KINDS:
            bad("old-ons-la-code", f"“{la_number}” is not a three-digit DfE LA number.")

    current = row["current-authority"].strip()
    if current not in ("True", "False"):
        bad("current-authority", f"“{current}” should be True or False.")
    is_current = current == "True"

    for column, name in (("start-date", "start_date"), ("end-date", "end_date")):
        try:
            values[name] = _parse_date(row[column].strip())
        except ValueError:
            bad(column, f"“{row[column]}” is not a date written as YYYY-MM-DD.")
            values[name] = None
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        bad("end-date", "the council ends before it starts.")
    if not values["nation"]:
        bad("nation", "the nation is missing.")
    return values, is_current, problems


def _is_childrens_services(values):
    return values["nation"] == "England" and values["kind"] in CHILDRENS_SERVICES_KINDS


def _unique_slug(name, register_code, taken):
    base = slugify(name)[:90] or slugify(register_code)
    slug = base
    if slug in taken:
        # Two councils share a name only across a reorganisation (the old and new North
        # Yorkshire); the register code tells them apart and never changes.
        slug = f"{base}-{slugify(register_code)}"
    number = 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def _find_council(values, councils):
    """The councils an imported row could be: same register code, GSS code (current or former)
    or DfE LA number."""
    gss = values["gss_code"]
    codes = {gss, *values["former_gss_codes"]} - {None}
    found = []
    for council in councils:
        if (
            (values["register_code"] and council.register_code == values["register_code"])
            or (council.gss_code and council.gss_code in codes)
            or (gss and gss in council.former_gss_codes)
            or (values["la_number"] and council.la_number == values["la_number"])
        ):
            found.append(council)
    return found


def _merge(council, values):
    """Apply a register row to a council; return whether anything changed."""
    new = dict(values)
    # A code missing from the file is unknown, not absent: keep the one we hold.
    for name in ("gss_code", "la_number"):
        if new[name] is None:
            new[name] = getattr(council, name)
    former = list(council.former_gss_codes)
    if new["gss_code"] in former:
        # The file is older than what we hold (Barnsley before its 2025 recoding): keep ours.
        new["gss_code"] = council.gss_code
    for old in [*new["former_gss_codes"], council.gss_code]:
        if old and old != new["gss_code"] and old not in former:
            former.append(old)
    new["former_gss_codes"] = former
    changed = False
    for name in REGISTER_FIELDS:
        if getattr(council, name) != new[name]:
            setattr(council, name, new[name])
            changed = True
    return changed


def councils_import(*, path, include_all=False) -> ImportReport:
    """Load mySociety's register of local authorities (uk_local_authorities.csv).

    By default only current English councils responsible for children's services; with
    `include_all`, every current authority. Councils are matched on register code, GSS code
    (including former codes) or DfE LA number, so re-running the import changes nothing and a
    recoded council is updated rather than duplicated. Raises ImportFileError, having written
    nothing, if the header is wrong or any row is bad."""
    report = ImportReport()
    wanted = []
    seen = {}
    rows, problems = read_csv(path, REGISTER_COLUMNS)
    for line, row in rows:
        values, is_current, row_problems = _register_row(line, row)
        problems += row_problems
        if row_problems:
            continue
        if not is_current:
            report.skipped["no longer a current authority"] += 1
            continue
        if not include_all and not _is_childrens_services(values):
            report.skipped["not an English children's services authority"] += 1
            continue
        for column, name in (
            ("local-authority-code", "register_code"),
            ("gss-code", "gss_code"),
            ("old-ons-la-code", "la_number"),
        ):
            if values[name] is not None:
                first = seen.setdefault((name, values[name]), line)
                if first != line:
                    problems.append(
                        f"line {line}, column {column}: “{values[name]}” is also on line {first}."
                    )
        wanted.append((line, values))
    if problems:
        refuse(path, problems)

    with transaction.atomic():
        councils = list(Council.objects.select_for_update())
        taken_slugs = {council.slug for council in councils}
        plan = []
        for line, values in wanted:
            matches = _find_council(values, councils)
            if len(matches) > 1:
                problems.append(
                    f"line {line}: {values['name']} matches more than one council already held "
                    f"({', '.join(sorted(str(c) for c in matches))}) by its codes."
                )
                continue
            plan.append((line, values, matches[0] if matches else None))
        claimed = Counter(council.pk for _, _, council in plan if council)
        for line, values, council in plan:
            if council and claimed[council.pk] > 1:
                problems.append(
                    f"line {line}: {values['name']} matches {council}, which another row in "
                    "the file also matches."
                )
        if problems:
            refuse(path, problems, "conflict with councils already held")
        try:
            for _line, values, council in plan:
                if council is None:
                    slug = _unique_slug(values["name"], values["register_code"], taken_slugs)
                    Council.objects.create(slug=slug, **values)
                    report.created += 1
                elif _merge(council, values):
                    council.save()
                    report.updated += 1
                else:
                    report.unchanged += 1
        except DatabaseError as error:
            raise ImportFileError(
                f"Nothing was imported: the database refused a row ({error})."
            ) from None
    return report


# Ofsted judgements ---------------------------------------------------------------------------

HISTORY_COLUMNS = (
    "urn",
    "local_authority",
    "inspection_link",
    "publication_date",
    "inspection_framework",
    "overall_effectiveness_grade",
)
LOOKUP_COLUMNS = ("urn", "la_code", "la_code_new")

GRADES = {
    "outstanding": Judgement.OUTSTANDING,
    "good": Judgement.GOOD,
    "requires improvement": Judgement.REQUIRES_IMPROVEMENT,
    "to requires improvement": Judgement.REQUIRES_IMPROVEMENT,
    "inadequate": Judgement.INADEQUATE,
}
#: Values the scrape writes where there is no overall grade; such rows are skipped, not errors.
NO_GRADE = {
    "": "no overall grade in the report (mostly older frameworks)",
    "data_unreadable": "grade unreadable in the report",
    "not_reported_post_reform": "no overall grade under the framework in force from April 2026",
}
#: ILACS replaced the Single Inspection Framework from January 2018.
ILACS_FROM = dt.date(2018, 1, 1)

LOOKUP_NAME = "Provider_data_lookup.csv"


def _ofsted_lookup(path):
    lookup = {}
    rows, problems = read_csv(path, LOOKUP_COLUMNS)
    for line, row in rows:
        la_number = row["la_code"].strip() or None
        gss = row["la_code_new"].strip() or None
        if la_number and not LA_NUMBER.match(la_number):
            problems.append(f"line {line}, column la_code: “{la_number}” is not an LA number.")
        if gss and not GSS_CODE.match(gss):
            problems.append(f"line {line}, column la_code_new: “{gss}” is not a GSS code.")
        lookup[row["urn"].strip()] = (la_number, gss)
    if problems:
        refuse(path, problems)
    return lookup


class _CouncilIndex:
    """Finds a held council by DfE LA number first (it survives recoding, as Barnsley's did in
    2025), then by current or former GSS code."""

    def __init__(self, councils):
        self.by_la_number = {c.la_number: c for c in councils if c.la_number}
        self.by_gss = {}
        for council in councils:
            for code in council.former_gss_codes:
                self.by_gss.setdefault(code, council)
        # A current code wins over someone else's former one.
        self.by_gss.update({c.gss_code: c for c in councils if c.gss_code})

    def find(self, la_number, gss):
        return self.by_la_number.get(la_number) or self.by_gss.get(gss)


def inspections_import(*, path, lookup_path=None) -> ImportReport:
    """Load Ofsted judgements of children's services from Data to Insight's ILACS scrape.

    The scrape names authorities by Ofsted URN; its lookup file (by default the
    Provider_data_lookup.csv beside it) turns a URN into a DfE LA number and GSS code, which
    are joined to councils already held. Reports for councils not held are skipped and listed;
    re-running updates in place, keyed on council, publication date and framework."""
    path = Path(path)
    lookup = _ofsted_lookup(lookup_path or path.with_name(LOOKUP_NAME))
    report = ImportReport()
    graded = []
    rows, problems = read_csv(path, HISTORY_COLUMNS)
    for line, row in rows:
        grade = row["overall_effectiveness_grade"].strip().lower()
        urn = row["urn"].strip()
        try:
            published_on = dt.datetime.strptime(row["publication_date"].strip(), "%d/%m/%y").date()
        except ValueError:
            problems.append(
                f"line {line}, column publication_date: “{row['publication_date']}” is not a "
                "date written as DD/MM/YY."
            )
            continue
        if grade in NO_GRADE:
            report.skipped[NO_GRADE[grade]] += 1
            continue
        if grade not in GRADES:
            problems.append(
                f"line {line}, column overall_effectiveness_grade: “{grade}” is not a judgement "
                "this importer knows."
            )
            continue
        if urn not in lookup:
            problems.append(f"line {line}, column urn: URN “{urn}” is not in the lookup file.")
            continue
        link = row["inspection_link"].strip()
        if link and not link.startswith(("https://", "http://")):
            problems.append(f"line {line}, column inspection_link: “{link}” is not a web link.")
            continue
        graded.append((line, row, urn, published_on, GRADES[grade], link))
    if problems:
        refuse(path, problems)

    missing = defaultdict(int)
    with transaction.atomic():
        councils = _CouncilIndex(list(Council.objects.all()))
        for _line, row, urn, published_on, judgement, link in graded:
            la_number, gss = lookup[urn]
            council = councils.find(la_number, gss)
            if council is None:
                missing[(row["local_authority"].strip(), urn, la_number, gss)] += 1
                continue
            framework = "ILACS" if published_on >= ILACS_FROM else "SIF"
            wanted = {"overall_effectiveness": judgement, "url": link}
            inspection = Inspection.objects.filter(
                council=council, published_on=published_on, framework=framework
            ).first()
            if inspection is None:
                Inspection.objects.create(
                    council=council, published_on=published_on, framework=framework, **wanted
                )
                report.created += 1
            elif any(getattr(inspection, k) != v for k, v in wanted.items()):
                Inspection.objects.filter(pk=inspection.pk).update(**wanted)
                report.updated += 1
            else:
                report.unchanged += 1
    for (name, urn, la_number, gss), count in sorted(missing.items()):
        report.skipped["council not held"] += count
        report.warnings.append(
            f"No council held for {name} (URN {urn}, LA number {la_number or 'none'}, GSS code "
            f"{gss or 'none'}): {count} report{'s' if count > 1 else ''} skipped."
        )
    return report
