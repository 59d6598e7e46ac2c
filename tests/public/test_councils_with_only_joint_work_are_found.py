"""A council with no strategy of its own but a share in joint work (a programme it runs with
another council's public strategy) is found wherever a council with public work is: the councils
list and its filters, the home page, the strategy list's council filter and the sitemap, with its
share described. A share in a draft's programme finds nothing."""

import pytest

from councils.models import StatisticalNeighbour
from strategies.models import ProgrammeCouncil
from tests.factories import make_council, make_programme, make_strategy


@pytest.fixture
def staffordshire(council_a):
    """A county whose only work here is an adoption agency council A's strategy runs jointly."""
    strategy = make_strategy(council_a, status="published", title="Permanence plan")
    programme = make_programme(strategy, title="Regional adoption agency")
    county = make_council("Staffordshire", region="North West", kind="county")
    ProgrammeCouncil.objects.create(programme=programme, council=county)
    return county


def _councils(client, **params):
    response = client.get("/councils/", params)
    assert response.status_code == 200
    return response, {c.name: c for c in response.context["councils"]}


def test_the_councils_list_shows_a_council_with_only_joint_work_and_says_so(
    client, staffordshire, council_a
):
    response, councils = _councils(client)
    assert set(councils) == {council_a.name, "Staffordshire"}
    html = response.content.decode()
    row = html.split('href="/councils/staffordshire/">Staffordshire</a>')[1].split("</tr>")[0]
    assert "Joint work only: 1 programme<" in row
    assert ">0<" not in row


def test_the_councils_list_names_a_councils_joint_programmes_beside_its_own_strategies(
    client, staffordshire
):
    make_strategy(staffordshire, status="published", title="County plan")
    response, _councils_by_name = _councils(client)
    row = response.content.decode().split(">Staffordshire</a>")[1].split("</tr>")[0]
    assert "1 strategy and 1 joint programme" in row


def test_the_councils_list_filters_find_a_council_with_only_joint_work(client, staffordshire):
    _response, councils = _councils(client, region="North West", kind="county")
    assert list(councils) == ["Staffordshire"]
    region_choices = dict(_response.context["form"].fields["region"].choices)
    assert "North West" in region_choices


def test_a_share_in_a_drafts_programme_lists_no_council(client, council_a):
    programme = make_programme(make_strategy(council_a, status="draft"))
    ProgrammeCouncil.objects.create(programme=programme, council=make_council("Brackenfield"))
    _response, councils = _councils(client)
    assert councils == {}
    assert "Brackenfield" not in client.get("/sitemap.xml").content.decode()
    assert "Brackenfield" not in client.get("/strategies/").content.decode()


def test_the_home_page_lists_a_council_with_only_joint_work(client, staffordshire):
    html = client.get("/").content.decode()
    assert 'href="/councils/staffordshire/">Staffordshire</a>' in html


def test_the_strategy_lists_council_filter_offers_it_and_finds_the_strategy_it_shares_in(
    client, staffordshire
):
    response = client.get("/strategies/", {"council": "staffordshire"})
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.errors
    assert ("staffordshire", "Staffordshire") in form.fields["council"].choices
    assert [s.title for s in response.context["page"].object_list] == ["Permanence plan"]


def test_the_sitemap_lists_a_council_with_only_joint_work(client, staffordshire):
    assert (
        "http://testserver/councils/staffordshire/" in client.get("/sitemap.xml").content.decode()
    )


def test_a_neighbour_with_only_joint_work_reads_so_among_statistical_neighbours(
    client, staffordshire, council_a
):
    StatisticalNeighbour.objects.create(council=council_a, neighbour=staffordshire, rank=1)
    html = client.get(council_a.get_absolute_url()).content.decode()
    row = html.split('href="/councils/staffordshire/">Staffordshire</a>')[-1].split("</tr>")[0]
    assert "Joint work only" in row
    assert "Not yet" not in row
