"""Loading mySociety's register of local authorities."""

import datetime as dt
from collections import Counter

from django.db import DatabaseError, transaction
from django.utils.text import slugify

from ..models import CHILDRENS_SERVICES_KINDS, Council, CouncilKind
from .reading import GSS_CODE, LA_NUMBER, ImportFileError, ImportReport, read_csv, refuse


def _parse_date(value):
    return dt.date.fromisoformat(value) if value else None


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
