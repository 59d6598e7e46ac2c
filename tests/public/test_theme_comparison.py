"""The public comparison: for one theme, what every council with a public strategy promises
under it, side by side, with each objective's latest signed-off rating, filtered by region or
to a council and its statistical neighbours."""

import re

import pytest

from councils.models import StatisticalNeighbour
from outcomes.models import Theme
from tests.factories import (
    Q1,
    make_aim,
    make_board,
    make_council,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
    sign_off,
)

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def keep_safe():
    return Theme.objects.create(
        slug="keep-safe", title="Keep safe", framework="children_and_young_people", order=3
    )


def promise(council, theme, *, status="published", aim_title="Safe at home", objectives=()):
    strategy = make_strategy(council, status=status, title=f"{council.name} plan")
    aim = make_aim(strategy, title=aim_title)
    made = [make_objective(aim, title=title) for title in objectives]
    if theme is not None:
        aim.themes.add(theme)
    return aim, made


def test_every_council_promising_under_the_theme_is_shown_with_its_objectives_ratings(
    client, council_a, council_b, keep_safe
):
    board = make_board(council_a)
    _, (objective,) = promise(council_a, keep_safe, objectives=["Fewer repeat referrals"])
    sign_off(make_update(objective=objective, quarter=Q1, rating="at_risk"), make_meeting(board))
    promise(council_b, keep_safe, objectives=["Exploitation spotted early"])

    page = text(client.get("/themes/keep-safe/"))

    assert "2 councils" in page
    assert page.index("Brackenfield") < page.index("Wyvern Vale")
    assert "Fewer repeat referrals At risk Q1 2025-26 (April to June 2025)" in page
    assert "Exploitation spotted early No rating yet" in page


def test_an_objective_mapped_on_its_own_is_shown_under_its_aim(client, council_a, keep_safe):
    _, (mapped, _other) = promise(
        council_a, None, aim_title="Healthy lives", objectives=["Online safety", "Dental health"]
    )
    mapped.themes.add(keep_safe)

    page = text(client.get("/themes/keep-safe/"))

    assert "Healthy lives Online safety" in page
    assert "Dental health" not in page


def test_a_draft_strategys_promises_are_not_shown(client, council_a, keep_safe):
    promise(council_a, keep_safe, status="draft", objectives=["Secret objective"])

    page = text(client.get("/themes/keep-safe/"))

    assert "Secret objective" not in page
    assert "No council's public strategy is mapped to this theme" in page


def test_filtering_by_region(client, keep_safe):
    north = make_council("Northby", region="North East")
    south = make_council("Southby", region="South East")
    promise(north, keep_safe, objectives=["North objective"])
    promise(south, keep_safe, objectives=["South objective"])

    page = text(client.get("/themes/keep-safe/", {"region": "North East"}))

    assert "North objective" in page
    assert "South objective" not in page


def test_filtering_to_a_council_and_its_statistical_neighbours(client, council_a, keep_safe):
    near = make_council("Nearby")
    far = make_council("Farby")
    StatisticalNeighbour.objects.create(council=council_a, neighbour=near, rank=1)
    for council in (council_a, near, far):
        promise(council, keep_safe, objectives=[f"{council.name} objective"])

    page = text(client.get("/themes/keep-safe/", {"neighbours_of": council_a.slug}))

    assert "Showing Wyvern Vale and its statistical neighbours" in page
    assert "Wyvern Vale objective" in page
    assert "Nearby objective" in page
    assert "Farby objective" not in page


def test_a_bad_filter_value_gets_a_message_not_an_error(client, keep_safe):
    response = client.get("/themes/keep-safe/", {"neighbours_of": "nowhere", "region": "Mars"})

    assert response.status_code == 200
    page = text(response)
    assert "Choose a council from the list." in page
    assert "Choose a region from the list." in page


def test_an_unknown_theme_is_not_found(client, db):
    assert client.get("/themes/no-such-theme/").status_code == 404


def test_the_themes_are_listed_and_linked_from_the_home_page(client, keep_safe):
    assert "/themes/" in client.get("/").content.decode()
    page = client.get("/themes/").content.decode()
    assert 'href="/themes/keep-safe/"' in page


# The theme, the regions, the councils with neighbours, the objectives, their latest signed-off
# ratings, the aims, and the banner's check for demonstration records.
THEME_PAGE_QUERIES = 7


@pytest.mark.parametrize(
    "filters",
    [{}, {"region": "West Midlands"}, {"neighbours_of": "wyvern-vale"}],
    ids=["unfiltered", "by region", "by a council and its neighbours"],
)
def test_the_page_runs_the_same_queries_with_five_times_the_councils(
    client, council_a, keep_safe, django_assert_max_num_queries, filters
):
    """Choosing a council and its neighbours costs no query of its own: the council is one of
    those the filter already lists."""
    promise(council_a, keep_safe)
    for how_many in (2, 8):
        for _ in range(how_many):
            neighbour = make_council()
            rank = StatisticalNeighbour.objects.filter(council=council_a).count() + 1
            StatisticalNeighbour.objects.create(council=council_a, neighbour=neighbour, rank=rank)
            _, (objective, _) = promise(neighbour, keep_safe, objectives=["One", "Two"])
            make_objective(make_aim(objective.aim.strategy)).themes.add(keep_safe)
            sign_off(make_update(objective=objective), make_meeting(make_board(neighbour)))
        with django_assert_max_num_queries(THEME_PAGE_QUERIES):
            response = client.get("/themes/keep-safe/", filters)
        assert not response.context["form"].errors
        assert response.context["council_count"] == 1 + (2 if how_many == 2 else 10)
