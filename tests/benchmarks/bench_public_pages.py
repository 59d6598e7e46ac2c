"""Benchmarks for the public pages: how time and memory grow with ten times the data.

Run with `make bench`; not part of `make test`, because timings belong in a report, not in a
pass/fail unit test. Both sizes are measured in one run on one machine, so the ratios hold
wherever it runs even though the absolute numbers do not.

Targets, as ratios of the large dataset to the small one (10x the data):
- pages whose size does not depend on the data (home, the field reference, the accessibility
  statement): at most 2x;
- pages that show all of something that grew: at most 12x, so they grow linearly, never worse.
  That includes the paginated strategy lists: a page holds at most 20 strategies, but its
  council filter offers every council with a public strategy, and the bench adds councils (in
  England there are at most 153).
"""

import gc
import statistics
import time
import tracemalloc

import pytest

from tests.public.test_query_counts import add_data, setting_up, urls

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 50
REPEATS = 15
CONSTANT = {"home", "data page", "accessibility statement"}
CONSTANT_TARGET = 2.0
LINEAR_TARGET = 12.0


def _median_seconds(client, url):
    client.get(url)  # warm caches and connections
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    return statistics.median(timings)


def _peak_bytes(client, url):
    gc.collect()
    tracemalloc.start()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _measure(client, target):
    return {
        name: (_median_seconds(client, url), _peak_bytes(client, url))
        for name, url in urls(target).items()
    }


def test_public_pages_scale_with_ten_times_the_data(client):
    target, meeting, partner = setting_up()
    add_data(target, meeting, partner, SMALL)
    small = _measure(client, target)
    add_data(target, meeting, partner, LARGE - SMALL)
    large = _measure(client, target)

    failures = []
    print(f"\n{'page':28} {'small ms':>9} {'large ms':>9} {'time x':>7} {'memory x':>9} target")
    for name, (small_time, small_peak) in small.items():
        large_time, large_peak = large[name]
        time_ratio = large_time / small_time
        memory_ratio = large_peak / small_peak
        target_ratio = CONSTANT_TARGET if name in CONSTANT else LINEAR_TARGET
        verdict = "ok" if max(time_ratio, memory_ratio) <= target_ratio else "MISSED"
        print(
            f"{name:28} {small_time * 1000:9.1f} {large_time * 1000:9.1f} "
            f"{time_ratio:7.2f} {memory_ratio:9.2f} <= {target_ratio:g}x {verdict}"
        )
        if verdict != "ok":
            failures.append(name)
    assert not failures, f"missed the growth target: {', '.join(failures)}"
