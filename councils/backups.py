"""Backups of the whole database with PostgreSQL's own tools: `pg_dump` in its compressed custom
format, restored with `pg_restore` into an empty database. The record of signed-off progress is
the product's reason to exist; a copy that has never been restored is not a backup, so a test
restores one and compares every table."""

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import dj_database_url
import psycopg
from django.conf import settings


class BackupError(Exception):
    pass


def _tool(name):
    """The newest installed server version's tool, so it is never older than the server."""
    versioned = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if versioned:
        return str(versioned[-1])
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found: install Debian's postgresql-client package")
    return found


def database_settings(database_url=None):
    config = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    if "postgresql" not in config["ENGINE"]:
        raise BackupError("Backups need PostgreSQL: set DATABASE_URL to the database to copy")
    return config


def _connection_arguments(config):
    arguments = ["--dbname", config["NAME"]]
    if config.get("HOST"):
        arguments += ["--host", config["HOST"]]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", config["USER"]]
    return arguments


def _environment(config):
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return env


def _run(command, config):
    result = subprocess.run(  # noqa: S603 - a fixed tool with arguments we build
        command, env=_environment(config), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")


def backup_write(*, folder, now=None, database_url=None):
    config = database_settings(database_url)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"strategy-tracker-{stamp}.dump"
    _run(
        [
            _tool("pg_dump"),
            "--format=custom",
            "--compress=6",
            "--file",
            str(path),
            *_connection_arguments(config),
        ],
        config,
    )
    return path


def _table_count(config):
    with psycopg.connect(
        dbname=config["NAME"],
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
    ) as connection:
        row = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        return row[0]


def backup_restore(*, path, database_url=None):
    """Restore into an empty database, in one transaction: it either all arrives or none does.
    A database that already has tables is refused rather than merged into."""
    config = database_settings(database_url)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    if _table_count(config):
        raise BackupError(
            f"The database {config['NAME']} is not empty: restore into a new, empty database "
            "(createdb), then point DATABASE_URL at it"
        )
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *_connection_arguments(config),
            str(path),
        ],
        config,
    )
