"""The Ofsted lookup file gives each council its ten statistical neighbours; the import keeps
them in order, honouring out-of-date codes."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from councils.models import Council, StatisticalNeighbour

DATA = Path(__file__).parent / "data"
HISTORY = DATA / "ofsted" / "ofsted_csc_ilacs_history.csv"

pytestmark = pytest.mark.django_db


def run():
    out, err = StringIO(), StringIO()
    call_command("import_ofsted_judgements", str(HISTORY), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def neighbours(register_code):
    council = Council.objects.get(register_code=register_code)
    return [link.neighbour.register_code for link in council.neighbour_links.order_by("rank")]


@pytest.fixture
def councils():
    call_command("import_councils", str(DATA / "register_small.csv"), stdout=StringIO())


def test_each_council_gets_its_neighbours_in_the_lookups_order(councils):
    out, err = run()

    assert neighbours("TFW") == ["STE", "STS"]
    assert "Statistical neighbours: 2 councils given theirs, 2 of them changed." in out
    # Barnsley is not in the small register.
    assert "Neighbours not held, left out: E08000016." in err


def test_a_neighbour_with_an_out_of_date_gss_code_is_found_by_its_dfe_number(councils):
    run()

    assert neighbours("STE") == ["TFW", "STS"]


def test_loading_again_changes_no_neighbour(councils):
    run()
    before = list(StatisticalNeighbour.objects.values_list("pk", flat=True))
    out, _ = run()

    assert "Statistical neighbours: 2 councils given theirs, 0 of them changed." in out
    assert list(StatisticalNeighbour.objects.values_list("pk", flat=True)) == before


def test_the_real_lookup_gives_telford_ten_neighbours_including_barnsley(require_shared_data):
    register = require_shared_data("uk-local-authorities", "uk_local_authorities.csv")
    history = require_shared_data("ofsted-ilacs-scrape", "ofsted_csc_ilacs_history.csv")
    call_command("import_councils", str(register), stdout=StringIO())
    call_command("import_ofsted_judgements", str(history), stdout=StringIO(), stderr=StringIO())

    telford = Council.objects.get(gss_code="E06000020")
    names = [link.neighbour.name for link in telford.neighbour_links.order_by("rank")]
    assert len(names) == 10
    assert names[0] == "Wakefield"
    assert "Barnsley" in names
    # Barnsley's own row uses its 2025 code, which the register does not hold.
    assert StatisticalNeighbour.objects.filter(council__name="Barnsley").count() == 10
