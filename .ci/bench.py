"""make bench: throughput and latency of every kind of page under load, with /healthz as the
ceiling, on the demo data and then with the national dataset added, in one run.

Run by `make bench` under .ci/with-postgres and .ci/with-redis. Starts gunicorn (2 workers) with
production settings behind nginx as .ci/nginx.conf configures it (nginx sends the whole-dataset
files), drives each page with wrk at concurrency 8, samples the workers' memory
while it does, and prints and writes bench/results.md: requests per second, p50/p95/p99,
errors, the ratio to /healthz in the same run and to the same page on the demo data, and the
peak worker memory. Public pages are measured cached (as served) and uncached
(PAGE_CACHE_SECONDS=0). It fails only on errors, never on timings: timings belong in the report.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.live_servers import (  # noqa: E402 - after ROOT is importable
    HOST,
    NGINX,
    free_port,
    nginx_in_front,
    wait_until_up,
)

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
DEMO_PASSWORD = "demo-password-1"  # noqa: S105 - the demo accounts' published password
COMMON_WORD = "family"
RARE_WORD = "Together4Children"
RESULTS = ROOT / "bench" / "results.md"
#: The pace of a download "as people make them": 2 MB/s, a 16 Mbit/s line.
PACED_BYTES_PER_SECOND = 2_000_000

# Reports the numbers wrk's own summary leaves out (p95) as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "errors": %d, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def app_env(workdir, **extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        OPEN_DATA_DIR=str(workdir / "open-data"),
        OPEN_DATA_ACCEL_REDIRECT="/_open_data/",
        SITE_URL=f"http://{HOST}",
        SIGN_IN_FAILURE_LIMIT="1000",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def manage(env, *args):
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - this project's manage.py, arguments we build
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    print(f"  manage.py {args[0]}: {time.monotonic() - started:.0f} s", flush=True)
    return result.stdout


class Server:
    """gunicorn with production settings behind nginx; its workers' memory sampled on demand.
    `port` is nginx's, where every request is sent, as in a deployment."""

    def __init__(self, env, workers, log_path, workdir):
        self.app_port = free_port()
        self.log = open(log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, arguments we build
            [
                GUNICORN,
                "strategy_tracker.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"{HOST}:{self.app_port}",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        try:
            wait_until_up(self.app_port, self.process)
        except RuntimeError as error:
            sys.exit(str(error))
        self.proxy = contextlib.ExitStack()
        self.port = self.proxy.enter_context(
            nginx_in_front(self.app_port, env["OPEN_DATA_DIR"], workdir / "nginx")
        )

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.proxy.close()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class PacedDownloads:
    """Clients downloading `path` over and over at a set speed, as people on real lines do: a
    slow client keeps whatever sends it the file busy for seconds, where wrk's take milliseconds."""

    def __init__(self, port, path, *, clients, bytes_per_second):
        self.port = port
        self.path = path
        self.bytes_per_second = bytes_per_second
        self.finished = 0
        self.errors = 0
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._keep_downloading) for _ in range(clients)]
        for thread in self.threads:
            thread.start()

    def _keep_downloading(self):
        while not self.stopping.is_set():
            try:
                if self._download() is False:
                    self.errors += 1
            except OSError:
                self.errors += 1

    def _download(self):
        """True when the whole file came at 200, False on another status, None if stopped."""
        with socket.socket() as sock:
            # A small window, as over a real network: the kernel cannot swallow the whole file.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
            sock.settimeout(60)
            sock.connect((HOST, self.port))
            sock.sendall(
                f"GET {self.path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode()
            )
            started = time.monotonic()
            received = 0
            first = b""
            while chunk := sock.recv(16 * 1024):
                if not first:
                    first = chunk
                received += len(chunk)
                ahead = received / self.bytes_per_second - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
                if self.stopping.is_set():
                    return None
        if not first.startswith(b"HTTP/1.1 200"):
            return False
        self.finished += 1
        return True

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def rss_mb(pid):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", text)
    return int(match.group(1)) / 1024 if match else 0.0


