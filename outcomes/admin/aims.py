"""Aims and objectives: a strategy's structure below it."""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.lookups import IsNull
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from strategies.admin_breadcrumbs import PartOfStrategyAdminMixin
from strategies.admin_concurrency import VersionedAdminForm, VersionedAdminMixin
from strategies.admin_ordering import NextOrderInlineMixin
from strategies.admin_part_choices import StrategyPartChoicesMixin, strategy_label

from ..admin_spreadsheets import SpreadsheetAdminMixin
from ..models import Aim, Indicator, Objective
from .indicators import IndicatorInline
from .progress import ProgressUpdateInline, confirm_no_change
from .themes import ThemeChoicesMixin


class ObjectiveInline(
    ThemeChoicesMixin, NextOrderInlineMixin, CouncilScopedAdminMixin, LabelledTabularInline
):
    model = Objective
    form = VersionedAdminForm
    fields = ["order", "title", "lead", "themes", "version"]
    show_change_link = True
    extra = 0


@admin.register(Aim)
class AimAdmin(
    ThemeChoicesMixin,
    PartOfStrategyAdminMixin,
    VersionedAdminMixin,
    CouncilScopedAdminMixin,
    SimpleHistoryAdmin,
):
    list_display = ["title", "strategy", "order", "objective_count"]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["strategy__lead_council"]
    search_fields = ["title", "description", "strategy__title"]
    autocomplete_fields = ["strategy"]
    inlines = [ObjectiveInline]

    def breadcrumb_parents(self, aim):
        return [aim.strategy]

    def get_queryset(self, request):
        # Annotated so the changelist's count column costs no query per row. A count groups the
        # rows, and Django leaves a model's default order out of a grouped query; the
        # autocomplete pages through this list, so it is ordered here.
        return (
            super()
            .get_queryset(request)
            .annotate(objective_total=Count("objectives"))
            .order_by(*Aim._meta.ordering)
        )

    @admin.display(description="Objectives", ordering="objective_total")
    def objective_count(self, aim):
        return aim.objective_total


@admin.register(Objective)
class ObjectiveAdmin(
    StrategyPartChoicesMixin,
    ThemeChoicesMixin,
    PartOfStrategyAdminMixin,
    SpreadsheetAdminMixin,
    VersionedAdminMixin,
    CouncilScopedAdminMixin,
    SimpleHistoryAdmin,
):
    strategy_path = "aim__strategy"
    form = VersionedAdminForm
    list_display = ["title", "aim", "strategy_title", "lead", "has_indicators"]
    list_filter = [
        ("aim__strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("aim__strategy", admin.RelatedOnlyFieldListFilter),
        "themes",
    ]
    list_select_related = ["aim__strategy__lead_council"]
    search_fields = ["title", "description", "lead", "aim__title", "aim__strategy__title"]
    autocomplete_fields = ["aim"]
    inlines = [IndicatorInline, ProgressUpdateInline]
    actions = (*CouncilScopedAdminMixin.actions, confirm_no_change)

    def breadcrumb_parents(self, objective):
        return [objective.aim.strategy, objective.aim]

    def choice_label(self, objective):
        # Two strategies' objectives often read alike ("Every child ready for school at five",
        # "Help every child to be ready for school"): say whose each is.
        return (
            f"{objective.title} — {objective.aim.title} · {strategy_label(objective.aim.strategy)}"
        )

    @admin.display(description="Strategy", ordering="aim__strategy__title")
    def strategy_title(self, objective):
        return objective.aim.strategy.title

    def get_queryset(self, request):
        # Annotated so the changelist's boolean column costs no query per row. A first-row
        # subquery rather than EXISTS: PostgreSQL may run an EXISTS as one hashed read of every
        # indicator, where this can only look up each listed objective's own through the index.
        first_indicator = Indicator.objects.filter(objective=OuterRef("pk")).values("pk")[:1]
        return (
            super()
            .get_queryset(request)
            .annotate(indicator_exists=IsNull(Subquery(first_indicator), False))
        )

    @admin.display(boolean=True, description="Indicators", ordering="indicator_exists")
    def has_indicators(self, objective):
        return objective.indicator_exists
