"""Writes that carry a rule: making a strategy public, and archiving it."""

from django.core.exceptions import PermissionDenied, ValidationError

from councils.access import can_publish_for

from .models import PUBLIC_STATUSES, Strategy, StrategyStatus


def _set_status(*, strategy: Strategy, user, status: str) -> Strategy:
    if not can_publish_for(user, strategy.lead_council_id):
        raise PermissionDenied(
            f"Only a publisher for {strategy.lead_council} can make “{strategy.title}” public "
            "or archive it."
        )
    strategy.status = status
    # Who did it, for the history, even when there is no request (a management command).
    strategy._history_user = user
    strategy.save(update_fields=["status", "updated_at"])
    return strategy


def strategy_publish(*, strategy: Strategy, user) -> Strategy:
    """Make the strategy public as published. Raises PermissionDenied for anyone who is not a
    publisher for its lead council, and ValidationError if it is already published."""
    if strategy.status == StrategyStatus.PUBLISHED:
        raise ValidationError(f"“{strategy.title}” is already published.")
    return _set_status(strategy=strategy, user=user, status=StrategyStatus.PUBLISHED)


def strategy_archive(*, strategy: Strategy, user) -> Strategy:
    """Archive a public strategy: it stays public, shown as superseded. A draft is never
    archived: it was never public, so there is nothing to keep on show."""
    if strategy.status == StrategyStatus.ARCHIVED:
        raise ValidationError(f"“{strategy.title}” is already archived.")
    if strategy.status not in PUBLIC_STATUSES:
        raise ValidationError(
            f"“{strategy.title}” has not been made public, so it cannot be archived. "
            "Publish it first, or leave it as a draft."
        )
    return _set_status(strategy=strategy, user=user, status=StrategyStatus.ARCHIVED)
