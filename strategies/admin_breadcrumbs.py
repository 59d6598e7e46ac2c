"""Breadcrumbs that lead back to the strategy: an aim, objective, indicator, measurement or
progress update is part of one, and an officer on its page wants the way back to it."""

from django.contrib.admin.utils import unquote
from django.urls import NoReverseMatch, reverse


class PartOfStrategyAdminMixin:
    """For the admin of a model that belongs to a strategy. Define `breadcrumb_parents(obj)`:
    the records above it, the strategy first ([strategy, aim, objective])."""

    change_form_template = "admin/part_of_strategy_change_form.html"

    def breadcrumb_parents(self, obj):
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "parent_crumbs": [
                    (parent, admin_change_url(parent)) for parent in self.breadcrumb_parents(obj)
                ],
            }
        return super().change_view(request, object_id, form_url, extra_context)


def admin_change_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
