"""The common outcome frame in public: every national theme, and for one theme what every council
with a public strategy promises under it, side by side, with each objective's latest signed-off
rating. Filtered by region, or to a chosen council and its statistical neighbours."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from councils.models import Council, StatisticalNeighbour
from outcomes.models import Aim, Objective, Theme, ThemeFramework
from outcomes.queries import with_latest_signed_off_rating
from strategies.models import Strategy

from .public_work import councils_with_public_strategies


class ThemeFilterForm(forms.Form):
    region = forms.ChoiceField(
        label="Region",
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list."},
    )
    neighbours_of = forms.ChoiceField(
        label="A council and its statistical neighbours",
        required=False,
        error_messages={"invalid_choice": "Choose a council from the list."},
    )

    def __init__(self, *args, regions=(), councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "Any region")] + [(r, r) for r in regions]
        self.fields["neighbours_of"].choices = [("", "Any council")] + [
            (council.slug, council.name) for council in councils
        ]

    def value(self, name):
        if not self.is_bound or (not self.is_valid() and name in self.errors):
            return ""
        return self.cleaned_data.get(name) or ""


@dataclass
class Promise:
    """One council's strategy's aim under the theme, with the objectives that come under it."""

    aim: Aim
    objectives: list = field(default_factory=list)


class ThemeListView(TemplateView):
    template_name = "public/theme_list.html"

    def get_context_data(self, **kwargs):
        themes = list(Theme.objects.all())
        groups = [
            (label, [theme for theme in themes if theme.framework == value])
            for value, label in ThemeFramework.choices
        ]
        return super().get_context_data(groups=[g for g in groups if g[1]], **kwargs)


class ThemeDetailView(TemplateView):
    template_name = "public/theme_detail.html"

    def get_context_data(self, **kwargs):
        theme = get_object_or_404(Theme, slug=self.kwargs["slug"])
        publishing = councils_with_public_strategies()
        regions = sorted({r for r in publishing.values_list("region", flat=True) if r})
        with_neighbours = list(
            Council.objects.filter(
                Exists(StatisticalNeighbour.objects.filter(council=OuterRef("pk")))
            ).order_by("name")
        )
        form = ThemeFilterForm(self.request.GET or None, regions=regions, councils=with_neighbours)
        strategies = Strategy.objects.public()
        chosen = None
        if region := form.value("region"):
            strategies = strategies.filter(lead_council__region=region)
        if slug := form.value("neighbours_of"):
            # The form accepts only a slug from this list, so the council is already fetched.
            chosen = next(council for council in with_neighbours if council.slug == slug)
            near = StatisticalNeighbour.objects.filter(council=chosen).values("neighbour_id")
            strategies = strategies.filter(Q(lead_council=chosen) | Q(lead_council__in=near))
        promises = _promises(theme, strategies)
        return super().get_context_data(
            theme=theme,
            form=form,
            chosen=chosen,
            promises=promises,
            council_count=len({p.aim.strategy.lead_council_id for p in promises}),
            **kwargs,
        )


def _promises(theme, strategies):
    """Every aim of these strategies under the theme, by council, strategy and aim order: an
    aim mapped to the theme with all its objectives, or an aim one of whose objectives is. Three
    queries however many councils."""
    aims_mapped = Aim.themes.through.objects.filter(theme=theme)
    objective_mapped = Objective.themes.through.objects.filter(
        objective=OuterRef("pk"), theme=theme
    )
    objectives = with_latest_signed_off_rating(
        Objective.objects.filter(aim__strategy__in=strategies)
        .filter(Exists(aims_mapped.filter(aim=OuterRef("aim_id"))) | Exists(objective_mapped))
        # Each objective links into its strategy's page, which names the council.
        .select_related("aim__strategy__lead_council")
        .order_by("aim_id", "order", "pk"),
        "objective",
    )
    by_aim = {}
    for objective in objectives:
        by_aim.setdefault(objective.aim_id, []).append(objective)
    aims = (
        Aim.objects.filter(strategy__in=strategies)
        .filter(Exists(aims_mapped.filter(aim=OuterRef("pk"))) | Q(pk__in=list(by_aim)))
        .select_related("strategy__lead_council")
        .order_by("strategy__lead_council__name", "strategy__title", "order", "pk")
    )
    return [Promise(aim, by_aim.get(aim.pk, [])) for aim in aims]
