"""Board meetings: add the next one, sign updates off one by one or all at once with a comment,
record minutes and raise actions. Every bad input gets a clear message and loses nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from boards.forms import seen_versions
from outcomes.models import Challenge, ProgressUpdate
from strategies.models import BoardAction, Meeting
from tests.factories import make_meeting, make_update, sign_off


def _url(name, meeting):
    return reverse(name, kwargs={"slug": meeting.board.slug, "pk": meeting.pk})


@pytest.fixture
def member(client, board_member):
    client.force_login(board_member)
    return board_member


def test_meeting_list_shows_meetings_and_a_form_for_the_next(client, member, board_a, meeting_a):
    response = client.get(reverse("boards:meetings", kwargs={"slug": board_a.slug}))
    html = response.content.decode()
    assert meeting_a.get_absolute_url() in html
    assert 'name="date_0"' in html
    assert "Add meeting" in html


def test_board_member_adds_the_next_meeting(client, member, board_a):
    response = client.post(
        reverse("boards:meeting_create", kwargs={"slug": board_a.slug}),
        {"date_0": "14", "date_1": "1", "date_2": "2027", "title": "Winter review"},
    )
    meeting = Meeting.objects.get(board=board_a)
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.date == dt.date(2027, 1, 14)
    assert meeting.title == "Winter review"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (("", "", ""), "Enter the meeting date"),
        (("31", "2", "2027"), "must be a real date"),
        (("14", "", "2027"), "The meeting date must include a month"),
        (("14", "1", "27"), "Enter the year of the meeting date in full"),
        (("x", "1", "2027"), "The meeting date must be a real date"),
        (("99999999999999999999", "1", "2027"), "The meeting date must be a real date"),
        (("1", "99999999999999999999", "2027"), "The meeting date must be a real date"),
        (("1", "1", "99999999999999999999"), "Enter the year of the meeting date in full"),
        (("1", "1", "²"), "The meeting date must be a real date"),
    ],
)
def test_bad_meeting_date_is_explained_and_the_title_kept(client, member, board_a, date, message):
    response = client.post(
        reverse("boards:meeting_create", kwargs={"slug": board_a.slug}),
        {"date_0": date[0], "date_1": date[1], "date_2": date[2], "title": "Winter review"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert 'value="Winter review"' in html
    assert "<title>Error: " in html
    assert not Meeting.objects.exists()


def test_second_meeting_on_the_same_day_is_refused_with_a_message(
    client, member, board_a, meeting_a
):
    day = meeting_a.date
    response = client.post(
        reverse("boards:meeting_create", kwargs={"slug": board_a.slug}),
        {"date_0": day.day, "date_1": day.month, "date_2": day.year},
    )
    assert "The board already has a meeting on" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_meeting_page_lists_updates_awaiting_sign_off_with_their_commentary(
    client, member, meeting_a, awaiting_updates
):
    html = client.get(meeting_a.get_absolute_url()).content.decode()
    assert "Every baby gets a health visit" in html
    assert "Family hubs" in html
    assert "Work went to plan this quarter." in html
    assert "The lead will report a recovery plan next month." in html
    assert html.count('name="updates"') == 2


def test_board_signs_off_selected_updates_with_a_comment(
    client, member, meeting_a, awaiting_updates
):
    chosen, left = awaiting_updates
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {
            "updates": [chosen.pk],
            "comment": "  Ask for waiting times next time. ",
            "sign_off_selected": "",
            "seen": seen_versions(awaiting_updates),
        },
    )
    assert response["Location"] == meeting_a.get_absolute_url()
    chosen.refresh_from_db()
    left.refresh_from_db()
    assert chosen.meeting == meeting_a
    assert chosen.signed_off_by == member
    assert chosen.signed_off_at is not None
    assert chosen.sign_off_comment == "Ask for waiting times next time."
    assert not left.is_signed_off
    page = client.get(meeting_a.get_absolute_url()).content.decode()
    assert "1 update signed off at this meeting." in page
    assert "Ask for waiting times next time." in page


def test_board_signs_off_everything_at_once(client, member, meeting_a, awaiting_updates):
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {
            "comment": "All agreed.",
            "sign_off_all": "",
            "confirmed": "yes",
            "seen": seen_versions(awaiting_updates),
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.awaiting_sign_off().count() == 0
    assert set(meeting_a.signed_off_updates.values_list("sign_off_comment", flat=True)) == {
        "All agreed."
    }


def test_signed_off_update_is_public(client, member, meeting_a, awaiting_updates):
    client.post(
        _url("boards:sign_off", meeting_a),
        {"sign_off_all": "", "confirmed": "yes", "seen": seen_versions(awaiting_updates)},
    )
    assert set(ProgressUpdate.objects.signed_off()) == set(awaiting_updates)


def test_signing_off_nothing_is_explained_and_keeps_the_comment(
    client, member, meeting_a, awaiting_updates
):
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {"comment": "Keep this comment", "sign_off_selected": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_updates_1">Select at least one update to sign off' in html
    assert "Keep this comment</textarea>" in html
    assert ProgressUpdate.objects.signed_off().count() == 0


def test_already_signed_off_update_is_refused(client, member, board_a, meeting_a, awaiting_updates):
    earlier = make_meeting(board_a, date=dt.date(2020, 1, 1))
    done, other = awaiting_updates
    sign_off(done, earlier)
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {
            "updates": [done.pk, other.pk],
            "comment": "Again",
            "sign_off_selected": "",
            "seen": seen_versions(awaiting_updates),
        },
    )
    assert response.status_code == 200
    assert "already been signed off" in response.content.decode()
    done.refresh_from_db()
    other.refresh_from_db()
    assert done.meeting == earlier
    assert not other.is_signed_off  # all or nothing


def test_update_for_another_board_cannot_be_signed_off(
    client, member, meeting_a, awaiting_updates, board_b, council_b
):
    from tests.factories import make_aim, make_objective, make_strategy

    foreign = make_update(
        objective=make_objective(make_aim(make_strategy(council_b, board=board_b)))
    )
    response = client.post(
        _url("boards:sign_off", meeting_a), {"updates": [foreign.pk], "sign_off_selected": ""}
    )
    assert response.status_code == 200
    assert "not for this board" in response.content.decode()
    foreign.refresh_from_db()
    assert not foreign.is_signed_off


def test_nonsense_update_ids_are_refused_with_a_message(client, member, meeting_a):
    response = client.post(
        _url("boards:sign_off", meeting_a), {"updates": ["abc"], "sign_off_selected": ""}
    )
    assert response.status_code == 200
    assert "Choose updates from the list." in response.content.decode()


def test_sign_off_all_with_nothing_awaiting_is_explained(client, member, meeting_a):
    response = client.post(_url("boards:sign_off", meeting_a), {"sign_off_all": ""})
    assert response.status_code == 200
    assert "There are no updates awaiting sign-off." in response.content.decode()


def test_signed_off_update_is_read_only_on_the_meeting_page(
    client, member, meeting_a, awaiting_updates
):
    client.post(
        _url("boards:sign_off", meeting_a),
        {"sign_off_all": "", "confirmed": "yes", "seen": seen_versions(awaiting_updates)},
    )
    html = client.get(meeting_a.get_absolute_url()).content.decode()
    assert 'name="updates"' not in html
    assert "Nothing is waiting for sign-off." in html
    assert "Every baby gets a health visit" in html  # listed as signed off


def _minutes_form_data(client, meeting):
    form = client.get(meeting.get_absolute_url()).context["minutes_form"]
    return {"based_on": form["based_on"].value()}


def test_board_records_minutes(client, member, meeting_a):
    data = _minutes_form_data(client, meeting_a)
    response = client.post(
        _url("boards:minutes", meeting_a), {**data, "minutes": "All members attended."}
    )
    assert response.status_code == 302
    meeting_a.refresh_from_db()
    assert meeting_a.minutes == "All members attended."
    # Saving again from the page as it now stands works.
    data = _minutes_form_data(client, meeting_a)
    client.post(_url("boards:minutes", meeting_a), {**data, "minutes": "Corrected."})
    meeting_a.refresh_from_db()
    assert meeting_a.minutes == "Corrected."


def test_minutes_saved_by_someone_else_meanwhile_are_not_overwritten(client, member, meeting_a):
    data = _minutes_form_data(client, meeting_a)
    Meeting.objects.filter(pk=meeting_a.pk).update(minutes="The chair's notes.")
    response = client.post(
        _url("boards:minutes", meeting_a), {**data, "minutes": "The clerk's notes."}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved the minutes while you were writing" in html
    assert "The chair&#x27;s notes." in html
    assert "The clerk&#x27;s notes.</textarea>" in html
    meeting_a.refresh_from_db()
    assert meeting_a.minutes == "The chair's notes."
    # The re-shown form now builds on the chair's version, so the merged text saves.
    data = {"based_on": response.context["minutes_form"]["based_on"].value()}
    client.post(_url("boards:minutes", meeting_a), {**data, "minutes": "Both sets of notes."})
    meeting_a.refresh_from_db()
    assert meeting_a.minutes == "Both sets of notes."


def test_board_raises_an_action(client, member, meeting_a):
    response = client.post(
        _url("boards:action_create", meeting_a),
        {
            "description": "Report on waiting times",
            "owner": "Head of Early Help",
            "due_on_0": "30",
            "due_on_1": "9",
            "due_on_2": "2030",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    action = BoardAction.objects.get()
    assert action.meeting == meeting_a
    assert action.owner == "Head of Early Help"
    assert action.due_on == dt.date(2030, 9, 30)
    assert action.status == "in_progress"
    assert "Report on waiting times" in client.get(meeting_a.get_absolute_url()).content.decode()


def test_action_with_missing_details_is_explained_and_keeps_what_was_typed(
    client, member, meeting_a
):
    response = client.post(
        _url("boards:action_create", meeting_a),
        {"description": "Report on waiting times", "owner": "", "status": "done"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_owner">Enter who owns the action' in html
    assert 'href="#id_due_on_0">Enter the due date' in html
    assert 'href="#id_status_1">' in html  # a new action cannot already be done
    assert "Report on waiting times</textarea>" in html
    assert not BoardAction.objects.exists()


def test_action_due_before_the_meeting_is_refused(client, member, meeting_a):
    before = meeting_a.date - dt.timedelta(days=1)
    response = client.post(
        _url("boards:action_create", meeting_a),
        {
            "description": "Too late",
            "owner": "Someone",
            "due_on_0": before.day,
            "due_on_1": before.month,
            "due_on_2": before.year,
            "status": "open",
        },
    )
    assert "The due date must be on or after the meeting" in response.content.decode()
    assert not BoardAction.objects.exists()


@pytest.fixture
def action(meeting_a):
    return BoardAction.objects.create(
        meeting=meeting_a, description="Report on waiting times", owner="Head of Early Help"
    )


def _update_action(client, action, **fields):
    data = {"status": "open", "owner": action.owner, "due_on_0": "1", "due_on_1": "1"}
    data["due_on_2"] = "2031"
    data.update(fields)
    return client.post(
        reverse("boards:action", kwargs={"slug": "wyvern-vale", "pk": action.pk}), data
    )


def test_done_action_gets_todays_date_and_leaves_the_open_list(client, member, board_a, action):
    response = _update_action(client, action, status="done")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_on == dt.date.today()
    dashboard = client.get(reverse("boards:detail", kwargs={"slug": board_a.slug}))
    assert dashboard.context["actions"] == []


def test_done_action_keeps_a_date_given(client, member, action):
    _update_action(
        client, action, status="done", completed_on_0="2", completed_on_1="3", completed_on_2="2030"
    )
    action.refresh_from_db()
    assert action.completed_on == dt.date(2030, 3, 2)


def test_reopened_action_loses_its_completion_date(client, member, action):
    _update_action(client, action, status="done")
    _update_action(client, action, status="in_progress")
    action.refresh_from_db()
    assert (action.status, action.completed_on) == ("in_progress", None)


def test_completion_date_on_an_unfinished_action_is_explained(client, member, action):
    response = _update_action(
        client,
        action,
        status="open",
        completed_on_0="2",
        completed_on_1="3",
        completed_on_2="2030",
        owner="New owner",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leave the date completed empty unless the action is done" in html
    assert 'value="New owner"' in html
    action.refresh_from_db()
    assert action.owner == "Head of Early Help"


@pytest.mark.parametrize("size", [1, 5])
def test_meeting_page_takes_a_fixed_number_of_queries(
    client, member, strategy_a, meeting_a, period, size, django_assert_max_num_queries
):
    from tests.factories import make_aim, make_objective, make_programme

    for _ in range(size):
        objective = make_objective(make_aim(strategy_a))
        make_update(objective=objective, quarter=period)
        sign_off(make_update(objective=objective, quarter=period.previous), meeting_a, member)
        make_update(programme=make_programme(strategy_a), quarter=period)
        BoardAction.objects.create(meeting=meeting_a, description="Do it", owner="Someone")
        Challenge.objects.create(
            meeting=meeting_a,
            objective=objective,
            question="Why?",
            owner="Someone",
            answer_due=meeting_a.date,
        )
    with django_assert_max_num_queries(14):
        response = client.get(meeting_a.get_absolute_url())
    assert len(response.context["awaiting"]) == 2 * size
