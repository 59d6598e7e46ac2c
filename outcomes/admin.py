import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from councils.access import is_site_admin
from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_part_history import register_part_history
from councils.parsing import parse_small_number
from strategies import admin as strategies_admin
from strategies.admin_concurrency import VersionedAdminForm, VersionedAdminMixin
from strategies.models import Programme, Strategy

from .admin_spreadsheets import SpreadsheetAdminMixin
from .models import (
    Aim,
    Challenge,
    Indicator,
    IndicatorTarget,
    Measurement,
    Objective,
    ProgressUpdate,
    SignedOffUpdateError,
)
from .periods import Quarter, current_period
from .services import CarryForwardRefused, update_carry_forward

# --- "no change this period" ----------------------------------------------------------------


@admin.action(permissions=["change"], description="Confirm no change this period for the selected")
def confirm_no_change(modeladmin, request, queryset):
    """Carry each selected objective's or programme's previous rating into the current period.
    Each is done or refused on its own, and the officer is told which and why."""
    period = current_period()
    field = "objective" if queryset.model is Objective else "programme"
    done, refused = [], []
    for subject in queryset:
        try:
            update_carry_forward(**{field: subject}, user=request.user, period=period)
        except CarryForwardRefused as refusal:
            refused.append(str(refusal))
        else:
            done.append(subject.title)
    if done:
        modeladmin.message_user(
            request,
            f"Recorded “no change” for {period.label}, awaiting the board's sign-off: "
            + "; ".join(done)
            + ".",
            messages.SUCCESS,
        )
    for reason in refused:
        modeladmin.message_user(request, reason, messages.ERROR)


# --- strategies and programmes, with the parts this app owns ----------------------------------


class AimInline(CouncilScopedAdminMixin, admin.TabularInline):
    # The admin composes downward like a page does: a strategy is edited with its aims in view.
    model = Aim
    fields = ["order", "title"]
    show_change_link = True
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(strategies_admin.StrategyAdmin):
    inlines = [
        strategies_admin.PrincipleInline,
        AimInline,
        *strategies_admin.StrategyAdmin.inlines[1:],
    ]


@admin.register(Programme)
class ProgrammeAdmin(strategies_admin.ProgrammeAdmin):
    actions = [*strategies_admin.ProgrammeAdmin.actions, confirm_no_change]


# --- aims and objectives ---------------------------------------------------------------------


class ObjectiveInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Objective
    form = VersionedAdminForm
    fields = ["order", "title", "lead", "version"]
    show_change_link = True
    extra = 0


@admin.register(Aim)
class AimAdmin(VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "strategy", "order", "objective_count"]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["strategy__lead_council"]
    search_fields = ["title", "description", "strategy__title"]
    autocomplete_fields = ["strategy"]
    inlines = [ObjectiveInline]

    def get_queryset(self, request):
        # Annotated so the changelist's count column costs no query per row.
        return super().get_queryset(request).annotate(objective_total=Count("objectives"))

    @admin.display(description="Objectives", ordering="objective_total")
    def objective_count(self, aim):
        return aim.objective_total


class IndicatorInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Indicator
    fields = ["order", "title", "polarity", "unit_label", "frequency"]
    show_change_link = True
    extra = 0


class ProgressUpdateInline(CouncilScopedAdminMixin, admin.TabularInline):
    """The objective's progress, for reading; each update is entered and changed on its own
    page, where its rules (quarters, sign-off, conflicts) are checked."""

    model = ProgressUpdate
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
    actions = (*CouncilScopedAdminMixin.actions, confirm_no_change)

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
    extra = 0


class MeasurementInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Measurement
    fields = ["period_end", "value", "status", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
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
        strategy_id = parse_small_number(self.value())
        if strategy_id is None:
            return queryset.none()
        return queryset.filter(
            Q(objective__aim__strategy=strategy_id) | Q(programme__strategy=strategy_id)
        )


class QuarterListFilter(admin.SimpleListFilter):
    """Updates by the financial quarter they report on, newest first, rather than by day."""

    title = "reporting period"
    parameter_name = "period"

    def lookups(self, request, model_admin):
        starts = (
            model_admin.get_queryset(request)
            .order_by("-period_start")
            .values_list("period_start", flat=True)
            .distinct()
        )
        return [(start.isoformat(), Quarter.containing(start).long_label) for start in starts]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        quarter = Quarter.starting_on(self.value())
        if quarter is None:
            return queryset.none()
        return queryset.filter(period_start=quarter.start)


class QuarterChoiceField(forms.TypedChoiceField):
    """Offers recent quarters, and takes any quarter's first day: an update for an older
    quarter, or the address a reminder email links to, may name one not in the list."""

    def valid_value(self, value):
        return Quarter.starting_on(value) is not None


class ProgressUpdateAdminForm(VersionedAdminForm):
    """Officers choose a financial quarter by name instead of typing its first and last days."""

    #: How far back the choice goes; an older update keeps its own quarter in the list.
    QUARTERS_OFFERED = 8

    period = QuarterChoiceField(
        label="Reporting period",
        required=False,
        coerce=dt.date.fromisoformat,
        empty_value=None,
        help_text="The financial quarter this update reports on. Progress is reported once the "
        "quarter has ended.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "period" not in self.fields:
            return
        quarters = [current_period()]
        while len(quarters) < self.QUARTERS_OFFERED:
            quarters.append(quarters[-1].previous)
        chosen = self._initial_quarter() or quarters[0]
        if chosen not in quarters:
            quarters = sorted({*quarters, chosen}, reverse=True)
        self.fields["period"].choices = [
            ("", "Choose a quarter"),
            *((quarter.start.isoformat(), quarter.long_label) for quarter in quarters),
        ]
        self.fields["period"].initial = chosen.start.isoformat()
        # The choice fills these in. They stay on the form, hidden, so that the rule of one
        # update per quarter is checked with the form's other errors rather than on saving.
        for name in ("period_start", "period_end"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget = forms.HiddenInput()

    def _initial_quarter(self):
        """The quarter of the record being edited, or of a link that names one (the reminder
        emails do), if it is a real quarter."""
        start = self.instance.period_start if self.instance.pk else self.initial.get("period_start")
        return Quarter.starting_on(start)

    def clean(self):
        start = self.cleaned_data.get("period")
        if start is not None:
            quarter = Quarter.containing(start)
            self.cleaned_data["period_start"] = quarter.start
            self.cleaned_data["period_end"] = quarter.end
        elif "period" in self.fields and not (
            self.cleaned_data.get("period_start") and self.cleaned_data.get("period_end")
        ):
            self.add_error("period", "Choose the quarter this update reports on")
        return super().clean()


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    SpreadsheetAdminMixin, VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin
):
    form = ProgressUpdateAdminForm
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
        QuarterListFilter,
        "rating",
        ("meeting", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["objective__aim__strategy", "programme__strategy", "author"]
    search_fields = ["commentary", "next_steps", "objective__title", "programme__title"]
    autocomplete_fields = ["objective", "programme"]
    fields = [
        "objective",
        "programme",
        "period",
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

    @admin.display(description="Reporting period")
    def period(self, update):
        """Shown where the form is read-only (a signed-off update); the form's choice otherwise."""
        return update.period_label

    # A sign-off landing between the form's checks and its save is refused by the model.
    overtaken_errors = (*VersionedAdminMixin.overtaken_errors, SignedOffUpdateError)

    def change_refusal(self, request, update):
        if update.is_signed_off:
            return (
                f"This progress update was signed off at {update.meeting}, so it is kept as the "
                "record the board saw: it cannot be changed or deleted."
            )
        return None

    def locked_while_editing_message(self, request, update, refusal):
        return (
            f"This progress update was signed off at {update.meeting} while you were editing "
            "it, so your changes have not been saved: it is kept as the record the board saw "
            "and cannot be changed. If something needs correcting, say so in next quarter's "
            "update or ask the board."
        )

    #: What an update says. Rewriting any of it means the update no longer just carries the
    #: previous rating forward, so it stops being marked "no change this period".
    REPORTED_FIELDS = frozenset({"rating", "commentary", "next_steps"})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        if obj.carried_forward and self.REPORTED_FIELDS & set(form.changed_data):
            obj.carried_forward = False
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "no-change/",
                self.admin_site.admin_view(self.no_change_view),
                name="outcomes_progressupdate_no_change",
            ),
            *super().get_urls(),
        ]

    def _no_change_subject(self, request):
        """The objective or programme named in the address, if this officer may reach it."""
        params = request.POST if request.method == "POST" else request.GET
        for field, model in (("objective", Objective), ("programme", Programme)):
            value = params.get(field, "")
            if value:
                pk = parse_small_number(value)
                if pk is None:
                    break
                subject_admin = self.admin_site.get_model_admin(model)
                subject = subject_admin.get_queryset(request).filter(pk=pk).first()
                if subject is not None:
                    return field, subject
                break
        # Another council's record and a record that never existed look the same: 404.
        raise Http404("No objective or programme matches the given query.")

    def no_change_view(self, request):
        """Confirm "no change this period" for one objective or programme: the page the
        reminder email links to. A GET asks; a POST does it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        field, subject = self._no_change_subject(request)
        period = current_period()
        previous = ProgressUpdate.objects.filter(
            **{field: subject}, period_start=period.previous.start
        ).first()
        existing = ProgressUpdate.objects.filter(
            **{field: subject}, period_start=period.start
        ).first()
        if request.method == "POST":
            try:
                update = update_carry_forward(**{field: subject}, user=request.user, period=period)
            except CarryForwardRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Recorded “no change” for {period.label}: {subject.title} stays "
                    f"{update.get_rating_display().lower()}. It now awaits the board's sign-off.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(update))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Confirm no change for {period.label}",
            "subject": subject,
            "kind": field,
            "period": period,
            "previous": previous,
            "existing": existing,
            "existing_url": self._change_url(existing) if existing else "",
        }
        return TemplateResponse(
            request, "admin/outcomes/progressupdate/confirm_no_change.html", context
        )


# --- challenges ------------------------------------------------------------------------------


class ChallengeAdminForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["question", "owner", "answer_due", "answer", "answered_on"]

    def clean(self):
        cleaned = super().clean()
        challenge = self.instance
        if challenge.pk is None:
            return cleaned
        answer = (cleaned.get("answer") or "").strip()
        if challenge.status == Challenge.Status.ACCEPTED and answer != challenge.answer:
            raise forms.ValidationError(
                "The board has accepted the answer to this challenge, so it cannot be changed."
            )
        if not answer and challenge.answer:
            self.add_error("answer", "An answer cannot be removed once recorded.")
        elif not answer and cleaned.get("answered_on"):
            self.add_error("answer", "Enter the answer, or leave the date answered empty.")
        return cleaned


@admin.register(Challenge)
class ChallengeAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    """Questions the board has put to a named owner. The board raises them on its own pages;
    officers of the owning council record the owner's answer here."""

    form = ChallengeAdminForm
    list_display = ["__str__", "subject_title", "owner", "answer_due", "status", "meeting"]
    list_filter = ["status", StrategyListFilter, "answer_due"]
    list_select_related = ["objective", "programme", "meeting__board"]
    search_fields = ["question", "answer", "owner", "objective__title", "programme__title"]
    autocomplete_fields = ["objective", "programme"]
    fields = [
        "meeting",
        "objective",
        "programme",
        "question",
        "owner",
        "answer_due",
        "status",
        "answer",
        "answered_on",
        "raised_by",
    ]
    #: What the board decided; an officer records only the answer and when it was given.
    board_fields = [
        "meeting",
        "objective",
        "programme",
        "question",
        "owner",
        "answer_due",
        "status",
        "raised_by",
    ]

    @admin.display(description="About")
    def subject_title(self, challenge):
        return challenge.subject

    def get_readonly_fields(self, request, obj=None):
        return self.board_fields if obj is not None else ["raised_by"]

    def has_add_permission(self, request, obj=None):
        # The board raises challenges at its meetings; only a site administrator adds one here.
        return is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def save_model(self, request, obj, form, change):
        if change and "answer" in form.changed_data and obj.answer.strip():
            obj.answer = obj.answer.strip()
            obj.answered_on = obj.answered_on or timezone.localdate()
            obj.status = Challenge.Status.ANSWERED
        super().save_model(request, obj, form, change)


# An indicator's targets have no page of their own: officers see and restore their earlier
# versions, deleted ones included, from the indicator's history page.
register_part_history(IndicatorTargetInline, Indicator)
