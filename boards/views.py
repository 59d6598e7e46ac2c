"""Board pages: a signed-in board reviews progress, signs updates off at meetings and raises
actions. Access is decided in `boards.access`, used by every view here."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from outcomes.models import Challenge
from outcomes.periods import today_in_london
from outcomes.services import (
    ChallengeRefused,
    SignOffRefused,
    challenge_accept,
    challenge_answer,
    challenge_ask_again,
    updates_sign_off,
)
from strategies.models import BoardAction

from .access import BoardAccessMixin, board_member_required, boards_for_user
from .dashboard import (
    TREND_LENGTH,
    StrategySection,
    awaiting_for_board,
    awaiting_for_meeting,
    build_dashboard,
    filter_rows,
)
from .forms import (
    ActionProgressForm,
    BoardActionForm,
    ChallengeAnswerForm,
    ChallengeAskAgainForm,
    ChallengeForm,
    DashboardFilterForm,
    MeetingForm,
    MinutesForm,
    SignOffForm,
)
from .pack import HoldRefused, meeting_hold, pack_for
from .pdf import render_pdf


@method_decorator(login_required, name="dispatch")
class BoardHomeView(TemplateView):
    """Where board members land after signing in."""

    template_name = "boards/home.html"

    def get(self, request, *args, **kwargs):
        boards = list(boards_for_user(request.user))
        if len(boards) == 1:
            return redirect(boards[0])
        return self.render_to_response(self.get_context_data(boards=boards))


class BoardDashboardView(BoardAccessMixin, TemplateView):
    template_name = "boards/dashboard.html"

    def get_context_data(self, **kwargs):
        board = self.board
        period, sections = build_dashboard(board)
        aims = [aim for section in sections for aim in section.strategy.aims.all()]
        form = DashboardFilterForm(self.request.GET or None, aims=aims)
        rating = aim = None
        if form.is_bound and form.is_valid():
            rating, aim = form.cleaned_data["rating"], form.cleaned_data["aim"]
        shown = []
        for section in sections:
            objectives = filter_rows(section.objectives, rating=rating, aim=aim)
            programmes = filter_rows(section.programmes, rating=rating, aim=aim)
            shown.append(StrategySection(section.strategy, objectives, programmes))
        actions = _marked_overdue(
            BoardAction.objects.open_for(board).select_related("meeting__board")
        )
        # The meeting the board will sign off at next: the earliest not yet held, even if its
        # day has passed and someone has yet to mark it held.
        next_meeting = board.meetings.filter(held_at__isnull=True).order_by("date").first()
        all_rows = [row for s in sections for row in (*s.objectives, *s.programmes)]
        return super().get_context_data(
            board=board,
            period=period,
            sections=shown,
            filter_form=form,
            has_errors=form.is_bound and not form.is_valid(),
            trend_length=TREND_LENGTH,
            filtering=bool(rating or aim),
            awaiting=list(awaiting_for_board(board)),
            actions=actions,
            next_meeting=next_meeting,
            overdue_count=sum(row.overdue for row in all_rows),
            **kwargs,
        )


class MeetingListView(BoardAccessMixin, TemplateView):
    template_name = "boards/meeting_list.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", MeetingForm(board=self.board))
        return super().get_context_data(
            board=self.board, meetings=_meetings_of(self.board), **kwargs
        )


def _meetings_of(board):
    return board.meetings.annotate(
        signed_off_count=Count("signed_off_updates", distinct=True),
        action_count=Count("actions", distinct=True),
    ).order_by("-date")


@require_POST
@board_member_required
def meeting_create(request, board):
    form = MeetingForm(request.POST, board=board)
    if not form.is_valid():
        return render(
            request,
            "boards/meeting_list.html",
            {"board": board, "meetings": _meetings_of(board), "form": form, "has_errors": True},
        )
    meeting = form.save()
    messages.success(request, f"Meeting on {meeting.date:%-d %B %Y} added.")
    return redirect(meeting)


def _meeting_of(board, pk):
    return get_object_or_404(board.meetings, pk=pk)


def _render_meeting(request, board, meeting, **forms):
    """The meeting page; a form that failed is passed in bound, so nothing typed is lost."""
    awaiting = awaiting_for_meeting(meeting)
    forms.setdefault("sign_off_form", SignOffForm(awaiting=awaiting, meeting=meeting))
    later_count = (
        awaiting_for_board(board).filter(period_end__gte=meeting.date).count()
        if meeting.held_at is None
        else 0
    )
    forms.setdefault("minutes_form", MinutesForm(instance=meeting))
    forms.setdefault("action_form", BoardActionForm(meeting=meeting))
    forms.setdefault("challenge_form", ChallengeForm(meeting=meeting))
    signed_off = (
        meeting.signed_off_updates.select_related(
            "objective__aim__strategy", "programme__strategy", "signed_off_by"
        )
        .order_by("objective__aim__strategy__title", "pk")
        .all()
    )
    awaiting = list(awaiting)
    challenges = _challenges_for_meeting(meeting)
    for update in awaiting:
        update.open_challenges = [
            c
            for c in challenges
            if c.is_open
            and (c.objective_id, c.programme_id) == (update.objective_id, update.programme_id)
        ]
    context = {
        "board": board,
        "meeting": meeting,
        "awaiting": awaiting,
        "later_count": later_count,
        "signed_off": signed_off,
        "actions": _marked_overdue(meeting.actions.all()),
        "challenges": challenges,
        "today": today_in_london(),
        "has_errors": any(form.is_bound and form.errors for form in forms.values()),
        **forms,
    }
    return render(request, "boards/meeting_detail.html", context)


def _marked_overdue(actions):
    """Soonest due first, each marked overdue if it is still open past its date: the dashboard
    and the meeting page share one actions table, so they must agree on what is overdue."""
    today = today_in_london()
    actions = list(actions)
    for action in actions:
        action.is_overdue = bool(
            action.due_on and action.due_on < today and action.status not in BoardAction.FINISHED
        )
    return actions


def _challenges_for_meeting(meeting):
    """Those raised at this meeting and every one still open, so the board sees what it is
    waiting for."""
    return list(
        Challenge.objects.filter(meeting__board=meeting.board)
        .filter(Q(meeting=meeting) | ~Q(status=Challenge.Status.ACCEPTED))
        .select_related("objective", "programme", "meeting")
        .order_by("answer_due", "pk")
    )


@board_member_required
def meeting_detail(request, board, pk):
    return _render_meeting(request, board, _meeting_of(board, pk))


@require_POST
@board_member_required
def sign_off(request, board, pk):
    meeting = _meeting_of(board, pk)
    form = SignOffForm(request.POST, awaiting=awaiting_for_meeting(meeting), meeting=meeting)
    if form.is_valid() and form.signing_off_all and "confirmed" not in request.POST:
        # Signing off cannot be undone and makes every update public: say what will happen
        # and act only on a second, explicit choice.
        updates = form.cleaned_data["updates"]
        return render(
            request,
            "boards/confirm_sign_off_all.html",
            {
                "board": board,
                "meeting": meeting,
                "form": form,
                "count": len(updates),
                "by_period": counts_by_period(updates),
            },
        )
    if form.is_valid():
        try:
            signed = updates_sign_off(
                meeting=meeting,
                updates=form.cleaned_data["updates"],
                user=request.user,
                comment=form.cleaned_data["comment"],
                versions=form.cleaned_data["seen"],
            )
        except SignOffRefused as refused:
            form.add_error("updates", str(refused))
            form.refresh_seen()
        else:
            count = len(signed)
            messages.success(
                request, f"{count} update{'' if count == 1 else 's'} signed off at this meeting."
            )
            return redirect(meeting)
    return _render_meeting(request, board, meeting, sign_off_form=form)


@require_POST
@board_member_required
def minutes_save(request, board, pk):
    with transaction.atomic():
        # Locked so a second writer waits, then sees that the minutes moved on.
        meeting = get_object_or_404(board.meetings.select_for_update(), pk=pk)
        form = MinutesForm(request.POST, instance=meeting)
        if form.is_valid():
            form.save()
            messages.success(request, "Minutes saved.")
            return redirect(meeting)
    return _render_meeting(request, board, meeting, minutes_form=form)


@require_POST
@board_member_required
def action_create(request, board, pk):
    meeting = _meeting_of(board, pk)
    form = BoardActionForm(request.POST, meeting=meeting)
    if form.is_valid():
        form.save()
        messages.success(request, "Action raised.")
        return redirect(meeting)
    return _render_meeting(request, board, meeting, action_form=form)


@board_member_required
def action_update(request, board, pk):
    action = get_object_or_404(
        BoardAction.objects.select_related("meeting__board"), meeting__board=board, pk=pk
    )
    form = ActionProgressForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Action updated.")
        return redirect(action.meeting)
    return render(
        request,
        "boards/action_form.html",
        {"board": board, "action": action, "form": form, "has_errors": bool(form.errors)},
    )


@require_POST
@board_member_required
def challenge_create(request, board, pk):
    meeting = _meeting_of(board, pk)
    form = ChallengeForm(request.POST, meeting=meeting)
    if form.is_valid():
        challenge = form.save(commit=False)
        challenge.raised_by = request.user
        challenge.save()
        messages.success(request, f"Challenge raised: {challenge.owner} to answer.")
        return redirect(f"{meeting.get_absolute_url()}#challenges")
    return _render_meeting(request, board, meeting, challenge_form=form)


@board_member_required
def challenge_detail(request, board, pk):
    """One challenge: record the owner's answer, then accept it or ask again."""
    challenge = get_object_or_404(
        Challenge.objects.select_related("meeting__board", "objective", "programme"),
        meeting__board=board,
        pk=pk,
    )
    answer_form = ChallengeAnswerForm(challenge=challenge)
    ask_again_form = ChallengeAskAgainForm(challenge=challenge)
    if request.method == "POST":
        try:
            if "record_answer" in request.POST:
                answer_form = ChallengeAnswerForm(request.POST, challenge=challenge)
                if answer_form.is_valid():
                    challenge_answer(challenge=challenge, answer=answer_form.cleaned_data["answer"])
                    messages.success(request, "Answer recorded. Accept it or ask again.")
                    return redirect("boards:challenge", slug=board.slug, pk=challenge.pk)
            elif "accept" in request.POST:
                challenge_accept(challenge=challenge)
                messages.success(request, "Answer accepted: the challenge is closed.")
                return redirect(challenge.meeting)
            elif "ask_again" in request.POST:
                ask_again_form = ChallengeAskAgainForm(request.POST, challenge=challenge)
                if ask_again_form.is_valid():
                    challenge_ask_again(
                        challenge=challenge, answer_due=ask_again_form.cleaned_data["answer_due"]
                    )
                    messages.success(request, "Asked again: the owner must answer by the new date.")
                    return redirect("boards:challenge", slug=board.slug, pk=challenge.pk)
            else:
                messages.error(request, "Choose what to do with the challenge.")
        except ChallengeRefused as refused:
            messages.error(request, str(refused))
            challenge.refresh_from_db()
    forms = (answer_form, ask_again_form)
    return render(
        request,
        "boards/challenge.html",
        {
            "board": board,
            "challenge": challenge,
            "answer_form": answer_form,
            "ask_again_form": ask_again_form,
            "has_errors": any(form.is_bound and form.errors for form in forms),
        },
    )


