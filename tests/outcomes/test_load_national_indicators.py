"""load_national_indicators defines the national measures once, from the framework dashboard's
file or any file of its format, and loads England's and councils' figures for them."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from outcomes.models import MeasurementStatus, NationalFigure, NationalIndicator, Polarity
from tests.factories import make_council

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def run(*args):
    out = StringIO()
    call_command("load_national_indicators", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_defines_each_row_as_a_national_indicator_with_its_unit_and_framework_metric():
    out = run(DATA / "national_indicators_small.csv")

    assert "Created 3, updated 0, unchanged 0." in out
    cin = NationalIndicator.objects.get(slug="rate-of-children-in-need-per-10000-children")
    assert cin.unit_label == "per 10,000 children"
    assert cin.framework_metric == "cin_rates.At31_episodes_rate"
    assert cin.framework_theme == "Access to support and getting help"
    assert cin.framework_order == 1
    assert "Department for Education" in cin.source
    assert cin.polarity == Polarity.NO_JUDGEMENT
    referrals = NationalIndicator.objects.get(name="Repeat referrals (within 12 months)")
    assert referrals.unit_label == "%"


def test_loading_again_changes_nothing_and_keeps_the_polarity_a_site_administrator_set():
    run(DATA / "national_indicators_small.csv")
    NationalIndicator.objects.filter(name__startswith="Repeat").update(
        polarity=Polarity.LOWER_BETTER, unit_label="percent"
    )

    out = run(DATA / "national_indicators_small.csv")

    assert "Created 0, updated 1, unchanged 2." in out
    referrals = NationalIndicator.objects.get(name__startswith="Repeat")
    assert referrals.polarity == Polarity.LOWER_BETTER
    assert referrals.unit_label == "%"


def test_a_file_with_bad_rows_names_each_and_loads_nothing():
    with pytest.raises(CommandError) as caught:
        run(DATA / "national_indicators_bad.csv")

    message = str(caught.value)
    assert "Nothing was imported: 3 rows" in message
    assert "line 3, column sort_order" in message
    assert "line 4, column value_format: “currency_per_head”" in message
    assert "line 5, column metric_display_text" in message
    assert "already on line 2" in message
    assert not NationalIndicator.objects.exists()


def test_a_missing_file_is_said_plainly():
    with pytest.raises(CommandError, match="There is no file at"):
        run(DATA / "no_such_file.csv")


def test_the_dfe_file_defines_all_68_indicators(require_shared_data):
    path = require_shared_data("csc-national-framework-indicators", "summary_page_metadata.csv")

    out = run(path)

    assert "Created 68, updated 0, unchanged 0." in out
    assert "Created 0, updated 0, unchanged 68." in run(path)
    leavers = NationalIndicator.objects.get(
        name="Care leavers in education, employment or training (17 to 18 years)"
    )
    assert leavers.unit_label == "%"
    assert leavers.framework_outcome.startswith("Outcome 4")


def write(tmp_path, text):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "indicator,area_code,period_end,value,status,source,source_url\n"


def test_figures_for_england_and_a_council_load_by_code_and_former_code(tmp_path):
    run(DATA / "national_indicators_small.csv")
    council = make_council(gss_code="E06000020", former_gss_codes=["E06000099"], la_number="894")
    slug = "rate-of-children-in-need-per-10000-children"
    path = write(
        tmp_path,
        HEADER
        + f"{slug},E92000001,2025-03-31,332.8,final,DfE CIN census,\n"
        + f"{slug},E06000099,2025-03-31,301.2,,DfE CIN census,\n"
        + f"{slug},894,2024-03-31,,suppressed,DfE CIN census,\n",
    )

    out = run("--figures", path)

    assert "Created 3, updated 0, unchanged 0." in out
    england = NationalFigure.objects.get(council=None)
    assert england.value == Decimal("332.8")
    assert england.area_name == "England"
    assert NationalFigure.objects.get(council=council, period_end="2025-03-31").value == Decimal(
        "301.2"
    )
    suppressed = NationalFigure.objects.get(council=council, period_end="2024-03-31")
    assert suppressed.value is None
    assert suppressed.status == MeasurementStatus.SUPPRESSED
    assert "Created 0, updated 0, unchanged 3." in run("--figures", path)


def test_bad_figures_are_each_named_and_none_is_loaded(tmp_path):
    run(DATA / "national_indicators_small.csv")
    slug = "rate-of-children-in-need-per-10000-children"
    path = write(
        tmp_path,
        HEADER
        + f"{slug},E92000001,2025-03-31,332.8,final,DfE,\n"
        + "no-such-indicator,E92000001,2025-03-31,1,final,DfE,\n"
        + f"{slug},E06000999,2025-03-31,1,final,DfE,\n"
        + f"{slug},E92000001,2025-03-15,1,final,DfE,\n"
        + f"{slug},E92000001,2024-03-31,lots,final,DfE,\n"
        + f"{slug},E92000001,2023-03-31,,final,DfE,\n"
        + f"{slug},E92000001,2022-03-31,5,final,,\n",
    )

    with pytest.raises(CommandError) as caught:
        run("--figures", path)

    message = str(caught.value)
    assert "Nothing was imported: 6 rows" in message
    for expected in (
        "line 3, column indicator",
        "line 4, column area_code",
        "line 5, column period_end",
        "line 6, column value",
        "line 7, column value",
        "line 8, column source",
    ):
        assert expected in message
    assert not NationalFigure.objects.exists()


def test_a_figure_with_more_decimal_places_than_are_kept_is_refused_not_rounded(tmp_path):
    run(DATA / "national_indicators_small.csv")
    slug = "rate-of-children-in-need-per-10000-children"
    path = write(tmp_path, HEADER + f"{slug},E92000001,2025-03-31,332.81234,final,DfE,\n")

    with pytest.raises(CommandError) as caught:
        run("--figures", path)

    assert "line 2, column value" in str(caught.value)
    assert "decimal places" in str(caught.value)
    assert not NationalFigure.objects.exists()


def test_a_code_reused_by_another_council_finds_the_council_that_holds_it_now(tmp_path):
    run(DATA / "national_indicators_small.csv")
    # Named so that the council holding the code now is read first, the recoded one after it.
    holder = make_council("Aldermoor", gss_code="E06000020")
    recoded = make_council("Zedbury", gss_code="E06000100", former_gss_codes=["E06000020"])
    slug = "rate-of-children-in-need-per-10000-children"
    path = write(tmp_path, HEADER + f"{slug},E06000020,2025-03-31,301.2,,DfE CIN census,\n")

    run("--figures", path)

    assert NationalFigure.objects.get().council == holder
    assert not NationalFigure.objects.filter(council=recoded).exists()
