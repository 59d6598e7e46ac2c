"""Site-wide response rules that every package's pages share.

Here, in the lowest app, because the public site, board pages and the admin all need them and
none of them may import another's code."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views import defaults

logger = logging.getLogger("strategy_tracker.database")

#: Seconds a client is asked to wait before trying again while the database is away.
RETRY_AFTER = 30


class PrivatePagesMiddleware:
    """Signed-in pages say `private, no-store`, so a shared computer's browser or a proxy never
    keeps a copy of a board's unsigned updates or an officer's drafts after sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


# SQLSTATEs that mean the server is away or going away, not that a query was wrong: connection
# exceptions (class 08) and the server shutting down or starting up.
_UNAVAILABLE_STATES = ("08", "57P01", "57P02", "57P03")


def database_unavailable(exc):
    """Whether an error means the database cannot be reached, as opposed to a bad query."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    # A client-side failure to connect carries no SQLSTATE at all.
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_STATES)


class OutageLog:
    """Whether this process has already logged the current outage: one line when the database
    goes away and one when it is back, rather than a traceback per request."""

    logged = False

    @classmethod
    def begin(cls, exc):
        if not cls.logged:
            cls.logged = True
            logger.error("Database unavailable, answering 503 until it returns: %s", exc)

    @classmethod
    def end(cls):
        if cls.logged:
            cls.logged = False
            logger.warning("Database available again")


def service_unavailable(request):
    """The friendly page with 503 and Retry-After. Rendered without context processors: they
    read the session and the signed-in user, which live in the database that is away."""
    body = loader.get_template("503.html").render({"csp_nonce": get_nonce(request)})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    # Django would otherwise log every one of these responses as an error.
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    """A view that fails because the database is unreachable answers 503, not 500. Errors raised
    outside views (a session read in another middleware) reach `server_error`, which makes the
    same answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 500:
            OutageLog.end()
        return response

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            OutageLog.begin(exception)
            return service_unavailable(request)
        return None


def server_error(request):
    """The site's 500 handler (`handler500`): 503 when the error was the database being away,
    wherever it was raised; otherwise Django's own 500 page."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        OutageLog.begin(exc)
        return service_unavailable(request)
    return defaults.server_error(request)
