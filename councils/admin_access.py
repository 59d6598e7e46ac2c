"""The admin's one per-council access mechanism.

Every council-scoped ModelAdmin and inline mixes in `CouncilScopedAdminMixin`. Its rows are the
model's own `for_officer` (councils.access.CouncilScopedQuerySet), which says once how the model
reaches its council: from that the mixin scopes the changelist, the object pages (another
council's record answers 404), the history pages, every foreign-key choice and autocomplete, and
the view/add/change/delete permissions.

Officers need only `is_staff` and a `CouncilMembership`: the permissions here come from
`councils.access`, not from Django's per-model permissions, which would need groups kept in step
with memberships by hand. Site administrators (superusers) see and change everything.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import get_deleted_objects, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .access import CouncilScopedQuerySet, is_site_admin, officer_council_ids
from .admin_choices import labelled_formfield, loaded_for_labels
from .admin_part_changes import part_changes
from .admin_widgets import make_autocomplete_safe
from .parsing import parse_small_number

#: The most rows one inline accepts in one save; far above any real strategy's parts.
MAX_INLINE_ROWS = 300

#: What an officer may do through an admin: edit their councils' records, only view them, or
#: nothing at all (site administrators only).
EDIT, VIEW, NONE = "edit", "view", None


@admin.action(
    permissions=["delete"],
    description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
)
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, but refusing up front, with the reason, when any selected record
    must be kept (a strategy that was public, a signed-off progress update)."""
    refusals = [reason for obj in queryset if (reason := modeladmin.delete_refusal(request, obj))]
    if refusals:
        modeladmin.message_user(
            request, "Nothing was deleted. " + " ".join(refusals), messages.ERROR
        )
        return None
    return django_delete_selected(modeladmin, request, queryset)


class KeepRecordsInlineFormSet(BaseInlineFormSet):
    """Refuses to delete an inline row when that would take records that must be kept with it,
    such as an objective whose signed-off progress updates would go too."""

    request = None
    admin_site = None

    def clean(self):
        super().clean()
        if self.request is None:
            return
        for form in self.deleted_forms:
            if form.instance.pk is None:
                continue
            _, _, perms_needed, protected = get_deleted_objects(
                [form.instance], self.request, self.admin_site
            )
            if perms_needed or protected:
                kept = ", ".join(sorted(str(name) for name in perms_needed)) or "records"
                raise ValidationError(
                    f"“{form.instance}” cannot be deleted: that would also delete {kept} "
                    "that must be kept."
                )


def _scope_answers(request):
    """Which records this request has found in or out of the person's scope."""
    return request.__dict__.setdefault("_records_in_scope", {})


