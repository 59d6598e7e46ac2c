"""The board pack: a live preview until the meeting is held, then frozen as the board saw it,
printable and downloadable as a PDF."""

import datetime as dt
import subprocess

import pytest
from django.urls import reverse

from boards.forms import seen_versions
from boards.pack import HoldRefused, meeting_hold
from outcomes.models import Challenge
from outcomes.services import SignOffRefused, updates_sign_off
from strategies.models import BoardAction
from tests.factories import make_indicator, make_measurement, make_update


def _url(name, meeting):
    return reverse(name, kwargs={"slug": meeting.board.slug, "pk": meeting.pk})


@pytest.fixture
def member(client, board_member):
    client.force_login(board_member)
    return board_member


@pytest.fixture
def pack_setting(meeting_a, awaiting_updates, objective_a, board_member):
    indicator = make_indicator(
        objective_a,
        title="Babies visited within 14 days",
        baseline_value=71,
        baseline_date=dt.date(2024, 3, 31),
    )
    indicator.targets.create(date=dt.date(2027, 3, 31), value=90)
    make_measurement(indicator, dt.date(2025, 3, 31), 74)
    make_measurement(indicator, dt.date(2025, 9, 30), 79)
    BoardAction.objects.create(meeting=meeting_a, description="Bring a plan", owner="Director")
    Challenge.objects.create(
        meeting=meeting_a,
        objective=objective_a,
        question="Why are visits late?",
        owner="Head of Health Visiting",
        answer_due=meeting_a.date,
    )
    updates_sign_off(
        meeting=meeting_a, updates=[awaiting_updates[1]], user=board_member, comment="Good."
    )
    return meeting_a


def test_pack_before_the_meeting_is_a_labelled_live_preview(client, member, pack_setting):
    html = client.get(_url("boards:pack", pack_setting)).content.decode()
    assert "Preview." in html
    assert "Wyvern Vale Children&#x27;s Plan" in html
    assert "The lead will report a recovery plan next month." in html  # the exception
    assert "Babies visited within 14 days" in html
    assert "<svg" in html
    assert "Bring a plan" in html
    assert "Why are visits late?" in html
    assert "Good." in html  # signed off at this meeting


def test_holding_the_meeting_freezes_the_pack(client, member, pack_setting, awaiting_updates):
    response = client.post(_url("boards:meeting_hold", pack_setting), {"confirmed": "yes"})
    assert response.status_code == 302
    pack_setting.refresh_from_db()
    assert pack_setting.held_at is not None
    assert pack_setting.pack["strategies"][0]["exceptions"][0]["commentary"] == (
        "Work went to plan this quarter."
    )

    at_risk = awaiting_updates[0]
    at_risk.commentary = "Rewritten after the meeting."
    at_risk.save()
    BoardAction.objects.update(description="Changed later")

    html = client.get(_url("boards:pack", pack_setting)).content.decode()
    assert "Frozen when the meeting was held" in html
    assert "Work went to plan this quarter." in html
    assert "Rewritten after the meeting." not in html
    assert "Bring a plan" in html
    assert "Changed later" not in html


def test_a_meeting_is_held_only_once(member, pack_setting, board_member):
    meeting_hold(meeting=pack_setting, user=board_member)
    frozen = pack_setting.pack
    with pytest.raises(HoldRefused, match="already marked as held"):
        meeting_hold(meeting=pack_setting, user=board_member)
    pack_setting.refresh_from_db()
    assert pack_setting.pack == frozen


def test_nothing_more_is_signed_off_at_a_held_meeting(
    client, member, pack_setting, awaiting_updates, board_member
):
    meeting_hold(meeting=pack_setting, user=board_member)
    waiting = awaiting_updates[0]
    response = client.post(
        _url("boards:sign_off", pack_setting),
        {"updates": [waiting.pk], "sign_off_selected": "", "seen": seen_versions([waiting])},
    )
    assert response.status_code == 200
    assert "has been held" in response.content.decode()
    waiting.refresh_from_db()
    assert not waiting.is_signed_off
    with pytest.raises(SignOffRefused):
        updates_sign_off(meeting=pack_setting, updates=[waiting], user=board_member)


