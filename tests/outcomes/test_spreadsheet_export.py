"""Exporting objectives, measurements and progress updates: the same columns the import reads,
numbers as numbers, nothing a spreadsheet would run as a formula, and only what the user may see."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from outcomes.models import Measurement, Objective, ProgressUpdate
from outcomes.periods import Quarter
from outcomes.spreadsheets import spreadsheet_export, spreadsheet_import
from tests.factories import (
    make_board,
    make_measurement,
    make_meeting,
    make_objective,
    make_update,
    sign_off,
)

from .spreadsheet_helpers import build_world

pytestmark = pytest.mark.django_db

Q1 = Quarter.containing(dt.date(2026, 4, 1))
Q2 = Q1.next
QUERYSETS = {
    "objectives": Objective.objects.all,
    "measurements": Measurement.objects.all,
    "progress": ProgressUpdate.objects.all,
}


@pytest.fixture
def world(council_a):
    world = build_world(council_a)
    make_objective(
        world.keep_safe,
        '=HYPERLINK("http://evil.example","click")',
        order=2,
        description="- first point\r\n- second point",
        lead="@lead",
    )
    make_measurement(
        world.percentage, dt.date(2026, 3, 31), Decimal("41.2500"), note="+2 on last year"
    )
    make_measurement(world.count, dt.date(2026, 3, 31), Decimal("-5"))
    make_measurement(world.count, dt.date(2026, 6, 30), None, status="suppressed")
    meeting = make_meeting(make_board(council_a), date=dt.date(2026, 7, 15))
    sign_off(make_update(objective=world.objective, quarter=Q1), meeting)
    make_update(
        programme=world.programme,
        quarter=Q2,
        rating="at_risk",
        commentary="Two hubs late.",
        next_steps="=cmd|' /C calc'!A0",
    )
    return world


def export(kind, user, file_format):
    return spreadsheet_export(
        kind=kind, queryset=QUERYSETS[kind](), user=user, file_format=file_format
    )


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["objectives", "measurements", "progress"])
def test_export_then_import_changes_nothing(world, editor_a, kind, file_format):
    content, _, filename = export(kind, editor_a, file_format)

    result = spreadsheet_import(
        kind=kind, file=SimpleUploadedFile(filename, content), user=editor_a, commit=True
    )

    assert result.committed, result.errors or result.file_error
    assert result.rows
    assert {row.action for row in result.rows} == {"unchanged"}


def test_csv_export_has_the_import_headings_and_plain_values(world, editor_a):
    content, content_type, filename = export("measurements", editor_a, "csv")

    assert content.startswith(b"\xef\xbb\xbf")
    assert content_type.startswith("text/csv")
    assert filename.endswith(".csv")
    assert csv_rows(content) == [
        ["council", "strategy", "indicator", "period_end", "value", "status", "note"],
        ["wyvern-vale", "cyp-plan", "Children ready for school", "2026-03-31", "41.25", "final", "'+2 on last year"],
        ["wyvern-vale", "cyp-plan", "Children in care", "2026-03-31", "-5", "final", ""],
        ["wyvern-vale", "cyp-plan", "Children in care", "2026-06-30", "", "suppressed", ""],
    ]  # fmt: skip


def test_csv_export_neutralises_formulas_in_text_only(world, editor_a):
    objectives = csv_rows(export("objectives", editor_a, "csv")[0])
    progress = csv_rows(export("progress", editor_a, "csv")[0])

    formula = next(row for row in objectives if "HYPERLINK" in row[4])
    assert formula[4] == '\'=HYPERLINK("http://evil.example","click")'
    assert formula[5].startswith("'- first point")
    assert formula[6] == "'@lead"
    assert progress[1][7] == "'=cmd|' /C calc'!A0"
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for row in objectives + progress for cell in row
    )


def test_xlsx_export_writes_numbers_dates_and_text_as_such(world, editor_a):
    content, content_type, _ = export("measurements", editor_a, "xlsx")

    assert content_type.startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    first = sheet[2]
    assert first[3].is_date
    assert first[3].value == dt.datetime(2026, 3, 31)
    assert (first[4].data_type, first[4].value) == ("n", 41.25)
    assert (sheet[3][4].data_type, sheet[3][4].value) == ("n", -5)
    assert sheet[4][4].value is None


def test_xlsx_export_keeps_formula_like_text_as_text(world, editor_a):
    content, _, _ = export("objectives", editor_a, "xlsx")

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cell = next(row[4] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[4].value))
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_export_includes_only_the_users_councils(world, council_b, editor_b):
    theirs = build_world(council_b, slug="b-plan")
    make_measurement(theirs.count, dt.date(2026, 3, 31), Decimal("7"))

    for kind in ("objectives", "measurements"):
        rows = csv_rows(export(kind, editor_b, "csv")[0])
        assert {row[0] for row in rows[1:]} == {"brackenfield"}
    assert csv_rows(export("progress", editor_b, "csv")[0])[1:] == []
