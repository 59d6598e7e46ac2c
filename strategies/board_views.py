"""Board pages: a signed-in board reviews progress, signs updates off at meetings and raises
actions. Access is decided in `strategies.access`, used by every view here."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from outcomes.models import Aim
from outcomes.periods import current_period
from outcomes.services import SignOffRefused, progress_for_board, updates_sign_off

from .access import BoardAccessMixin, board_member_required, boards_for_user
from .board_forms import (
    NO_UPDATE,
    ActionProgressForm,
    BoardActionForm,
    DashboardFilterForm,
    MeetingForm,
    MinutesForm,
    SignOffForm,
)
from .models import BoardAction, ProgrammeStatus

#: How many periods of ratings the dashboard shows as a trend.
TREND_LENGTH = 4
FINISHED_ACTION = (BoardAction.Status.DONE, BoardAction.Status.DROPPED)
FINISHED_PROGRAMME = (ProgrammeStatus.COMPLETE, ProgrammeStatus.STOPPED)


@method_decorator(login_required, name="dispatch")
class BoardHomeView(TemplateView):
    """Where board members land after signing in."""

    template_name = "boards/home.html"

    def get(self, request, *args, **kwargs):
        boards = list(boards_for_user(request.user))
        if len(boards) == 1:
            return redirect(boards[0])
        return self.render_to_response(self.get_context_data(boards=boards))


@dataclass
class Row:
    """One objective or programme on the dashboard, with its recent ratings."""

    subject: object
    kind: str
    aim_ids: set = field(default_factory=set)
    trend: list = field(default_factory=list)  # oldest first
    overdue: bool = False

    @property
    def latest(self):
        return self.trend[-1] if self.trend else None


@dataclass
class StrategySection:
    strategy: object
    objectives: list
    programmes: list


def awaiting_for_board(board):
    return (
        progress_for_board(board)
        .awaiting_sign_off()
        .select_related("objective__aim__strategy", "programme__strategy", "author")
        .order_by("period_end", "objective__aim__strategy__title", "pk")
    )


def _recent_updates(board):
    """The last few updates of every objective and programme, in one query."""
    recent = (
        progress_for_board(board)
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("objective_id"), F("programme_id")],
                order_by=F("period_end").desc(),
            )
        )
        .filter(recency__lte=TREND_LENGTH)
        .order_by("period_end", "pk")
    )
    by_objective, by_programme = {}, {}
    for update in recent:
        if update.objective_id:
            by_objective.setdefault(update.objective_id, []).append(update)
        else:
            by_programme.setdefault(update.programme_id, []).append(update)
    return by_objective, by_programme


def build_dashboard(board, *, today=None):
    """Every strategy the board oversees, with each objective's and programme's recent ratings.
    A fixed number of queries however big the board's strategies are."""
    period = current_period(today)
    strategies = board.strategies.select_related("lead_council").prefetch_related(
        Prefetch("aims", queryset=Aim.objects.prefetch_related("objectives")),
        Prefetch("programmes__objective_links"),
    )
    by_objective, by_programme = _recent_updates(board)

    def overdue(trend):
        return not any(update.period_start == period.start for update in trend)

    sections = []
    for strategy in strategies:
        objectives = []
        aim_of_objective = {}
        for aim in strategy.aims.all():
            for objective in aim.objectives.all():
                aim_of_objective[objective.pk] = aim.pk
                trend = by_objective.get(objective.pk, [])
                objectives.append(
                    Row(objective, "Objective", {aim.pk}, trend, overdue=overdue(trend))
                )
        programmes = []
        for programme in strategy.programmes.all():
            trend = by_programme.get(programme.pk, [])
            aims = {
                aim_of_objective[link.objective_id]
                for link in programme.objective_links.all()
                if link.objective_id in aim_of_objective
            }
            finished = programme.status in FINISHED_PROGRAMME
            programmes.append(
                Row(programme, "Programme", aims, trend, overdue=not finished and overdue(trend))
            )
        sections.append(StrategySection(strategy, objectives, programmes))
    return period, sections


def filter_rows(rows, *, rating, aim):
    if rating == NO_UPDATE:
        rows = [row for row in rows if row.latest is None]
    elif rating:
        rows = [row for row in rows if row.latest and row.latest.rating == rating]
    if aim:
        rows = [row for row in rows if aim in row.aim_ids]
    return rows


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
        today = timezone.localdate()
        actions = list(
            BoardAction.objects.filter(meeting__board=board)
            .exclude(status__in=FINISHED_ACTION)
            .select_related("meeting__board")
            .order_by(F("due_on").asc(nulls_last=True), "pk")
        )
        for action in actions:
            action.is_overdue = bool(action.due_on and action.due_on < today)
        next_meeting = board.meetings.filter(date__gte=today).order_by("date").first()
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
    awaiting = awaiting_for_board(board)
    forms.setdefault("sign_off_form", SignOffForm(awaiting=awaiting, meeting=meeting))
    forms.setdefault("minutes_form", MinutesForm(instance=meeting))
    forms.setdefault("action_form", BoardActionForm(meeting=meeting))
    signed_off = (
        meeting.signed_off_updates.select_related(
            "objective__aim__strategy", "programme__strategy", "signed_off_by"
        )
        .order_by("objective__aim__strategy__title", "pk")
        .all()
    )
    context = {
        "board": board,
        "meeting": meeting,
        "awaiting": list(awaiting),
        "signed_off": signed_off,
        "actions": meeting.actions.order_by(F("due_on").asc(nulls_last=True), "pk"),
        "today": timezone.localdate(),
        "has_errors": any(form.is_bound and form.errors for form in forms.values()),
        **forms,
    }
    return render(request, "boards/meeting_detail.html", context)


@board_member_required
def meeting_detail(request, board, pk):
    return _render_meeting(request, board, _meeting_of(board, pk))


@require_POST
@board_member_required
def sign_off(request, board, pk):
    meeting = _meeting_of(board, pk)
    form = SignOffForm(request.POST, awaiting=awaiting_for_board(board), meeting=meeting)
    if form.is_valid():
        try:
            signed = updates_sign_off(
                meeting=meeting,
                updates=form.cleaned_data["updates"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except SignOffRefused as refused:
            form.add_error("updates", str(refused))
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
