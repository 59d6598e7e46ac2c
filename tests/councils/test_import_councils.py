"""import_councils loads mySociety's register of local authorities, whole or not at all."""

import csv
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from councils.models import Council, CouncilKind
from tests.factories import make_council

DATA = Path(__file__).parent / "data"
SMALL = DATA / "register_small.csv"

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_councils", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_councils", *[str(arg) for arg in args], stdout=StringIO(), stderr=err)
    return str(raised.value), err.getvalue()


def test_loads_only_english_childrens_services_councils_by_default():
    out, _ = run(SMALL)

    assert sorted(Council.objects.values_list("register_code", flat=True)) == [
        "LND",
        "NYE",
        "STE",
        "STS",
        "TFW",
    ]
    assert "Created 5, updated 0, unchanged 0." in out
    assert "Skipped 1: no longer a current authority." in out
    assert "Skipped 2: not an English children's services authority." in out


def test_stores_every_field_the_register_gives():
    run(SMALL)

    telford = Council.objects.get(register_code="TFW")
    assert telford.name == "Telford and Wrekin"
    assert telford.official_name == "Telford & Wrekin Council"
    assert telford.slug == "telford-and-wrekin"
    assert telford.gss_code == "E06000020"
    assert telford.former_gss_codes == []
    assert telford.la_number == "894"
    assert telford.kind == CouncilKind.UNITARY
    assert telford.nation == "England"
    assert telford.region == "West Midlands"
    assert telford.start_date == dt.date(2005, 6, 20)
    assert telford.end_date is None
    assert Council.objects.get(register_code="STS").kind == CouncilKind.COUNTY
    assert Council.objects.get(register_code="LND").kind == CouncilKind.CITY_OF_LONDON


def test_a_blank_la_number_is_stored_as_null_not_an_empty_string():
    run(SMALL)

    assert Council.objects.get(register_code="NYE").la_number is None
    assert not Council.objects.filter(la_number="").exists()
    assert not Council.objects.filter(gss_code="").exists()


def test_all_loads_every_current_authority_with_its_kind():
    out, _ = run(SMALL, "--all")

    assert "Created 7, updated 0, unchanged 0." in out
    lincoln = Council.objects.get(register_code="LIC")
    assert lincoln.kind == CouncilKind.NON_METROPOLITAN_DISTRICT
    # The register's old ONS code (32UD) is not a DfE LA number.
    assert lincoln.la_number is None
    armagh = Council.objects.get(register_code="ABC")
    assert armagh.kind == CouncilKind.NORTHERN_IRISH_DISTRICT
    assert armagh.official_name == "Armagh City, Banbridge and Craigavon Borough Council"
    assert armagh.nation == "Northern Ireland"
    assert not Council.objects.filter(register_code="CMA").exists()


def test_running_twice_changes_nothing_the_second_time():
    run(SMALL)
    out, _ = run(SMALL)

    assert "Created 0, updated 0, unchanged 5." in out
    assert Council.objects.count() == 5


def test_a_changed_row_updates_the_council_in_place_and_keeps_its_slug(tmp_path):
    run(SMALL)
    changed = tmp_path / "register.csv"
    changed.write_text(
        SMALL.read_text().replace("Telford and Wrekin,", "Telford & Wrekin,"), encoding="utf-8"
    )

    out, _ = run(changed)

    assert "Created 0, updated 1, unchanged 4." in out
    telford = Council.objects.get(register_code="TFW")
    assert telford.name == "Telford & Wrekin"
    assert telford.slug == "telford-and-wrekin"


def test_a_council_entered_by_hand_is_matched_on_its_gss_code_not_duplicated():
    hand_made = make_council("Telford", slug="telford", gss_code="E06000020")

    run(SMALL)

    hand_made.refresh_from_db()
    assert Council.objects.filter(gss_code="E06000020").count() == 1
    assert hand_made.register_code == "TFW"
    assert hand_made.name == "Telford and Wrekin"
    assert hand_made.slug == "telford"


def test_a_recoded_council_is_updated_to_its_new_code_and_keeps_the_old_one():
    run(DATA / "register_barnsley_2024.csv")
    barnsley = Council.objects.get(register_code="BNS")
    assert barnsley.gss_code == "E08000016"

    out, _ = run(DATA / "register_barnsley_2025.csv")

    assert "Created 0, updated 1, unchanged 0." in out
    barnsley.refresh_from_db()
    assert barnsley.gss_code == "E08000038"
    assert barnsley.former_gss_codes == ["E08000016"]
    assert Council.objects.count() == 1


def test_a_council_held_under_its_old_code_alone_is_found_through_former_codes():
    # No register code to match on: only the file's former codes link the two.
    held = make_council("Barnsley", slug="barnsley", gss_code="E08000016")

    run(DATA / "register_barnsley_2025.csv")

    held.refresh_from_db()
    assert held.gss_code == "E08000038"
    assert held.former_gss_codes == ["E08000016"]
    assert Council.objects.count() == 1


def test_an_older_file_does_not_put_a_recoded_council_back_on_its_old_code():
    run(DATA / "register_barnsley_2025.csv")

    out, _ = run(DATA / "register_barnsley_2024.csv")

    assert "Created 0, updated 0, unchanged 1." in out
    barnsley = Council.objects.get(register_code="BNS")
    assert barnsley.gss_code == "E08000038"
    assert barnsley.former_gss_codes == ["E08000016"]


def test_a_new_council_whose_slug_is_taken_gets_its_register_code_added():
    make_council("Telford and Wrekin", slug="telford-and-wrekin", gss_code="E06000999")

    run(SMALL)

    assert Council.objects.get(register_code="TFW").slug == "telford-and-wrekin-tfw"


