"""load_themes sets up the common outcome frame: the five children and young people's themes
and the four outcomes of the children's social care national framework."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from outcomes.models import Theme, ThemeFramework

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("load_themes", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_loads_the_five_aims_and_the_four_framework_outcomes():
    out = run()

    assert list(
        Theme.objects.filter(framework=ThemeFramework.CHILDREN_AND_YOUNG_PEOPLE).values_list(
            "slug", flat=True
        )
    ) == ["start-well", "stay-well", "keep-safe", "enjoy-and-achieve", "prepared-for-adulthood"]
    outcomes = Theme.objects.filter(framework=ThemeFramework.SOCIAL_CARE_FRAMEWORK)
    assert [theme.title for theme in outcomes] == [
        "Children, young people and families stay together",
        "Children and young people are safe in and outside of their home",
        "Children and young people are supported by their family network",
        "Children in care and care leavers have stable, loving homes",
    ]
    assert "Created 9, updated 0, unchanged 0." in out


def test_loading_again_changes_nothing_and_puts_back_a_reworded_theme():
    run()
    Theme.objects.filter(slug="keep-safe").update(title="Kept safe")

    out = run()

    assert "Created 0, updated 1, unchanged 8." in out
    assert Theme.objects.get(slug="keep-safe").title == "Keep safe"


def test_a_theme_added_by_a_site_administrator_is_left_alone():
    Theme.objects.create(
        slug="voice", title="Voice of the child", framework="children_and_young_people"
    )

    run()

    assert Theme.objects.filter(slug="voice").exists()


def test_the_dfe_file_gives_the_same_outcomes_as_written_out(require_shared_data):
    framework = require_shared_data(
        "csc-national-framework-indicators", "summary_page_metadata.csv"
    )
    run()

    out = run("--framework", framework)

    assert "Created 0, updated 0, unchanged 9." in out


def test_a_file_that_is_not_the_framework_is_refused(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")

    with pytest.raises(CommandError, match="lacks sort_order, tab_name"):
        run("--framework", wrong)
    assert not Theme.objects.exists()
