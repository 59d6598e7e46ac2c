"""Builders shared by the spreadsheet tests: a small strategy to import into, and files."""

import csv
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outcomes.models import Polarity
from tests.factories import (
    make_aim,
    make_indicator,
    make_objective,
    make_programme,
    make_strategy,
)


@dataclass
class World:
    council: object
    strategy: object
    start_well: object
    keep_safe: object
    objective: object
    percentage: object
    count: object
    programme: object


def build_world(council, slug="cyp-plan"):
    strategy = make_strategy(council, slug=slug, title="Children and Young People Plan")
    start_well = make_aim(strategy, "Start well", order=1)
    keep_safe = make_aim(strategy, "Keep safe", order=2)
    objective = make_objective(
        start_well, "Every child ready for school", order=1, lead="Head of early years"
    )
    return World(
        council=council,
        strategy=strategy,
        start_well=start_well,
        keep_safe=keep_safe,
        objective=objective,
        percentage=make_indicator(objective, "Children ready for school", unit_label="%"),
        count=make_indicator(
            objective,
            "Children in care",
            unit_label="children",
            polarity=Polarity.LOWER_BETTER,
        ),
        programme=make_programme(strategy, "Family help service"),
    )


def csv_bytes(rows, *, bom=False):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows, name="sheet.csv", **options):
    content = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, **options)
    return SimpleUploadedFile(name, content)
