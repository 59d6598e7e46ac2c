"""The strategy and programme admins, with the parts this app owns: a strategy's aims, and
"no change this period" for a programme."""

from django.contrib import admin
from django.utils.html import format_html

from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from strategies.admin import programme as programme_admin
from strategies.admin import strategy as strategy_admin
from strategies.admin_ordering import NextOrderInlineMixin
from strategies.models import Programme, Strategy

from ..models import Aim, Objective, ProgressUpdate
from .outline import strategy_outline
from .outline_edit import OutlineAdminMixin, outline_url
from .progress import confirm_no_change
from .quarterly_return import QuarterlyReturnAdminMixin, return_link
from .themes import ThemeChoicesMixin


class AimInline(
    ThemeChoicesMixin, NextOrderInlineMixin, CouncilScopedAdminMixin, LabelledTabularInline
):
    # The admin composes downward like a page does: a strategy is edited with its aims in view.
    model = Aim
    fields = ["order", "title", "themes"]
    show_change_link = True
    extra = 0


class OutlineAimInline(AimInline):
    # On the outline page each aim is a stacked fieldset, with room for its description.
    names_fields_by_row = False
    fields = ["order", "title", "description", "themes"]
    show_change_link = False
    extra = 1


@admin.register(Strategy)
class StrategyAdmin(OutlineAdminMixin, QuarterlyReturnAdminMixin, strategy_admin.StrategyAdmin):
    change_form_template = "admin/strategies/strategy/change_form.html"
    outline_aim_inline = OutlineAimInline
    part_changelists = [
        *strategy_admin.StrategyAdmin.part_changelists,
        ("outcomes_progressupdate", "Progress updates"),
    ]

    inlines = [
        strategy_admin.PrincipleInline,
        AimInline,
        *strategy_admin.StrategyAdmin.inlines[1:],
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "outline"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets[:1], ("Its outline", {"fields": ["outline"]}), *fieldsets[1:]]

    @admin.display(description="Aims, objectives, programmes")
    def outline(self, strategy):
        return format_html(
            '<p><a href="{}">Edit the whole outline on one page</a></p>{}',
            outline_url(strategy),
            strategy_outline(strategy),
        )

    def status_change_parts(self, strategy):
        return [
            (strategy.aims.count(), "aim"),
            (Objective.objects.filter(aim__strategy=strategy).count(), "objective"),
            *super().status_change_parts(strategy),
            (
                ProgressUpdate.objects.signed_off()
                .about(
                    Objective.objects.filter(aim__strategy=strategy),
                    strategy.programmes.all(),
                )
                .count(),
                "signed-off progress update",
            ),
        ]

    @admin.display(description="Decisions, engagement and progress")
    def parts(self, strategy):
        links = super().parts(strategy)
        if strategy.pk is None:
            return links
        return format_html("<p>{}</p>{}", return_link(strategy), links)


@admin.register(Programme)
class ProgrammeAdmin(programme_admin.ProgrammeAdmin):
    actions = [*programme_admin.ProgrammeAdmin.actions, confirm_no_change]
