"""Two app servers share one cache: a page one of them has cached shows a change made through
the other on the very next request, for each kind of change: an officer's edit in the admin,
publication, a board's sign-off, and an import."""

import datetime as dt
import os
import subprocess
import sys

import pytest

from outcomes.periods import Quarter
from tests.conftest import ROOT, skip_unless_available
from tests.factories import (
    PASSWORD,
    make_aim,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
)
from tests.live_servers import Browser, form_fields, gunicorn_servers, server_env, sign_in

pytestmark = [pytest.mark.django_db(transaction=True)]

Q1 = Quarter.containing(dt.date(2026, 4, 1))


@pytest.fixture
def servers(tmp_path, require_postgresql):
    skip_unless_available(os.environ.get("REDIS_URL"), "no shared Redis (run under .ci/with-redis)")
    env = server_env(
        OPEN_DATA_DIR=str(tmp_path / "open-data"),
        SPREADSHEET_UPLOAD_DIR=str(tmp_path / "uploads"),
    )
    with gunicorn_servers(2, env) as ports:
        yield env, ports


def cached_on(port, path):
    """Ask twice, so the page is in the shared cache; returns its text."""
    reader = Browser(port)
    reader.get(path)
    status, headers, text = reader.get(path)
    assert status == 200, path
    assert headers["X-Cache"] == "hit", path
    return text


def fresh_on(port, path):
    status, _, text = Browser(port).get(path)
    assert status == 200, path
    return text


@pytest.fixture
def world(council_a, board_a, strategy_a, editor_a, publisher_a, board_member, settings):
    # The servers check passwords with Django's own hasher, not the tests' quick one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for user in (editor_a, publisher_a, board_member):
        user.set_password(PASSWORD)
        user.save()
    objective = make_objective(make_aim(strategy_a, title="Keep safe"), title="Fewer exclusions")
    update = make_update(objective=objective, quarter=Q1, commentary="Hubs opened in May.")
    draft = make_strategy(council_a, status="approved", title="Next plan")
    meeting = make_meeting(board_a, date=dt.date(2026, 7, 15))
    return strategy_a, objective, update, draft, meeting


def test_an_officers_edit_in_the_admin_shows_on_the_other_server(servers, world):
    _, (a, b) = servers
    strategy, objective, *_ = world
    page = strategy.get_absolute_url()
    for port in (a, b):
        assert "Fewer exclusions" in cached_on(port, page)
    officer = Browser(a)
    sign_in(officer, "editor_a", PASSWORD)
    change = f"/admin/outcomes/objective/{objective.pk}/change/"
    status, _, form = officer.get(change)
    assert status == 200
    fields = [(n, v) for n, v in form_fields(form) if n not in ("_addanother", "_continue")]
    fields = [(n, "Fewer school exclusions" if n == "title" else v) for n, v in fields]
    status, _, text = officer.post(change, fields)
    assert status == 302, text[:2000]
    assert "Fewer school exclusions" in fresh_on(b, page)
    assert "Fewer school exclusions" in fresh_on(a, page)


def test_publication_shows_on_the_other_server(servers, world):
    _, (a, b) = servers
    *_, draft, _meeting = world
    assert "Next plan" not in cached_on(b, "/strategies/")
    publisher = Browser(a)
    sign_in(publisher, "publisher_a", PASSWORD)
    _, _, changelist = publisher.get("/admin/strategies/strategy/")
    token = dict(form_fields(changelist, ""))["csrfmiddlewaretoken"]
    status, _, _ = publisher.post(
        "/admin/strategies/strategy/",
        {
            "csrfmiddlewaretoken": token,
            "action": "publish_selected",
            "_selected_action": [draft.pk],
            "index": "0",
            # The second step: the confirmation page's own button.
            "confirmed": "yes",
        },
    )
    assert status == 302
    assert "Next plan" in fresh_on(b, "/strategies/")
    assert "Next plan" in fresh_on(b, draft.get_absolute_url())


def test_a_boards_sign_off_shows_on_the_other_server(servers, world):
    _, (a, b) = servers
    _strategy, objective, update, _draft, meeting = world
    # The signed-off commentary is read on the objective's own page.
    page = objective.get_absolute_url()
    assert "Hubs opened in May." not in cached_on(b, page)
    member = Browser(a)
    sign_in(member, "board_member", PASSWORD, path="/accounts/sign-in/")
    _, _, meeting_page = member.get(meeting.get_absolute_url())
    action = f"{meeting.get_absolute_url()}sign-off/"
    fields = [*form_fields(meeting_page, action), ("updates", str(update.pk))]
    fields.append(("sign_off_selected", ""))
    status, _, text = member.post(action, fields)
    assert status == 302, text[:2000]
    assert "Hubs opened in May." in fresh_on(b, page)


def test_an_import_shows_on_the_other_server(servers, world, council_a):
    env, (_, b) = servers
    page = council_a.get_absolute_url()
    assert "Outstanding" not in cached_on(b, page)
    # Telford's codes, which the sample file's lookup joins its reports to.
    council_a.gss_code = "E06000020"
    council_a.la_number = "894"
    council_a.save()
    assert "Outstanding" not in cached_on(b, page)
    ofsted = ROOT / "tests" / "councils" / "data" / "ofsted"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_ofsted_judgements",
            str(ofsted / "ofsted_csc_ilacs_history.csv"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Outstanding" in fresh_on(b, page)
