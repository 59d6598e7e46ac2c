"""The board signs off only what it has read, and a signed-off update stays the record the board
saw: refused if an officer changed it after the page was opened, read-only at the model level."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from boards.forms import seen_versions
from outcomes.models import ProgressUpdate, SignedOffUpdateError
from outcomes.services import SignOffRefused, updates_sign_off
from tests.factories import sign_off


def _sign_off_url(meeting):
    return reverse("boards:sign_off", kwargs={"slug": meeting.board.slug, "pk": meeting.pk})


def test_update_changed_after_the_page_was_opened_is_not_signed_off(
    client, board_member, meeting_a, awaiting_updates
):
    client.force_login(board_member)
    page = client.get(meeting_a.get_absolute_url())
    seen = page.context["sign_off_form"].initial["seen"]
    changed = awaiting_updates[0]
    changed.commentary = "Rewritten by an officer after the board opened the page."
    changed.save()

    response = client.post(
        _sign_off_url(meeting_a),
        {"updates": [u.pk for u in awaiting_updates], "sign_off_selected": "", "seen": seen},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "was changed after you opened this page" in html
    assert "Every baby gets a health visit" in html
    assert "Rewritten by an officer after the board opened the page." in html
    assert ProgressUpdate.objects.signed_off().count() == 0
    # The page now remembers the new version: signing off again works.
    again = response.context["sign_off_form"].data["seen"]
    response = client.post(
        _sign_off_url(meeting_a),
        {"updates": [u.pk for u in awaiting_updates], "sign_off_selected": "", "seen": again},
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.signed_off().count() == 2


def test_update_added_after_the_page_was_opened_is_not_signed_off_by_sign_off_all(
    client, board_member, meeting_a, awaiting_updates, objective_a, period
):
    from tests.factories import make_update

    client.force_login(board_member)
    seen = seen_versions(awaiting_updates)
    make_update(objective=objective_a, quarter=period.previous)
    response = client.post(
        _sign_off_url(meeting_a), {"sign_off_all": "", "confirmed": "yes", "seen": seen}
    )
    assert response.status_code == 200
    assert ProgressUpdate.objects.signed_off().count() == 0


def test_tampered_versions_are_refused_with_a_message(
    client, board_member, meeting_a, awaiting_updates
):
    client.force_login(board_member)
    response = client.post(
        _sign_off_url(meeting_a),
        {"updates": [awaiting_updates[0].pk], "sign_off_selected": "", "seen": "x:y"},
    )
    assert response.status_code == 200
    assert "Reload the page and sign off again." in response.content.decode()


def test_service_refuses_a_stale_version(meeting_a, awaiting_updates, board_member):
    update = awaiting_updates[0]
    with pytest.raises(SignOffRefused, match="changed after you opened"):
        updates_sign_off(
            meeting=meeting_a,
            updates=[update],
            user=board_member,
            versions={update.pk: update.version + 1},
        )


def test_signed_off_update_cannot_be_saved_again(meeting_a, awaiting_updates):
    update = sign_off(awaiting_updates[0], meeting_a)
    update.commentary = "Quietly changed"
    with pytest.raises(SignedOffUpdateError, match="cannot be changed"):
        update.save()
    update.refresh_from_db()
    assert update.commentary == "Work went to plan this quarter."


def test_a_stale_copy_of_a_signed_off_update_cannot_overwrite_it(meeting_a, awaiting_updates):
    stale = ProgressUpdate.objects.get(pk=awaiting_updates[0].pk)
    sign_off(awaiting_updates[0], meeting_a)
    stale.meeting = None
    stale.signed_off_at = None
    with pytest.raises(SignedOffUpdateError):
        stale.save()
    assert ProgressUpdate.objects.get(pk=stale.pk).is_signed_off


def test_signed_off_update_cannot_be_deleted(meeting_a, awaiting_updates):
    signed = sign_off(awaiting_updates[0], meeting_a)
    with pytest.raises(SignedOffUpdateError, match="cannot be deleted"):
        signed.delete()
    with pytest.raises(SignedOffUpdateError, match="cannot be deleted"):
        ProgressUpdate.objects.filter(pk__in=[u.pk for u in awaiting_updates]).delete()
    assert ProgressUpdate.objects.count() == len(awaiting_updates)


def test_an_update_awaiting_sign_off_can_still_be_deleted(awaiting_updates):
    awaiting_updates[0].delete()
    assert not ProgressUpdate.objects.filter(pk=awaiting_updates[0].pk).exists()


def test_deleting_an_objective_is_refused_while_it_has_signed_off_updates(
    meeting_a, awaiting_updates
):
    signed = sign_off(awaiting_updates[0], meeting_a)
    objective = signed.objective
    with pytest.raises(ProtectedError) as refused:
        objective.delete()
    assert set(refused.value.protected_objects) == {signed}
    with pytest.raises(ProtectedError) as refused:
        objective.aim.strategy.delete()
    assert set(refused.value.protected_objects) == {signed}
    assert ProgressUpdate.objects.filter(pk=signed.pk).exists()


def test_deleting_an_objective_takes_its_unsigned_updates_with_it(awaiting_updates):
    update = awaiting_updates[0]
    update.objective.delete()
    assert not ProgressUpdate.objects.filter(pk=update.pk).exists()


def test_an_update_is_not_signed_off_at_a_meeting_before_its_period_ended(
    client, board_member, board_a, awaiting_updates, period
):
    from tests.factories import make_meeting

    early = make_meeting(board_a, date=period.end, title="Held on the quarter's last day")
    with pytest.raises(SignOffRefused, match="had not ended by this meeting"):
        updates_sign_off(meeting=early, updates=awaiting_updates, user=board_member)
    assert ProgressUpdate.objects.signed_off().count() == 0

    client.force_login(board_member)
    html = client.get(early.get_absolute_url()).content.decode()
    assert "2 updates for a period that had not ended by" in html
    assert 'name="updates"' not in html
    response = client.post(
        _sign_off_url(early),
        {"sign_off_all": "", "confirmed": "yes", "seen": seen_versions(awaiting_updates)},
    )
    assert ProgressUpdate.objects.signed_off().count() == 0
    assert response.status_code == 200


@pytest.mark.parametrize("pk", ["1" + "0" * 23, "²", "-1"])
def test_an_update_id_no_page_could_send_is_refused_with_a_message(
    client, board_member, meeting_a, awaiting_updates, pk
):
    client.force_login(board_member)
    response = client.post(
        _sign_off_url(meeting_a),
        {"updates": [pk], "sign_off_selected": "", "seen": seen_versions(awaiting_updates)},
    )
    assert response.status_code == 200
    assert "Choose updates from the list." in response.content.decode()
    assert ProgressUpdate.objects.signed_off().count() == 0
