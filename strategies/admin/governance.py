"""The records of how a strategy was approved and who was asked about it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin

from ..models import Decision, Engagement


@admin.register(Decision)
class DecisionAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["strategy", "body", "meeting_date", "key_decision", "has_link"]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
        "body",
        "key_decision",
    ]
    list_select_related = ["strategy__lead_council"]
    search_fields = ["strategy__title", "portfolio_holder", "senior_officer", "recommendations"]
    autocomplete_fields = ["strategy"]
    date_hierarchy = "meeting_date"

    @admin.display(boolean=True, description="Link")
    def has_link(self, decision):
        return bool(decision.url)


@admin.register(Engagement)
class EngagementAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "audience",
        "method",
        "strategy",
        "start_date",
        "participants",
        "changed_things",
    ]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
        "method",
    ]
    list_select_related = ["strategy__lead_council"]
    search_fields = ["audience", "what_they_said", "what_changed", "strategy__title"]
    autocomplete_fields = ["strategy"]

    @admin.display(boolean=True, description="Changed the strategy")
    def changed_things(self, engagement):
        return bool(engagement.what_changed)
