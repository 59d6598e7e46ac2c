from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin
from strategies.admin_concurrency import VersionedAdminForm, VersionedAdminMixin
from strategies.models import Strategy

from .admin_spreadsheets import SpreadsheetAdminMixin
from .models import Aim, Indicator, IndicatorTarget, Measurement, Objective, ProgressUpdate

UPDATE_COUNCIL_PATHS = (
    "objective__aim__strategy__lead_council",
    "programme__strategy__lead_council",
)


# --- aims and objectives ---------------------------------------------------------------------


class ObjectiveInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Objective
    form = VersionedAdminForm
    council_path = "aim__strategy__lead_council"
    fields = ["order", "title", "lead", "version"]
    show_change_link = True
    extra = 0


@admin.register(Aim)
class AimAdmin(VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin):
    council_path = "strategy__lead_council"
    list_display = ["title", "strategy", "order", "objective_count"]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["strategy__lead_council"]
    search_fields = ["title", "description", "strategy__title"]
    autocomplete_fields = ["strategy"]
    inlines = [ObjectiveInline]

    @admin.display(description="Objectives")
    def objective_count(self, aim):
        return aim.objectives.count()


class IndicatorInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Indicator
    council_path = "objective__aim__strategy__lead_council"
    fields = ["order", "title", "polarity", "unit_label", "frequency"]
    show_change_link = True
    extra = 0


class ProgressUpdateInline(CouncilScopedAdminMixin, admin.TabularInline):
    """The objective's progress, for reading; each update is entered and changed on its own
    page, where its rules (quarters, sign-off, conflicts) are checked."""

    model = ProgressUpdate
    council_path = UPDATE_COUNCIL_PATHS
    fields = ["period_label", "rating", "is_signed_off", "author"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    @admin.display(description="Period")
    def period_label(self, update):
        return update.period_label

    @admin.display(boolean=True, description="Signed off")
    def is_signed_off(self, update):
        return update.is_signed_off

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Objective)
class ObjectiveAdmin(
    SpreadsheetAdminMixin, VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin
):
    council_path = "aim__strategy__lead_council"
    form = VersionedAdminForm
    list_display = ["title", "aim", "strategy_title", "lead", "has_indicators"]
    list_filter = [
        ("aim__strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("aim__strategy", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["aim__strategy__lead_council"]
    search_fields = ["title", "description", "lead", "aim__title"]
    autocomplete_fields = ["aim"]
    inlines = [IndicatorInline, ProgressUpdateInline]

    @admin.display(description="Strategy", ordering="aim__strategy__title")
    def strategy_title(self, objective):
        return objective.aim.strategy.title

    def get_queryset(self, request):
        # Annotated so the changelist's boolean column costs no query per row.
        return (
            super()
            .get_queryset(request)
            .annotate(indicator_exists=Exists(Indicator.objects.filter(objective=OuterRef("pk"))))
        )

    @admin.display(boolean=True, description="Indicators", ordering="indicator_exists")
    def has_indicators(self, objective):
        return objective.indicator_exists


# --- indicators ------------------------------------------------------------------------------


class IndicatorTargetInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = IndicatorTarget
    council_path = "indicator__objective__aim__strategy__lead_council"
    extra = 0


class MeasurementInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Measurement
    council_path = "indicator__objective__aim__strategy__lead_council"
    fields = ["period_end", "value", "status", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    council_path = "objective__aim__strategy__lead_council"
    list_display = ["title", "objective", "polarity", "frequency", "has_baseline", "has_target"]
    list_filter = [
        ("objective__aim__strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("objective__aim__strategy", admin.RelatedOnlyFieldListFilter),
        "polarity",
        "frequency",
    ]
    list_select_related = ["objective__aim__strategy__lead_council"]
    search_fields = ["title", "description", "source", "objective__title"]
    autocomplete_fields = ["objective"]
    inlines = [IndicatorTargetInline, MeasurementInline]

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
class MeasurementAdmin(SpreadsheetAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin):
    """Measurements are entered on their indicator's page; this list is for finding, importing
    and exporting them in bulk."""

    council_path = "indicator__objective__aim__strategy__lead_council"
    list_display = ["indicator", "period_end", "value", "status", "recorded_at"]
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


# --- progress --------------------------------------------------------------------------------


class StrategyListFilter(admin.SimpleListFilter):
    """An update hangs from a strategy through an objective or a programme: filter on both."""

    title = "strategy"
    parameter_name = "strategy__id__exact"

    def lookups(self, request, model_admin):
        strategies = model_admin.scoped_choices(request, Strategy)
        return [(strategy.pk, strategy.title) for strategy in strategies]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            strategy_id = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(
            Q(objective__aim__strategy=strategy_id) | Q(programme__strategy=strategy_id)
        )


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    SpreadsheetAdminMixin, VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin
):
    council_path = UPDATE_COUNCIL_PATHS
    form = VersionedAdminForm
    list_display = [
        "__str__",
        "period_start",
        "rating",
        "is_signed_off",
        "author",
        "updated_at",
    ]
    list_filter = [
        StrategyListFilter,
        "rating",
        ("meeting", admin.EmptyFieldListFilter),
        "period_start",
    ]
    list_select_related = ["objective__aim__strategy", "programme__strategy", "author"]
    search_fields = ["commentary", "next_steps", "objective__title", "programme__title"]
    autocomplete_fields = ["objective", "programme"]
    fields = [
        "objective",
        "programme",
        ("period_start", "period_end"),
        "rating",
        "commentary",
        "next_steps",
        "version",
        "author",
        "carried_forward",
        "meeting",
        "signed_off_at",
        "signed_off_by",
        "sign_off_comment",
    ]
    # The board signs updates off on its own pages, with who and when; here that is only shown.
    readonly_fields = [
        "author",
        "carried_forward",
        "meeting",
        "signed_off_at",
        "signed_off_by",
        "sign_off_comment",
    ]

    @admin.display(boolean=True, description="Signed off", ordering="meeting")
    def is_signed_off(self, update):
        return update.is_signed_off

    def change_refusal(self, request, update):
        if update.is_signed_off:
            return (
                f"This progress update was signed off at {update.meeting}, so it is kept as the "
                "record the board saw: it cannot be changed or deleted."
            )
        return None

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
