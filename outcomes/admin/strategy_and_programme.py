"""The strategy and programme admins, with the parts this app owns: a strategy's aims, and
"no change this period" for a programme."""

from django.contrib import admin

from councils.admin_access import CouncilScopedAdminMixin
from strategies.admin import programme as programme_admin
from strategies.admin import strategy as strategy_admin
from strategies.models import Programme, Strategy

from ..models import Aim
from .progress import confirm_no_change


class AimInline(CouncilScopedAdminMixin, admin.TabularInline):
    # The admin composes downward like a page does: a strategy is edited with its aims in view.
    model = Aim
    fields = ["order", "title"]
    show_change_link = True
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(strategy_admin.StrategyAdmin):
    inlines = [
        strategy_admin.PrincipleInline,
        AimInline,
        *strategy_admin.StrategyAdmin.inlines[1:],
    ]


@admin.register(Programme)
class ProgrammeAdmin(programme_admin.ProgrammeAdmin):
    actions = [*programme_admin.ProgrammeAdmin.actions, confirm_no_change]
