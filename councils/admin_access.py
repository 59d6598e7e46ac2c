"""The admin's one per-council access mechanism.

Every council-scoped ModelAdmin and inline mixes in `CouncilScopedAdminMixin` and names its path
to the owning council in `council_path`. From that one declaration the mixin scopes the
changelist, the object pages (another council's record answers 404), the history pages, every
foreign-key choice and autocomplete, and the view/add/change/delete permissions.

Officers need only `is_staff` and a `CouncilMembership`: the permissions here come from
`councils.access`, not from Django's per-model permissions, which would need groups kept in step
with memberships by hand. Site administrators (superusers) see and change everything.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import get_deleted_objects, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_manager_for_model

from .access import is_site_admin, member_council_ids
from .parsing import parse_small_number

#: What an officer may do through an admin: edit their councils' records, only view them, or
#: nothing at all (site administrators only).
EDIT, VIEW, NONE = "edit", "view", None

#: How many changes to a record's parts its history page lists, newest first.
PART_CHANGES_SHOWN = 200

PART_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def officer_council_ids(request) -> set[int]:
    """Councils whose records this person may reach in the admin. Empty for anyone who is not
    active staff: board members and members of the public never use the admin."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return set()
    return member_council_ids(user)


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


class CouncilScopedAdminMixin:
    """Mix into every ModelAdmin and inline whose rows belong to a council.

    `council_path` is the lookup from this model to its council, such as
    "aim__strategy__lead_council", or a tuple of lookups when a row may hang from either of two
    parents (a progress update belongs to an objective or to a programme). "pk" means the model
    is the council itself.
    """

    council_path: str | tuple[str, ...] = "council"
    officer_access = EDIT
    #: Foreign keys whose choices are public register data, not any council's own records, so
    #: an officer may pick any row (a co-owning council).
    unscoped_choice_fields: tuple[str, ...] = ()
    actions = (delete_selected,)
    formset = KeepRecordsInlineFormSet

    # --- scope -------------------------------------------------------------------------------

    def council_scope(self, council_ids) -> Q:
        paths = (self.council_path,) if isinstance(self.council_path, str) else self.council_path
        scope = Q(pk__in=[])
        for path in paths:
            scope |= Q(**{f"{path}__in": council_ids})
        return scope

    def scope_queryset(self, request, queryset):
        if is_site_admin(request.user):
            return queryset
        if self.officer_access is NONE:
            return queryset.none()
        council_ids = officer_council_ids(request)
        if not council_ids:
            return queryset.none()
        return queryset.filter(self.council_scope(council_ids))

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
        return self.scope_queryset(request, self.model._base_manager.filter(pk=obj.pk)).exists()

    # --- choices -----------------------------------------------------------------------------

    def scoped_choices(self, request, model):
        """The rows of `model` this person may choose, or None when `model` is not
        council-scoped (its admin decides)."""
        related_admin = self.admin_site._registry.get(model)
        if isinstance(related_admin, CouncilScopedAdminMixin):
            return related_admin.get_queryset(request)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.name not in self.unscoped_choice_fields:
            choices = self.scoped_choices(request, db_field.remote_field.model)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.name not in self.unscoped_choice_fields:
            choices = self.scoped_choices(request, db_field.remote_field.model)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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
        if not officer_council_ids(request):
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
                "part_changes": self.part_changes(request, unquote(object_id)),
                **(extra_context or {}),
            }
        return super().history_view(request, object_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        if context.get("part_changes") and template == self.object_history_template:
            template = "admin/object_history_with_parts.html"
        return super().render_history_view(request, template, context, **kwargs)

    def part_changes(self, request, object_id) -> list[dict]:
        """Changes to the rows edited inline on this record's page (a strategy's principles,
        a board's members), newest first, deletions included: the officer sees one history
        for everything the page edits. The record itself has been checked for scope, and its
        parts belong to the same council."""
        changes = []
        for inline in getattr(self, "inlines", ()):
            model = inline.model
            if not hasattr(model._meta, "simple_history_manager_attribute"):
                continue
            parent = _get_foreign_key(self.model, model, fk_name=inline.fk_name)
            records = (
                get_history_manager_for_model(model)
                .filter(**{parent.attname: object_id})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:PART_CHANGES_SHOWN]
            )
            changes.extend(self._describe_part_records(request, model, list(records)))
        changes.sort(key=lambda change: change["record"].history_date, reverse=True)
        return changes[:PART_CHANGES_SHOWN]

    def _describe_part_records(self, request, model, records):
        pk_name = model._meta.pk.attname
        # Each change is shown against the version before it, which may be older than the
        # newest changes fetched: fetch it where it is missing.
        by_part = {}
        for record in reversed(records):
            by_part.setdefault(getattr(record, pk_name), []).append(record)
        opts = model._meta
        # A part's name usually mentions what it links (a partner, a council): fetch those for
        # every change at once rather than once per change.
        instances = {record.history_id: record.instance for record in records}
        _fetch_linked(model, instances.values())
        for part_id, part_records in by_part.items():
            first = part_records[0]
            # An added row has nothing before it; only an older change needs the version it
            # replaced fetched.
            previous = None if first.history_type == "+" else first.prev_record
            for record in part_records:
                yield {
                    "record": record,
                    "when": date_format(localtime(record.history_date), "DATETIME_FORMAT"),
                    "who": _person(record.history_user),
                    "part": capfirst(opts.verbose_name),
                    "name": _describe(instances[record.history_id]),
                    "action": PART_ACTIONS.get(record.history_type, record.history_type),
                    "changes": _delta(model, record, previous),
                    "url": self._part_version_url(opts, part_id, record.history_id),
                }
                previous = record

    def _part_version_url(self, opts, part_id, history_id):
        try:
            return reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_simple_history",
                args=[part_id, history_id],
            )
        except NoReverseMatch:
            return None

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
        formset = super().get_formset(request, obj, **kwargs)
        if issubclass(formset, KeepRecordsInlineFormSet):
            formset.request = request
            formset.admin_site = self.admin_site
        return formset


