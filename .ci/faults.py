#!/usr/bin/env python3
"""Load with faults: public readers and officers saving progress updates at once, against
gunicorn and PostgreSQL with production settings, while a worker is killed and PostgreSQL is
restarted mid-run. Then it reports requests, responses by status, saves acknowledged and saves
found in the database, and fails if any acknowledged save is missing, any was stored twice, or any
response was a server error other than 503 (the answer while the database is away).

    make faults                       # runs: .ci/with-postgres .venv/bin/python .ci/faults.py
    make faults FAULTS_ARGS="--seconds 120 --readers 6"

It needs the throwaway cluster of .ci/with-postgres (DATABASE_URL, PGDATA, PG_BIN), and talks
only to 127.0.0.1. Officers sign in through the admin's sign-in form and save through the admin's
own add form, as a browser would: the form is read from the page and posted back.
"""

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "127.0.0.1"
#: The demo's officers (outcomes/demo/loader.py) and their published password.
OFFICERS = ["telford-editor", "telford-publisher", "stoke-editor"]
DEMO_PASSWORD = "demo-password-1"  # noqa: S105
RATINGS = ["on_track", "at_risk", "complete", "off_track", "not_started"]
PUBLIC_PAGES = ["/", "/strategies/", "/strategies/?q=family", "/councils/", "/data/", "/healthz"]
ADD_UPDATE = "/admin/outcomes/progressupdate/add/"


class NoResponse(Exception):
    """The connection closed or timed out before an answer came (a killed worker)."""


