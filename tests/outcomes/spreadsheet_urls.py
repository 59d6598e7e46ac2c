"""A throwaway admin site for the spreadsheet tests, so they do not depend on outcomes/admin.py.

Its ModelAdmins are scoped to the user's councils the way the real ones are, and use the mixin
exactly as the real admin should."""

from django.contrib import admin
from django.db.models import Q
from django.urls import path

from councils.access import is_site_admin, member_council_ids
from outcomes.admin_spreadsheets import SpreadsheetAdminMixin
from outcomes.models import Measurement, Objective, ProgressUpdate
from strategy_tracker.urls import urlpatterns as site_urlpatterns

site = admin.AdminSite(name="spreadsheet_admin")


class CouncilScopedAdmin(admin.ModelAdmin):
    council_lookups = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_site_admin(request.user):
            return queryset
        councils = member_council_ids(request.user)
        condition = Q()
        for lookup in self.council_lookups:
            condition |= Q(**{f"{lookup}__in": councils})
        return queryset.filter(condition)

    def _is_officer(self, request):
        return is_site_admin(request.user) or bool(member_council_ids(request.user))

    def has_module_permission(self, request):
        return self._is_officer(request)

    def has_view_permission(self, request, obj=None):
        return self._is_officer(request)

    def has_add_permission(self, request):
        return self._is_officer(request)

    def has_change_permission(self, request, obj=None):
        return self._is_officer(request)

    def has_delete_permission(self, request, obj=None):
        return False


class ObjectiveAdmin(SpreadsheetAdminMixin, CouncilScopedAdmin):
    council_lookups = ("aim__strategy__lead_council",)
    list_filter = ["aim__strategy"]
    search_fields = ["title"]


class MeasurementAdmin(SpreadsheetAdminMixin, CouncilScopedAdmin):
    council_lookups = ("indicator__objective__aim__strategy__lead_council",)
    list_filter = ["status"]


class ProgressUpdateAdmin(SpreadsheetAdminMixin, CouncilScopedAdmin):
    council_lookups = (
        "objective__aim__strategy__lead_council",
        "programme__strategy__lead_council",
    )


site.register(Objective, ObjectiveAdmin)
site.register(Measurement, MeasurementAdmin)
site.register(ProgressUpdate, ProgressUpdateAdmin)

# The site's own pages too: its error pages and templates link to them.
urlpatterns = [path("admin/", site.urls), *site_urlpatterns]
