"""Writes that span several records of progress, kept out of views so every path (board pages,
admin actions, commands) applies the same rules."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ProgressUpdate


class SignOffRefused(Exception):
    """The board asked to sign off something it may not: nothing has been changed."""


def progress_for_board(board):
    """Every progress update on the objectives and programmes of the strategies a board
    oversees, signed off or not: board members see everything."""
    return ProgressUpdate.objects.filter(
        Q(objective__aim__strategy__board=board) | Q(programme__strategy__board=board)
    )


def updates_sign_off(*, meeting, updates, user, comment=""):
    """Record that the board signed these updates off at this meeting, all or none.

    Refuses updates already signed off (someone else may have just done it) and updates that
    are not for this board's strategies. Returns the updates as signed off."""
    ids = {update.pk for update in updates}
    if not ids:
        raise SignOffRefused("Choose at least one update to sign off.")
    with transaction.atomic():
        # Locking the rows makes a second, simultaneous sign-off wait and then see the first.
        locked = list(
            progress_for_board(meeting.board)
            .select_for_update(of=("self",))
            .filter(pk__in=ids)
            .order_by("pk")
        )
        if len(locked) != len(ids):
            raise SignOffRefused(
                "One or more of the chosen updates is not for a strategy this board oversees."
            )
        already = [update for update in locked if update.is_signed_off]
        if already:
            raise SignOffRefused(
                f"{len(already)} of the chosen updates {'has' if len(already) == 1 else 'have'} "
                "already been signed off. Signed-off updates cannot be changed."
            )
        now = timezone.now()
        for update in locked:
            update.meeting = meeting
            update.signed_off_at = now
            update.signed_off_by = user
            update.sign_off_comment = comment.strip()
            # save(), not a bulk update, so history records who signed off and the version moves
            # on: an officer's form opened before sign-off can no longer overwrite the record.
            update.save(
                update_fields=[
                    "meeting",
                    "signed_off_at",
                    "signed_off_by",
                    "sign_off_comment",
                    "updated_at",
                ]
            )
    return locked
