"""The whole public dataset as files: `/data/all.json` and `/data/all-csv.zip`.

Built away from the page workers (by `manage.py build_open_data`, which a change starts in its
own process) a few strategies at a time, written to OPEN_DATA_DIR and served from there as files:
a download costs a page worker a file handle, not a national dataset in memory. Each build is
stamped with the site's generation (councils/caching.py), so a download knows when a change has
made it out of date and asks for the next one; meanwhile it serves the last finished build."""

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from councils.caching import CACHE_ERRORS, generation
from outcomes import periods
from outcomes.queries import with_whole_strategy
from strategies.models import Strategy

from .data import strategy_data
from .fields import LICENCE, LICENCE_URL
from .rows import write_csv

logger = logging.getLogger("strategy_tracker.opendata")

MANIFEST = "manifest.json"
JSON_NAME = "all.json"
ZIP_NAME = "all-csv.zip"
#: The names a download is saved under, as before these were files.
DOWNLOAD_NAMES = {
    JSON_NAME: "strategy-tracker.json",
    JSON_NAME + ".gz": "strategy-tracker.json",
    ZIP_NAME: "strategy-tracker-csv.zip",
}
#: Strategies read at once: enough to keep the queries few, few enough to keep memory flat.
BATCH = 20
LOCK_KEY = "open-data-build"
#: Seconds a build may hold the lock without touching it before another may start.
LOCK_SECONDS = 120


@dataclass(frozen=True)
class Build:
    folder: Path
    generation: int | None
    origin: str
    built_at: dt.datetime
    etags: dict

    def path(self, name):
        return self.folder / name


class _Origin:
    """What strategy_data needs of a request when there is none: absolute addresses."""

    def __init__(self, origin):
        self.origin = origin.rstrip("/")

    def build_absolute_uri(self, url):
        return self.origin + url


def site_origin():
    return settings.SITE_URL.rstrip("/")


def current():
    """The last finished build, or None before the first."""
    root = Path(settings.OPEN_DATA_DIR)
    try:
        manifest = json.loads((root / MANIFEST).read_text())
    except (FileNotFoundError, ValueError):
        return None
    folder = root / manifest["folder"]
    if not folder.is_dir():
        return None
    return Build(
        folder=folder,
        generation=manifest["generation"],
        origin=manifest["origin"],
        built_at=dt.datetime.fromisoformat(manifest["built_at"]),
        etags=manifest["etags"],
    )


def is_fresh(build, origin, number):
    if build is None:
        return False
    # Without a shared generation there is no telling; the change that started a build says.
    return (number is None or build.generation == number) and build.origin == origin


def _public_strategies():
    """Every public strategy whole, a batch at a time, in the public order."""
    pks = list(Strategy.objects.public().values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        loaded = {
            strategy.pk: strategy
            for strategy in with_whole_strategy(Strategy.objects.public().filter(pk__in=batch))
        }
        # A strategy unpublished since the list was read is left out, as it should be.
        yield from (loaded[pk] for pk in batch if pk in loaded)
        _keep_lock()


def _keep_lock():
    with contextlib.suppress(CACHE_ERRORS):
        cache.touch(LOCK_KEY, LOCK_SECONDS)


def _csv_bytes(data):
    text = io.StringIO()
    write_csv(text, data)
    return text.getvalue().encode("utf-8")


def build(origin=None):
    """Write a new build and make it the current one. Returns it."""
    origin = origin or site_origin()
    number = generation()
    root = Path(settings.OPEN_DATA_DIR)
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"build-{uuid.uuid4().hex}"
    folder.mkdir()
    built_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    today = periods.today_in_london()
    request = _Origin(origin)
    head = json.dumps(
        {
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "generated_at": built_at.isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )
    digest = hashlib.sha256()
    try:
        with (
            open(folder / JSON_NAME, "wb") as plain,
            gzip.open(folder / (JSON_NAME + ".gz"), "wb", compresslevel=6) as packed,
            zipfile.ZipFile(folder / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as archive,
        ):

            def write(text):
                data = text.encode("utf-8")
                plain.write(data)
                packed.write(data)
                digest.update(data)

            # The same bytes json.dumps writes for the whole payload, one strategy at a time.
            write(head[:-1] + ', "strategies": [')
            for index, strategy in enumerate(_public_strategies()):
                data = strategy_data(strategy, request, today)
                write((", " if index else "") + json.dumps(data, ensure_ascii=False))
                name = f"{strategy.lead_council.slug}-{strategy.slug}.csv"
                archive.writestr(name, _csv_bytes(data))
            write("]}")
        zip_digest = hashlib.sha256()
        with open(folder / ZIP_NAME, "rb") as archive_file:
            for block in iter(lambda: archive_file.read(1 << 20), b""):
                zip_digest.update(block)
        # A proxy sending the files dates them by their modification time: make it the build's.
        for name in DOWNLOAD_NAMES:
            os.utime(folder / name, (built_at.timestamp(), built_at.timestamp()))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    manifest = {
        "folder": folder.name,
        "generation": number,
        "origin": origin,
        "built_at": built_at.isoformat(),
        "etags": {"json": digest.hexdigest()[:32], "zip": zip_digest.hexdigest()[:32]},
    }
    previous = current()
    staged = root / f"{MANIFEST}.{folder.name}"
    staged.write_text(json.dumps(manifest))
    os.replace(staged, root / MANIFEST)
    _remove_old_builds(root, keep={folder.name, previous.folder.name if previous else None})
    return current()


def _remove_old_builds(root, keep):
    """Older builds go; the one before is kept, as a download may have just opened it."""
    for path in root.glob("build-*"):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def build_while_out_of_date(*, origin=None, always=True, stdout=None):
    """Build until a build matches the current generation, holding the shared lock so that only
    one builder runs across every app server. Returns the number of builds made, or None if
    another builder holds the lock (it will see the change: it checks again when it finishes).
    With `always` off, nothing is built when the current build is up to date."""
    try:
        if not cache.add(LOCK_KEY, os.getpid(), LOCK_SECONDS):
            return None
    except CACHE_ERRORS:
        pass
    made = 0
    origin = origin or site_origin()
    try:
        while always or not is_fresh(current(), origin, generation()):
            always = False
            made += 1
            finished = build(origin)
            if stdout is not None:
                stdout.write(f"Built the open data files for generation {finished.generation}.")
            if finished.generation is None:
                break
    finally:
        with contextlib.suppress(CACHE_ERRORS):
            cache.delete(LOCK_KEY)
    return made


def start_background_build():
    """Start `manage.py build_open_data` in its own process, unless one is already running."""
    try:
        if cache.get(LOCK_KEY) is not None:
            return
    except CACHE_ERRORS:
        pass
    try:
        subprocess.Popen(  # noqa: S603 - this project's own command, arguments fixed here
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "build_open_data", "--if-stale"],
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        logger.error("Could not start the open data build: %s", exc)


def rebuild_after_change(sender, **kwargs):
    """Inline builds happen when a download finds the files out of date; background ones start
    as soon as a change is committed, so the next download usually finds them ready."""
    if settings.OPEN_DATA_BUILD == "background":
        start_background_build()
