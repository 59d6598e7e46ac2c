"""Public pages come from the shared cache after their first reader, with this reader's own
script nonce; signed-in readers and the health check never do, and a change shows at once."""

import re

from django.core.cache import caches

from tests.factories import make_strategy


def nonce_of(response):
    (nonce,) = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return nonce


def test_the_second_reader_gets_the_stored_page_with_their_own_nonce(client, council_a):
    make_strategy(council_a, status="published", title="Open plan")
    first = client.get("/strategies/")
    second = client.get("/strategies/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()
    assert nonce_of(first) not in second.content.decode()
    assert second.content.decode().replace(nonce_of(second), "N") == first.content.decode().replace(
        nonce_of(first), "N"
    )


def test_a_save_shows_on_the_next_request_and_the_page_is_stored_over(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Open plan")
    client.get("/strategies/")
    strategy.title = "Renamed plan"
    strategy.save()
    rebuilt = client.get("/strategies/")
    again = client.get("/strategies/")
    assert (rebuilt["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert "Renamed plan" in rebuilt.content.decode()
    assert "Renamed plan" in again.content.decode()


def test_signed_in_readers_are_never_served_or_stored(client, board_member, council_a):
    make_strategy(council_a, status="published", title="Open plan")
    client.force_login(board_member)
    for _ in range(2):
        response = client.get("/strategies/")
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get("/strategies/")["X-Cache"] == "miss"


def test_the_health_check_is_never_cached(client, db):
    for _ in range(2):
        assert "X-Cache" not in client.get("/healthz")


def test_a_missing_page_is_not_stored(client, db):
    for _ in range(2):
        response = client.get("/councils/nowhere/")
        assert response.status_code == 404
        assert response.get("X-Cache") != "hit"


def test_a_stored_page_costs_one_round_trip_to_the_cache(client, council_a, monkeypatch):
    make_strategy(council_a, status="published", title="Open plan")
    client.get("/strategies/")
    asked, depth = [], [0]
    backend = caches["default"]

    def counted(method, original):
        # Only the page's own calls count: a backend without a native get_many (the local
        # memory one) answers it with calls to its own get.
        def call(*args, **kwargs):
            if not depth[0]:
                asked.append(method)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for method in ("get", "get_many", "add", "incr", "set"):
        monkeypatch.setattr(backend, method, counted(method, getattr(backend, method)))
    assert client.get("/strategies/")["X-Cache"] == "hit"
    assert asked == ["get_many"]
