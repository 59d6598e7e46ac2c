"""Progress updates: entered by officers each quarter, signed off by the board on its own pages,
and "no change this period" where nothing has moved."""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from councils.parsing import parse_small_number
from strategies.admin_breadcrumbs import PartOfStrategyAdminMixin
from strategies.admin_concurrency import VersionedAdminForm, VersionedAdminMixin
from strategies.models import Programme, Strategy

from ..admin_spreadsheets import SpreadsheetAdminMixin
from ..models import Objective, ProgressUpdate, SignedOffUpdateError
from ..periods import Quarter, current_period
from ..services import CarryForwardRefused, update_carry_forward


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


class ProgressUpdateInline(CouncilScopedAdminMixin, LabelledTabularInline):
    """The objective's progress, for reading; each update is entered and changed on its own
    page, where its rules (quarters, sign-off, conflicts) are checked."""

    model = ProgressUpdate
    fields = ["period_label", "rating", "is_signed_off", "author"]
    row_related = ("objective", "programme", "author")
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


class StrategyListFilter(admin.SimpleListFilter):
    """An update hangs from a strategy through an objective or a programme: filter on both."""

    title = "strategy"
    parameter_name = "strategy__id__exact"

    def lookups(self, request, model_admin):
        strategies = model_admin.scoped_choices(request, Strategy)
        return [(str(strategy.pk), strategy.title) for strategy in strategies]

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
    PartOfStrategyAdminMixin,
    SpreadsheetAdminMixin,
    VersionedAdminMixin,
    CouncilScopedAdminMixin,
    SimpleHistoryAdmin,
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

    def breadcrumb_parents(self, update):
        if update.objective_id:
            return [update.objective.aim.strategy, update.objective.aim, update.objective]
        return [update.programme.strategy, update.programme]

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
