"""The programme's admin, with its milestones and the objectives it serves.

ProgrammeAdmin is registered by outcomes.admin, which adds the "no change" progress action."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from councils.admin_part_history import register_part_history

from ..admin_part_choices import StrategyPartChoicesMixin, strategy_label
from ..models import Milestone, Programme, ProgrammeCouncil, ProgrammeObjective


class MilestoneInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = Milestone
    fields = ["title", "due_on", "completed_on"]
    extra = 0


class ProgrammeObjectiveInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = ProgrammeObjective
    row_related = ("objective",)
    autocomplete_fields = ["objective"]
    extra = 0


class ProgrammeCouncilInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = ProgrammeCouncil
    row_related = ("council",)
    # Which councils exist is public register data: any of them may run a programme jointly.
    unscoped_choice_fields = ("council",)
    extra = 0


class ProgrammeAdmin(StrategyPartChoicesMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "strategy",
        "status",
        "delivery_year",
        "funding_label",
        "has_lead_partner",
    ]
    list_filter = [
        ("strategy__lead_council", admin.RelatedOnlyFieldListFilter),
        ("strategy", admin.RelatedOnlyFieldListFilter),
        "status",
        "delivery_year",
    ]
    list_select_related = ["strategy__lead_council", "lead_partner"]
    search_fields = ["title", "description", "strategy__title"]
    autocomplete_fields = ["strategy", "lead_partner"]
    inlines = [MilestoneInline, ProgrammeObjectiveInline, ProgrammeCouncilInline]

    def choice_label(self, programme):
        return f"{programme.title} — {strategy_label(programme.strategy)}"

    @admin.display(description="Funding", ordering="funding_amount")
    def funding_label(self, programme):
        return programme.funding_label

    @admin.display(boolean=True, description="Lead partner")
    def has_lead_partner(self, programme):
        return programme.lead_partner_id is not None


# A programme's milestones and links have no page of their own: their earlier versions are
# reached from the programme's history page.
for inline in (MilestoneInline, ProgrammeObjectiveInline, ProgrammeCouncilInline):
    register_part_history(inline, Programme)