def test_every_bad_row_is_named_with_its_line_and_column_and_nothing_is_written():
    message, err = run_failing(DATA / "register_bad_rows.csv")

    assert "Nothing was imported: 5 rows" in message
    assert "line 3, column gss-code: “E6000020” is not a GSS code" in err
    assert "line 4, column nice-name: the council has no name." in err
    # Line 5's quoted note runs onto line 6, so the next record starts on line 7.
    assert "line 7, column start-date: “2023-13-01” is not a date" in err
    assert "line 8, column local-authority-type: “XYZ” is not a type" in err
    assert "line 9: 2 fields where the header has 14." in err
    assert "line 2" not in err
    assert "line 5" not in err
    assert Council.objects.count() == 0


def test_a_file_with_a_wrong_header_names_the_missing_columns_and_writes_nothing():
    message, _ = run_failing(DATA / "register_wrong_header.csv")

    assert "lacks the columns local-authority-code, nice-name, gss-code." in message
    assert "Nothing was imported." in message
    assert Council.objects.count() == 0


def test_two_rows_with_the_same_code_are_refused():
    message, err = run_failing(DATA / "register_duplicate_codes.csv")

    assert "Nothing was imported: 1 row" in message

    assert "line 3, column gss-code: “E06000020” is also on line 2." in err
    assert "line 3, column old-ons-la-code: “894” is also on line 2." in err
    assert Council.objects.count() == 0


def test_a_file_with_a_byte_order_mark_loads(tmp_path):
    with_bom = tmp_path / "register.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())

    out, _ = run(with_bom)

    assert "Created 5" in out


def test_a_file_with_windows_line_endings_loads(tmp_path):
    crlf = tmp_path / "register.csv"
    crlf.write_bytes(SMALL.read_bytes().replace(b"\n", b"\r\n"))

    out, _ = run(crlf)

    assert "Created 5" in out


def test_a_file_that_is_not_utf8_is_refused_with_advice(tmp_path):
    latin1 = tmp_path / "register.csv"
    latin1.write_bytes(SMALL.read_text().replace("Telford", "Télford").encode("latin-1"))

    message, _ = run_failing(latin1)

    assert "is not UTF-8 text. Save it as “CSV UTF-8” and try again." in message
    assert Council.objects.count() == 0


def test_a_spreadsheet_is_refused_as_not_csv(tmp_path):
    spreadsheet = tmp_path / "register.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb8\xe4\xff\x90")

    message, _ = run_failing(spreadsheet)

    assert "is not UTF-8 text" in message


def test_a_file_with_broken_quoting_is_refused_with_the_line(tmp_path):
    broken = tmp_path / "register.csv"
    broken.write_text(SMALL.read_text() + 'ZZZ,"Unterminated Council,Z\n')

    message, _ = run_failing(broken)

    assert "is not a well-formed CSV file (line 10: unexpected end of data)" in message
    assert Council.objects.count() == 0


def test_a_text_file_that_is_not_the_register_is_refused(tmp_path):
    prose = tmp_path / "notes.csv"
    prose.write_text("These are my notes about councils.\nNothing tabular here.\n")

    message, _ = run_failing(prose)

    assert "is not the file expected" in message


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "register.csv"
    empty.write_text("")

    message, _ = run_failing(empty)

    assert "is empty" in message


def test_a_missing_file_is_refused(tmp_path):
    message, _ = run_failing(tmp_path / "nowhere.csv")

    assert "There is no file at" in message


@pytest.fixture
def register(require_shared_data):
    return require_shared_data("uk-local-authorities", "uk_local_authorities.csv")


def test_the_real_register_loads_the_153_childrens_services_councils(register):
    # SOURCE.md beside the file: its selection gives exactly 153 rows.
    out, _ = run(register)
    assert "Created 153, updated 0, unchanged 0." in out
    assert Council.objects.count() == 153

    out, _ = run(register)
    assert "Created 0, updated 0, unchanged 153." in out

    telford = Council.objects.get(gss_code="E06000020")
    assert (telford.register_code, telford.la_number) == ("TFW", "894")
    assert telford.name == "Telford and Wrekin"
    assert Council.objects.get(register_code="LND").kind == CouncilKind.CITY_OF_LONDON


def test_the_real_register_with_all_loads_every_current_authority(register):
    with register.open(encoding="utf-8", newline="") as handle:
        current = sum(row["current-authority"] == "True" for row in csv.DictReader(handle))

    out, _ = run(register, "--all")

    assert f"Created {current}, updated 0, unchanged 0." in out
    assert Council.objects.count() == current
    assert Council.objects.filter(kind=CouncilKind.SCOTTISH_COUNCIL).exists()


def test_the_real_register_with_all_leaves_councils_already_loaded_unchanged(register):
    run(register)

    out, _ = run(register, "--all")

    assert "updated 0, unchanged 153." in out


def test_a_gss_code_with_digits_of_another_script_is_a_named_bad_row(tmp_path):
    good = SMALL.read_text(encoding="utf-8").splitlines()
    header, first = good[0], good[1]
    # Arabic-Indic digits: a regular expression's \d takes them; the register never uses them.
    fields = first.split(",")
    fields[3] = "E0600002" + "\u0660"
    path = tmp_path / "register.csv"
    path.write_text("\n".join([header, ",".join(fields)]) + "\n", encoding="utf-8")

    _, err = run_failing(path)

    assert "line 2, column gss-code:" in err
    assert "is not a GSS code" in err
    assert Council.objects.count() == 0
