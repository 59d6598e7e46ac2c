"""A strategy's whole outline edited on one admin page, /admin/strategies/strategy/<id>/outline/:
its aims, each with its objectives (description, lead, themes), and its programmes, each with
its milestones, in one form and one save.

The rows are the strategy's own inlines' formsets (the aim, objective, programme and milestone
inlines), so the council scoping, the theme tick boxes, the next order number, the refusal to
delete what must be kept and the objectives' version check are the same as on each record's own
page. They are laid out stacked rather than in tables, so the page reads on a phone. The page
saves every row or none: a bad row shows its error beside everyone else's typed text."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from councils.admin_widgets import rendered_widget
from councils.parsing import parse_small_number
from strategies.admin.programme import MilestoneInline
from strategies.admin.strategy import ProgrammeInline
from strategies.admin_breadcrumbs import admin_change_url
from strategies.concurrency import StaleEditError
from strategies.models import Milestone, Programme, Strategy

from ..models import Aim, Objective
from .aims import ObjectiveInline


class OutlineObjectiveInline(ObjectiveInline):
    names_fields_by_row = False
    fields = ["order", "title", "description", "lead", "themes", "version"]
    show_change_link = False
    extra = 1

    def __init__(self, parent_model, admin_site, rows_by_aim):
        super().__init__(parent_model, admin_site)
        self.rows_by_aim = rows_by_aim

    def highest_order(self, obj, fk_name):
        # Read from the objectives the page has already fetched, not asked again per aim.
        return max((row.order for row in self.rows_by_aim.get(obj.pk, [])), default=None)


class OutlineProgrammeInline(ProgrammeInline):
    names_fields_by_row = False
    fields = ["order", "title", "status", "delivery_year"]
    show_change_link = False
    extra = 1


class OutlineMilestoneInline(MilestoneInline):
    names_fields_by_row = False
    extra = 1


@dataclass
class Branch:
    """One aim or programme row with the formset of the rows under it."""

    noun: str  # "aim" or "programme"
    form: object
    children: object
    #: Shown above the row: what stopped the save that the row's own fields cannot say.
    errors: list = field(default_factory=list)

    @property
    def is_new(self):
        return self.form.instance.pk is None

    @property
    def has_errors(self):
        return bool(
            self.errors
            or self.form.errors
            or any(self.children.errors)
            or self.children.non_form_errors()
        )


def _preloaded(formset_class, rows):
    """The formset with its rows given rather than fetched: every aim's objectives (or every
    programme's milestones) are read in one query for the whole page, not one per aim."""

    class PreloadedFormSet(formset_class):
        def get_queryset(self):
            return rows

    return PreloadedFormSet


OVERTAKEN_MESSAGE = (
    "Someone else changed this {noun} after you opened the page, so nothing has been saved. "
    "Your text is still here; what they changed is in its history. Save again to replace their "
    "change with yours, or reload the page to start from theirs."
)


def _remember_shown(formset):
    """Each saved row of a model without a version number (aims, programmes, milestones) carries
    what the officer was shown: a row left as it was is then not saved over someone else's
    change, and a row changed after someone else changed it is a conflict, not an overwrite."""
    for form in formset.initial_forms:
        if "version" in form.fields:
            continue  # an objective: its version number says it already
        for name, formfield in form.fields.items():
            if not formfield.widget.is_hidden:
                formfield.show_hidden_initial = True
                _keep_shown_empty(form, name, formfield)
    return formset


def _keep_shown_empty(form, name, formfield):
    """A list shown empty (an aim with no themes ticked) posts nothing for its hidden copy, and
    Django then fills that copy from what was ticked when the page comes back with an error: the
    next save would take the new ticks for what was shown, and keep none of them. Posted, an
    absent copy is an empty one. The data is the Outline's own copy of the POST."""
    shown = form.add_initial_prefix(name)
    if (
        form.is_bound
        and issubclass(formfield.hidden_widget, forms.MultipleHiddenInput)
        and shown not in form.data
    ):
        form.data.setlist(shown, [])


