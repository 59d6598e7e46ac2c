"""The quarterly return: one page from a strategy's admin on which an officer posts a quarter's
progress for every objective and programme of the strategy, or confirms "no change", in one save.

Each row is checked by the same rules as a single update's own page (the model's rules, the
version check, sign-off), and the page saves all of its rows or none of them: a bad row is shown
with its error beside the others' typed text, and nothing is written until every row is good."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from strategies.admin_breadcrumbs import admin_change_url
from strategies.admin_concurrency import VersionedAdminForm
from strategies.concurrency import StaleEditError
from strategies.models import Programme

from ..models import Objective, ProgressUpdate, Rating, SignedOffUpdateError
from ..periods import Quarter, current_period
from ..services import CarryForwardRefused, update_carry_forward
from .return_themes import ReturnThemes, ThemesRefused, may_change_themes

#: What an update says: a carried-forward update that has any of these rewritten is no longer
#: "no change this period" (as on the update's own page).
REPORTED_FIELDS = frozenset({"rating", "commentary", "next_steps"})


class ReturnRefused(Exception):
    """A row could not be saved after all its checks passed (someone else got there first):
    the whole return is rolled back."""

    def __init__(self, row, message):
        super().__init__(message)
        self.row = row


class TypedText(forms.CharField):
    """Text as typed in a browser, which sends line breaks as CRLF: normalised, so text left as
    it was does not count as a change."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class ReturnRowForm(VersionedAdminForm):
    """One objective's or programme's update for the quarter, or "no change"."""

    no_change = forms.BooleanField(required=False)

    class Meta:
        model = ProgressUpdate
        fields = ["rating", "commentary", "next_steps", "version"]
        field_classes = {"commentary": TypedText, "next_steps": TypedText}
        widgets = {
            "commentary": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        # The model's own messages say what is missing; a blank row is simply left for later.
        for name in ("rating", "commentary"):
            self.fields[name].required = False
        self.fields["rating"].choices = [("", "Choose a rating"), *Rating.choices]
        self.fields["rating"].label = "Rating"
        self.fields["commentary"].label = "What happened this quarter"
        self.fields["next_steps"].label = "Next steps"
        self.fields["next_steps"].help_text = "Needed when at risk or off track."
        self.fields["commentary"].help_text = ""
        if previous is not None:
            self.fields["no_change"].label = (
                f"No change since {previous.period_label}: carry “{previous.get_rating_display()}” "
                "forward"
            )
        # Only an existing update has a version to check.
        self.fields["version"].required = self.instance.pk is not None
        if self.instance.pk is not None:
            # The page carries what the officer was shown, so a row left as it was is known to
            # be untouched even if someone else has changed the update since.
            for name in REPORTED_FIELDS:
                self.fields[name].show_hidden_initial = True
        if self.instance.pk is not None or previous is None:
            # Offered only where it can be done: a first update, with one to carry forward.
            del self.fields["no_change"]

    @property
    def offers_no_change(self):
        return "no_change" in self.fields

    def clean(self):
        if self.instance.pk is not None and not REPORTED_FIELDS & set(self.changed_data):
            # A row this officer left as it was is not saved, so someone else's change to it
            # since the page opened is no conflict: theirs stands.
            return forms.ModelForm.clean(self)
        cleaned = super().clean()
        if cleaned.get("no_change"):
            typed = [name for name in REPORTED_FIELDS if (cleaned.get(name) or "").strip()]
            if typed:
                self.add_error(
                    "no_change",
                    "Either tick “no change” or write an update, not both: clear the rating and "
                    "text, or untick “no change”.",
                )
            return cleaned
        if not cleaned.get("rating") and "rating" not in self.errors:
            self.add_error("rating", "Choose a rating, or leave the whole row empty for later.")
        return cleaned

    def _post_clean(self):
        # "No change" copies the previous update: there is nothing typed for the model to check.
        if self.cleaned_data.get("no_change"):
            return
        super()._post_clean()

    def conflict_message(self):
        return (
            "Someone else changed this update after you opened the return, so nothing has been "
            "saved. Your text is still below; what they wrote is in the update’s history. Save "
            "again to replace their version with yours, or reload to start from theirs."
        )

    @property
    def reports_something(self):
        """Whether saving this row would write anything."""
        if self.cleaned_data.get("no_change"):
            return True
        if self.instance.pk is None:
            return self.has_changed()
        return bool(REPORTED_FIELDS & set(self.changed_data))


@dataclass
class ReturnRow:
    kind: str  # "objective" or "programme"
    subject: object
    aim: object  # None for a programme
    previous: ProgressUpdate | None
    existing: ProgressUpdate | None
    form: ReturnRowForm | None  # None when the update is signed off: read-only
    error: str = ""
    themes: object = None  # an objective's theme tick boxes (return_themes.ThemeTicks)

    @property
    def prefix(self):
        return f"{self.kind}-{self.subject.pk}"

    @property
    def is_signed_off(self):
        return self.existing is not None and self.existing.is_signed_off

    @property
    def is_missing(self):
        return self.existing is None

    @property
    def has_errors(self):
        return bool(
            self.error
            or (self.form is not None and self.form.errors)
            or (self.themes is not None and self.themes.errors)
        )


def return_subjects(strategy, quarter):
    """The strategy's objectives in aim order, and its programmes still running or already
    reported on this quarter, with this quarter's and last quarter's updates. Four queries,
    however large the strategy."""
    objectives = list(
        Objective.objects.filter(aim__strategy=strategy)
        .select_related("aim")
        .order_by("aim__order", "aim__pk", "order", "pk")
    )
    programmes = list(Programme.objects.filter(strategy=strategy).order_by("order", "pk"))
    updates = ProgressUpdate.objects.filter(
        period_start__in=[quarter.start, quarter.previous.start]
    ).about(objectives, programmes)
    by_subject = {}
    for update in updates.select_related("meeting"):
        key = (
            ("objective", update.objective_id)
            if update.objective_id
            else ("programme", update.programme_id)
        )
        by_subject[(*key, update.period_start)] = update
    subjects = [("objective", objective) for objective in objectives]
    for programme in programmes:
        reported = ("programme", programme.pk, quarter.start) in by_subject
        if programme.status not in Programme.FINISHED or reported:
            subjects.append(("programme", programme))
    return [
        (
            kind,
            subject,
            by_subject.get((kind, subject.pk, quarter.previous.start)),
            by_subject.get((kind, subject.pk, quarter.start)),
        )
        for kind, subject in subjects
    ]


def build_rows(strategy, quarter, data=None):
    rows = []
    for kind, subject, previous, existing in return_subjects(strategy, quarter):
        row = ReturnRow(
            kind=kind,
            subject=subject,
            aim=subject.aim if kind == "objective" else None,
            previous=previous,
            existing=existing,
            form=None,
        )
        if existing is not None and existing.is_signed_off:
            if data is not None and f"{row.prefix}-version" in data:
                posted = data.get(f"{row.prefix}-commentary", "").strip()
                if posted and posted.replace("\r\n", "\n") != existing.commentary.strip():
                    row.error = (
                        f"The board signed this update off at {existing.meeting} while you were "
                        "editing, so it is kept as the record the board saw. Your text has not "
                        f"been saved; here it is, to use in next quarter's update: {posted}"
                    )
        else:
            if existing is None:
                instance = ProgressUpdate(
                    period_start=quarter.start, period_end=quarter.end, **{kind: subject}
                )
            else:
                instance = existing
            row.form = ReturnRowForm(
                data,
                instance=instance,
                previous=previous,
                prefix=row.prefix,
                # A row left empty is left for later, not an error.
                empty_permitted=existing is None,
                use_required_attribute=False,
            )
        rows.append(row)
    return rows


def _save_row(row, user):
    form = row.form
    subject = {row.kind: row.subject}
    if form.cleaned_data.get("no_change"):
        update_carry_forward(**subject, user=user, period=form.instance.period)
        return
    update = form.save(commit=False)
    if update.pk is None:
        update.author = user
    elif update.carried_forward:
        update.carried_forward = False
    update.save()


def return_save(rows, user):
    """Save every row that reports something, all or none. Returns how many were saved."""
    saved = 0
    with transaction.atomic():
        for row in rows:
            if row.form is None or not row.form.reports_something:
                continue
            try:
                # Its own savepoint, so the error can be pinned to the row; the outer
                # transaction still undoes every row saved before it.
                with transaction.atomic():
                    _save_row(row, user)
            except CarryForwardRefused as refusal:
                raise ReturnRefused(row, str(refusal)) from refusal
            except StaleEditError as error:
                raise ReturnRefused(row, row.form.conflict_message()) from error
            except SignedOffUpdateError as error:
                raise ReturnRefused(row, str(error)) from error
            except IntegrityError as error:
                raise ReturnRefused(
                    row,
                    "Someone else posted an update for this quarter after you opened the return. "
                    "Reload the page to see it.",
                ) from error
            saved += 1
    return saved


class QuarterlyReturnAdminMixin:
    """Adds the quarterly return to the strategy admin: /<id>/return/ (the latest quarter that
    has ended) and /<id>/return/<first day of the quarter>/."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/return/",
                view(self.quarterly_return_latest_view),
                name="strategies_strategy_return_latest",
            ),
            path(
                "<path:object_id>/return/<str:quarter>/",
                view(self.quarterly_return_view),
                name="strategies_strategy_return",
            ),
            *super().get_urls(),
        ]

    def _return_strategy(self, request, object_id):
        """The strategy, if this officer may post progress on it; another council's strategy
        and one that never existed look the same: 404."""
        strategy = self._current_or_404(request, object_id)
        # Found within this officer's councils; posting progress is then the progress admin's
        # permission, as on an update's own page.
        if not self.admin_site.get_model_admin(ProgressUpdate).has_add_permission(request):
            raise PermissionDenied
        return strategy

    def quarterly_return_latest_view(self, request, object_id):
        strategy = self._return_strategy(request, object_id)
        return HttpResponseRedirect(return_url(strategy, current_period()))

    def quarterly_return_view(self, request, object_id, quarter):
        strategy = self._return_strategy(request, object_id)
        period = Quarter.starting_on(quarter)
        if period is None:
            raise Http404("No quarter starts on that day.")
        latest = current_period()
        if period > latest:
            self.message_user(
                request,
                f"{period.label} has not ended yet: progress is reported once a quarter has "
                f"ended. Here is the return for {latest.label}.",
                messages.WARNING,
            )
            return HttpResponseRedirect(return_url(strategy, latest))
        data = request.POST if request.method == "POST" else None
        rows = build_rows(strategy, period, data)
        themes = ReturnThemes(rows, data, **may_change_themes(self.admin_site, request))
        for row in rows:
            row.themes = themes.for_objective(row)
        if data is not None:
            # Every row is checked, not just up to the first bad one, so all errors show at once.
            valid = [row.form.is_valid() for row in rows if row.form is not None]
            valid.append(themes.is_valid())
            if all(valid) and not any(row.error for row in rows):
                try:
                    # One transaction: a row refused while saving undoes the themes too. The
                    # themes go first, so a refused theme leaves no row's form half-saved.
                    with transaction.atomic():
                        themed = themes.save()
                        saved = return_save(rows, request.user)
                except ReturnRefused as refused:
                    refused.row.error = str(refused)
                except ThemesRefused:
                    pass  # the tick boxes concerned carry the message
                else:
                    return self._after_save(request, strategy, period, saved, themed)
        return TemplateResponse(
            request,
            "admin/strategies/strategy/quarterly_return.html",
            self._return_context(request, strategy, period, latest, rows, themes),
        )

    def _after_save(self, request, strategy, period, saved, themed=0):
        # Counted from the rows' updates alone: no forms need building to count them.
        missing = sum(existing is None for *_, existing in return_subjects(strategy, period))
        if saved:
            said = f"Saved {saved} update{'' if saved == 1 else 's'} for {period.label}."
        elif not themed:
            said = "Nothing was changed, so nothing was saved."
        else:
            said = f"No progress update was changed for {period.label}."
        if themed:
            # Themes are not progress: said apart from the updates, and not counted as one.
            said += (
                f" Saved the themes of {themed} "
                f"{'aim or objective' if themed == 1 else 'aims and objectives'}."
            )
        if missing:
            said += (
                f" {missing} item{' is' if missing == 1 else 's are'} still without an update: "
                "come back to finish them."
            )
        else:
            said += " Every objective and programme now has an update for the board to sign off."
        self.message_user(request, said, messages.SUCCESS)
        return HttpResponseRedirect(return_url(strategy, period))

    def _return_context(self, request, strategy, period, latest, rows, themes):
        quarters = [latest]
        while len(quarters) < 8:
            quarters.append(quarters[-1].previous)
        if period not in quarters:
            quarters.append(period)
        aims = []
        for row in rows:
            group = row.aim if row.kind == "objective" else None
            if not aims or aims[-1][0] != group:
                aims.append((group, themes.for_aim(group), []))
            aims[-1][2].append(row)
        errors = [row for row in rows if row.has_errors]
        aim_errors = [ticks for ticks in themes.by_aim.values() if ticks.errors]
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": strategy,
            "strategy": strategy,
            "title": f"Quarterly return for {period.label}",
            "subtitle": strategy.title,
            "period": period,
            "quarters": [(q, return_url(strategy, q)) for q in quarters],
            "groups": aims,
            "rows": rows,
            "missing": sum(row.is_missing for row in rows),
            "signed_off": sum(row.is_signed_off for row in rows),
            "error_rows": errors,
            "aim_errors": aim_errors,
            "has_themes": bool(themes.forms),
            "error_count": len(errors) + len(aim_errors),
            "change_url": admin_change_url(strategy),
        }


def return_url(strategy, quarter):
    return reverse(
        "admin:strategies_strategy_return", args=[strategy.pk, quarter.start.isoformat()]
    )


def return_link(strategy):
    """A link to the latest quarter's return, for the strategy's page."""
    period = current_period()
    return format_html(
        '<a href="{}">Post progress for {} on one page</a>',
        return_url(strategy, period),
        period.label,
    )
