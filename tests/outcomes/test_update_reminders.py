"""`send_update_reminders`: one email per council member listing their councils' objectives and
programmes with no update for the current period, each linking to its update form; never twice
in one period."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from outcomes.models import ReminderSent
from outcomes.periods import current_period
from tests.factories import (
    make_aim,
    make_membership,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)


@pytest.fixture
def period():
    return current_period()


@pytest.fixture
def due(council_a, council_b, period, settings):
    settings.SITE_URL = "https://tracker.example.org"
    strategy = make_strategy(council_a, title="Wyvern Vale Plan")
    aim = make_aim(strategy)
    late = make_objective(aim, title="Every baby gets a health visit")
    make_update(objective=late, quarter=period.previous, rating="at_risk")
    reported = make_objective(aim, title="Fewer exclusions")
    make_update(objective=reported, quarter=period)
    programme = make_programme(strategy, title="Family hubs")
    make_programme(strategy, title="Finished work", status="complete")
    archived = make_strategy(council_a, title="Old plan", status="archived")
    make_objective(make_aim(archived), title="Archived objective")
    other = make_strategy(council_b, title="Brackenfield Plan")
    make_objective(make_aim(other), title="Brackenfield objective")
    return {"late": late, "programme": programme}


def _run(*args):
    out = StringIO()
    call_command("send_update_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_each_member_gets_one_email_listing_their_councils_missing_updates(
    editor_a, publisher_a, editor_b, due, period
):
    output = _run()
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {
        "editor_a@example.org",
        "publisher_a@example.org",
        "editor_b@example.org",
    }
    body = by_person["editor_a@example.org"].body
    assert "Every baby gets a health visit" in body
    assert "Family hubs" in body
    assert "Fewer exclusions" not in body  # already reported
    assert "Finished work" not in body  # programme complete
    assert "Archived objective" not in body
    assert "Brackenfield" not in body
    late = due["late"]
    assert (
        f"https://tracker.example.org/admin/outcomes/progressupdate/add/?objective={late.pk}"
        f"&period_start={period.start:%Y-%m-%d}&period_end={period.end:%Y-%m-%d}"
    ) in body
    assert f"/admin/outcomes/progressupdate/no-change/?objective={late.pk}" in body
    # Nothing to carry forward for the programme: no "no change" link for it.
    assert f"no-change/?programme={due['programme'].pk}" not in body
    html, mime = by_person["editor_a@example.org"].alternatives[0]
    assert mime == "text/html"
    assert "Every baby gets a health visit" in html
    assert "emailed 3 people" in output


def test_a_member_of_two_councils_gets_one_email_listing_both(editor_a, council_b, due):
    make_membership(editor_a, council_b, "editor")
    _run()
    mine = [message for message in mail.outbox if message.to == ["editor_a@example.org"]]
    assert len(mine) == 1
    assert "Every baby gets a health visit" in mine[0].body
    assert "Brackenfield objective" in mine[0].body


def test_a_second_run_in_the_same_period_sends_nothing_and_says_so(editor_a, due, period):
    _run()
    assert len(mail.outbox) == 1
    output = _run()
    assert len(mail.outbox) == 1
    assert "Nothing sent" in output
    assert "1 already reminded" in output
    assert ReminderSent.objects.get(user=editor_a).period_start == period.start


def test_dry_run_sends_and_records_nothing(editor_a, due):
    output = _run("--dry-run")
    assert "Would email editor_a" in output
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_nobody_is_emailed_when_everything_is_reported(editor_a, council_a, period):
    objective = make_objective(make_aim(make_strategy(council_a)))
    make_update(objective=objective, quarter=period)
    output = _run()
    assert mail.outbox == []
    assert "1 with nothing due" in output


def test_next_period_reminds_again(editor_a, due, period, time_machine):
    _run()

    # The day after the next period ends, that period is the one due.
    time_machine.move_to(period.next.end + dt.timedelta(days=1))
    _run()
    assert len(mail.outbox) == 2


def test_update_form_link_prefills_the_subject_and_period(client, editor_a, due, period):
    client.force_login(editor_a)
    late = due["late"]
    response = client.get(
        f"/admin/outcomes/progressupdate/add/?objective={late.pk}"
        f"&period_start={period.start:%Y-%m-%d}&period_end={period.end:%Y-%m-%d}"
    )
    form = response.context["adminform"].form
    assert str(form.initial["objective"]) == str(late.pk)
    assert form.initial["period_start"] == f"{period.start:%Y-%m-%d}"
    html = response.content.decode()
    assert f'value="{period.start:%Y-%m-%d}"' in html or f"{period.start:%d/%m/%Y}" in html
    assert "Every baby gets a health visit" in html
    assert isinstance(period.start, dt.date)


def test_a_member_who_cannot_open_the_admin_is_not_emailed(editor_a, council_a, due):
    from tests.factories import make_user

    no_access = make_user("not-yet-staff", email="not-yet-staff@example.org", is_staff=False)
    make_membership(no_access, council_a, "editor")
    _run()
    recipients = {address for message in mail.outbox for address in message.to}
    assert "editor_a@example.org" in recipients
    assert "not-yet-staff@example.org" not in recipients


def test_the_email_links_each_strategy_to_its_quarterly_return(editor_a, due, period):
    _run()

    strategy = due["late"].aim.strategy
    link = (
        f"https://tracker.example.org/admin/strategies/strategy/{strategy.pk}/return/"
        f"{period.start:%Y-%m-%d}/"
    )
    message = mail.outbox[0]
    assert f"Post all of its progress on one page: {link}" in message.body
    assert f'href="{link}"' in message.alternatives[0][0]