def _checked_against_now(*formsets):
    """False for each changed row whose record changed since the page showed it."""
    for formset in formsets:
        for form in formset.initial_forms:
            if not form.is_bound or not form.has_changed():
                continue
            for name, formfield in form.fields.items():
                if not formfield.show_hidden_initial:
                    continue
                shown = formfield.hidden_widget().value_from_datadict(
                    form.data, form.files, form.add_initial_prefix(name)
                )
                if formfield.has_changed(form.get_initial_for_field(formfield, name), shown):
                    noun = form.instance._meta.verbose_name
                    form.add_error(None, OVERTAKEN_MESSAGE.format(noun=noun))
                    _show_now(form)
                    yield False
                    break


def _show_now(form):
    # The page goes back carrying the record as it is now, so saving it again is a deliberate
    # choice to replace the other person's change rather than the same conflict again.
    data = form.data.copy()
    for name, formfield in form.fields.items():
        if formfield.show_hidden_initial:
            now = formfield.prepare_value(form.get_initial_for_field(formfield, name))
            if isinstance(now, list | tuple):
                data.setlist(form.add_initial_prefix(name), [str(value) for value in now])
            else:
                data[form.add_initial_prefix(name)] = "" if now is None else str(now)
    form.data = data


def _short_descriptions(formset):
    # A description is a sentence or two; a page of tall boxes hides the outline.
    for form in formset.forms:
        for formfield in form.fields.values():
            widget = rendered_widget(formfield)
            if isinstance(widget, forms.Textarea):
                widget.attrs = {**widget.attrs, "rows": 3}
    return formset


class Outline:
    """The forms of one strategy's outline page, bound to a POST or not."""

    def __init__(self, model_admin, request, strategy, aim_inline_class, data=None, extra=1):
        site = model_admin.admin_site
        self.strategy = strategy
        # One copy of the POST that every row may add its empty shown lists to (the keys carry
        # each row's prefix), rather than a copy of it for each row that needs one.
        data = data.copy() if data is not None else None
        self.aims = self._formset(
            aim_inline_class(Strategy, site).get_formset(request, strategy, extra=extra),
            data,
            strategy,
            "aims",
            queryset=Aim.objects.prefetch_related("themes"),
        )
        objectives = _grouped(
            Objective.objects.filter(aim__strategy=strategy).prefetch_related("themes"), "aim_id"
        )
        objective_inline = OutlineObjectiveInline(Aim, site, objectives)
        self.aim_branches = []
        for index, form in enumerate(self.aims.forms):
            # A new aim's objectives are keyed by its row, an existing one's by its id, so a
            # posted objective always finds the aim it was typed under.
            key = form.instance.pk or f"new{index - self.aims.initial_form_count()}"
            formset_class = objective_inline.get_formset(request, form.instance, extra=extra)
            rows = _preloaded(formset_class, objectives.get(form.instance.pk, []))
            children = self._formset(rows, data, form.instance, f"aim-{key}-objectives")
            self.aim_branches.append(Branch("aim", form, children))
        self.programmes = self._formset(
            OutlineProgrammeInline(Strategy, site).get_formset(request, strategy, extra=extra),
            data,
            strategy,
            "programmes",
        )
        milestones = _grouped(
            Milestone.objects.filter(programme__strategy=strategy), "programme_id"
        )
        milestone_inline = OutlineMilestoneInline(Programme, site)
        self.programme_branches = []
        for index, form in enumerate(self.programmes.forms):
            key = form.instance.pk or f"new{index - self.programmes.initial_form_count()}"
            formset_class = milestone_inline.get_formset(request, form.instance, extra=extra)
            rows = _preloaded(formset_class, milestones.get(form.instance.pk, []))
            children = self._formset(rows, data, form.instance, f"programme-{key}-milestones")
            self.programme_branches.append(Branch("programme", form, children))

    @staticmethod
    def _formset(formset_class, data, instance, prefix, **kwargs):
        formset = formset_class(data, instance=instance, prefix=prefix, **kwargs)
        return _remember_shown(_short_descriptions(formset))

    @property
    def branches(self):
        return [*self.aim_branches, *self.programme_branches]

    def is_valid(self):
        # Every formset is checked, not just up to the first bad one, so all errors show at once.
        valid = [self.aims.is_valid(), self.programmes.is_valid()]
        valid.extend(_checked_against_now(self.aims, self.programmes))
        for branch in self._kept_branches():
            valid.append(branch.children.is_valid())
            valid.extend(_checked_against_now(branch.children))
            if branch.is_new and not branch.form.has_changed() and branch.children.has_changed():
                noun = branch.noun
                branch.errors.append(
                    f"Give the new {noun} a title: what is typed under it needs a {noun} to go in."
                )
                valid.append(False)
        return all(valid)

    def _kept_branches(self):
        for formset, branches in (
            (self.aims, self.aim_branches),
            (self.programmes, self.programme_branches),
        ):
            for branch in branches:
                form = branch.form
                if formset.can_delete and formset._should_delete_form(form):
                    # Its rows go with it (or the deletion is refused): nothing of theirs to check.
                    continue
                yield branch

    def save(self):
        with transaction.atomic():
            self.aims.save()
            self.programmes.save()
            for branch in self._kept_branches():
                if branch.is_new and not branch.form.has_changed():
                    continue
                branch.children.save()

    @property
    def error_rows(self):
        """(anchor, name) of each row with an error, in the order of the page."""
        rows = []
        for branch in self.branches:
            name = f"the new {branch.noun}" if branch.is_new else branch.form.instance.title
            if branch.errors or branch.form.errors or branch.children.non_form_errors():
                rows.append((branch.form.prefix, f"{branch.noun.capitalize()}: {name}"))
            child = "objective" if branch.noun == "aim" else "milestone"
            for form in branch.children.forms:
                if form.errors:
                    title = form.instance.title if form.instance.pk else f"new {child}"
                    rows.append((form.prefix, f"{child.capitalize()}: {title} (under {name})"))
        return rows

    @property
    def error_count(self):
        count = len(self.error_rows)
        return count + bool(self.aims.non_form_errors()) + bool(self.programmes.non_form_errors())


