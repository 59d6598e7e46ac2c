"""Loading Ofsted's judgements of councils' children's services."""

import datetime as dt
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from ..caching import changes_made
from ..models import Council, Inspection, Judgement
from .reading import GSS_CODE, LA_NUMBER, ImportReport, read_csv, refuse

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
                # An update() sends no signal; council pages show the judgement.
                changes_made()
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
