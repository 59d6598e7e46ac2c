"""Behind nginx, as .ci/nginx.conf configures it, the whole-dataset files are sent by nginx: the
app only names the file. A client gets the same bytes and the same headers as from the app
alone, conditional requests still answer 304, and the files' internal addresses are closed."""

import gzip
import http.client
import json
import zipfile
from io import BytesIO

import pytest
from django.utils.http import http_date

from public.opendata import bulk
from tests.conftest import skip_unless_available
from tests.live_servers import HOST, NGINX, gunicorn_servers, nginx_in_front, server_env
from tests.public.showcase import build_showcase

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(tmp_path, settings, require_postgresql, council_a):
    skip_unless_available(
        NGINX, "nginx is not installed: nginx-light sends the whole-dataset files in production"
    )
    build_showcase(council_a)
    open_data = tmp_path / "open-data"
    # So that bulk.current() here reads the builds the server writes.
    settings.OPEN_DATA_DIR = open_data
    env = server_env(
        OPEN_DATA_DIR=str(open_data),
        OPEN_DATA_ACCEL_REDIRECT="/_open_data/",
        SPREADSHEET_UPLOAD_DIR=str(tmp_path / "uploads"),
    )
    with (
        gunicorn_servers(1, env) as (app_port,),
        nginx_in_front(app_port, open_data, tmp_path / "nginx") as port,
    ):
        yield port, app_port


def fetch(port, path, **headers):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": f"{HOST}:{port}", **headers})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_the_app_names_the_file_and_sends_no_body(site):
    _, app_port = site
    status, headers, body = fetch(app_port, "/data/all.json", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert body == b""
    assert headers["X-Accel-Redirect"].startswith("/_open_data/build-")
    assert headers["X-Accel-Redirect"].endswith("/all.json.gz")


def test_nginx_sends_the_compressed_json_with_the_apps_headers(site):
    port, _ = site
    status, headers, body = fetch(port, "/data/all.json", **{"Accept-Encoding": "gzip"})
    assert status == 200, body
    build = bulk.current()
    assert body == build.path(bulk.JSON_NAME + ".gz").read_bytes()
    assert json.loads(gzip.decompress(body))["strategies"]
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "application/json"
    assert headers["Content-Disposition"] == 'attachment; filename="strategy-tracker.json"'
    assert headers["ETag"] == f'"{build.etags["json"]}-gzip"'
    assert "Accept-Encoding" in headers["Vary"]
    assert headers["Cache-Control"] == "public, no-cache"
    assert len(headers.get_all("ETag")) == 1
    assert len(headers.get_all("Last-Modified")) == 1
    assert "X-Accel-Redirect" not in headers


def test_nginx_sends_plain_json_and_the_zip_to_clients_that_ask_for_them(site):
    port, _ = site
    status, headers, body = fetch(port, "/data/all.json")
    assert status == 200
    assert "Content-Encoding" not in headers
    assert json.loads(body)["strategies"]
    status, headers, body = fetch(port, "/data/all-csv.zip")
    assert status == 200
    assert headers["Content-Type"] == "application/zip"
    assert headers["Content-Disposition"] == 'attachment; filename="strategy-tracker-csv.zip"'
    assert zipfile.ZipFile(BytesIO(body)).namelist()


@pytest.mark.parametrize("path", ["/data/all.json", "/data/all-csv.zip"])
def test_a_client_holding_the_build_gets_304_through_nginx(site, path):
    port, _ = site
    _, first, _ = fetch(port, path)
    status, _, body = fetch(port, path, **{"If-None-Match": first["ETag"]})
    assert (status, body) == (304, b"")
    status, _, body = fetch(port, path, **{"If-Modified-Since": first["Last-Modified"]})
    assert (status, body) == (304, b"")


def test_last_modified_is_the_builds_time_as_the_app_gives_it(site):
    port, _ = site
    _, headers, _ = fetch(port, "/data/all-csv.zip")
    assert headers["Last-Modified"] == http_date(bulk.current().built_at.timestamp())


def test_no_client_can_ask_for_the_internal_addresses(site):
    port, _ = site
    fetch(port, "/data/all.json")
    folder = bulk.current().folder.name
    status, _, _ = fetch(port, f"/_open_data/{folder}/all.json")
    assert status == 404
