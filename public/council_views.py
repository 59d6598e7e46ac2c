"""The public council pages. They live here rather than in councils/ because they compose
strategies onto councils, and councils/ imports nothing above it."""

from collections import Counter

from django import forms
from django.db.models import Count, Exists, F, OuterRef
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from councils.models import Council, CouncilKind, Inspection, Partner, StatisticalNeighbour
from outcomes.queries import public_successors, with_list_rollups
from strategies.models import ProgrammeCouncil, Strategy, StrategyCouncil, StrategyPartner

from .joint_work import joint_work
from .public_work import (
    councils_with_public_work,
    leads_or_co_owns_a_public_strategy,
    public_strategies_of,
    runs_a_public_programme_jointly,
)


def _public_strategy_counts():
    """How many public strategies each council leads or co-owns, by council id: two grouped
    queries for every council at once, rather than a count per council row."""
    public = Strategy.objects.public().order_by()
    counts = Counter(
        dict(
            public.values_list("lead_council")
            .annotate(n=Count("pk"))
            .values_list("lead_council", "n")
        )
    )
    # A council that both leads and co-owns a strategy counts it once.
    co_owned = (
        StrategyCouncil.objects.filter(strategy__in=public.values("pk"))
        .exclude(council=F("strategy__lead_council"))
        .order_by()
        .values_list("council")
        .annotate(n=Count("strategy", distinct=True))
    )
    counts.update(dict(co_owned))
    return counts


def _joint_programme_counts():
    """How many public strategies' programmes each council runs jointly with their lead
    council, by council id: one grouped query."""
    return Counter(
        dict(
            ProgrammeCouncil.objects.filter(programme__strategy__in=Strategy.objects.public())
            .order_by()
            .values_list("council")
            .annotate(n=Count("programme", distinct=True))
        )
    )


class CouncilFilterForm(forms.Form):
    region = forms.ChoiceField(
        label="Region",
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list."},
    )
    kind = forms.ChoiceField(
        label="Kind of council",
        required=False,
        choices=[("", "Any kind"), *CouncilKind.choices],
        error_messages={"invalid_choice": "Choose a kind of council from the list."},
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "Any region")] + [(r, r) for r in regions]


class CouncilListView(TemplateView):
    template_name = "public/council_list.html"

    def get_context_data(self, **kwargs):
        councils = councils_with_public_work()
        regions = sorted({r for r in councils.values_list("region", flat=True) if r})
        form = CouncilFilterForm(self.request.GET or None, regions=regions)
        if form.is_bound:
            form.is_valid()
            for name in ("region", "kind"):
                value = form.cleaned_data.get(name) if name not in form.errors else None
                if value:
                    councils = councils.filter(**{name: value})
        councils = list(councils)
        counts, joint = _public_strategy_counts(), _joint_programme_counts()
        for council in councils:
            council.public_count = counts[council.pk]
            council.joint_programme_count = joint[council.pk]
        return super().get_context_data(form=form, councils=councils, **kwargs)


class CouncilDetailView(DetailView):
    """A council's public strategies, Ofsted inspections and partners. The council itself is
    public record, so a council with nothing published yet still has a page."""

    template_name = "public/council_detail.html"
    context_object_name = "council"
    slug_url_kwarg = "slug"

    def get_object(self, queryset=None):
        return get_object_or_404(Council, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        council = self.object
        strategies = with_list_rollups(
            public_strategies_of(council)
            .select_related("lead_council")
            .prefetch_related(public_successors())
            .order_by("-start_year", "title")
        )
        in_public_strategy = StrategyPartner.objects.filter(
            partner=OuterRef("pk"), strategy__in=Strategy.objects.public()
        )
        partners = (
            Partner.objects.filter(council=council)
            .filter(Exists(in_public_strategy))
            .order_by("name")
        )
        inspections = list(Inspection.objects.filter(council=council).order_by("-published_on"))
        return super().get_context_data(
            partners=partners,
            inspections=inspections,
            latest_judgement=next((i for i in inspections if i.overall_effectiveness), None),
            neighbours=statistical_neighbours(council),
            **joint_work(council, strategies),
            **kwargs,
        )


def statistical_neighbours(council):
    """The council's statistical neighbours in order, each with its latest graded inspection
    (latest_judgement), whether it has a public strategy here (has_public_strategy) and whether
    it runs a public strategy's programme jointly (has_joint_work). Two queries, however many."""
    links = list(
        StatisticalNeighbour.objects.filter(council=council)
        .select_related("neighbour")
        .annotate(
            has_public_strategy=leads_or_co_owns_a_public_strategy("neighbour_id"),
            has_joint_work=runs_a_public_programme_jointly("neighbour_id"),
        )
        .order_by("rank")
    )
    judgements = Inspection.objects.latest_graded_by_council(link.neighbour_id for link in links)
    for link in links:
        link.latest_judgement = judgements.get(link.neighbour_id)
    return links