class Tally:
    """Every request's outcome, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.answers = []  # (started, status or None), in seconds from the start
        self.acknowledged = set()
        self.attempted = 0
        self.refused = collections.Counter()
        self.unanswered = 0
        self.start = time.monotonic()
        self.numbers = iter(range(1, sys.maxsize))

    def next_number(self):
        with self.lock:
            return next(self.numbers)

    def now(self):
        return time.monotonic() - self.start

    def record(self, started, status):
        with self.lock:
            self.statuses[status if status is not None else "no response"] += 1
            self.answers.append((started, status))


class Browser:
    """One visitor: a keep-alive connection and its cookies. Cookies are kept by hand because
    production marks them Secure, and this talks plain HTTP on the loopback."""

    def __init__(self, port, tally):
        self.port = port
        self.tally = tally
        self.cookies = {}
        self.connection = None

    def request(self, method, path, fields=None):
        started = self.tally.now()
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            self.tally.record(started, None)
            raise NoResponse(str(exc)) from exc
        self.tally.record(started, response.status)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.getheader("Location", ""), text

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class FormReader(HTMLParser):
    """The fields a browser would post from the form with this id: inputs, the chosen option of
    each select, textareas; not buttons or unticked boxes."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = {}
        self.select = None
        self.first_option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.fields[self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            self.fields.setdefault(self.select, self.first_option or "")
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


# --- the people ---------------------------------------------------------------------------------


def reader(port, tally, pages, stop):
    browser = Browser(port, tally)
    chooser = random.Random()  # noqa: S311 (which page to read next, not a secret)
    while not stop.is_set():
        try:
            browser.request("GET", chooser.choice(pages))
        except NoResponse:
            time.sleep(0.05)


def sign_in(browser, username, stop):
    while not stop.is_set():
        try:
            status, _, page = browser.request("GET", "/admin/login/?next=/admin/")
            if status == 200:
                fields = form_fields(page, "login-form")
                fields.update(username=username, password=DEMO_PASSWORD)
                status, location, _ = browser.request("POST", "/admin/login/", fields)
                if status == 302 and "/admin/login/" not in location:
                    return True
        except NoResponse:
            pass
        time.sleep(0.5)
    return False


def officer(port, tally, username, work, run_id, stop):
    """Saves one new progress update after another through the admin's add form, each for an
    objective and quarter that has none."""
    browser = Browser(port, tally)
    if not sign_in(browser, username, stop):
        return
    for objective, quarter in work:
        if stop.is_set():
            return
        try:
            status, location, page = browser.request("GET", ADD_UPDATE)
            if status == 302 and "/admin/login/" in location:
                sign_in(browser, username, stop)
                continue
            if status != 200:
                time.sleep(0.2)
                continue
            number = tally.next_number()
            rating = RATINGS[number % len(RATINGS)]
            fields = form_fields(page, "progressupdate_form")
            fields.update(
                objective=str(objective),
                period=quarter,
                rating=rating,
                commentary=f"Fault run {run_id}, save {number}: the family hubs opened on time.",
                next_steps="The lead reports a recovery plan next month.",
            )
            fields.pop("_addanother", None)
            fields.pop("_continue", None)
            with tally.lock:
                tally.attempted += 1
            try:
                status, location, page = browser.request("POST", ADD_UPDATE, fields)
            except NoResponse:
                with tally.lock:
                    tally.unanswered += 1
                continue
            if status == 302 and urlsplit(location).path != ADD_UPDATE:
                with tally.lock:
                    tally.acknowledged.add(number)
            else:
                with tally.lock:
                    tally.refused[status] += 1
        except NoResponse:
            time.sleep(0.2)


# --- the site and its database --------------------------------------------------------------------


def app_env(static_root):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        # Officers sign in with the right password, which resets the count; a wrong one from a
        # dropped connection must not lock them out mid-run.
        SIGN_IN_FAILURE_LIMIT="1000",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 - this project's manage.py, arguments we build
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def ask_database(env, code):
    """Run `code` in Django's shell; it prints one JSON value, which is returned."""
    output = manage(env, "shell", "--no-imports", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


PLAN = """
import json
from django.contrib.auth import get_user_model
from outcomes.models import Objective, ProgressUpdate
plan = {}
for username in %r:
    user = get_user_model().objects.get(username=username)
    plan[username] = {
        objective.pk: [
            day.isoformat()
            for day in ProgressUpdate.objects.filter(objective=objective).values_list(
                "period_start", flat=True
            )
        ]
        for objective in Objective.objects.for_officer(user).order_by("pk")
    }
print(json.dumps(plan))
"""

FOUND = """
import json
from outcomes.models import ProgressUpdate
print(json.dumps(list(ProgressUpdate.objects.filter(
    commentary__startswith=%r).values_list("commentary", flat=True))))
"""


def quarters_back(count):
    """The first days of the last `count` financial quarters, newest first."""
    today = time.localtime()
    year, month = today.tm_year, ((today.tm_mon - 1) // 3) * 3 + 1
    starts = []
    for _ in range(count):
        month -= 3
        if month < 1:
            month += 12
            year -= 1
        starts.append(f"{year}-{month:02d}-01")
    return starts


def work_for(plan):
    """Each officer's (objective, quarter) pairs with no update yet, newest quarter first. An
    objective two officers may both update goes to one of them, so neither refuses the other's
    save as a second update for the same quarter."""
    owners = collections.defaultdict(list)
    for username, objectives in plan.items():
        for pk in objectives:
            owners[pk].append(username)
    assigned = {username: [] for username in plan}
    for pk, names in sorted(owners.items()):
        assigned[min(names, key=lambda name: len(assigned[name]))].append(pk)
    return {
        username: [
            (int(pk), quarter)
            for quarter in quarters_back(120)
            for pk in objectives
            if quarter not in plan[username][pk]
        ]
        for username, objectives in assigned.items()
    }


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": f"{HOST}:{port}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz")


def workers_of(master):
    """The pids of a process's children, read from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


def restart_postgresql():
    pgdata = os.environ["PGDATA"]
    command = [
        str(Path(os.environ["PG_BIN"]) / "pg_ctl"),
        *("-D", pgdata, "-m", "fast", "-w", "-l", str(Path(pgdata).parent / "server.log")),
        "restart",
    ]
    if os.getuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(  # noqa: S603 - PostgreSQL's own tool, arguments we build
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def public_pages(port):
    """The fixed pages and every page the sitemap lists."""
    tally = Tally()
    status, _, xml = Browser(port, tally).request("GET", "/sitemap.xml")
    pages = list(PUBLIC_PAGES)
    if status == 200:
        for chunk in xml.split("<loc>")[1:]:
            pages.append(urlsplit(chunk.split("</loc>", 1)[0]).path)
    return pages


# --- the run ---------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long the load runs")
    parser.add_argument("--readers", type=int, default=4, help="public readers at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    options = parser.parse_args()
    for name in ("DATABASE_URL", "PGDATA", "PG_BIN"):
        if not os.environ.get(name, "").startswith(("postgres", "/")):
            sys.exit(f"{name} is not set: run this through .ci/with-postgres (make faults)")

    workdir = Path(tempfile.mkdtemp(prefix="strategy-tracker-faults-"))
    env = app_env(workdir / "static")
    print("Preparing: migrate, collectstatic, load_demo --force", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", "--force")
    run_id = uuid.uuid4().hex[:8]
    work = work_for(ask_database(env, PLAN % (OFFICERS,)))

    port = free_port()
    log_path = workdir / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, arguments we build
            [
                GUNICORN,
                "strategy_tracker.wsgi",
                *("--bind", f"{HOST}:{port}", "--workers", str(options.workers)),
                *("--timeout", "30", "--graceful-timeout", "5"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    events = []
    try:
        wait_until_up(port)
        pages = public_pages(port)
        tally = Tally()
        stop = threading.Event()
        threads = [
            threading.Thread(target=reader, args=(port, tally, pages, stop))
            for _ in range(options.readers)
        ] + [
            threading.Thread(target=officer, args=(port, tally, name, work[name], run_id, stop))
            for name in OFFICERS
        ]
        for thread in threads:
            thread.start()
        print(
            f"Running {options.seconds} s: {options.readers} public readers, "
            f"{len(OFFICERS)} officers saving progress updates, gunicorn with "
            f"{options.workers} workers on {HOST}:{port}",
            flush=True,
        )
        time.sleep(options.seconds * 0.3)
        workers = workers_of(server.pid)
        if not workers:
            sys.exit("gunicorn has no workers to kill")
        # The master's own child, by its pid: the master starts another in its place.
        os.kill(workers[0], signal.SIGKILL)
        events.append((tally.now(), f"killed gunicorn worker {workers[0]} (SIGKILL)"))
        time.sleep(options.seconds * 0.3)
        began = tally.now()
        restart_postgresql()
        back = tally.now()
        events.append(
            (began, f"restarted PostgreSQL (pg_ctl restart -m fast, {back - began:.1f} s)")
        )
        time.sleep(max(0.0, options.seconds - tally.now()))
        stop.set()
        for thread in threads:
            thread.join()
        replaced = [pid for pid in workers_of(server.pid) if pid not in workers]
        events.append((tally.now(), f"gunicorn's workers at the end: new {replaced or 'none'}"))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    marker = f"Fault run {run_id}, save "
    stored = collections.Counter(
        int(text.removeprefix(marker).split(":", 1)[0])
        for text in ask_database(env, FOUND % (marker,))
    )
    log_text = log_path.read_text(errors="replace")
    status = report(tally, events, stored, back, log_text)
    if status == 0:
        shutil.rmtree(workdir)
    else:
        print(f"gunicorn's log is kept in {log_path}")
    return status


def report(tally, events, stored, back, log_text):
    total = sum(tally.statuses.values())
    missing = sorted(tally.acknowledged - set(stored))
    doubled = sorted(number for number, count in stored.items() if count > 1)
    after = [status for started, status in tally.answers if started >= back]
    after_errors = sum(1 for status in after if status is None or status >= 500)
    print("\nFaults:")
    for at, what in events:
        print(f"  at {at:5.1f} s  {what}")
    print(f"\nRequests: {total}")
    print("Responses by status:")
    for status, count in sorted(tally.statuses.items(), key=lambda item: str(item[0])):
        print(f"  {status}: {count}")
    print(
        f"\nSaves: {tally.attempted} posted, {len(tally.acknowledged)} acknowledged, "
        f"{sum(tally.refused.values())} not acknowledged "
        f"({', '.join(f'{s}: {c}' for s, c in sorted(tally.refused.items())) or 'none'}), "
        f"{tally.unanswered} unanswered"
    )
    found = len(tally.acknowledged & set(stored))
    print(f"Acknowledged saves found in the database: {found} of {len(tally.acknowledged)}")
    print(
        f"Saves in the database that were never acknowledged: {len(set(stored) - tally.acknowledged)}"
    )
    print(
        f"Requests started after PostgreSQL was back: {len(after)}, "
        f"of which {after_errors} failed (5xx or no response)"
    )
    print(
        f"Server log: {log_text.count('Traceback')} tracebacks, "
        f"{log_text.count('Database unavailable')} outage lines"
    )
    failures = []
    # 503 is the answer while the database is away; any other 5xx is a failure.
    errors = {s: c for s, c in tally.statuses.items() if s != "no response" and s >= 500}
    errors.pop(503, None)
    if errors:
        failures.append(f"server errors: {errors}")
    if missing:
        failures.append(f"acknowledged saves missing from the database: {missing}")
    if doubled:
        failures.append(f"saves stored twice: {doubled}")
    if not tally.acknowledged:
        failures.append("no save was acknowledged, so nothing was tested")
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        return 1
    print("\nPASSED: every acknowledged save is in the database and nothing answered 500")
    return 0


if __name__ == "__main__":
    sys.exit(main())
