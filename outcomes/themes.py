"""The common outcome frame: a small national set of themes that councils' aims and objectives
are mapped to, so the public can compare what different councils promise under each.

Two sets: the aims this product's design starts from (start well, stay well, keep safe, enjoy
and achieve, as Telford & Wrekin's strategy names them, and prepared for adulthood), and the four
outcomes of the Children's social care: national framework, as the Department for Education's
dashboard lists them. The outcomes are written out here so a fresh clone has them; given the
dashboard's summary_page_metadata.csv, the loader reads them from the file instead."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from councils.caching import changes_made
from councils.services import ImportFileError, ImportReport

from .models import Theme, ThemeFramework

CYP_SOURCE = "The four aims of Telford & Wrekin's Children and Young People's Strategy, and preparation for adult life"
FRAMEWORK_SOURCE = (
    "Department for Education, Children's social care: national framework (outcomes as the "
    "CSC outcomes and enablers dashboard lists them)"
)
FRAMEWORK_URL = (
    "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
)

#: (slug, title, description)
CHILDREN_AND_YOUNG_PEOPLE = [
    (
        "start-well",
        "Start well",
        "Pregnancy and the early years: a healthy start and being ready for school.",
    ),
    (
        "stay-well",
        "Stay well",
        "Physical and mental health and wellbeing, and healthy choices.",
    ),
    (
        "keep-safe",
        "Keep safe",
        "Safe at home and outside it: early help, protection from harm and exploitation.",
    ),
    (
        "enjoy-and-achieve",
        "Enjoy and achieve",
        "Learning, school attendance and attainment, play and things to do.",
    ),
    (
        "prepared-for-adulthood",
        "Prepared for adulthood",
        "Education, employment and training, independence, and moving on from care.",
    ),
]

#: The framework's outcomes in the dashboard's order, with the themes DfE tracks each by.
FRAMEWORK_OUTCOMES = [
    (
        "Children, young people and families stay together",
        [
            "Access to support and getting help",
            "Family stability",
            "School stability",
            "Child wellbeing and development",
            "Educational attainment",
        ],
    ),
    (
        "Children and young people are safe in and outside of their home",
        ["Child safety - general", "Child abuse / neglect", "Harms outside the home"],
    ),
    (
        "Children and young people are supported by their family network",
        ["Families engaging and receiving support from their family network"],
    ),
    (
        "Children in care and care leavers have stable, loving homes",
        [
            "Stability and quality of where a child lives",
            "Child wellbeing",
            "Quality of life for care experienced people",
        ],
    ),
]

FRAMEWORK_COLUMNS = ("sort_order", "tab_name", "accordion_text", "heading_text")
#: The dashboard renumbered outcomes 2 and 3 in 2026: the number is not part of the theme.
_OUTCOME_NUMBER = re.compile(r"\AOutcome\s+\d+\s*:\s*")


@dataclass
class _Spec:
    slug: str
    title: str
    description: str
    framework: str
    order: int
    source: str
    source_url: str = ""


def _framework_outcomes_from(path):
    """[(title, [dashboard themes])] read from the dashboard's summary_page_metadata.csv."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError:
        raise ImportFileError(f"There is no file at {path}.") from None
    outcomes = {}
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in FRAMEWORK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportFileError(
                f"{path} is not the framework file expected: its header lacks "
                f"{', '.join(missing)}. Nothing was loaded."
            )
        for row in reader:
            if row["tab_name"].strip() != "Outcomes":
                continue
            title = _OUTCOME_NUMBER.sub("", row["accordion_text"].strip())
            headings = outcomes.setdefault(title, [])
            heading = row["heading_text"].strip()
            if heading and heading not in headings:
                headings.append(heading)
    if not outcomes:
        raise ImportFileError(f"{path} lists no outcomes. Nothing was loaded.")
    return list(outcomes.items())


def _specs(framework_outcomes):
    specs = [
        _Spec(slug, title, description, ThemeFramework.CHILDREN_AND_YOUNG_PEOPLE, n, CYP_SOURCE)
        for n, (slug, title, description) in enumerate(CHILDREN_AND_YOUNG_PEOPLE, start=1)
    ]
    for n, (title, headings) in enumerate(framework_outcomes, start=len(specs) + 1):
        specs.append(
            _Spec(
                slugify(title)[:100],
                title,
                "An outcome of the children's social care national framework. The Department "
                f"for Education tracks it by: {'; '.join(headings)}.",
                ThemeFramework.SOCIAL_CARE_FRAMEWORK,
                n,
                FRAMEWORK_SOURCE,
                FRAMEWORK_URL,
            )
        )
    return specs


def themes_load(*, framework_path=None) -> ImportReport:
    """Create or update the national themes, keyed on slug. A theme a site administrator has
    reworded is put back to the national wording; themes added by hand are left alone."""
    outcomes = _framework_outcomes_from(framework_path) if framework_path else FRAMEWORK_OUTCOMES
    report = ImportReport()
    with transaction.atomic():
        for spec in _specs(outcomes):
            values = {
                "title": spec.title,
                "description": spec.description,
                "framework": spec.framework,
                "order": spec.order,
                "source": spec.source,
                "source_url": spec.source_url,
            }
            theme = Theme.objects.filter(slug=spec.slug).first()
            if theme is None:
                Theme.objects.create(slug=spec.slug, **values)
                report.created += 1
            elif any(getattr(theme, k) != v for k, v in values.items()):
                Theme.objects.filter(pk=theme.pk).update(**values)
                # An update() sends no signal; the theme pages show its words.
                changes_made()
                report.updated += 1
            else:
                report.unchanged += 1
    return report
