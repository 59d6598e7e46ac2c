"""import_ofsted_judgements reads Ofsted's official spreadsheet and the scraped history together:
one record per inspection, joined on council and publication date, the official file preferred."""

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from councils.models import Council, Inspection, InspectionType, Judgement
from tests.councils.ods_files import history_sheet, official_row, write_ods

DATA = Path(__file__).parent / "data"
HISTORY = DATA / "ofsted" / "ofsted_csc_ilacs_history.csv"
OFFICIAL = DATA / "ofsted" / "LA_Inspection_Outcomes_small.ods"

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_ofsted_judgements", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def councils():
    call_command("import_councils", str(DATA / "register_small.csv"), stdout=StringIO())


def test_an_inspection_in_both_files_is_one_record_with_the_official_grades_and_the_report_link(
    councils,
):
    out, _ = run(OFFICIAL, HISTORY)

    telford = Inspection.objects.get(council__register_code="TFW", published_on=dt.date(2020, 3, 2))
    assert telford.framework == "ILACS"
    assert telford.inspection_type == InspectionType.STANDARD
    assert (telford.visit_start, telford.visit_end) == (dt.date(2020, 1, 20), dt.date(2020, 1, 31))
    assert telford.overall_effectiveness == Judgement.OUTSTANDING
    # The scrape read "outstanding" for help and protection; Ofsted's own figures say good.
    assert telford.help_and_protection == Judgement.GOOD
    assert telford.care_leavers == ""  # not judged before January 2023
    assert telford.url == "https://files.ofsted.gov.uk/v1/file/50147381"
    assert "official statistics" in telford.source
    assert "scrape" in telford.source
    assert "Created 6, updated 0, unchanged 0." in out


def test_the_official_file_fills_a_judgement_the_scrape_could_not_read(councils):
    run(OFFICIAL, HISTORY)

    north_yorkshire = Inspection.objects.get(council__register_code="NYE")
    assert north_yorkshire.care_leavers == Judgement.OUTSTANDING


def test_the_official_file_alone_loads_every_judgement_and_the_visit_date(councils):
    out, err = run(OFFICIAL)

    stoke = Inspection.objects.get(council__register_code="STE")
    assert stoke.overall_effectiveness == Judgement.INADEQUATE
    assert stoke.visit_start == dt.date(2019, 2, 4)
    assert stoke.visit_end is None
    assert [label for label, _, _ in stoke.sub_judgements] == [
        "The impact of leaders on social work practice",
        "Children who need help and protection",
        "Children in care",
    ]
    assert "Created 4, updated 0, unchanged 0." in out
    # Cumbria was abolished in 2023; the file still lists its last inspection.
    assert "No council held for Cumbria (LA number none, GSS code E10000006)" in err


def test_loading_both_files_again_changes_nothing(councils):
    run(OFFICIAL, HISTORY)
    out, _ = run(HISTORY, OFFICIAL)

    assert "Created 0, updated 0, unchanged 6." in out


def test_loading_one_file_later_keeps_what_only_the_other_gave(councils):
    run(OFFICIAL, HISTORY)
    run(OFFICIAL)

    telford = Inspection.objects.get(council__register_code="TFW", published_on=dt.date(2020, 3, 2))
    assert telford.url == "https://files.ofsted.gov.uk/v1/file/50147381"
    assert telford.visit_end == dt.date(2020, 1, 31)


def test_inspectors_names_are_never_stored(councils):
    run(OFFICIAL, HISTORY)

    assert "inspector" not in " ".join(f.name for f in Inspection._meta.get_fields())
    for row in Inspection.objects.values():
        assert "A Inspector" not in " ".join(str(value) for value in row.values())


def test_bad_rows_in_the_official_file_are_named_and_nothing_is_written(councils, tmp_path):
    bad = write_ods(
        tmp_path / "outcomes.ods",
        history_sheet(
            [
                official_row(
                    "E06000020",
                    "Telford & Wrekin",
                    dt.date(2020, 1, 20),
                    dt.date(2020, 3, 2),
                    "ILACS Standard Inspection",
                    "Excellent",
                    "Good",
                    "Good",
                    "Good",
                    "",
                ),
                official_row(
                    "E0600002",
                    "Stoke-on-Trent",
                    dt.date(2019, 2, 4),
                    "soon",
                    "ILACS Standard Inspection",
                    "Good",
                    "Good",
                    "Good",
                    "Good",
                    "",
                ),
            ]
        ),
    )
    err = StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 rows"):
        call_command(
            "import_ofsted_judgements", str(bad), str(HISTORY), stdout=StringIO(), stderr=err
        )

    assert (
        "row 4, column Overall effectiveness: “Excellent” is not one of Ofsted's" in err.getvalue()
    )
    assert (
        "row 5, column Local authority area code: “E0600002” is not a GSS code." in err.getvalue()
    )
    assert "row 5, column Publication date: “soon” is not a date." in err.getvalue()
    assert Inspection.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    fake = tmp_path / "outcomes.ods"
    shutil.copy(HISTORY, fake)

    with pytest.raises(CommandError, match="is not an OpenDocument spreadsheet"):
        run(fake)


def test_a_spreadsheet_without_the_history_sheet_is_refused(tmp_path):
    other = write_ods(tmp_path / "other.ods", {"Sheet1": [["a", "b"]]})

    with pytest.raises(CommandError, match="has no sheet called “ILACS_inspection_history”"):
        run(other)


def test_a_file_of_another_kind_is_refused_by_its_name():
    with pytest.raises(CommandError, match=r"give Ofsted's spreadsheet \(\.ods\) or the history"):
        run(DATA / "ofsted" / "notes.txt")


def test_the_real_files_give_at_least_140_councils_a_judgement(require_shared_data):
    register = require_shared_data("uk-local-authorities", "uk_local_authorities.csv")
    official = require_shared_data(
        "ofsted-la-inspection-outcomes", "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
    )
    history = require_shared_data("ofsted-ilacs-scrape", "ofsted_csc_ilacs_history.csv")
    call_command("import_councils", str(register), stdout=StringIO())

    out, _ = run(official, history)

    judged = Council.objects.filter(inspections__overall_effectiveness__gt="").distinct()
    assert judged.count() >= 140
    telford = Council.objects.get(gss_code="E06000020")
    latest = telford.inspections.first()
    assert (latest.published_on, latest.visit_start) == (dt.date(2024, 7, 12), dt.date(2024, 4, 29))
    assert latest.overall_effectiveness == Judgement.OUTSTANDING
    assert latest.url.startswith("https://files.ofsted.gov.uk/")
    # SOURCE.md: Cheshire East went from requires improvement (2019) to inadequate (2024).
    cheshire_east = Council.objects.get(gss_code="E06000049")
    assert [
        i.overall_effectiveness
        for i in cheshire_east.inspections.filter(published_on__lt=dt.date(2025, 4, 1))
    ] == [Judgement.INADEQUATE, Judgement.REQUIRES_IMPROVEMENT]
    assert Inspection.objects.filter(overall_effectiveness="").count() == 11
    out, _ = run(official, history)
    assert "Created 0, updated 0" in out
