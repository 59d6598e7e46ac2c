"""A backup restores into a fresh database with every table's rows exactly as they were."""

import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import make_aim, make_objective, make_strategy, make_update

# Backups use PostgreSQL's pg_dump and pg_restore; under CI a run without them fails.
pytestmark = pytest.mark.usefixtures("require_postgresql")


def _connect(name):
    settings_dict = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        autocommit=True,
    )


def _fingerprint(name):
    """Each table's row count and a checksum of its rows' full contents."""
    with _connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {
            table: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608 - names from the catalogue
            ).fetchone()
            for table in tables
        }


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with _connect("postgres") as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _connect("postgres") as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _url(name):
    return f"postgres:///{name}"


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_table_exactly(council_a, board_a, tmp_path, empty_database):
    strategy = make_strategy(council_a, status="published", board=board_a)
    objective = make_objective(make_aim(strategy), title="Every child ready for school at five")
    make_update(objective=objective, commentary="Two new family hubs opened this quarter.")
    source = connection.settings_dict["NAME"]

    call_command("backup_database", dir=str(tmp_path), database_url=_url(source))
    (dump,) = tmp_path.glob("strategy-tracker-*.dump")
    call_command("restore_database", str(dump), database_url=_url(empty_database))

    before, after = _fingerprint(source), _fingerprint(empty_database)
    assert before == after
    assert before["outcomes_progressupdate"][0] == 1
    assert before["strategies_strategy"][0] == 1


@pytest.mark.django_db(transaction=True)
def test_restoring_into_a_database_with_tables_is_refused(council_a, tmp_path):
    source = connection.settings_dict["NAME"]
    call_command("backup_database", dir=str(tmp_path), database_url=_url(source))
    (dump,) = tmp_path.glob("*.dump")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_database", str(dump), database_url=_url(source))


def test_a_missing_backup_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore_database", str(tmp_path / "nothing.dump"))