def counts_by_period(updates):
    """[(count, "July to September 2026")], earliest period first."""
    counts = Counter((update.period_start, update.period_end) for update in updates)
    return [(counts[key], f"{key[0]:%B} to {key[1]:%B %Y}") for key in sorted(counts)]


@board_member_required
def meeting_hold_view(request, board, pk):
    """Holding a meeting freezes its pack for good: a page says what that means, with counts,
    and only its own button does it."""
    meeting = _meeting_of(board, pk)
    if meeting.held_at is not None:
        messages.info(request, "This meeting has already been held; its pack is frozen.")
        return redirect(meeting)
    if request.method != "POST" or "confirmed" not in request.POST:
        waiting = list(awaiting_for_meeting(meeting))
        return render(
            request,
            "boards/confirm_hold.html",
            {
                "board": board,
                "meeting": meeting,
                "waiting": counts_by_period(waiting),
                "waiting_count": len(waiting),
                "signed_off_count": meeting.signed_off_updates.count(),
                "early": meeting.date > today_in_london(),
            },
        )
    try:
        meeting_hold(meeting=meeting, user=request.user)
    except HoldRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            "Meeting marked as held. Its board pack is frozen as it stands now; minutes, actions "
            "and challenges can still be recorded.",
        )
    return redirect(meeting)


def _pack_context(board, meeting):
    return {
        "board": board,
        "meeting": meeting,
        "pack": pack_for(meeting),
        "today": today_in_london(),
    }


@board_member_required
def meeting_pack(request, board, pk):
    meeting = _meeting_of(board, pk)
    return render(request, "boards/pack.html", _pack_context(board, meeting))


@board_member_required
def meeting_pack_pdf(request, board, pk):
    meeting = _meeting_of(board, pk)
    pdf = render_pdf(request, "boards/pack.html", _pack_context(board, meeting))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{board.slug}-board-pack-{meeting.date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
