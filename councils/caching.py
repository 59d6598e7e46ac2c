"""Public pages cached in the cache every app server shares (Redis in production), and the one
number that keeps them fresh.

Every cached page is stamped with the site's *generation*, a counter in the shared cache that
any change to a council, strategy or outcome moves on. So an edit made through any server, by any
route (the admin, a board's sign-off, an import, publication, a management command), shows on
the very next request to every server, without working out which pages it touches: a page
stamped with an earlier number is stale, and is built again and stored over.

Only anonymous requests without a session or messages are served from the cache or stored in
it: signed-in pages are private (and sent `no-store`), and a page carrying a message belongs to
one reader. Here, in the lowest app, because public pages use it and the change signals must
hear every app's models."""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_vary_headers
from redis.exceptions import RedisError

from .dates import today_in_london

logger = logging.getLogger("strategy_tracker.cache")

GENERATION_KEY = "site-generation"

#: The apps whose records public pages and downloads show. Users, sessions and sign-in attempts
#: are left out: no public page shows them, and counting every sign-in would empty the cache.
WATCHED_APPS = {"councils", "strategies", "outcomes"}

#: Sent once a change is committed, so work that must see it (rebuilding the bulk downloads)
#: starts after the data is there to read.
site_changed = Signal()

# A cache server that is away must cost the cache, never the page.
CACHE_ERRORS = (RedisError, OSError)

#: Response headers that belong to one request, not to the page.
_PER_REQUEST_HEADERS = {"set-cookie", "vary", "date", "content-length", "x-cache"}


def generation():
    """The site's current generation, or None when the cache cannot keep one (a dummy cache, or
    the cache server away): then nothing is cached."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Started from the clock, not 1: if the cache lost the counter (a restart, an
            # eviction), pages stored under the old numbers must not be found again.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            value = cache.get(GENERATION_KEY)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, pages not cached: %s", exc)
        return None
    return value


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, generation not moved on: %s", exc)


def _committed():
    _bump()
    site_changed.send(sender=None)


def changes_made():
    """Say that public data changed. The signals below call it for every save and delete;
    code that writes without signals (a queryset update, a bulk insert) calls it itself.

    Moved on twice: now, so this process's next page is fresh even inside a transaction, and
    again once the transaction commits, so a page that another server built from the old rows
    meanwhile is stamped with a number that is no longer current."""
    _bump()
    connection = transaction.get_connection()
    already = any(callback is _committed for _, callback, _ in connection.run_on_commit)
    if not already:
        transaction.on_commit(_committed)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        changes_made()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and kwargs["model"]._meta.app_label in WATCHED_APPS:
        changes_made()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="caching-save")
    post_delete.connect(_on_change, dispatch_uid="caching-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="caching-m2m")


def _serves_from_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    # A session means someone signed in (or a message waiting for them): theirs alone.
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES
    )


def _key(request):
    # HEAD is answered from the page GET stored; the server drops the body.
    parts = [
        today_in_london().isoformat(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _lookup(key):
    """The site's generation and the page stored under this key, asked of the cache together:
    a hit costs one round trip to the cache server, not one for the number and one for the page.
    (None, None) when the cache cannot keep a generation."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, pages not cached: %s", exc)
        return None, None
    number = found.get(GENERATION_KEY)
    if number is None:
        return generation(), None
    entry = found.get(key)
    # A page stored under an earlier generation was built before the latest change: stale.
    if entry is not None and entry.get("generation") != number:
        entry = None
    return number, entry


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _store(key, number, request, response):
    nonce = get_nonce(request)
    entry = {
        "generation": number,
        "content": response.content,
        "status": response.status_code,
        "headers": {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in _PER_REQUEST_HEADERS
        },
        # The page's one inline script carries this request's nonce; a later reader gets theirs.
        "nonce": str(nonce) if nonce else None,
    }
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, page not stored: %s", exc)


def _replay(entry, request):
    content = entry["content"]
    nonce = get_nonce(request)
    if entry["nonce"] and nonce is not None:
        content = content.replace(entry["nonce"].encode(), str(nonce).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    # As the page built afresh says: it was made for readers without a session.
    patch_vary_headers(response, ["Cookie"])
    response["X-Cache"] = "hit"
    return response


def cached_page(view):
    """Serve a public page from the shared cache, storing it the first time it is built."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        # PAGE_CACHE_SECONDS=0 turns page caching off (make bench measures pages both ways).
        if settings.PAGE_CACHE_SECONDS <= 0 or not _serves_from_cache(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        number, entry = _lookup(key)
        if number is None:
            return view(request, *args, **kwargs)
        if entry is not None:
            return _replay(entry, request)
        response = view(request, *args, **kwargs)
        response["X-Cache"] = "miss"

        def store(rendered):
            if _storable(rendered):
                _store(key, number, request, rendered)

        if callable(getattr(response, "add_post_render_callback", None)) and not getattr(
            response, "is_rendered", True
        ):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return serve