#: Empty rows offered under each heading: one by default, more on asking ("Save and add more
#: empty rows"), so a strategy entered from its document takes few saves without JavaScript.
MORE_ROWS = 3
MOST_ROWS = 10


def _empty_rows(request):
    asked = parse_small_number(request.GET.get("more", ""))
    return 1 if asked is None else max(1, min(asked, MOST_ROWS))


class OutlineAdminMixin:
    """Adds the outline page to the strategy admin. `outline_aim_inline` is the aims inline, with
    the outline's fields: it is declared with the strategy admin, which this module may not
    import."""

    outline_aim_inline = None

    def get_urls(self):
        return [
            path(
                "<path:object_id>/outline/",
                self.admin_site.admin_view(self.outline_view),
                name="strategies_strategy_outline",
            ),
            *super().get_urls(),
        ]

    def outline_view(self, request, object_id):
        # Another council's strategy and one that never existed look the same: 404.
        strategy = self._current_or_404(request, object_id)
        if not self.has_change_permission(request, strategy):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else None
        outline = Outline(
            self, request, strategy, self.outline_aim_inline, data, extra=_empty_rows(request)
        )
        save_error = ""
        if data is not None and outline.is_valid():
            try:
                outline.save()
            except StaleEditError:
                # Lost a race after the version checks passed: the transaction is undone.
                save_error = (
                    "Someone else saved an objective of this strategy while you were editing, "
                    "so nothing has been saved. Reload the page to see their change; your text "
                    "is still below to copy."
                )
            else:
                self.log_change(request, strategy, "Changed its outline on the outline page.")
                self.message_user(
                    request,
                    format_html(
                        'The outline of “{}” was saved. <a href="{}">Back to the strategy</a>.',
                        strategy.title,
                        admin_change_url(strategy),
                    ),
                    messages.SUCCESS,
                )
                more = f"?more={MORE_ROWS}" if "_more" in data else ""
                return HttpResponseRedirect(outline_url(strategy) + more)
        return TemplateResponse(
            request,
            "admin/strategies/strategy/outline.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": strategy,
                "strategy": strategy,
                "title": "Edit the outline",
                "subtitle": strategy.title,
                "outline": outline,
                "submitted": data is not None,
                "save_error": save_error,
                "more": _empty_rows(request) if _empty_rows(request) > 1 else None,
                "more_rows": MORE_ROWS,
                "change_url": admin_change_url(strategy),
                "media": outline.aims.media + outline.programmes.media,
            },
        )


def _grouped(queryset, key):
    groups = {}
    for row in queryset:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def outline_url(strategy):
    return reverse("admin:strategies_strategy_outline", args=[strategy.pk])