def _person(user):
    if user is None:
        return "Unknown"
    return user.get_full_name() or user.get_username()


def _fetch_linked(model, instances):
    """Put the records each instance links to into its cache, one query per link."""
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        ids = {getattr(instance, field.attname) for instance in instances} - {None}
        linked = field.related_model._base_manager.in_bulk(ids) if ids else {}
        for instance in instances:
            target = linked.get(getattr(instance, field.attname))
            if target is not None:
                field.set_cached_value(instance, target)


def _describe(instance):
    try:
        return str(instance)
    except ObjectDoesNotExist:
        # Its name mentions a record that has since gone.
        return f"{capfirst(instance._meta.verbose_name)} {instance.pk}"


def _delta(model, record, previous):
    if record.history_type != "~" or previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    return HistoricalRecordContextHelper(model, record).context_for_delta_changes(delta)


class PartHistoryAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    """History and revert pages for rows edited only inline on another record's page: a
    strategy's principles, a programme's milestones, a board's members.

    Hidden from the admin index: officers reach these pages from the parent record's history
    page. The row is edited in its parent's page, so its change page and list lead there; what
    this adds is viewing an old version and restoring it, including a deleted row. Scope and
    permissions are the inline's: a deleted row belongs to the council of the parent it was
    last attached to, and a parent that may not be changed (its admin's `change_refusal`)
    keeps its parts as they are too."""

    #: The inline this row is edited in, and the model whose page holds it. Set by
    #: `register_part_history`.
    inline = None
    parent_model = None

    @property
    def parent_field(self):
        return _get_foreign_key(self.parent_model, self.model, fk_name=self.inline.fk_name)

    def parent_admin(self):
        return self.admin_site._registry.get(self.parent_model)

    def parent_of(self, obj):
        try:
            return getattr(obj, self.parent_field.name)
        except ObjectDoesNotExist:
            return None

    # --- what the form shows -----------------------------------------------------------------

    def get_fields(self, request, obj=None):
        if self.inline.fields:
            return [self.parent_field.name, *self.inline.fields]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Moving a row to another parent is not a revert; the inline's own read-only fields
        # (a board member's sign-in account) stay read-only here too.
        inline = self.inline(self.parent_model, self.admin_site)
        return [self.parent_field.name, *inline.get_readonly_fields(request, obj)]

    # --- permissions ---------------------------------------------------------------------------

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def in_scope(self, request, obj) -> bool:
        if (
            isinstance(obj, self.model)
            and obj.pk is not None
            and not self.model._base_manager.filter(pk=obj.pk).exists()
        ):
            parent = self.parent_of(obj)
            parent_admin = self.parent_admin()
            return (
                parent is not None
                and parent_admin is not None
                and parent_admin.has_view_permission(request, parent)
            )
        return super().in_scope(request, obj)

    def change_refusal(self, request, obj):
        parent = self.parent_of(obj)
        parent_admin = self.parent_admin()
        if parent is None or parent_admin is None:
            return None
        return parent_admin.change_refusal(request, parent)

    def _current_or_404(self, request, object_id):
        object_id = unquote(object_id)
        if self.model._base_manager.filter(pk=object_id).exists():
            return super()._current_or_404(request, object_id)
        # Deleted: its last version stands in for it, within its last parent's council.
        last = (
            get_history_manager_for_model(self.model)
            .filter(**{self.model._meta.pk.attname: object_id})
            .order_by("-history_date", "-history_id")
            .first()
        )
        if last is None or not self.has_view_permission(request, last.instance):
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
        return last.instance

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if is_site_admin(request.user):
            # The mixin checks only live records for site administrators; a deleted row is
            # theirs to restore too, with its last version as the current one.
            request._history_current = self._current_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- where the pages lead ------------------------------------------------------------------

    def _parent_url(self, view, parent=None):
        opts = self.parent_model._meta
        name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"
        return reverse(name) if parent is None else reverse(name, args=[parent.pk])

    def changelist_view(self, request, extra_context=None):
        return HttpResponseRedirect(self._parent_url("changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self._current_or_404(request, object_id)
        parent = self.parent_of(obj)
        if parent is None:
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
        return HttpResponseRedirect(self._parent_url("change", parent))

    # Deleting stays on the parent's page, where the row is seen among the others. (Delete
    # permission itself must stand: the parent's inline asks it of this admin.)
    delete_view = change_view

    def response_change(self, request, obj):
        self.message_user(
            request,
            f"Restored the earlier version of {obj._meta.verbose_name} “{_describe_obj(obj)}”.",
            messages.SUCCESS,
        )
        parent = self.parent_of(obj)
        return HttpResponseRedirect(self._parent_url("history", parent))


def _describe_obj(obj):
    try:
        return str(obj)
    except ObjectDoesNotExist:
        return str(obj.pk)


def register_part_history(inline, parent_model, site=admin.site):
    """Give a model edited only in `inline`, on `parent_model`'s page, history and revert
    pages (see PartHistoryAdmin), scoped as the inline is."""
    attrs = {
        "inline": inline,
        "parent_model": parent_model,
        "council_path": inline.council_path,
        "unscoped_choice_fields": inline.unscoped_choice_fields,
        "autocomplete_fields": inline.autocomplete_fields,
        "__module__": inline.__module__,
    }
    admin_class = type(f"{inline.model.__name__}HistoryAdmin", (PartHistoryAdmin,), attrs)
    site.register(inline.model, admin_class)
    return admin_class
