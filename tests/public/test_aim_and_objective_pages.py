"""Each aim and each objective has a page of its own under its strategy's address: what it is,
who leads it, its signed-off progress quarter by quarter, its indicators and the programmes that
serve it. The strategy's page is the overview that links to them."""

import datetime as dt
import re

import pytest

from strategies.models import ProgrammeObjective
from tests.factories import (
    Q1,
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)


@pytest.fixture
def parts(strategy_a, board_a):
    aim = make_aim(strategy_a, title="Keep safe", description="Children are safe at home.")
    objective = make_objective(
        aim,
        title="Fewer children wait",
        description="Help within twelve weeks.",
        lead="Head of Early Help",
    )
    unrated = make_objective(aim, title="Safer streets")
    meeting = make_meeting(board_a, date=dt.date(2025, 7, 20))
    make_update(
        objective=objective, quarter=Q1, rating="at_risk", commentary="Q1 words", meeting=meeting
    )
    make_update(
        objective=objective,
        quarter=Q1.next,
        rating="on_track",
        commentary="Q2 words",
        meeting=make_meeting(board_a, date=dt.date(2025, 10, 20)),
    )
    make_update(
        objective=objective, quarter=Q1.next.next, rating="off_track", commentary="Unsigned"
    )
    indicator = make_indicator(objective, title="Days waited")
    make_measurement(indicator, dt.date(2025, 6, 30), 40)
    programme = make_programme(strategy_a, title="Family help hub")
    ProgrammeObjective.objects.create(programme=programme, objective=objective)
    make_programme(strategy_a, title="Serves nothing here")
    return {
        "strategy": strategy_a,
        "aim": aim,
        "objective": objective,
        "unrated": unrated,
        "indicator": indicator,
    }


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_aim_and_an_objective_live_under_their_strategys_address(parts):
    base = parts["strategy"].get_absolute_url()
    assert parts["aim"].get_absolute_url() == f"{base}aims/{parts['aim'].pk}/"
    assert parts["objective"].get_absolute_url() == f"{base}objectives/{parts['objective'].pk}/"
    assert parts["indicator"].get_absolute_url() == f"{base}indicators/{parts['indicator'].pk}/"


def test_the_aim_page_lists_its_objectives_with_their_latest_signed_off_ratings(client, parts):
    html = _get(client, parts["aim"].get_absolute_url())
    assert '<h1 class="govuk-heading-xl">Keep safe</h1>' in html
    assert "Children are safe at home." in html
    assert f'href="{parts["objective"].get_absolute_url()}">Fewer children wait</a>' in html
    assert f'href="{parts["unrated"].get_absolute_url()}">Safer streets</a>' in html
    assert (
        "1 of 1</strong> rated objectives is complete or on track (100%); 1 not yet rated" in html
    )
    assert "(July to September 2025), signed off by the board on 20 October 2025" in html
    assert f'href="{parts["indicator"].get_absolute_url()}">Days waited</a>' in html
    assert "Family help hub" in html
    assert "Serves nothing here" not in html
    assert ">Off track<" not in html.split('id="objectives"')[1].split('id="quarters"')[0]


def test_the_aim_page_counts_its_objectives_ratings_quarter_by_quarter(client, parts):
    response = client.get(parts["aim"].get_absolute_url())
    quarters = [
        (start, {row["rating"]: row["count"] for row in rollup.rows})
        for start, rollup in response.context["quarters"]
    ]
    assert [start for start, _counts in quarters] == [Q1.next.start, Q1.start]
    assert quarters[0][1]["on_track"] == 1
    assert quarters[1][1]["at_risk"] == 1
    # Each quarter, the objective nobody rated counts as not rated, never as failing.
    assert all(counts["no_rating"] == 1 for _start, counts in quarters)
    html = response.content.decode()
    assert "(April to June 2025)" in html
    assert "signed off 20 July 2025" in html


def test_the_objective_page_shows_every_signed_off_quarter_with_its_commentary(
    client, parts, editor_a
):
    client.force_login(editor_a)  # even the officer who wrote it sees only what was signed off
    html = _get(client, parts["objective"].get_absolute_url())
    assert "Help within twelve weeks." in html
    assert "Head of Early Help" in html
    history = html.split('id="progress"')[1].split('id="indicators"')[0]
    assert history.index("Q2 words") < history.index("Q1 words")
    assert "Unsigned" not in html
    assert "on 20 July 2025" in history
    assert "on 20 October 2025" in history
    assert 'class="app-chart' in html
    assert "Family help hub" in html
    assert "Serves nothing here" not in html


