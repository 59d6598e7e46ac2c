"""Indicators, their targets and the measurements against them."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from councils.admin_part_history import register_part_history
from councils.formatting import format_figure
from strategies.admin_breadcrumbs import PartOfStrategyAdminMixin
from strategies.admin_ordering import NextOrderInlineMixin
from strategies.admin_part_choices import StrategyPartChoicesMixin, strategy_label

from ..admin_spreadsheets import SpreadsheetAdminMixin
from ..models import Indicator, IndicatorTarget, Measurement


def figure_as_entered(value, places):
    """A stored figure as the officer would type it: to the indicator's decimal places (64.8,
    not 64.8000), or more where the figure has more, so editing never rounds anything away."""
    if not isinstance(value, Decimal):
        # Not a stored figure (a value typed into the address as the form's initial value,
        # say): shown as it came, for the field to check.
        return value
    exponent = value.normalize().as_tuple().exponent
    shown = max(int(places or 0), -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return f"{value:.{shown}f}"


class FiguresForm(forms.ModelForm):
    """Shows the figures of an indicator, its targets or its measurements to the indicator's
    decimal places."""

    figure_fields = ("value", "baseline_value")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        indicator = instance if isinstance(instance, Indicator) else None
        if indicator is None and getattr(instance, "indicator_id", None):
            indicator = instance.indicator
        if indicator is None:
            return
        for name in self.figure_fields:
            if name in self.fields and self.initial.get(name) is not None:
                self.initial[name] = figure_as_entered(self.initial[name], indicator.decimal_places)


class IndicatorInline(NextOrderInlineMixin, CouncilScopedAdminMixin, LabelledTabularInline):
    model = Indicator
    fields = ["order", "title", "polarity", "unit_label", "frequency"]
    show_change_link = True
    extra = 0


class IndicatorTargetInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = IndicatorTarget
    form = FiguresForm
    extra = 0


class MeasurementInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = Measurement
    form = FiguresForm
    fields = ["period_end", "value", "status", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(
    StrategyPartChoicesMixin, PartOfStrategyAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin
):
    strategy_path = "objective__aim__strategy"
    form = FiguresForm
    list_display = ["title", "objective", "polarity", "frequency", "has_baseline", "has_target"]
    list_filter = [
        ("objective__aim__strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("objective__aim__strategy", admin.RelatedOnlyFieldListFilter),
        "polarity",
        "frequency",
    ]
    list_select_related = ["objective__aim__strategy__lead_council"]
    search_fields = [
        "title",
        "description",
        "source",
        "objective__title",
        "objective__aim__strategy__title",
    ]
    autocomplete_fields = ["objective"]
    inlines = [IndicatorTargetInline, MeasurementInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "national_indicator":
            # The unit beside each name: an officer adopting one must count in it.
            field.label_from_instance = lambda national: (
                f"{national} ({national.unit_label})" if national.unit_label else str(national)
            )
            field.empty_label = "None: a measure of the council's own"
        return field

    def breadcrumb_parents(self, indicator):
        objective = indicator.objective
        return [objective.aim.strategy, objective.aim, objective]

    def choice_label(self, indicator):
        objective = indicator.objective
        return f"{indicator.title} — {objective.title} · {strategy_label(objective.aim.strategy)}"

    @admin.display(boolean=True, description="Baseline")
    def has_baseline(self, indicator):
        return indicator.baseline_value is not None

    def get_queryset(self, request):
        # Annotated so the changelist's boolean column costs no query per row.
        return (
            super()
            .get_queryset(request)
            .annotate(
                target_exists=Exists(IndicatorTarget.objects.filter(indicator=OuterRef("pk")))
            )
        )

    @admin.display(boolean=True, description="Target", ordering="target_exists")
    def has_target(self, indicator):
        return indicator.target_exists


@admin.register(Measurement)
class MeasurementAdmin(
    PartOfStrategyAdminMixin, SpreadsheetAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin
):
    """Measurements are entered on their indicator's page; this list is for finding, importing
    and exporting them in bulk."""

    form = FiguresForm
    list_display = ["indicator", "period_end", "figure", "status", "recorded_at"]
    list_filter = [
        ("indicator__objective__aim__strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("indicator__objective__aim__strategy", admin.RelatedOnlyFieldListFilter),
        "status",
        "period_end",
    ]
    list_select_related = ["indicator"]
    search_fields = ["indicator__title", "note"]
    autocomplete_fields = ["indicator"]
    date_hierarchy = "period_end"

    def breadcrumb_parents(self, measurement):
        indicator = measurement.indicator
        objective = indicator.objective
        return [objective.aim.strategy, objective.aim, objective, indicator]

    @admin.display(description="Value", ordering="value")
    def figure(self, measurement):
        return format_figure(measurement.value, measurement.indicator.decimal_places) or "–"


# An indicator's targets have no page of their own: officers see and restore their earlier
# versions, deleted ones included, from the indicator's history page.
register_part_history(IndicatorTargetInline, Indicator)
