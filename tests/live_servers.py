"""Real app servers for tests that need more than one: gunicorn processes on loopback ports, all
on the test database and the one Redis the test run started, nginx in front of one as a
deployment runs it, and a small HTTP client that keeps its own cookies and reads forms as a
browser would post them."""

import getpass
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
NGINX_CONF = ROOT / ".ci" / "nginx.conf"
#: Debian installs nginx in /usr/sbin, which a user's PATH may leave out.
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(**extra):
    """The settings every server shares: the test database, the shared cache, one folder for
    the whole-dataset files and spreadsheet uploads."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_ENV="development",
        DEBUG="false",
        SECRET_KEY=uuid.uuid4().hex * 2,
        DATABASE_URL=f"postgres:///{connection.settings_dict['NAME']}",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@contextmanager
def gunicorn_servers(count, env):
    """`count` gunicorn servers, one worker each, answering /healthz; stopped however the test
    ends."""
    servers = []
    try:
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(
                [GUNICORN, "strategy_tracker.wsgi", "--workers", "1", "--bind", f"{HOST}:{port}"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            servers.append((port, process))
        for port, process in servers:
            wait_until_up(port, process)
        yield [port for port, _ in servers]
    finally:
        for _, process in servers:
            process.terminate()
        for _, process in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def nginx_in_front(app_port, open_data_dir, run_dir):
    """nginx on a free port, configured by .ci/nginx.conf: it passes requests to the app on
    `app_port` and sends the whole-dataset files from `open_data_dir` itself. Yields its port."""
    run_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = NGINX_CONF.read_text()
    for mark, value in {
        "@USER@": getpass.getuser(),
        "@RUN_DIR@": str(run_dir),
        "@PORT@": str(port),
        "@APP_PORT@": str(app_port),
        "@OPEN_DATA_DIR@": str(Path(open_data_dir).resolve()),
    }.items():
        config = config.replace(mark, value)
    (run_dir / "nginx.conf").write_text(config)
    process = subprocess.Popen(
        [NGINX or "nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e", "stderr"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(port, process, name="nginx")
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(port, process, seconds=60, name="gunicorn"):
    """Return once the server on `port` answers /healthz; raise if `process` stops first or it
    has not answered in `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read() if process.stderr else "see its log"
            raise RuntimeError(f"{name} stopped:\n{said}")
        try:
            if Browser(port).get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer /healthz")


class Browser:
    """One visitor to one server: keeps cookies, follows nothing by itself."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None):
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{HOST}:{self.port}"
        connection_ = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection_.request(method, path, body=body, headers=headers)
            response = connection_.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection_.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, fields)


class _Forms(HTMLParser):
    """The fields a browser would post from each form, by the form's action."""

    def __init__(self):
        super().__init__()
        self.forms = {}
        self.fields = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.fields = self.forms.setdefault(attrs.get("action") or "", [])
            return
        if self.fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_fields(html, action=""):
    """The fields of the form posting to `action` ("" for a form posting to its own page), as a
    list of (name, value) pairs, repeats kept."""
    reader = _Forms()
    reader.feed(html)
    return [tuple(pair) for pair in reader.forms[action]]


def sign_in(browser, username, password, path="/admin/login/"):
    _, _, page = browser.get(path)
    reader = _Forms()
    reader.feed(page)
    (form,) = [f for f in reader.forms.values() if any(n == "password" for n, _ in f)]
    fields = dict(form)
    fields.update(username=username, password=password)
    status, _, _ = browser.post(path, fields)
    assert status == 302, f"{username} could not sign in at {path}"
