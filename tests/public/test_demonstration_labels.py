"""Invented records are marked in the database and labelled wherever they appear; facts from the
councils' documents are not. While any invented record is present every page carries one notice,
the same sentence everywhere."""

import csv
import io

import pytest

from councils.demonstration import DEMONSTRATION_NOTICE
from outcomes.demo import demo_load
from outcomes.demo.strategies import DOCUMENTED_OBJECTIVES
from outcomes.demonstration import FLAGGED_MODELS, demonstration_present
from outcomes.models import Indicator, NationalFigure, NationalIndicator, Objective, ProgressUpdate
from strategies.models import BoardAction, BoardMember, Decision, Meeting, Milestone, Strategy
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_update,
    sign_off,
)


def _rated(strategy, board, *, demonstration):
    objective = make_objective(make_aim(strategy), title="Every child ready for school")
    update = make_update(objective=objective, commentary="Invented commentary.")
    ProgressUpdate.objects.filter(pk=update.pk).update(demonstration=demonstration)
    update.refresh_from_db()
    sign_off(update, make_meeting(board))
    return objective


def test_no_page_carries_the_notice_while_nothing_is_invented(client, strategy_a, board_a):
    _rated(strategy_a, board_a, demonstration=False)
    assert not demonstration_present()
    for url in ("/", "/strategies/", strategy_a.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "data-demonstration-notice" not in page
        assert "Demonstration" not in page


def test_every_page_carries_the_same_notice_while_anything_is_invented(client, strategy_a, board_a):
    _rated(strategy_a, board_a, demonstration=True)
    assert demonstration_present()
    for url in ("/", "/councils/", "/strategies/", strategy_a.get_absolute_url(), "/data/"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert page.count("data-demonstration-notice") == 1, url
        assert DEMONSTRATION_NOTICE[:60] in page


def test_any_one_invented_model_is_enough_for_the_notice(strategy_a):
    assert not demonstration_present()
    Strategy.objects.filter(pk=strategy_a.pk).update(demonstration=True)
    assert demonstration_present()
    assert Strategy in FLAGGED_MODELS


def test_an_invented_rating_is_labelled_on_the_strategy_page_and_a_real_one_is_not(
    client, strategy_a, board_a
):
    invented = _rated(strategy_a, board_a, demonstration=True)
    page = client.get(strategy_a.get_absolute_url()).content.decode()
    section = page[page.index(f'id="objective-{invented.pk}"') :]
    assert "app-demonstration-tag" in section[:2000]


def test_a_real_rating_carries_no_label(client, strategy_a, board_a):
    _rated(strategy_a, board_a, demonstration=False)
    page = client.get(strategy_a.get_absolute_url()).content.decode()
    assert "app-demonstration-tag" not in page


def test_open_data_marks_an_invented_rating_and_not_the_council_s_objective(
    client, strategy_a, board_a
):
    _rated(strategy_a, board_a, demonstration=True)
    data = client.get(strategy_a.get_absolute_url() + "data.json").json()
    objective = data["aims"][0]["objectives"][0]
    assert objective["demonstration"] is False
    assert objective["latest_rating"]["demonstration"] is True
    assert data["demonstration"] is False
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(strategy_a.get_absolute_url() + "data.csv").content.decode("utf-8-sig")
            )
        )
    )
    row = next(r for r in rows if r["record_type"] == "objective")
    assert row["demonstration"] == "false"
    assert row["rating_demonstration"] == "true"
    assert next(r for r in rows if r["record_type"] == "strategy")["demonstration"] == "false"


@pytest.fixture
def demo(db):
    return demo_load(stdout=io.StringIO())


def test_the_demo_marks_everything_it_invents(demo):
    assert not ProgressUpdate.objects.filter(demonstration=False).exists()
    assert not Indicator.objects.filter(demonstration=False).exists()
    assert not Meeting.objects.filter(demonstration=False).exists()
    assert not BoardAction.objects.filter(demonstration=False).exists()
    assert not BoardMember.objects.filter(demonstration=False).exists()
    assert not Milestone.objects.filter(demonstration=False).exists()
    assert Strategy.objects.filter(demonstration=True, slug__endswith="-demo").count() == 2


def test_the_demo_does_not_mark_what_the_documents_say(demo):
    assert not Strategy.objects.filter(demonstration=True).exclude(slug__endswith="-demo").exists()
    documented = Objective.objects.filter(demonstration=False)
    assert documented.count() == len(DOCUMENTED_OBJECTIVES)
    # No document names who leads an objective, so a documented one states no lead.
    assert set(documented.values_list("lead", flat=True)) == {""}
    assert Decision.objects.exists()


def test_the_board_pack_labels_invented_ratings(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="telford-board"))
    meeting = Meeting.objects.filter(board__slug__contains="telford").order_by("-date")[1]
    page = client.get(meeting.get_absolute_url() + "pack/").content.decode()
    assert "app-demonstration-tag" in page
    assert "This meeting, its ratings, figures and actions are invented" in page


def test_an_invented_national_figure_alone_is_enough_for_the_notice(db):
    national = NationalIndicator.objects.create(slug="cin", name="Children in need")
    NationalFigure.objects.create(
        national_indicator=national, period_end="2025-03-31", value=1, source="DfE"
    )
    assert not demonstration_present()
    NationalFigure.objects.update(demonstration=True)
    assert demonstration_present()


def test_an_invented_objectives_line_carries_one_label_covering_its_rating(
    client, strategy_a, board_a
):
    objective = _rated(strategy_a, board_a, demonstration=True)
    Objective.objects.filter(pk=objective.pk).update(demonstration=True)
    page = client.get(strategy_a.get_absolute_url()).content.decode()
    line = page.split(f'id="objective-{objective.pk}"')[1].split("</li>")[0]
    assert line.count("app-demonstration-tag") == 1
