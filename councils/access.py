"""Who belongs to which council: the one place per-council access is decided.

Every council-scoped admin, view and queryset asks these functions rather than reading
memberships itself, so a rule changes in one place."""

from .models import CouncilMembership, Role


def is_site_admin(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def _memberships(user) -> dict[int, str]:
    if not user.is_authenticated or not user.is_active:
        return {}
    # Cached on the user object: it lives for one request.
    cached = getattr(user, "_council_roles", None)
    if cached is None:
        cached = dict(CouncilMembership.objects.filter(user=user).values_list("council_id", "role"))
        user._council_roles = cached
    return cached


def member_council_ids(user) -> set[int]:
    """Councils whose records this person may see and edit."""
    return set(_memberships(user))


def publisher_council_ids(user) -> set[int]:
    """Councils for which this person may publish and archive."""
    return {council for council, role in _memberships(user).items() if role == Role.PUBLISHER}


def can_publish_for(user, council_id) -> bool:
    return is_site_admin(user) or council_id in publisher_council_ids(user)
