"""History and revert pages for the rows edited only inline on another record's page."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_manager_for_model

from .access import is_site_admin
from .admin_access import CouncilScopedAdminMixin


class PartHistoryAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    """History and revert pages for rows edited only inline on another record's page: a
    strategy's principles, a programme's milestones, a board's members.

    Hidden from the admin index: officers reach these pages from the parent record's history
    page. The row is edited in its parent's page, so its change page and list lead there; what
    this adds is viewing an old version and restoring it, including a deleted row. Scope and
    permissions are the inline's (both come from the model's queryset): a deleted row belongs
    to the council of the parent it was last attached to, and a parent that may not be changed (its admin's `change_refusal`)
    keeps its parts as they are too."""

    #: The inline this row is edited in, and the model whose page holds it. Set by
    #: `register_part_history`.
    inline = None
    parent_model = None

    @property
    def parent_field(self):
        return _get_foreign_key(self.parent_model, self.model, fk_name=self.inline.fk_name)

    def parent_admin(self):
        if not self.admin_site.is_registered(self.parent_model):
            return None
        return self.admin_site.get_model_admin(self.parent_model)

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
        "unscoped_choice_fields": inline.unscoped_choice_fields,
        "autocomplete_fields": inline.autocomplete_fields,
        "__module__": inline.__module__,
    }
    admin_class = type(f"{inline.model.__name__}HistoryAdmin", (PartHistoryAdmin,), attrs)
    site.register(inline.model, admin_class)
    return admin_class
