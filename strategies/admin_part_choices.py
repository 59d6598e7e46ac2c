"""How a strategy's parts (its programmes, objectives, indicators) are offered as choices
elsewhere in the admin: named with their strategy, and archived strategies' parts held back until
an officer asks for them (see councils.admin_choices, which asks these admins)."""

from .models import StrategyStatus


def strategy_label(strategy):
    """How a choice names the strategy it belongs to."""
    archived = " (archived)" if strategy.status == StrategyStatus.ARCHIVED else ""
    return f"{strategy.title}{archived}"


class StrategyPartChoicesMixin:
    """For the admin of a model chosen elsewhere (an objective for a progress update, an
    indicator for a measurement): its rows are offered with their strategy loaded for the label,
    without those of archived strategies unless asked for. Set `strategy_path`."""

    #: The path from a row to its strategy, as a lookup.
    strategy_path = "strategy"

    def choice_queryset(self, queryset, *, show_archived):
        queryset = queryset.select_related(self.strategy_path)
        if show_archived:
            return queryset
        return queryset.exclude(**{f"{self.strategy_path}__status": StrategyStatus.ARCHIVED})
