"""The strategy and programme admins, with the parts this app owns: a strategy's aims, and
"no change this period" for a programme."""

from django.contrib import admin
from django.utils.html import format_html

from councils.admin_access import CouncilScopedAdminMixin
from strategies.admin import programme as programme_admin
from strategies.admin import strategy as strategy_admin
from strategies.admin_ordering import NextOrderInlineMixin
from strategies.models import Programme, Strategy

from ..models import Aim, Objective, ProgressUpdate
from .progress import confirm_no_change
from .quarterly_return import QuarterlyReturnAdminMixin, return_link


class AimInline(NextOrderInlineMixin, CouncilScopedAdminMixin, admin.TabularInline):
    # The admin composes downward like a page does: a strategy is edited with its aims in view.
    model = Aim
    fields = ["order", "title"]
    show_change_link = True
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(QuarterlyReturnAdminMixin, strategy_admin.StrategyAdmin):
    change_form_template = "admin/strategies/strategy/change_form.html"

    inlines = [
        strategy_admin.PrincipleInline,
        AimInline,
        *strategy_admin.StrategyAdmin.inlines[1:],
    ]

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

    def parts(self, strategy):
        links = super().parts(strategy)
        if strategy.pk is None:
            return links
        return format_html("<p>{}</p>{}", return_link(strategy), links)

    parts.short_description = strategy_admin.StrategyAdmin.parts.short_description


@admin.register(Programme)
class ProgrammeAdmin(programme_admin.ProgrammeAdmin):
    actions = [*programme_admin.ProgrammeAdmin.actions, confirm_no_change]