def test_minutes_and_actions_may_still_be_recorded_after_holding(
    client, member, pack_setting, board_member
):
    meeting_hold(meeting=pack_setting, user=board_member)
    page = client.get(pack_setting.get_absolute_url()).content.decode()
    assert "Nothing more can be signed off at it" in page
    assert "Mark meeting as held" not in page
    response = client.post(
        _url("boards:minutes", pack_setting),
        {"minutes": "Everyone attended.", "based_on": (pack_setting.minutes and "") or _empty()},
    )
    assert response.status_code == 302
    pack_setting.refresh_from_db()
    assert pack_setting.minutes == "Everyone attended."


def _empty():
    import hashlib

    return hashlib.sha256(b"").hexdigest()


def test_past_packs_stay_readable(client, member, pack_setting, board_member, board_a, period):
    meeting_hold(meeting=pack_setting, user=board_member)
    from tests.factories import make_meeting

    later = make_meeting(board_a, date=pack_setting.date + dt.timedelta(days=90))
    meeting_hold(meeting=later, user=board_member, today=later.date)
    html = client.get(_url("boards:pack", pack_setting)).content.decode()
    assert "Good." in html
    assert "Good." not in client.get(_url("boards:pack", later)).content.decode()


def test_pack_pdf_contains_the_strategy_and_its_exceptions(
    client, member, pack_setting, require_program
):
    response = client.get(_url("boards:pack_pdf", pack_setting))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    pdftotext = require_program("pdftotext", "poppler-utils reads the PDF's text back")
    text = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Wyvern Vale Children's Plan" in text
    assert "The lead will report a recovery plan next month." in text
    assert "Babies visited within 14 days" in text
    assert "Sign out" not in text  # the print styles hide the page furniture


@pytest.mark.parametrize("size", [1, 4])
def test_pack_takes_a_fixed_number_of_queries(
    client, member, strategy_a, meeting_a, period, size, django_assert_max_num_queries
):
    from tests.factories import make_aim, make_objective

    for number in range(size):
        objective = make_objective(make_aim(strategy_a))
        make_update(objective=objective, quarter=period, rating="off_track")
        indicator = make_indicator(objective)
        make_measurement(indicator, dt.date(2025, 3, 31), number)
        Challenge.objects.create(
            meeting=meeting_a,
            objective=objective,
            question="Why?",
            owner="Someone",
            answer_due=meeting_a.date,
        )
    # 16 for the pack, and one asking whether to show the demonstration notice.
    with django_assert_max_num_queries(17):
        client.get(_url("boards:pack", meeting_a))


def test_a_meeting_cannot_be_held_before_its_day(client, member, board_a, board_member):
    from tests.factories import make_meeting

    tomorrow = make_meeting(board_a, date=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(HoldRefused, match="Mark it as held on or after that day"):
        meeting_hold(meeting=tomorrow, user=board_member)
    response = client.post(_url("boards:meeting_hold", tomorrow), {"confirmed": "yes"}, follow=True)
    assert "Mark it as held on or after that day" in response.content.decode()
    tomorrow.refresh_from_db()
    assert tomorrow.held_at is None


def test_a_past_meeting_never_held_says_its_pack_is_not_what_the_board_saw(client, member, board_a):
    from tests.factories import make_meeting

    past = make_meeting(board_a, date=dt.date.today() - dt.timedelta(days=200))
    html = client.get(_url("boards:pack", past)).content.decode()
    assert "was never marked as held" in html
    assert "not from what the board saw on the day" in html


def test_pack_pdf_is_tagged_for_screen_readers(client, member, pack_setting, require_program):
    pdf = client.get(_url("boards:pack_pdf", pack_setting)).content

    # PDF/UA-1: a structure tree a screen reader follows, marked as such in the metadata.
    pdfinfo = require_program("pdfinfo", "poppler-utils reads the PDF's metadata")
    info = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=True).stdout
    assert b"Tagged:          yes" in info
    assert b"PDF version:     1.7" in info
