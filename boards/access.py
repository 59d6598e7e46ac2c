"""Who may see a board's pages: the one place board access is decided.

Every board view goes through `board_for_request`, by the `BoardAccessMixin` or the
`board_member_required` decorator, so the rule lives here and nowhere else:

- anonymous visitors are sent to sign in, for every board address, whether or not the board
  exists (they may be members who have not signed in yet, and the redirect reveals nothing);
- signed-in people who are not current members of the board get 404, not 403, so a board's
  existence does not leak;
- site administrators see every board.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404

from councils.access import is_site_admin
from strategies.models import Board, BoardMember


def boards_for_user(user):
    """The boards whose pages this person may see."""
    if not user.is_authenticated or not user.is_active:
        return Board.objects.none()
    if is_site_admin(user):
        return Board.objects.all()
    current = BoardMember.objects.current().filter(user=user)
    return Board.objects.filter(pk__in=current.values("board_id"))


def board_for_request(request, slug):
    """The board at this address, or 404 for anyone who may not see it. Callers deal with
    anonymous visitors first."""
    return get_object_or_404(boards_for_user(request.user), slug=slug)


class BoardAccessMixin:
    """For class-based board pages: sets `self.board` or refuses."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.board = board_for_request(request, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


def board_member_required(view):
    """For function views: calls `view(request, board, ...)` or refuses, as the mixin does."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, board_for_request(request, slug), *args, **kwargs)

    return wrapped
