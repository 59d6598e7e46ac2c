"""The quarterly return: a quarter's progress for every objective and programme of a strategy,
on one page and in one save, with the rules of a single update."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.models import ProgressUpdate
from outcomes.periods import Quarter
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)

pytestmark = pytest.mark.django_db

#: The quarter being reported: July to September 2026, which ended before "today".
Q2 = Quarter.containing(dt.date(2026, 7, 1))
Q1 = Q2.previous


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def strategy(council_a, board_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan", board=board_a)
    start_well = make_aim(strategy, title="Start well", order=1)
    keep_safe = make_aim(strategy, title="Keep safe", order=2)
    for number in range(1, 6):
        make_objective(start_well, title=f"Ready for school {number}", order=number)
        make_objective(keep_safe, title=f"Safe at home {number}", order=number)
    make_programme(strategy, title="Family hubs")
    return strategy


def return_url(strategy, quarter=Q2):
    return reverse("admin:strategies_strategy_return", args=[strategy.pk, quarter.start])


def form_data(response):
    """What the page would post back untouched."""
    data = {}
    for row in response.context["rows"]:
        if row.form is None:
            continue
        for field in row.form:
            value = field.value()
            if value is not None and value is not False and value != "":
                data[field.html_name] = "on" if value is True else value
                if field.field.show_hidden_initial:
                    data[field.html_initial_name] = value
    return data


def fill(data, subject, kind="objective", **fields):
    for name, value in fields.items():
        data[f"{kind}-{subject.pk}-{name}"] = value


def objectives(strategy):
    return list(strategy.aims.order_by("order").values_list("objectives", flat=True))


def test_ten_objectives_and_a_programme_take_one_page_and_one_save(client, editor_a, strategy):
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    assert page.status_code == 200
    assert len(page.context["rows"]) == 11
    data = form_data(page)
    for row in page.context["rows"]:
        fill(data, row.subject, row.kind, rating="on_track", commentary=f"{row.subject} went well.")

    response = client.post(return_url(strategy), data)

    assert response.status_code == 302
    updates = ProgressUpdate.objects.filter(period_start=Q2.start)
    assert updates.count() == 11
    assert {update.author for update in updates} == {editor_a}
    follow = client.get(response["Location"])
    assert "Saved 11 updates for Q2 2026-27" in follow.content.decode()
    assert follow.context["missing"] == 0


def test_the_rows_are_grouped_by_aim_in_order(client, editor_a, strategy):
    client.force_login(editor_a)
    page = client.get(return_url(strategy))

    groups = [
        (aim.title if aim else None, len(rows)) for aim, _themes, rows in page.context["groups"]
    ]
    assert groups == [("Start well", 5), ("Keep safe", 5), (None, 1)]
    html = page.content.decode()
    assert html.index("Ready for school 1") < html.index("Ready for school 2")


def test_a_part_done_return_is_kept_and_says_how_many_are_missing(client, editor_a, strategy):
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    data = form_data(page)
    first, second = (row.subject for row in page.context["rows"][:2])
    fill(data, first, rating="on_track", commentary="Hubs opened.")
    fill(data, second, rating="complete", commentary="Done.")

    response = client.post(return_url(strategy), data, follow=True)

    assert ProgressUpdate.objects.filter(period_start=Q2.start).count() == 2
    assert "9 items are still without an update" in response.content.decode()
    assert response.context["missing"] == 9
    # Coming back, the saved rows are there to change.
    assert response.context["rows"][0].form["commentary"].value() == "Hubs opened."


def test_last_quarters_rating_and_commentary_are_shown(client, editor_a, strategy):
    objective = strategy.aims.get(title="Start well").objectives.first()
    make_update(objective=objective, quarter=Q1, rating="at_risk", commentary="Waiting lists grew.")
    client.force_login(editor_a)

    page = client.get(return_url(strategy))

    row = page.context["rows"][0]
    assert row.previous.rating == "at_risk"
    html = page.content.decode()
    assert "Waiting lists grew." in html
    assert "No change since Q1 2026-27" in html


def test_no_change_carries_the_previous_rating_forward(client, editor_a, strategy):
    objective = strategy.aims.get(title="Start well").objectives.first()
    make_update(objective=objective, quarter=Q1, rating="at_risk", commentary="Waiting lists grew.")
    client.force_login(editor_a)
    data = form_data(client.get(return_url(strategy)))
    fill(data, objective, no_change="on")

    assert client.post(return_url(strategy), data).status_code == 302

    update = ProgressUpdate.objects.get(objective=objective, period_start=Q2.start)
    assert update.carried_forward
    assert update.rating == "at_risk"
    assert update.next_steps  # copied, as an at-risk update needs them


def test_bad_rows_show_their_errors_and_nothing_is_saved(client, editor_a, strategy):
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    data = form_data(page)
    good, at_risk, no_text = (row.subject for row in page.context["rows"][:3])
    fill(data, good, rating="on_track", commentary="Fine.")
    fill(data, at_risk, rating="at_risk", commentary="Behind.")
    fill(data, no_text, rating="on_track")

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert not ProgressUpdate.objects.exists()
    rows = response.context["rows"]
    assert "next_steps" in rows[1].form.errors
    assert "commentary" in rows[2].form.errors
    assert not rows[0].has_errors
    # What was typed is still there.
    assert rows[0].form["commentary"].value() == "Fine."
    assert "Nothing has been saved" in response.content.decode()


def test_no_change_and_a_typed_update_together_is_an_error(client, editor_a, strategy):
    objective = strategy.aims.get(title="Start well").objectives.first()
    make_update(objective=objective, quarter=Q1)
    client.force_login(editor_a)
    data = form_data(client.get(return_url(strategy)))
    fill(data, objective, no_change="on", rating="off_track", commentary="Worse.")

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert "no_change" in response.context["rows"][0].form.errors
    assert not ProgressUpdate.objects.filter(period_start=Q2.start).exists()


def test_a_signed_off_update_is_shown_read_only_and_cannot_be_changed(
    client, editor_a, strategy, board_a
):
    objective = strategy.aims.get(title="Start well").objectives.first()
    update = sign_off(
        make_update(objective=objective, quarter=Q2, commentary="The board saw this."),
        make_meeting(board_a, dt.date(2026, 10, 15)),
    )
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    row = page.context["rows"][0]
    assert row.form is None
    data = form_data(page)
    # A crafted post for the signed-off row is ignored: there is no form to take it.
    fill(data, objective, rating="off_track", commentary="Rewritten.", version=update.version)

    response = client.post(return_url(strategy), data)

    update.refresh_from_db()
    assert update.commentary == "The board saw this."
    assert response.status_code == 200
    assert "signed this update off" in str(response.context["rows"][0].error)


def test_another_officers_edit_is_detected_and_the_typed_text_kept(
    client, editor_a, publisher_a, strategy
):
    objective = strategy.aims.get(title="Start well").objectives.first()
    update = make_update(objective=objective, quarter=Q2, commentary="First version.")
    client.force_login(editor_a)
    data = form_data(client.get(return_url(strategy)))
    # Someone else saves the same update while the return is open.
    update.commentary = "Publisher's version."
    update.save()
    fill(data, objective, commentary="Editor's version.")

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert "Someone else changed this update" in str(response.context["rows"][0].form.errors)
    assert response.context["rows"][0].form["commentary"].value() == "Editor's version."
    update.refresh_from_db()
    assert update.commentary == "Publisher's version."


def test_someone_elses_edit_to_a_row_left_alone_is_no_conflict(client, editor_a, strategy):
    first, second = strategy.aims.get(title="Start well").objectives.all()[:2]
    update = make_update(objective=first, quarter=Q2, commentary="Theirs.")
    client.force_login(editor_a)
    data = form_data(client.get(return_url(strategy)))
    update.commentary = "Theirs, changed."
    update.save()
    fill(data, second, rating="on_track", commentary="Mine.")

    assert client.post(return_url(strategy), data).status_code == 302

    update.refresh_from_db()
    assert update.commentary == "Theirs, changed."
    assert ProgressUpdate.objects.get(objective=second).commentary == "Mine."


def test_a_quarter_that_has_not_ended_sends_the_officer_to_the_latest(client, editor_a, strategy):
    client.force_login(editor_a)

    response = client.get(return_url(strategy, Q2.next), follow=True)

    assert response.redirect_chain[-1][0] == return_url(strategy)
    assert "has not ended yet" in response.content.decode()


def test_the_latest_return_opens_the_last_quarter_that_ended(client, editor_a, strategy):
    client.force_login(editor_a)
    url = reverse("admin:strategies_strategy_return_latest", args=[strategy.pk])

    assert client.get(url)["Location"] == return_url(strategy)


@pytest.mark.parametrize("quarter", ["2026-07-02", "not-a-date", "9999-99-99"])
def test_an_address_that_is_not_a_quarter_answers_404(client, editor_a, strategy, quarter):
    client.force_login(editor_a)
    url = reverse("admin:strategies_strategy_return", args=[strategy.pk, quarter])

    assert client.get(url).status_code == 404


def test_another_councils_officer_gets_404(client, editor_b, strategy):
    client.force_login(editor_b)

    assert client.get(return_url(strategy)).status_code == 404
    assert client.post(return_url(strategy), {}).status_code == 404


def test_a_board_member_cannot_open_the_return(client, board_member, strategy):
    client.force_login(board_member)

    response = client.get(return_url(strategy))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_strategy_page_links_to_the_return(client, editor_a, strategy):
    client.force_login(editor_a)

    html = client.get(reverse("admin:strategies_strategy_change", args=[strategy.pk])).content

    assert reverse("admin:strategies_strategy_return_latest", args=[strategy.pk]).encode() in html
    assert return_url(strategy).encode() in html


def test_the_return_runs_a_fixed_number_of_queries(
    client, editor_a, strategy, django_assert_max_num_queries
):
    client.force_login(editor_a)
    client.get(return_url(strategy))  # warm the session and content types
    with django_assert_max_num_queries(20):
        client.get(return_url(strategy))
    aim = make_aim(strategy, title="Enjoy and achieve", order=3)
    for number in range(30):
        objective = make_objective(aim, title=f"Achieve {number}")
        make_update(objective=objective, quarter=Q1)
        make_update(objective=objective, quarter=Q2)
    with django_assert_max_num_queries(20):
        assert len(client.get(return_url(strategy)).context["rows"]) == 41
