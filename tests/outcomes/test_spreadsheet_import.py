"""Reading a sheet of objectives, measurements or progress updates: what would change, and
writing it only when every row is right."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outcomes.models import Measurement, Objective, ProgressUpdate
from outcomes.periods import Quarter
from outcomes.spreadsheets import MAX_BYTES, MAX_ROWS, importing, spreadsheet_import
from tests.factories import make_board, make_measurement, make_meeting, make_update, sign_off

from .spreadsheet_helpers import build_world, csv_bytes, upload

pytestmark = pytest.mark.django_db

OBJECTIVE_HEADINGS = ["council", "strategy", "aim", "order", "title", "description", "lead"]
MEASUREMENT_HEADINGS = [
    "council", "strategy", "indicator", "period_end", "value", "status", "note",
]  # fmt: skip
PROGRESS_HEADINGS = [
    "council", "strategy", "objective", "programme", "period", "rating", "commentary",
    "next_steps",
]  # fmt: skip
DATA = Path(__file__).parent / "data"
Q1 = Quarter.containing(dt.date(2026, 4, 1))


@pytest.fixture
def world(council_a):
    return build_world(council_a)


def run(kind, rows, user, *, name="sheet.csv", commit=True, **options):
    return spreadsheet_import(
        kind=kind, file=upload(rows, name, **options), user=user, commit=commit
    )


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.xlsx"])
def test_objectives_are_created_and_updated(world, editor_a, name):
    rows = [
        OBJECTIVE_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Start well", 1, "Every child ready for school", "", "Director of education"],
        ["wyvern-vale", "cyp-plan", "2", 4, "Fewer children in care", "Safely at home.", "Head of social care"],
    ]  # fmt: skip

    result = run("objectives", rows, editor_a, name=name)

    assert result.committed, result.errors or result.file_error
    assert [row.action for row in result.rows] == ["update", "create"]
    world.objective.refresh_from_db()
    assert world.objective.lead == "Director of education"
    created = Objective.objects.get(title="Fewer children in care")
    assert created.aim == world.keep_safe
    assert (created.order, created.description) == (4, "Safely at home.")


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.xlsx"])
def test_measurements_are_created_and_updated(world, editor_a, name):
    make_measurement(world.percentage, dt.date(2026, 3, 31), Decimal("40.0"))
    rows = [
        MEASUREMENT_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Children ready for school", "2026-03-31", 41.5, "revised", ""],
        ["wyvern-vale", "cyp-plan", "children ready for school", "30/06/2026", "43", "", "Early figure"],
        ["wyvern-vale", "cyp-plan", "Children in care", dt.date(2026, 6, 30), "", "suppressed", ""],
    ]  # fmt: skip

    result = run("measurements", rows, editor_a, name=name)

    assert result.committed, result.errors or result.file_error
    assert [row.action for row in result.rows] == ["update", "create", "create"]
    values = {
        (m.indicator_id, m.period_end): (m.value, m.status, m.note)
        for m in Measurement.objects.all()
    }
    assert values == {
        (world.percentage.pk, dt.date(2026, 3, 31)): (Decimal("41.5"), "revised", ""),
        (world.percentage.pk, dt.date(2026, 6, 30)): (Decimal("43"), "final", "Early figure"),
        (world.count.pk, dt.date(2026, 6, 30)): (None, "suppressed", ""),
    }


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.xlsx"])
def test_progress_updates_are_created_with_the_importer_as_author(world, editor_a, name):
    make_update(objective=world.objective, quarter=Q1, rating="on_track")
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "At risk", "Staff shortages.", "Recruit two posts."],
        ["wyvern-vale", "cyp-plan", "", "Family help service", "Q2 2026-27", "on_track", "Hubs opened.", ""],
    ]  # fmt: skip

    result = run("progress", rows, editor_a, name=name)

    assert result.committed, result.errors or result.file_error
    assert [row.action for row in result.rows] == ["update", "create"]
    updated = ProgressUpdate.objects.get(objective=world.objective)
    assert (updated.rating, updated.next_steps, updated.author) == (
        "at_risk",
        "Recruit two posts.",
        editor_a,
    )
    created = ProgressUpdate.objects.get(programme=world.programme)
    assert (created.period_start, created.period_end) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert created.author == editor_a


def test_a_csv_with_a_byte_order_mark_is_read(world, editor_a):
    rows = [
        OBJECTIVE_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Keep safe", "", "Safe at home", "", ""],
    ]

    result = run("objectives", rows, editor_a, bom=True)

    assert result.committed, result.errors or result.file_error


def test_preview_writes_nothing(world, editor_a):
    rows = [
        OBJECTIVE_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Keep safe", "", "Safe at home", "", ""],
    ]

    result = run("objectives", rows, editor_a, commit=False)

    assert [row.action for row in result.rows] == ["create"]
    assert not result.committed
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_one_bad_row_writes_nothing_and_names_row_and_column(world, editor_a):
    rows = [
        MEASUREMENT_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Children ready for school", "2026-03-31", "41", "", ""],
        [
            "wyvern-vale",
            "cyp-plan",
            "Children ready for school",
            "2026-06-30",
            "about half",
            "",
            "",
        ],
    ]

    result = run("measurements", rows, editor_a)

    assert not result.committed
    assert result.errors == ["Row 3, column ‘value’: enter a number, like 42.5"]
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2026-06-30", "", "final"], "Row 2, column ‘value’: enter a value, or set the status"),
        (["2026-06-30", "4", "suppressed"], "Row 2, column ‘value’: leave the value empty"),
        (["2026-06-30", "140", ""], "Row 2, column ‘value’: a percentage must be from 0 to 100"),
        (["2026-06-30", "4.12345", ""], "Row 2, column ‘value’: use at most 4 decimal places"),
        (["2026-02-30", "4", ""], "Row 2, column ‘period_end’: ‘2026-02-30’ is not a real date"),
        (["June 2026", "4", ""], "Row 2, column ‘period_end’: enter a date like 2026-06-30"),
        (["2026-06-30", "4", "guess"], "Row 2, column ‘status’: ‘guess’ is not a status"),
    ],
)
def test_bad_measurement_cells_are_explained(world, editor_a, cells, expected):
    period_end, value, status = cells
    rows = [
        MEASUREMENT_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Children ready for school", period_end, value, status, ""],
    ]

    result = run("measurements", rows, editor_a)

    assert len(result.errors) == 1
    assert result.errors[0].startswith(expected)
    assert not Measurement.objects.exists()


def test_a_percentage_formatted_excel_cell_is_read_as_0_to_100(world, editor_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(MEASUREMENT_HEADINGS)
    sheet.append(["wyvern-vale", "cyp-plan", "Children ready for school", dt.date(2026, 6, 30)])
    sheet["E2"] = 0.425
    sheet["E2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = spreadsheet_import(
        kind="measurements",
        file=SimpleUploadedFile("sheet.xlsx", buffer.getvalue()),
        user=editor_a,
        commit=True,
    )

    assert result.committed, result.errors
    assert Measurement.objects.get().value == Decimal("42.5")


def test_a_row_repeating_an_earlier_one_is_an_error(world, editor_a):
    row = ["wyvern-vale", "cyp-plan", "Children ready for school", "2026-06-30", "4", "", ""]

    result = run("measurements", [MEASUREMENT_HEADINGS, row, row], editor_a)

    assert result.errors == [
        "Row 3, column ‘period_end’: row 2 already has a figure for this indicator and date"
    ]


def test_progress_needs_commentary_and_next_steps_when_at_risk(world, editor_a):
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "off_track", "", ""],
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "Family help service", "Q2 2026-27", "on_track", "Fine.", ""],
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "2026 Q3", "on_track", "Fine.", ""],
    ]  # fmt: skip

    result = run("progress", rows, editor_a)

    assert result.errors == [
        "Row 2, column ‘commentary’: say what happened this period.",
        "Row 2, column ‘next_steps’: say what will be done, since this is at risk or off track.",
        "Row 3, column ‘objective’: fill in the objective or the programme, not both",
        "Row 4, column ‘period’: enter the financial quarter like Q1 2026-27",
    ]
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("Q1 0000-01", "‘Q1 0000-01’ falls outside 1990 to 2100"),
        ("Q4 9999-00", "‘Q4 9999-00’ falls outside 1990 to 2100"),
        ("Q4 2100-01", "‘Q4 2100-01’ falls outside 1990 to 2100"),
        ("Q1 1989-90", "‘Q1 1989-90’ falls outside 1990 to 2100"),
    ],
)
def test_a_quarter_in_an_implausible_year_is_a_cell_error(world, editor_a, period, expected):
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", period, "on_track", "Fine.", ""],
    ]  # fmt: skip

    result = run("progress", rows, editor_a, commit=False)

    assert result.errors == [
        f"Row 2, column ‘period’: {expected}: enter a quarter in those years, like Q1 2026-27"
    ]
    assert not ProgressUpdate.objects.exists()


def test_wrong_headings_are_refused_with_the_expected_ones(world, editor_a):
    rows = [
        ["council", "strategy", "indicator", "date", "vaule"],
        ["wyvern-vale", "cyp-plan", "Children ready for school", "2026-06-30", "4"],
    ]

    result = run("measurements", rows, editor_a)

    assert not result.rows
    assert "Not recognised: ‘date’, ‘vaule’." in result.file_error
    assert "Missing: ‘period_end’, ‘value’." in result.file_error
    assert "council, strategy, indicator, period_end, value, status, note" in result.file_error


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("sheet.csv", b"", "The file is empty"),
        ("sheet.pdf", b"%PDF-1.4", "Choose a CSV file (.csv) or an Excel workbook (.xlsx)"),
        ("sheet.xls", b"\xd0\xcf\x11\xe0", "Save it as an Excel workbook (.xlsx)"),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip", "could not be opened as an Excel workbook"),
        ("sheet.xlsx", b"just text", "could not be opened as an Excel workbook"),
        ("sheet.csv", "council,strategy\nCaf\u00e9".encode("cp1252"), "not in UTF-8"),
        ("sheet.csv", b"council,strategy,aim,title\n", "headings but no rows"),
        ("sheet.csv", b"\n\nfoo", "The first row must hold the column headings"),
    ],
)
def test_unusable_files_get_a_clear_message(editor_a, name, content, expected):
    result = spreadsheet_import(
        kind="objectives", file=SimpleUploadedFile(name, content), user=editor_a, commit=True
    )

    assert expected in result.file_error
    assert not result.committed


def test_a_file_over_the_size_limit_is_refused(editor_a):
    content = b"x" * (MAX_BYTES + 1)

    result = spreadsheet_import(
        kind="objectives", file=SimpleUploadedFile("big.csv", content), user=editor_a
    )

    assert "larger than 5 MB" in result.file_error


def test_a_file_over_the_row_limit_is_refused(world, editor_a):
    row = ["wyvern-vale", "cyp-plan", "Keep safe", "", "Safe", "", ""]
    content = csv_bytes([OBJECTIVE_HEADINGS] + [row] * (MAX_ROWS + 1))

    result = spreadsheet_import(
        kind="objectives", file=SimpleUploadedFile("long.csv", content), user=editor_a
    )

    assert "more than 5,000 rows" in result.file_error


def test_other_councils_strategy_is_a_row_error_even_though_it_exists(world, council_b, editor_b):
    build_world(council_b, slug="b-plan")
    rows = [
        OBJECTIVE_HEADINGS,
        ["brackenfield", "b-plan", "Keep safe", "", "Safe at home", "", ""],
        ["wyvern-vale", "cyp-plan", "Keep safe", "", "Sneaked in", "", ""],
    ]

    result = run("objectives", rows, editor_b)

    assert result.errors == [
        "Row 3, column ‘council’: you can only import into councils you belong to"
    ]
    assert not result.committed
    assert not Objective.objects.filter(title__in=["Safe at home", "Sneaked in"]).exists()


def test_a_site_admin_may_import_into_any_council(world, site_admin):
    rows = [OBJECTIVE_HEADINGS, ["wyvern-vale", "cyp-plan", "Keep safe", "", "Safe", "", ""]]

    assert run("objectives", rows, site_admin).committed


def test_unknown_council_strategy_and_aim_are_named(world, editor_a):
    rows = [
        OBJECTIVE_HEADINGS,
        ["nowhere", "cyp-plan", "Keep safe", "", "Safe", "", ""],
        ["wyvern-vale", "no-plan", "Keep safe", "", "Safe", "", ""],
        ["wyvern-vale", "cyp-plan", "Stay well", "", "Safe", "", ""],
    ]

    result = run("objectives", rows, editor_a)

    assert result.errors == [
        "Row 2, column ‘council’: there is no council with the short name ‘nowhere’",
        "Row 3, column ‘strategy’: Wyvern Vale has no strategy with the short name ‘no-plan’",
        "Row 4, column ‘aim’: the strategy has no aim called ‘Stay well’ "
        "(its aims: Start well; Keep safe)",
    ]


def test_a_signed_off_update_cannot_be_changed(world, editor_a, council_a):
    meeting = make_meeting(make_board(council_a), date=dt.date(2026, 7, 15))
    update = sign_off(make_update(objective=world.objective, quarter=Q1), meeting)
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "complete", "Done early.", ""],
    ]  # fmt: skip

    result = run("progress", rows, editor_a)

    assert result.errors == [
        "Row 2: the Q1 2026-27 update for ‘Every child ready for school’ was signed off at the "
        "board meeting on 15 July 2026, so it cannot be changed"
    ]
    update.refresh_from_db()
    assert update.rating == "on_track"


def test_a_signed_off_update_left_as_it_is_is_unchanged(world, editor_a, council_a):
    meeting = make_meeting(make_board(council_a))
    sign_off(make_update(objective=world.objective, quarter=Q1), meeting)
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "On track", "Work went to plan this quarter.", ""],
    ]  # fmt: skip

    result = run("progress", rows, editor_a)

    assert result.committed
    assert [row.action for row in result.rows] == ["unchanged"]


def test_the_confirmation_checks_again_and_writes_nothing_if_a_row_has_gone_bad(
    world, editor_a, council_a
):
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "", "Family help service", "Q1 2026-27", "on_track", "Hubs opened.", ""],
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "on_track", "Fine.", ""],
    ]  # fmt: skip
    assert run("progress", rows, editor_a, commit=False).is_valid
    # Between preview and confirm, the board signs off the objective's update.
    sign_off(
        make_update(objective=world.objective, quarter=Q1), make_meeting(make_board(council_a))
    )

    result = run("progress", rows, editor_a)

    assert not result.committed
    assert result.errors[0].startswith("Row 3: the Q1 2026-27 update")
    assert not ProgressUpdate.objects.filter(programme=world.programme).exists()


def test_a_csv_as_excel_saves_it_is_read(world, editor_a):
    content = (DATA / "measurements_saved_by_excel.csv").read_bytes()

    result = spreadsheet_import(
        kind="measurements",
        file=SimpleUploadedFile("measurements.csv", content),
        user=editor_a,
        commit=True,
    )

    assert result.committed, result.errors or result.file_error
    # The blank line is skipped but still counted, so row numbers match what Excel shows.
    assert [row.number for row in result.rows] == [2, 3, 5]
    assert sorted(Measurement.objects.values_list("period_end", "value", "status", "note")) == [
        (dt.date(2026, 3, 31), Decimal("41.5"), "provisional", "Survey, spring term"),
        (dt.date(2026, 3, 31), Decimal("1312"), "final", ""),
        (dt.date(2026, 6, 30), None, "not_available", "Awaiting the return"),
    ]


def test_a_csv_separated_by_semicolons_gets_a_hint(world, editor_a):
    content = (DATA / "objectives_semicolons.csv").read_bytes()

    result = spreadsheet_import(
        kind="objectives", file=SimpleUploadedFile("objectives.csv", content), user=editor_a
    )

    assert "separated by semicolons" in result.file_error


def test_a_sign_off_landing_while_the_import_writes_loses_nothing(
    world, editor_a, council_a, monkeypatch
):
    update = make_update(objective=world.objective, quarter=Q1)
    rows = [
        PROGRESS_HEADINGS,
        ["wyvern-vale", "cyp-plan", "", "Family help service", "Q1 2026-27", "on_track", "Hubs opened.", ""],
        ["wyvern-vale", "cyp-plan", "Every child ready for school", "", "Q1 2026-27", "complete", "Done early.", ""],
    ]  # fmt: skip
    checked = importing.plan_rows

    def board_signs_off_right_after_the_check(*args):
        plans = checked(*args)
        sign_off(ProgressUpdate.objects.get(pk=update.pk), make_meeting(make_board(council_a)))
        return plans

    monkeypatch.setattr(importing, "plan_rows", board_signs_off_right_after_the_check)

    result = run("progress", rows, editor_a)

    assert not result.committed
    assert "signed off by the board" in result.file_error
    assert "Nothing was imported" in result.file_error
    update.refresh_from_db()
    assert update.rating == "on_track"
    assert not ProgressUpdate.objects.filter(programme=world.programme).exists()
