"""Challenges: the board puts a question to a named owner about an objective or programme, the
answer is recorded, and the board accepts it or asks again. Open challenges sit beside the
ratings they concern."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.models import Challenge
from outcomes.services import ChallengeRefused, challenge_accept, challenge_answer


@pytest.fixture
def member(client, board_member):
    client.force_login(board_member)
    return board_member


def _raise(client, meeting, subject, **overrides):
    data = {
        "subject": subject,
        "question": "Why are health visits late?",
        "owner": "Head of Health Visiting",
        "answer_due_0": "1",
        "answer_due_1": "3",
        "answer_due_2": str(meeting.date.year + 1),
        **overrides,
    }
    return client.post(
        reverse("boards:challenge_create", kwargs={"slug": meeting.board.slug, "pk": meeting.pk}),
        data,
    )


def _challenge_url(challenge):
    return reverse(
        "boards:challenge", kwargs={"slug": challenge.meeting.board.slug, "pk": challenge.pk}
    )


def test_board_puts_a_question_to_a_named_owner(client, member, meeting_a, objective_a):
    response = _raise(client, meeting_a, f"objective-{objective_a.pk}")
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.objective == objective_a
    assert challenge.programme is None
    assert challenge.owner == "Head of Health Visiting"
    assert challenge.answer_due == dt.date(meeting_a.date.year + 1, 3, 1)
    assert challenge.raised_by == member
    assert challenge.status == "open"


def test_a_challenge_can_be_about_a_programme(client, member, meeting_a, programme_a):
    _raise(client, meeting_a, f"programme-{programme_a.pk}")
    assert Challenge.objects.get().programme == programme_a


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": ""}, "Choose the objective or programme the question is about"),
        ({"subject": "objective-999999"}, "Choose an objective or programme from the list"),
        ({"question": ""}, "Enter the board&#x27;s question"),
        ({"owner": ""}, "Enter who must answer"),
        ({"answer_due_0": "", "answer_due_1": "", "answer_due_2": ""}, "Enter the answer due by"),
        ({"answer_due_2": "2001"}, "must be on or after the meeting"),
    ],
)
def test_bad_challenge_is_explained_and_nothing_saved(
    client, member, meeting_a, objective_a, overrides, message
):
    response = _raise(client, meeting_a, **{"subject": f"objective-{objective_a.pk}", **overrides})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not Challenge.objects.exists()


def test_objective_of_another_board_cannot_be_challenged(
    client, member, meeting_a, objective_a, board_b, council_b
):
    from tests.factories import make_aim, make_objective, make_strategy

    foreign = make_objective(make_aim(make_strategy(council_b, board=board_b)))
    response = _raise(client, meeting_a, f"objective-{foreign.pk}")
    assert response.status_code == 200
    assert not Challenge.objects.exists()


@pytest.fixture
def challenge(meeting_a, objective_a, board_member):
    return Challenge.objects.create(
        meeting=meeting_a,
        objective=objective_a,
        question="Why are health visits late?",
        owner="Head of Health Visiting",
        answer_due=meeting_a.date + dt.timedelta(days=30),
        raised_by=board_member,
    )


def test_answer_is_recorded_then_accepted(client, member, challenge):
    response = client.post(
        _challenge_url(challenge), {"answer": "Two vacancies, now filled.", "record_answer": ""}
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "answered"
    assert challenge.answer == "Two vacancies, now filled."
    assert challenge.answered_on is not None

    client.post(_challenge_url(challenge), {"accept": ""})
    challenge.refresh_from_db()
    assert challenge.status == "accepted"


def test_board_asks_again_with_a_new_date(client, member, challenge):
    challenge_answer(challenge=challenge, answer="We are looking into it.")
    due = dt.date.today() + dt.timedelta(days=40)
    client.post(
        _challenge_url(challenge),
        {
            "ask_again": "",
            "answer_due_0": str(due.day),
            "answer_due_1": str(due.month),
            "answer_due_2": str(due.year),
        },
    )
    challenge.refresh_from_db()
    assert challenge.status == "asked_again"
    assert challenge.answer_due == due
    page = client.get(_challenge_url(challenge)).content.decode()
    assert "Previous answer" in page
    assert "Record the answer" in page


def test_empty_answer_is_explained(client, member, challenge):
    response = client.post(_challenge_url(challenge), {"answer": " ", "record_answer": ""})
    assert response.status_code == 200
    assert "Enter the answer" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == "open"


def test_an_unanswered_challenge_cannot_be_accepted(client, member, challenge):
    response = client.post(_challenge_url(challenge), {"accept": ""}, follow=True)
    assert "Only an answered challenge can be accepted." in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == "open"
    with pytest.raises(ChallengeRefused):
        challenge_accept(challenge=challenge)


def test_challenge_of_another_board_is_not_found(client, board_b_member, challenge):
    client.force_login(board_b_member)
    url = reverse("boards:challenge", kwargs={"slug": "brackenfield", "pk": challenge.pk})
    assert client.get(url).status_code == 404


def test_open_challenges_show_beside_the_rating_on_the_dashboard(
    client, member, board_a, challenge, awaiting_updates
):
    html = client.get(board_a.get_absolute_url()).content.decode()
    assert "1 open challenge" in html
    assert _challenge_url(challenge) in html


def test_accepted_challenges_leave_the_dashboard(client, member, board_a, challenge):
    challenge_answer(challenge=challenge, answer="Done.")
    challenge_accept(challenge=challenge)
    html = client.get(board_a.get_absolute_url()).content.decode()
    assert "open challenge" not in html


def test_open_challenges_show_beside_the_update_on_the_meeting_page(
    client, member, meeting_a, challenge, awaiting_updates
):
    html = client.get(meeting_a.get_absolute_url()).content.decode()
    assert "Open challenges" in html
    assert "Why are health visits late?" in html
