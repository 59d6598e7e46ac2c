"""Writes that span several records of progress, kept out of views so every path (board pages,
admin actions, commands) applies the same rules."""

from django.db import transaction
from django.utils import timezone

from .models import EXCEPTION_RATINGS, Challenge, ProgressUpdate
from .periods import today_in_london


class SignOffRefused(Exception):
    """The board asked to sign off something it may not: nothing has been changed."""


class CarryForwardRefused(Exception):
    """ "No change this period" cannot be recorded: nothing has been changed."""


class ChallengeRefused(Exception):
    """The challenge is not in a state that allows this: nothing has been changed."""


def progress_for_board(board):
    """Every progress update on the objectives and programmes of the strategies a board
    oversees, signed off or not: board members see everything."""
    return ProgressUpdate.objects.for_board(board)


def _subject_label(update):
    kind = "objective" if update.objective_id else "programme"
    return f"the {kind} “{update.subject}”"


def updates_sign_off(*, meeting, updates, user, comment="", versions=None):
    """Record that the board signed these updates off at this meeting, all or none.

    Refuses updates already signed off (someone else may have just done it), updates that are
    not for this board's strategies, updates for a period that had not ended by the meeting's
    date (progress is reported in arrears), and any sign-off once the meeting has been held
    (its pack is frozen). When `versions` ({update id: version}) is given, as the board pages always do,
    an update changed since the board read it is refused too: the board must see the new text
    before signing it off. Returns the updates as signed off."""
    ids = {update.pk for update in updates}
    if not ids:
        raise SignOffRefused("Choose at least one update to sign off.")
    with transaction.atomic():
        if type(meeting)._base_manager.filter(pk=meeting.pk, held_at__isnull=False).exists():
            raise SignOffRefused(
                "This meeting has been held and its board pack is frozen, so nothing more can "
                "be signed off at it. Sign these updates off at the next meeting."
            )
        # Locking the rows makes a second, simultaneous sign-off wait and then see the first.
        locked = list(
            progress_for_board(meeting.board)
            .select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("objective", "programme")
            .order_by("pk")
        )
        if len(locked) != len(ids):
            raise SignOffRefused(
                "One or more of the chosen updates is not for a strategy this board oversees."
            )
        early = [update for update in locked if update.period_end >= meeting.date]
        if early:
            names = ", ".join(_subject_label(update) for update in early)
            raise SignOffRefused(
                f"The update for {names} is for a period that had not ended by this meeting "
                f"on {meeting.date:%-d %B %Y}. Sign it off at a meeting after the period ends."
            )
        already = [update for update in locked if update.is_signed_off]
        if already:
            raise SignOffRefused(
                f"{len(already)} of the chosen updates {'has' if len(already) == 1 else 'have'} "
                "already been signed off. Signed-off updates cannot be changed."
            )
        if versions is not None:
            changed = [update for update in locked if versions.get(update.pk) != update.version]
            if changed:
                names = ", ".join(_subject_label(update) for update in changed)
                raise SignOffRefused(
                    f"The update for {names} was changed after you opened this page, so nothing "
                    "has been signed off. Read the new version below, then sign off again."
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


def update_carry_forward(*, objective=None, programme=None, user, period):
    """Record "no change this period": a new update for `period` that carries the previous
    period's rating forward, saying so in its commentary. Refused when there is no previous
    update to carry or the period already has one. Returns the new update."""
    if (objective is None) == (programme is None):
        raise ValueError("Pass an objective or a programme, not both.")
    subject = {"objective": objective} if objective is not None else {"programme": programme}
    kind = "objective" if objective is not None else "programme"
    name = objective or programme
    with transaction.atomic():
        updates = ProgressUpdate.objects.select_for_update().filter(**subject)
        if updates.filter(period_start=period.start).exists():
            raise CarryForwardRefused(
                f"The {kind} “{name}” already has an update for {period.label}: open it to "
                "change it instead."
            )
        previous = updates.filter(period_start=period.previous.start).first()
        if previous is None:
            raise CarryForwardRefused(
                f"The {kind} “{name}” has no update for {period.previous.label} to carry "
                f"forward. Write a full update for {period.label} instead."
            )
        return ProgressUpdate.objects.create(
            **subject,
            period_start=period.start,
            period_end=period.end,
            rating=previous.rating,
            commentary=(
                f"No change since {previous.period_label}. The previous update said: "
                f"{previous.commentary}"
            ),
            next_steps=previous.next_steps if previous.rating in EXCEPTION_RATINGS else "",
            carried_forward=True,
            author=user,
        )


def challenge_answer(*, challenge, answer, answered_on=None):
    """Record the owner's answer: the board then accepts it or asks again."""
    answer = answer.strip()
    if not answer:
        raise ChallengeRefused("Enter the answer.")
    if challenge.status == Challenge.Status.ACCEPTED:
        raise ChallengeRefused("The board has already accepted an answer to this challenge.")
    challenge.answer = answer
    challenge.answered_on = answered_on or today_in_london()
    challenge.status = Challenge.Status.ANSWERED
    challenge.save()
    return challenge


def challenge_accept(*, challenge):
    if challenge.status != Challenge.Status.ANSWERED:
        raise ChallengeRefused("Only an answered challenge can be accepted.")
    challenge.status = Challenge.Status.ACCEPTED
    challenge.save()
    return challenge


def challenge_ask_again(*, challenge, answer_due):
    """The board is not satisfied: the owner must answer again by `answer_due`. The previous
    answer stays on the record (and in the challenge's history) until a new one replaces it."""
    if challenge.status != Challenge.Status.ANSWERED:
        raise ChallengeRefused("Only an answered challenge can be asked again.")
    challenge.status = Challenge.Status.ASKED_AGAIN
    challenge.answer_due = answer_due
    challenge.save()
    return challenge