def test_an_objective_nobody_rated_says_so_in_words(client, parts):
    html = _get(client, parts["unrated"].get_absolute_url())
    assert "Nothing signed off yet" in html
    assert "0%" not in html
    assert "Led by" in html
    assert "Not stated" in html
    assert "No indicators have been set for this objective." in html


def test_breadcrumbs_lead_back_to_the_strategy_and_aim(client, parts):
    strategy, aim = parts["strategy"], parts["aim"]
    for url, crumbs in (
        (aim.get_absolute_url(), [strategy.get_absolute_url()]),
        (
            parts["objective"].get_absolute_url(),
            [strategy.get_absolute_url(), aim.get_absolute_url()],
        ),
        (
            parts["indicator"].get_absolute_url(),
            [
                strategy.get_absolute_url(),
                aim.get_absolute_url(),
                parts["objective"].get_absolute_url(),
            ],
        ),
    ):
        nav = _get(client, url).split('class="govuk-breadcrumbs"')[1].split("</nav>")[0]
        links = re.findall(r'href="([^"]+)"', nav)
        assert links[-len(crumbs) :] == crumbs, url


def test_each_page_names_itself_as_canonical(client, parts):
    for part in ("aim", "objective"):
        url = parts[part].get_absolute_url()
        assert f'<link rel="canonical" href="http://testserver{url}">' in _get(client, url)


def test_the_strategy_page_is_an_overview_linking_each_aim_and_objective(client, parts):
    html = _get(client, parts["strategy"].get_absolute_url())
    assert f'href="{parts["aim"].get_absolute_url()}">Keep safe</a>' in html
    assert f'href="{parts["objective"].get_absolute_url()}">Fewer children wait</a>' in html
    # Indicators and quarter-by-quarter commentary live on the objective's own page.
    assert 'class="app-chart' not in html
    assert "Q1 words" not in html
    # The aim's line says its progress at a glance, with its quarter.
    assert "(July to September 2025)</strong>, signed off 20 October 2025: 1 on track" in html


def test_a_drafts_aim_and_objective_are_not_found_by_the_public(client, council_a, editor_a):
    draft = make_strategy(council_a, status="draft")
    aim = make_aim(draft)
    objective = make_objective(aim)
    for url in (aim.get_absolute_url(), objective.get_absolute_url()):
        assert client.get(url).status_code == 404
    client.force_login(editor_a)
    for url in (aim.get_absolute_url(), objective.get_absolute_url()):
        assert client.get(url).status_code == 200


def test_a_part_of_another_strategy_is_not_found_under_this_ones_address(client, parts, council_a):
    other = make_strategy(council_a, status="published", title="Other plan")
    base = other.get_absolute_url()
    assert client.get(f"{base}aims/{parts['aim'].pk}/").status_code == 404
    assert client.get(f"{base}objectives/{parts['objective'].pk}/").status_code == 404
    assert client.get(f"{base}objectives/999999/").status_code == 404


def test_the_sitemap_lists_public_aims_and_objectives_only(client, parts, council_a):
    draft_aim = make_aim(make_strategy(council_a, status="draft"))
    draft_objective = make_objective(draft_aim)
    sitemap = _get(client, "/sitemap.xml")
    assert f"http://testserver{parts['aim'].get_absolute_url()}" in sitemap
    assert f"http://testserver{parts['objective'].get_absolute_url()}" in sitemap
    assert draft_aim.get_absolute_url() not in sitemap
    assert draft_objective.get_absolute_url() not in sitemap


def test_the_open_data_gives_each_aim_and_objective_its_page(client, parts):
    base = parts["strategy"].get_absolute_url()
    data = client.get(base + "data.json").json()
    aim = data["aims"][0]
    assert aim["url"] == f"http://testserver{parts['aim'].get_absolute_url()}"
    assert (
        aim["objectives"][0]["url"] == f"http://testserver{parts['objective'].get_absolute_url()}"
    )
    csv_text = client.get(base + "data.csv").content.decode("utf-8-sig")
    assert f"http://testserver{parts['objective'].get_absolute_url()}" in csv_text


def test_a_feed_entry_for_signed_off_progress_links_the_objectives_page(client, parts):
    feed = _get(client, "/feeds/updates.atom")
    assert f"http://testserver{parts['objective'].get_absolute_url()}" in feed
