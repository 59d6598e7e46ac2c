"""A roll-up counted from ratings the demo invented is labelled where it is shown: the one-line
summary in every list and council page, the strategy's and aim's summaries, and the aim's
quarter-by-quarter table. Counts of ratings a board really signed off carry no label."""

import pytest

from outcomes.models import ProgressUpdate
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_update,
    sign_off,
)

TAG = "app-demonstration-tag"


def _rate(strategy, board, *, demonstration):
    aim = make_aim(strategy, title="Ready for school")
    update = make_update(objective=make_objective(aim), rating="on_track")
    ProgressUpdate.objects.filter(pk=update.pk).update(demonstration=demonstration)
    update.refresh_from_db()
    sign_off(update, make_meeting(board))
    return aim


def _rollup_line(html):
    return html.split('class="govuk-body-s govuk-!-margin-bottom-1 app-rollup-line"')[1].split(
        "</p>"
    )[0]


@pytest.mark.parametrize("url", ["/", "/strategies/", "/strategies/?q=open", "council"])
def test_a_lists_summary_of_invented_ratings_is_labelled(client, strategy_a, board_a, url):
    _rate(strategy_a, board_a, demonstration=True)
    url = strategy_a.lead_council.get_absolute_url() if url == "council" else url
    line = _rollup_line(client.get(url).content.decode())
    assert "1 on track" in line
    assert TAG in line


def test_a_lists_summary_of_real_ratings_is_not(client, strategy_a, board_a):
    _rate(strategy_a, board_a, demonstration=False)
    line = _rollup_line(client.get("/strategies/").content.decode())
    assert "1 on track" in line
    assert TAG not in line


def test_the_strategy_and_aim_summaries_and_the_quarter_table_are_labelled(
    client, strategy_a, board_a
):
    aim = _rate(strategy_a, board_a, demonstration=True)
    overview = client.get(strategy_a.get_absolute_url()).content.decode()
    assert TAG in overview.split("app-rollup-when")[1].split("</p>")[0]
    page = client.get(aim.get_absolute_url()).content.decode()
    assert TAG in page.split("app-rollup-when")[1].split("</p>")[0]
    assert TAG in page.split('id="quarters"')[1].split("</table>")[0]


def test_real_summaries_carry_no_label(client, strategy_a, board_a):
    aim = _rate(strategy_a, board_a, demonstration=False)
    for url in (strategy_a.get_absolute_url(), aim.get_absolute_url(), "/"):
        assert TAG not in client.get(url).content.decode()
