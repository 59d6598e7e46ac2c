"""Loading Ofsted's judgements of councils' children's services, and the councils' statistical
neighbours, from Ofsted's official statistics and Data to Insight's scrape of the reports.

The official spreadsheet is the authority for what it covers (ILACS from January 2018 to its
edition's March); the scrape adds what came after, the visit's last day and the report links.
The two are joined on council and publication date, which agree for every inspection both hold."""

from collections import Counter, defaultdict
from pathlib import Path

from django.db import transaction

from ..caching import changes_made
from ..models import Council, Inspection, StatisticalNeighbour
from .council_index import CouncilIndex
from .ofsted_files import LOOKUP_NAME, read_history, read_lookup, read_outcomes
from .reading import ImportFileError, ImportReport, refuse

#: Fields a file may leave empty without wiping what is held: not knowing is not absence.
KEEP_WHEN_EMPTY = ("visit_start", "visit_end", "url")


def _merge(official, scraped):
    """The fields to hold for one inspection from the official row, the scraped one or both."""
    first = official or scraped
    values = {
        "visit_start": first.visit_start,
        "visit_end": first.visit_end,
        "inspection_type": first.inspection_type,
        **first.grades,
        "url": first.url,
    }
    if official and scraped:
        values["visit_start"] = official.visit_start or scraped.visit_start
        values["visit_end"] = scraped.visit_end
        values["url"] = scraped.url
    values["source"] = "; ".join(r.source for r in (official, scraped) if r)
    return values


def _write(council, published_on, framework, values, report):
    inspection = Inspection.objects.filter(
        council=council, published_on=published_on, framework=framework
    ).first()
    if inspection is None:
        Inspection.objects.create(
            council=council, published_on=published_on, framework=framework, **values
        )
        report.created += 1
        return
    for name in KEEP_WHEN_EMPTY:
        if not values[name]:
            values[name] = getattr(inspection, name)
    if any(getattr(inspection, name) != value for name, value in values.items()):
        Inspection.objects.filter(pk=inspection.pk).update(**values)
        # An update() sends no signal; council pages show the judgement.
        changes_made()
        report.updated += 1
    else:
        report.unchanged += 1


def _neighbours_set(lookup, councils, report):
    """Give each held council its statistical neighbours, in the lookup's order. A neighbour's
    GSS code may be out of date (Telford's list still gives Barnsley's pre-2025 code): former
    codes are honoured, and the DfE number in the same place is tried before giving up."""
    given = changed = 0
    missing = Counter()
    for row in lookup.values():
        council = councils.find(row.la_number, row.gss_code)
        if council is None or not row.neighbour_codes:
            continue
        numbers = row.neighbour_numbers
        if len(numbers) != len(row.neighbour_codes):
            numbers = [None] * len(row.neighbour_codes)
        wanted = []
        for code, number in zip(row.neighbour_codes, numbers, strict=True):
            neighbour = councils.find(None, code) or councils.find(number, None)
            if neighbour is None:
                missing[code] += 1
            elif neighbour != council and neighbour not in wanted:
                wanted.append(neighbour)
        held = [link.neighbour_id for link in council.neighbour_links.order_by("rank")]
        given += 1
        if held != [n.pk for n in wanted]:
            StatisticalNeighbour.objects.filter(council=council).delete()
            # bulk_create sends no signal; council pages show the neighbours.
            changes_made()
            StatisticalNeighbour.objects.bulk_create(
                StatisticalNeighbour(council=council, neighbour=n, rank=rank)
                for rank, n in enumerate(wanted, start=1)
            )
            changed += 1
    report.notes.append(
        f"Statistical neighbours: {given} councils given theirs, {changed} of them changed."
    )
    if missing:
        report.warnings.append(f"Neighbours not held, left out: {', '.join(sorted(missing))}.")


def inspections_import(*, history_path=None, outcomes_path=None, lookup_path=None) -> ImportReport:
    """Load Ofsted's judgements from the official spreadsheet (outcomes_path, .ods), the
    scrape's history (history_path, .csv, read with its lookup file, by default the
    Provider_data_lookup.csv beside it), or both, onto councils already held, and the councils'
    statistical neighbours from the lookup.

    Every row of every file is checked before anything is written: any bad row refuses the
    lot, naming each. Reports for councils not held, and scraped reports with no readable
    overall grade that the official file does not cover, are skipped and counted; inspections
    under the framework from April 2026, which gives no overall grade, are kept without one.
    Re-running updates in place, keyed on council, publication date and framework."""
    if history_path is None and outcomes_path is None:
        raise ImportFileError("Give the official spreadsheet (.ods), the history (.csv) or both.")
    report = ImportReport()
    lookup, scraped, official = {}, [], []
    if history_path is not None:
        history_path = Path(history_path)
        lookup_path = Path(lookup_path or history_path.with_name(LOOKUP_NAME))
        lookup, problems = read_lookup(lookup_path)
        if problems:
            refuse(lookup_path, problems)
        scraped, problems = read_history(history_path, lookup)
        if problems:
            refuse(history_path, problems)
    if outcomes_path is not None:
        official, problems = read_outcomes(outcomes_path)
        if problems:
            refuse(outcomes_path, problems)

    missing = defaultdict(int)
    with transaction.atomic():
        councils = CouncilIndex(list(Council.objects.all()))
        joined = {}
        for kind, reports in (("official", official), ("scraped", scraped)):
            for found in reports:
                council = councils.find(found.la_number, found.gss_code)
                if council is None:
                    missing[(found.name, found.la_number, found.gss_code)] += 1
                    continue
                key = (council, found.published_on, found.framework)
                joined.setdefault(key, {})[kind] = found
        for (council, published_on, framework), pair in sorted(
            joined.items(), key=lambda item: (item[0][0].pk, item[0][1])
        ):
            official_row, scraped_row = pair.get("official"), pair.get("scraped")
            if official_row is None and scraped_row.no_grade:
                report.skipped[scraped_row.no_grade] += 1
                continue
            _write(council, published_on, framework, _merge(official_row, scraped_row), report)
        if lookup:
            _neighbours_set(lookup, councils, report)
    for (name, la_number, gss), count in sorted(missing.items()):
        report.skipped["council not held"] += count
        report.warnings.append(
            f"No council held for {name} (LA number {la_number or 'none'}, GSS code "
            f"{gss or 'none'}): {count} report{'s' if count > 1 else ''} skipped."
        )
    return report
