"""The whole-dataset downloads are files built away from the request: the same JSON as before,
compressed when the client accepts it, with validators so a client holding the current build
gets 304, rebuilt after any public change, and a CSV zip beside them."""

import gzip
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from outcomes import periods
from outcomes.queries import with_whole_strategy
from public.opendata import bulk
from public.opendata.data import strategy_data
from public.opendata.fields import LICENCE, LICENCE_URL
from strategies.models import Strategy
from tests.factories import make_aim, make_indicator, make_objective, make_strategy
from tests.public.showcase import build_showcase


@pytest.fixture
def showcase(council_a):
    return build_showcase(council_a)


def test_all_json_is_byte_for_byte_what_one_payload_would_be(client, showcase, council_b):
    make_strategy(council_b, status="published", title="Another council's plan")
    body = client.get("/data/all.json").getvalue()
    generated_at = json.loads(body)["generated_at"]
    request = RequestFactory().get("/data/all.json")
    today = periods.today_in_london()
    whole = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": generated_at,
        "strategies": [
            strategy_data(strategy, request, today)
            for strategy in with_whole_strategy(Strategy.objects.public())
        ],
    }
    assert body == json.dumps(whole, ensure_ascii=False).encode()
    assert len(whole["strategies"]) > 2


def test_all_json_is_sent_compressed_to_a_client_that_accepts_it(client, showcase):
    plain = client.get("/data/all.json")
    packed = client.get("/data/all.json", headers={"accept-encoding": "gzip, deflate, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(packed.getvalue()) == plain.getvalue()
    assert "Accept-Encoding" in packed["Vary"]
    assert packed["ETag"] != plain["ETag"]
    assert packed["Content-Disposition"] == 'attachment; filename="strategy-tracker.json"'


@pytest.mark.parametrize("path", ["/data/all.json", "/data/all-csv.zip"])
def test_a_client_holding_the_current_build_gets_304(client, showcase, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["Last-Modified"]
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert not again.getvalue() if again.streaming else not again.content
    since = client.get(path, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


@pytest.mark.parametrize("path", ["/data/all.json", "/data/all-csv.zip"])
def test_a_public_change_makes_a_new_build_on_the_next_request(client, showcase, path):
    first = client.get(path)
    showcase.title = "A renamed plan"
    showcase.save()
    after = client.get(path, headers={"if-none-match": first["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    body = after.getvalue()
    if path.endswith(".zip"):
        body = b"".join(
            zipfile.ZipFile(io.BytesIO(body)).read(name)
            for name in zipfile.ZipFile(io.BytesIO(body)).namelist()
        )
    assert "A renamed plan" in body.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("path", "headers", "name"),
    [
        ("/data/all.json", {"accept-encoding": "gzip"}, "all.json.gz"),
        ("/data/all.json", {}, "all.json"),
        ("/data/all-csv.zip", {}, "all-csv.zip"),
    ],
)
def test_behind_a_proxy_the_app_names_the_file_and_sends_nothing_itself(
    client, showcase, settings, path, headers, name
):
    sent_by_the_app = client.get(path, headers=headers)
    settings.OPEN_DATA_ACCEL_REDIRECT = "/_open_data/"
    named = client.get(path, headers=headers)
    assert named.status_code == 200
    assert named.content == b""
    folder = bulk.current().folder.name
    assert named["X-Accel-Redirect"] == f"/_open_data/{folder}/{name}"
    assert (bulk.current().folder / name).read_bytes() == sent_by_the_app.getvalue()
    for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified", "Vary"):
        assert named.get(header) == sent_by_the_app.get(header), header
    assert named.get("Content-Encoding") == sent_by_the_app.get("Content-Encoding")
    assert named["Cache-Control"] == sent_by_the_app["Cache-Control"]
    again = client.get(path, headers={**headers, "if-none-match": named["ETag"]})
    assert again.status_code == 304
    assert "X-Accel-Redirect" not in again


def test_each_file_is_dated_by_its_build(client, showcase):
    client.get("/data/all.json")
    build = bulk.current()
    for name in bulk.DOWNLOAD_NAMES:
        assert build.path(name).stat().st_mtime == build.built_at.timestamp()


def test_the_csv_zip_holds_each_public_strategys_own_csv(client, showcase, council_b):
    make_strategy(council_b, status="published", title="Another council's plan")
    make_strategy(council_b, status="draft", title="A hidden draft")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/all-csv.zip").getvalue()))
    public = list(Strategy.objects.public().select_related("lead_council"))
    assert sorted(archive.namelist()) == sorted(
        f"{s.lead_council.slug}-{s.slug}.csv" for s in public
    )
    for strategy in public:
        own = client.get(strategy.get_absolute_url() + "data.csv").content
        assert archive.read(f"{strategy.lead_council.slug}-{strategy.slug}.csv") == own
    assert "A hidden draft" not in str(archive.namelist())


def test_the_data_page_links_both_whole_dataset_files(client, db):
    html = client.get("/data/").content.decode()
    assert 'href="/data/all.json"' in html
    assert 'href="/data/all-csv.zip"' in html


def _strategy_with_parts(council, number):
    strategy = make_strategy(council, status="published", title=f"Plan {number}")
    objective = make_objective(make_aim(strategy), title=f"Objective {number}")
    make_indicator(objective)
    return strategy


def test_the_build_reads_a_batch_of_strategies_at_a_time(
    council_a, monkeypatch, django_assert_max_num_queries
):
    """Memory stays flat however many strategies there are, and the queries grow by a fixed
    number per batch, never per strategy."""
    monkeypatch.setattr(bulk, "BATCH", 2)
    for number in range(2):
        _strategy_with_parts(council_a, number)
    with CaptureQueriesContext(connection) as one_batch:
        bulk.build("http://testserver")
    for number in range(2, 6):
        _strategy_with_parts(council_a, number)
    with CaptureQueriesContext(connection) as three_batches:
        bulk.build("http://testserver")
    assert len(three_batches) <= 3 * len(one_batch)


def test_in_the_background_a_stale_build_is_served_while_the_next_is_started(
    client, showcase, settings, monkeypatch
):
    started = []
    monkeypatch.setattr(bulk, "start_background_build", lambda: started.append(True))
    settings.OPEN_DATA_BUILD = "background"
    settings.SITE_URL = "http://testserver"
    bulk.build()
    fresh = client.get("/data/all.json")
    assert fresh.status_code == 200
    assert started == []
    showcase.title = "Renamed while nobody built"
    showcase.save()
    stale = client.get("/data/all.json")
    assert stale.status_code == 200
    assert stale["ETag"] == fresh["ETag"]
    assert started  # the change and the request both asked for a build


def test_in_the_background_before_the_first_build_the_download_says_to_come_back(
    client, settings, monkeypatch
):
    monkeypatch.setattr(bulk, "start_background_build", lambda: None)
    settings.OPEN_DATA_BUILD = "background"
    response = client.get("/data/all.json")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "being prepared" in response.content.decode()


def test_one_builder_at_a_time(db):
    cache.add(bulk.LOCK_KEY, "another builder", 60)
    assert bulk.build_while_out_of_date() is None
    cache.delete(bulk.LOCK_KEY)
    assert bulk.build_while_out_of_date() == 1
    assert bulk.build_while_out_of_date(always=False) == 0
