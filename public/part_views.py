"""The pages of a strategy's parts: each aim and each objective has its own, under the strategy's
address, readable exactly when the strategy is (a draft's aim answers 404 to the public)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from outcomes import periods
from outcomes.models import Aim, Indicator, Measurement, Objective, ProgressUpdate
from outcomes.queries import (
    Rollup,
    public_successors,
    ratings_by_quarter,
    with_latest_signed_off_rating,
)
from strategies.models import Programme, Strategy

from .figures import add_figures


def readable_strategy(request, kwargs):
    """The strategy named in the address, if this person may read it; 404 otherwise, so a
    draft's existence does not leak through its parts."""
    return get_object_or_404(
        Strategy.objects.for_user(request.user)
        .select_related("lead_council")
        .prefetch_related(public_successors()),
        lead_council__slug=kwargs["council"],
        slug=kwargs["slug"],
    )


def serving_programmes(strategy, **objective_filter):
    """The strategy's own programmes that serve the objectives matched, each with its latest
    signed-off rating. A link to another strategy's objective never counts (see ProgrammeObjective)."""
    links = {f"objective_links__objective__{key}": value for key, value in objective_filter.items()}
    programmes = (
        Programme.objects.filter(strategy=strategy, **links)
        .select_related("lead_partner")
        .distinct()
        .order_by("order", "pk")
    )
    return list(with_latest_signed_off_rating(programmes, "programme"))


class StrategyPartView(DetailView):
    """A part of a strategy, found only within the strategy its address names."""

    model = None

    def get_object(self, queryset=None):
        self.strategy = readable_strategy(self.request, self.kwargs)
        return get_object_or_404(self.part_queryset(self.strategy), pk=self.kwargs["pk"])

    def part_queryset(self, strategy):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(strategy=self.strategy, **kwargs)


class AimDetailView(StrategyPartView):
    """One aim: its objectives with their latest signed-off ratings, the roll-up, how its
    objectives were rated quarter by quarter, and the programmes that serve it."""

    template_name = "public/aim.html"
    context_object_name = "aim"

    def part_queryset(self, strategy):
        return Aim.objects.filter(strategy=strategy)

    def get_context_data(self, **kwargs):
        aim = self.object
        indicators = Indicator.objects.only("pk", "title", "objective_id").order_by("pk")
        objectives = list(
            with_latest_signed_off_rating(
                aim.objectives.order_by("order", "pk").prefetch_related(
                    Prefetch("indicators", queryset=indicators)
                ),
                "objective",
            )
        )
        rollup = Rollup()
        for objective in objectives:
            rollup.add_subject(objective)
        return super().get_context_data(
            objectives=objectives,
            rollup=rollup,
            quarters=ratings_by_quarter(objectives),
            programmes=serving_programmes(self.strategy, aim=aim),
            **kwargs,
        )


class ObjectiveDetailView(StrategyPartView):
    """One objective: its description and lead, every signed-off rating quarter by quarter with
    its commentary, its indicators with their charts, and the programmes that serve it."""

    template_name = "public/objective.html"
    context_object_name = "objective"

    def part_queryset(self, strategy):
        indicators = Indicator.objects.order_by("pk").prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
            "targets",
        )
        return with_latest_signed_off_rating(
            Objective.objects.filter(aim__strategy=strategy)
            .select_related("aim")
            .prefetch_related(Prefetch("indicators", queryset=indicators)),
            "objective",
        )

    def get_context_data(self, **kwargs):
        objective = self.object
        today = periods.today_in_london()
        for indicator in objective.indicators.all():
            add_figures(indicator, today)
        # Only what a board has signed off, for everyone: this is the public record.
        history = (
            ProgressUpdate.objects.signed_off()
            .filter(objective=objective)
            .select_related("meeting__board")
            .order_by("-period_start", "-pk")
        )
        return super().get_context_data(
            history=history,
            programmes=serving_programmes(self.strategy, pk=objective.pk),
            **kwargs,
        )