def request(port, method, path, fields=None, cookies=None):
    headers = {"Host": f"{HOST}:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if fields is not None:
        body = urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
    finally:
        connection.close()
    set_cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        set_cookies[name] = rest.split(";", 1)[0]
    return response.status, response.headers, text, set_cookies


def sign_in(port, username, path):
    """A session cookie for `username`, through the site's own sign-in form at `path`."""
    status, _, page, cookies = request(port, "GET", path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _, _, more = request(
        port,
        "POST",
        path,
        {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD},
        cookies,
    )
    if status != 302 or "sessionid" not in more:
        sys.exit(f"could not sign in as {username} (status {status})")
    return {"sessionid": more["sessionid"]}


def wrk(port, path, *, seconds, connections=8, headers=(), script):
    command = [
        "wrk",
        f"-t{min(connections, 2)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        script,
    ]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://{HOST}:{port}{path}")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603


def finish(process):
    out, err = process.communicate()
    match = re.search(r"^BENCH (.*)$", out, re.M)
    if not match:
        sys.exit(f"wrk gave no summary:\n{out}{err}")
    return json.loads(match.group(1))


def measure(server, path, *, seconds, script, headers=(), alongside=None, paced=None):
    """One page under load; `alongside` (path, connections, headers) runs a second load on the
    same server at the same time, as when downloads run while others browse; `paced` (path,
    clients) adds clients downloading at PACED_BYTES_PER_SECOND."""
    status = request(server.port, "GET", path, cookies=_cookie_dict(headers))[0]
    peak = 0.0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            for pid in server.workers():
                peak = max(peak, rss_mb(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    other = None
    connections = 8
    if alongside is not None:
        other_path, other_connections, other_headers = alongside
        connections -= other_connections
        other = wrk(
            server.port,
            other_path,
            seconds=seconds,
            connections=other_connections,
            headers=other_headers,
            script=script,
        )
    downloads = None
    if paced is not None:
        paced_path, clients = paced
        downloads = PacedDownloads(
            server.port, paced_path, clients=clients, bytes_per_second=PACED_BYTES_PER_SECOND
        )
    load = wrk(
        server.port, path, seconds=seconds, connections=connections, headers=headers, script=script
    )
    result = finish(load)
    if other is not None:
        other_result = finish(other)
        result["errors"] += other_result["errors"]
    if downloads is not None:
        downloads.stop()
        result["errors"] += downloads.errors
        result["downloads"] = downloads.finished
    stop.set()
    sampler.join()
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    result["memory"] = peak
    result["status"] = status
    return result


def _cookie_dict(headers):
    for header in headers:
        if header.lower().startswith("cookie:"):
            return dict(part.strip().split("=", 1) for part in header.split(":", 1)[1].split(";"))
    return None


def addresses(env):
    """The demo pages measured, found in the database rather than written down."""
    code = """
import json
from django.urls import NoReverseMatch, reverse
from strategies.models import Strategy, Meeting
from outcomes.models import Aim, Indicator, Measurement, Objective, ProgressUpdate
s = Strategy.objects.public().filter(lead_council__slug="telford-and-wrekin").order_by("-start_year").first()
meeting = Meeting.objects.filter(board__members__user__username="telford-board").order_by("-date").first()
out = {"strategy": s.get_absolute_url(), "council": s.lead_council.get_absolute_url(),
       "board": reverse("boards:detail", args=[meeting.board.slug]), "meeting": meeting.get_absolute_url()}
# The officer's change pages: one record of each kind from the same strategy.
objective = Objective.objects.filter(aim__strategy=s).first()
indicator = Indicator.objects.filter(objective__aim__strategy=s).first()
records = {
    "strategy": s,
    "objective": objective,
    "indicator": indicator,
    "measurement": Measurement.objects.filter(indicator=indicator).first(),
    "progressupdate": ProgressUpdate.objects.filter(objective__aim__strategy=s).first(),
}
out["admin"] = {
    name: reverse(f"admin:{record._meta.app_label}_{name}_change", args=[record.pk])
    for name, record in records.items()
    if record is not None
}
for name, model in (("aim", Aim), ("objective", Objective)):
    part = model.objects.filter(**({"strategy": s} if model is Aim else {"aim__strategy": s})).first()
    try:
        out[name] = part.get_absolute_url() if part and hasattr(part, "get_absolute_url") else None
    except NoReverseMatch:
        out[name] = None
print(json.dumps(out))
"""
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def pages(found):
    """(name, path, kind): public pages are measured cached and uncached; board and admin
    pages (never cached: they are private) once, signed in."""
    listed = [
        ("/healthz", "/healthz", "ceiling"),
        ("home", "/", "public"),
        ("councils", "/councils/", "public"),
        ("a council", found["council"], "public"),
        ("strategies", "/strategies/", "public"),
        # The same rows on both datasets: the full list shows a page of 20 at scale 1 but every
        # strategy (fewer) on the demo data.
        ("one council's strategies", "/strategies/?council=telford-and-wrekin", "public"),
        (f"search '{COMMON_WORD}'", f"/strategies/?q={COMMON_WORD}", "public"),
        (f"search '{RARE_WORD}'", f"/strategies/?q={quote(RARE_WORD)}", "public"),
        ("a strategy", found["strategy"], "public"),
        ("its CSV", found["strategy"] + "data.csv", "public"),
        ("all.json (gzip)", "/data/all.json", "download"),
        ("all-csv.zip", "/data/all-csv.zip", "download"),
    ]
    for name in ("aim", "objective"):
        # Only where they are pages of their own, not places on the strategy's page.
        if found.get(name) and "#" not in found[name]:
            listed.append((f"an {name} page", found[name], "public"))
    listed += [
        ("board dashboard", found["board"], "board"),
        ("board meeting", found["meeting"], "board"),
        ("admin strategies", "/admin/strategies/strategy/", "admin"),
        ("admin objectives", "/admin/outcomes/objective/", "admin"),
        ("admin indicators", "/admin/outcomes/indicator/", "admin"),
        ("admin measurements", "/admin/outcomes/measurement/", "admin"),
        ("admin progress updates", "/admin/outcomes/progressupdate/", "admin"),
    ]
    record_names = {
        "strategy": "a strategy",
        "objective": "an objective",
        "indicator": "an indicator",
        "measurement": "a measurement",
        "progressupdate": "a progress update",
    }
    listed += [
        (f"admin: {record_names[name]}", path, "admin") for name, path in found["admin"].items()
    ]
    return listed


def run_dataset(label, env, workdir, found, seconds, script, log_path):
    """Every page on one dataset: cached server first, then uncached for public pages."""
    results = {}
    for cached in (True, False):
        server_env = dict(env, PAGE_CACHE_SECONDS="3600" if cached else "0")
        server = Server(server_env, workers=2, log_path=log_path, workdir=workdir)
        try:
            sessions = {
                "board": sign_in(server.port, "telford-board", "/accounts/sign-in/"),
                "admin": sign_in(server.port, "telford-editor", "/admin/login/"),
            }
            for name, path, kind in pages(found):
                if not cached and kind not in ("public", "ceiling"):
                    continue
                headers = []
                if kind in sessions:
                    cookie = "; ".join(f"{k}={v}" for k, v in sessions[kind].items())
                    headers.append(f"Cookie: {cookie}")
                if kind == "download":
                    headers.append("Accept-Encoding: gzip")
                key = (name, "cached" if cached and kind == "public" else "")
                if kind == "public" and not cached:
                    key = (name, "uncached")
                print(f"  {label}: {name} {key[1]}".rstrip(), flush=True)
                results[key] = measure(
                    server, path, seconds=seconds, script=script, headers=headers
                )
                results[key]["kind"] = kind
            if cached:
                print(f"  {label}: home while all.json downloads run", flush=True)
                speed = PACED_BYTES_PER_SECOND / 1e6
                key = (f"home while 2 all.json downloads run at {speed:g} MB/s", "cached")
                results[key] = measure(
                    server, "/", seconds=seconds, script=script, paced=("/data/all.json", 2)
                )
                results[key]["kind"] = "public"
                key = ("home while 2 all.json downloads run flat out", "cached")
                results[key] = measure(
                    server,
                    "/",
                    seconds=seconds,
                    script=script,
                    alongside=("/data/all.json", 2, ["Accept-Encoding: gzip"]),
                )
                results[key]["kind"] = "public"
        finally:
            server.stop()
    return results


def table(demo, national):
    """The rows for the pages measured in `national`, each against the same page in `demo`
    (which may be empty: the demo data's own table)."""
    ceiling = national[("/healthz", "")]["rps"]
    demo_ceiling = demo[("/healthz", "")]["rps"] if demo else None
    lines = [
        "| page | | req/s | p50 ms | p95 ms | p99 ms | errors | × /healthz | × demo | worker MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    errors = 0
    for key, result in national.items():
        name, how = key
        errors += result["errors"] + (result["status"] >= 500)
        base = demo.get(key)
        versus_demo = (
            f"{(result['rps'] / ceiling) / (base['rps'] / demo_ceiling):.2f}"
            if base and base["rps"]
            else "–"
        )
        lines.append(
            f"| {name} | {how} | {result['rps']:.1f} | {result['p50']:.0f} | "
            f"{result['p95']:.0f} | {result['p99']:.0f} | {result['errors']} | "
            f"{result['rps'] / ceiling:.3f} | {versus_demo} | {result['memory']:.0f} |"
        )
    for result in demo.values():
        errors += result["errors"] + (result["status"] >= 500)
    return lines, errors


def targets(national):
    ceiling = national[("/healthz", "")]["rps"]
    missed = []
    for (name, how), result in national.items():
        share = result["rps"] / ceiling
        if result["kind"] == "public" and how == "cached" and share < 0.5:
            missed.append(f"{name} (cached): {share:.2f} of /healthz, target 0.5")
        if result["kind"] == "public" and how == "uncached" and share < 0.1:
            missed.append(f"{name} (uncached): {share:.3f} of /healthz, target 0.1")
        if result["kind"] in ("board", "admin") and result["p95"] >= 300:
            missed.append(f"{name}: p95 {result['p95']:.0f} ms, target under 300 ms")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--scale", default="1", help="national dataset scale (1 = 150 councils)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench installs it)")
    if not NGINX:
        sys.exit("nginx is not installed: apt-get install nginx-light (make bench installs it)")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("run under .ci/with-postgres (make bench does)")
    if not os.environ.get("REDIS_URL"):
        sys.exit("run under .ci/with-redis (make bench does)")
    workdir = Path(tempfile.mkdtemp(prefix="strategy-tracker-bench."))
    script = str(workdir / "report.lua")
    Path(script).write_text(WRK_SCRIPT)
    log_path = workdir / "gunicorn.log"
    env = app_env(workdir)
    started = time.monotonic()
    print("Setting up the demo data", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--force")
    manage(env, "build_open_data")
    found = addresses(env)
    print("Measuring on the demo data", flush=True)
    demo = run_dataset("demo", env, workdir, found, args.seconds, script, log_path)
    print(f"Adding the national dataset (scale {args.scale})", flush=True)
    generating = time.monotonic()
    manage(env, "generate_national", "--scale", args.scale, "--force")
    generated_in = time.monotonic() - generating
    print(f"generate_national --scale {args.scale} took {generated_in:.0f} s", flush=True)
    manage(env, "build_open_data")
    print("Measuring with the national dataset", flush=True)
    national = run_dataset("national", env, workdir, found, args.seconds, script, log_path)
    lines, errors = table(demo, national)
    missed = targets(national)
    report = [
        "# make bench",
        "",
        f"gunicorn, 2 workers, production settings, behind nginx as `.ci/nginx.conf` "
        "configures it (nginx sends the whole-dataset files); PostgreSQL and Redis on this "
        f"machine; wrk at concurrency 8 for {args.seconds} s a page. Demo data, then with the national "
        f"dataset at scale {args.scale} added (timings below are with it). Public pages are "
        "measured as served (cached) and with page caching off (uncached). Signed in as "
        "telford-board for board pages and telford-editor for the admin. "
        "`× /healthz` is the page's requests per second over /healthz's in the same run; "
        "`× demo` is that share over the same page's share on the demo data (1.00: no slower "
        "as councils are added). Worker MB is the largest resident memory of a gunicorn "
        "worker while the page was under load. Downloads at "
        f"{PACED_BYTES_PER_SECOND / 1e6:g} MB/s are two clients reading all.json (gzip) at "
        "that pace, as people on real lines do, beside wrk's 8 connections to home; flat out "
        "is two of wrk's 8 connections downloading it as fast as loopback allows.",
        "",
        *lines,
        "",
        *[
            f"Paced downloads finished while {name} was measured: {result['downloads']}."
            for (name, _), result in national.items()
            if "downloads" in result
        ],
        "",
        "On the demo data alone, earlier in the same run:",
        "",
        *table({}, demo)[0],
        "",
        f"Errors: {errors}. generate_national --scale {args.scale} took {generated_in:.0f} s; "
        f"the run took {(time.monotonic() - started) / 60:.1f} minutes.",
        "",
        "Targets missed: " + ("none." if not missed else ""),
        *[f"- {line}" for line in missed],
        "",
    ]
    text = "\n".join(report)
    print(text)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text)
    print(f"Written to {RESULTS.relative_to(ROOT)}; gunicorn's log is {log_path}")
    if errors:
        sys.exit(f"{errors} errors: see the table")


if __name__ == "__main__":
    main()
