"""What cannot be undone is confirmed first: holding a meeting (which freezes its pack) and
signing off every update at once each show what will happen, with counts, and act only on a
second, explicit choice."""

import datetime as dt

import pytest
from django.urls import reverse

from boards.forms import seen_versions
from outcomes.models import ProgressUpdate
from tests.factories import make_meeting


def _url(name, meeting):
    return reverse(name, kwargs={"slug": meeting.board.slug, "pk": meeting.pk})


@pytest.fixture
def member(client, board_member):
    client.force_login(board_member)
    return board_member


def test_holding_a_meeting_first_says_what_will_wait(client, member, meeting_a, awaiting_updates):
    period = awaiting_updates[0].period

    response = client.get(_url("boards:meeting_hold", meeting_a))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"2 updates for {period.start:%B} to {period.end:%B %Y} are not signed off</strong> "
        "and will wait for the next meeting"
    ) in html
    assert "This cannot be undone" in html
    meeting_a.refresh_from_db()
    assert meeting_a.held_at is None


def test_a_post_without_the_explicit_choice_holds_nothing(
    client, member, meeting_a, awaiting_updates
):
    response = client.post(_url("boards:meeting_hold", meeting_a), {})

    assert response.status_code == 200
    assert "Mark this meeting as held?" in response.content.decode()
    meeting_a.refresh_from_db()
    assert meeting_a.held_at is None


def test_the_second_choice_holds_the_meeting(client, member, meeting_a, awaiting_updates):
    response = client.post(_url("boards:meeting_hold", meeting_a), {"confirmed": "yes"})

    assert response.status_code == 302
    meeting_a.refresh_from_db()
    assert meeting_a.held_at is not None


def test_the_meeting_page_links_to_the_confirmation_rather_than_holding(client, member, meeting_a):
    html = client.get(meeting_a.get_absolute_url()).content.decode()

    assert f'href="{_url("boards:meeting_hold", meeting_a)}"' in html


def test_a_held_meeting_is_not_offered_for_holding_again(client, member, meeting_a):
    client.post(_url("boards:meeting_hold", meeting_a), {"confirmed": "yes"})

    response = client.get(_url("boards:meeting_hold", meeting_a), follow=True)

    assert "already been held" in response.content.decode()


def test_sign_off_all_first_says_how_many_and_signs_nothing(
    client, member, meeting_a, awaiting_updates
):
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {"sign_off_all": "", "comment": "Agreed.", "seen": seen_versions(awaiting_updates)},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign off all 2 updates?" in html
    assert "cannot be changed" in html
    assert 'name="comment" value="Agreed."' in html
    assert ProgressUpdate.objects.signed_off().count() == 0


def test_confirming_sign_off_all_signs_off_with_the_comment(
    client, member, meeting_a, awaiting_updates
):
    response = client.post(
        _url("boards:sign_off", meeting_a),
        {
            "sign_off_all": "yes",
            "confirmed": "yes",
            "comment": "Agreed.",
            "seen": seen_versions(awaiting_updates),
        },
    )

    assert response.status_code == 302
    assert set(meeting_a.signed_off_updates.values_list("sign_off_comment", flat=True)) == {
        "Agreed."
    }


def test_the_dashboard_points_to_the_next_meeting_not_yet_held(client, member, board_a):
    today = dt.date.today()
    held = make_meeting(board_a, date=today - dt.timedelta(days=100))
    client.post(_url("boards:meeting_hold", held), {"confirmed": "yes"})
    not_yet_held = make_meeting(board_a, date=today - dt.timedelta(days=3))
    make_meeting(board_a, date=today + dt.timedelta(days=60))

    response = client.get(reverse("boards:detail", kwargs={"slug": board_a.slug}))

    assert response.context["next_meeting"] == not_yet_held