class CouncilScopedAdminMixin:
    """Mix into every ModelAdmin and inline whose model's queryset is a
    `CouncilScopedQuerySet`: the model, not the admin, says how its rows reach their council."""

    officer_access = EDIT
    #: Foreign keys whose choices are public register data, not any council's own records, so
    #: an officer may pick any row (a co-owning council).
    unscoped_choice_fields: tuple[str, ...] = ()
    actions = (delete_selected,)
    formset = KeepRecordsInlineFormSet

    # --- scope -------------------------------------------------------------------------------

    def scope_queryset(self, request, queryset):
        if self.officer_access is NONE and not is_site_admin(request.user):
            return queryset.none()
        return queryset.for_officer(request.user)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete asks the target admin for its search results: scope them here too, so
        # an officer can never be offered another council's rows, however the list is reached.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return self.scope_queryset(request, queryset), may_have_duplicates

    def in_scope(self, request, obj) -> bool:
        """Whether this record belongs to one of the person's councils. A parent object (as
        passed to an inline's permission checks) has been checked by its own admin."""
        if not isinstance(obj, self.model) or obj.pk is None:
            return True
        # Asked several times a page (each permission, each inline): answered once a request.
        answers = _scope_answers(request)
        key = self._scope_key(obj)
        if key not in answers:
            records = self.model._default_manager.filter(pk=obj.pk)
            answers[key] = self.scope_queryset(request, records).exists()
        return answers[key]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # Found through get_queryset, which keeps to the person's councils: in scope, with
            # no need to ask the database again.
            _scope_answers(request)[self._scope_key(obj)] = True
        return obj

    def _scope_key(self, obj):
        # The answer depends on the record and on what this admin lets officers reach at all.
        return (self.model._meta.label, self.officer_access is NONE, obj.pk)

    # --- choices -----------------------------------------------------------------------------

    def scoped_choices(self, request, model):
        """The rows of `model` this person may choose, or None when `model` is not
        council-scoped (such as a sign-in account): Django's own choices then."""
        rows = model._default_manager.all()
        if isinstance(rows, CouncilScopedQuerySet):
            return rows.for_officer(request.user)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.name not in self.unscoped_choice_fields:
            choices = self.scoped_choices(request, db_field.remote_field.model)
            if choices is not None:
                kwargs["queryset"] = loaded_for_labels(self.admin_site, choices)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return make_autocomplete_safe(labelled_formfield(self.admin_site, db_field, formfield))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.name not in self.unscoped_choice_fields:
            choices = self.scoped_choices(request, db_field.remote_field.model)
            if choices is not None:
                kwargs["queryset"] = choices
        return make_autocomplete_safe(super().formfield_for_manytomany(db_field, request, **kwargs))

    # --- permissions -------------------------------------------------------------------------

    def change_refusal(self, request, obj) -> str | None:
        """Why this record may not be changed by anyone, or None. Override per admin."""
        return None

    def delete_refusal(self, request, obj) -> str | None:
        """Why this record may not be deleted by anyone, or None. Override per admin."""
        return self.change_refusal(request, obj)

    def _may(self, request, obj, needs_edit):
        if is_site_admin(request.user):
            return True
        if self.officer_access is NONE or (needs_edit and self.officer_access != EDIT):
            return False
        if not officer_council_ids(request.user):
            return False
        return obj is None or self.in_scope(request, obj)

    def has_module_permission(self, request):
        return self._may(request, None, needs_edit=False)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj, needs_edit=False)

    def has_add_permission(self, request, obj=None):
        return self._may(request, None, needs_edit=True)

    def has_change_permission(self, request, obj=None):
        if isinstance(obj, self.model) and self.change_refusal(request, obj):
            return False
        return self._may(request, obj, needs_edit=True)

    def has_delete_permission(self, request, obj=None):
        if isinstance(obj, self.model) and self.delete_refusal(request, obj):
            return False
        return self._may(request, obj, needs_edit=True)

    # --- views -------------------------------------------------------------------------------

    def action_checkbox(self, obj):
        """Django's checkbox for each row of a list, the same markup written directly: rendered
        through the form widget templates it was a seventh of the time of an officer's list of
        progress updates."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Another council's record and a record that never existed look the same: 404.
        raise Http404(f"No {opts.verbose_name} matches the given query.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            reason = obj is not None and self.change_refusal(request, obj)
            if reason and self.has_view_permission(request, obj):
                self.message_user(request, reason, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # PostgreSQL refuses a NUL in any text it is given, so a filter or search holding one
        # is a bad filter, answered as Django answers any other, before it reaches a query.
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        try:
            return super().changelist_view(request, extra_context)
        except OverflowError:
            # SQLite cannot compare with a number as large as one typed into a filter in the
            # address (PostgreSQL just finds nothing): answered as Django answers a bad filter.
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_permission(request, obj):
            reason = self.delete_refusal(request, obj)
            if reason:
                self.message_user(request, reason, messages.ERROR)
                return HttpResponseRedirect(self._change_url(obj))
        return super().delete_view(request, object_id, extra_context)

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )

    def _current_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
        return obj

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history falls back to the last historical copy when the live record is
        # out of reach, which would show one council's history to another. Site administrators
        # keep that fallback: it is how they see a deleted record's history.
        if parse_small_number(unquote(object_id)) is None:
            # Every record here has a whole-number id; anything else has no history to show.
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
        if not is_site_admin(request.user):
            self._current_or_404(request, object_id)
        if isinstance(self, SimpleHistoryAdmin):
            extra_context = {
                "part_changes": part_changes(self, unquote(object_id)),
                **(extra_context or {}),
            }
        return super().history_view(request, object_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        if context.get("part_changes") and template == self.object_history_template:
            template = "admin/object_history_with_parts.html"
        return super().render_history_view(request, template, context, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not is_site_admin(request.user) or self.get_object(request, unquote(object_id)):
            current = self._current_or_404(request, object_id)
            # A revert changes the live record, so the live record's rules apply: a signed-off
            # update cannot be reverted any more than it can be edited.
            request._history_current = current
            if request.method == "POST" and not self.has_change_permission(request, current):
                reason = self.change_refusal(request, current)
                self.message_user(
                    request, reason or "You cannot change this record.", messages.ERROR
                )
                return HttpResponseRedirect(self._change_url(current))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = getattr(request, "_history_current", None)
        if current is not None and not self.has_change_permission(request, current):
            return True
        return super().revert_disabled(request, obj)

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        current = getattr(request, "_history_current", None)
        if current is not None:
            # A revert restores what the form edits. Everything else (when it was first made
            # public, who signed it off) stays as it is now: those are facts, not content.
            for field in self.model._meta.concrete_fields:
                if field.primary_key or field.name in form.fields:
                    continue
                setattr(obj, field.attname, getattr(current, field.attname))
        return obj

    def get_formset(self, request, obj=None, **kwargs):
        # An inline's row count comes from the request: without a cap a crafted *-TOTAL_FORMS
        # builds a thousand forms and ties up a worker for seconds.
        if self.get_max_num(request, obj, **kwargs) is None:
            kwargs.setdefault("max_num", MAX_INLINE_ROWS)
        kwargs.setdefault("absolute_max", MAX_INLINE_ROWS)
        formset = super().get_formset(request, obj, **kwargs)
        if issubclass(formset, KeepRecordsInlineFormSet):
            formset.request = request
            formset.admin_site = self.admin_site
        return formset
