"""Who belongs to which council: the one place per-council access is decided.

Every council-scoped model's queryset builds on `CouncilScopedQuerySet`, saying once, in
`for_councils`, how its rows reach their council. The admin, the reminders and anything else that
scopes by council ask that method, or these functions, rather than reading memberships
themselves, so a rule changes in one place.

This module imports no models (it reads memberships through the user's reverse relation), so the
councils app's own models can build on it too."""

from django.db import models


class Role(models.TextChoices):
    EDITOR = "editor", "Editor: edits drafts and posts progress"
    PUBLISHER = "publisher", "Publisher: also publishes and archives"


def is_site_admin(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def _memberships(user) -> dict[int, str]:
    if not user.is_authenticated or not user.is_active:
        return {}
    # Cached on the user object: it lives for one request.
    cached = getattr(user, "_council_roles", None)
    if cached is None:
        cached = dict(user.council_memberships.values_list("council_id", "role"))
        user._council_roles = cached
    return cached


def member_council_ids(user) -> set[int]:
    """Councils whose records this person may see and edit."""
    return set(_memberships(user))


def officer_council_ids(user) -> set[int]:
    """Councils whose records this person may reach as an officer, in the admin. Empty for
    anyone who is not active staff: board members and members of the public never use the
    admin."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return set()
    return member_council_ids(user)


def publisher_council_ids(user) -> set[int]:
    """Councils for which this person may publish and archive."""
    return {council for council, role in _memberships(user).items() if role == Role.PUBLISHER}


def can_publish_for(user, council_id) -> bool:
    return is_site_admin(user) or council_id in publisher_council_ids(user)


class CouncilScopedQuerySet(models.QuerySet):
    """The queryset of every model whose rows belong to a council.

    Each model says in `for_councils` how its rows reach their council; `for_officer` and every
    caller build on that, so no caller repeats the path. A strategy's rows belong to its lead
    council alone: a co-owning council is named on the strategy but does not edit it."""

    def for_councils(self, council_ids):
        """The rows belonging to any of these councils."""
        raise NotImplementedError(f"{self.model.__name__}'s queryset must define for_councils")

    def for_officer(self, user):
        """The rows this person may reach as an officer: their councils' rows, every row for a
        site administrator, none for anyone who is not active staff."""
        if is_site_admin(user):
            return self.all()
        council_ids = officer_council_ids(user)
        if not council_ids:
            return self.none()
        return self.for_councils(council_ids)
