"""Who may see a board's pages: members of that board and site administrators. Anonymous
visitors are sent to sign in on every board address; everyone else signed in gets 404, so a
board's existence does not leak."""

import hashlib

import pytest
from django.urls import reverse

from boards.forms import seen_versions
from outcomes.models import Challenge
from strategies.models import BoardAction

_EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()

PERSONAS = ["editor_a", "publisher_a", "editor_b", "board_member", "stranger", "site_admin"]
ALLOWED = {"board_member", "site_admin"}

# (name, method, url name, data): every board page and form action.
PAGES = [
    ("dashboard", "get", "boards:detail", None),
    ("meeting list", "get", "boards:meetings", None),
    ("meeting detail", "get", "boards:meeting", None),
    ("new meeting", "post", "boards:meeting_create", "meeting"),
    ("sign-off", "post", "boards:sign_off", "sign_off"),
    ("action", "post", "boards:action_create", "action"),
    ("minutes", "post", "boards:minutes", "minutes"),
    ("action page", "get", "boards:action", None),
    ("action update", "post", "boards:action", "action_update"),
    ("challenge", "post", "boards:challenge_create", "challenge"),
    ("challenge page", "get", "boards:challenge", None),
    ("challenge answer", "post", "boards:challenge", "challenge_answer"),
    ("board pack", "get", "boards:pack", None),
    ("board pack PDF", "get", "boards:pack_pdf", None),
    ("hold meeting", "post", "boards:meeting_hold", "hold"),
]


def _url(name, board, meeting):
    if name == "boards:action":
        return reverse(name, kwargs={"slug": board.slug, "pk": meeting.actions.get().pk})
    if name == "boards:challenge":
        return reverse(name, kwargs={"slug": board.slug, "pk": meeting.challenges.first().pk})
    if name in ("boards:detail", "boards:meetings", "boards:meeting_create"):
        return reverse(name, kwargs={"slug": board.slug})
    return reverse(name, kwargs={"slug": board.slug, "pk": meeting.pk})


def _data(kind, updates):
    return {
        None: None,
        "meeting": {"date_0": "1", "date_1": "12", "date_2": "2030", "title": "Winter review"},
        "sign_off": {
            "updates": [updates[0].pk],
            "comment": "Agreed.",
            "sign_off_selected": "",
            "seen": seen_versions(updates),
        },
        "challenge": {
            "subject": f"objective-{updates[0].objective_id}",
            "question": "Why are visits late?",
            "owner": "Head of Health Visiting",
            "answer_due_0": "1",
            "answer_due_1": "1",
            "answer_due_2": "2031",
        },
        "challenge_answer": {"answer": "Staff shortages.", "record_answer": ""},
        "hold": {"confirmed": "yes"},
        "action": {
            "description": "Report on waiting times",
            "owner": "Head of Early Help",
            "due_on_0": "1",
            "due_on_1": "1",
            "due_on_2": "2031",
            "status": "open",
        },
        "minutes": {"minutes": "Everyone attended.", "based_on": _EMPTY_DIGEST},
        "action_update": {
            "status": "dropped",
            "owner": "Director",
            "due_on_0": "1",
            "due_on_1": "1",
            "due_on_2": "2031",
        },
    }[kind]


@pytest.fixture
def setting(board_a, meeting_a, awaiting_updates):
    BoardAction.objects.create(meeting=meeting_a, description="Existing", owner="Someone")
    Challenge.objects.create(
        meeting=meeting_a,
        objective=awaiting_updates[0].objective,
        question="Existing question",
        owner="Someone",
        answer_due=meeting_a.date,
    )
    return board_a, meeting_a, awaiting_updates


@pytest.mark.parametrize(("page", "method", "name", "kind"), PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, setting, page, method, name, kind):
    board, meeting, updates = setting
    url = _url(name, board, meeting)
    response = getattr(client, method)(url, _data(kind, updates))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_visitor_is_sent_to_sign_in_even_for_a_board_that_does_not_exist(client, db):
    response = client.get("/boards/no-such-board/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitor_landing_on_boards_is_sent_to_sign_in(client, db):
    response = client.get(reverse("boards:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/boards/"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("page", "method", "name", "kind"), PAGES)
def test_only_board_members_and_site_admins_see_board_pages(
    client, request, setting, persona, page, method, name, kind
):
    board, meeting, updates = setting
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(_url(name, board, meeting), _data(kind, updates))
    if persona in ALLOWED:
        # Pages render; successful forms redirect back to the page.
        assert response.status_code == (200 if method == "get" else 302), response.content[:500]
        if name == "boards:pack_pdf":
            assert response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ALLOWED])
def test_refused_form_actions_change_nothing(client, request, setting, persona):
    board, meeting, updates = setting
    client.force_login(request.getfixturevalue(persona))
    for _page, method, name, kind in PAGES:
        if method == "post":
            client.post(_url(name, board, meeting), _data(kind, updates))
    updates[0].refresh_from_db()
    meeting.refresh_from_db()
    assert not updates[0].is_signed_off
    assert meeting.minutes == ""
    assert list(BoardAction.objects.values_list("description", "status")) == [("Existing", "open")]
    assert board.meetings.count() == 1
    assert meeting.held_at is None
    assert list(Challenge.objects.values_list("question", "status", "answer")) == [
        ("Existing question", "open", "")
    ]


def test_member_of_board_b_cannot_see_board_a(client, setting, board_b_member):
    board, meeting, _ = setting
    client.force_login(board_b_member)
    assert client.get(reverse("boards:detail", kwargs={"slug": board.slug})).status_code == 404
    url = reverse("boards:meeting", kwargs={"slug": board.slug, "pk": meeting.pk})
    assert client.get(url).status_code == 404


def test_meeting_of_another_board_is_not_found_under_this_board(
    client, setting, board_b, board_member
):
    from tests.factories import make_meeting

    other = make_meeting(board_b)
    _, _, _ = setting
    client.force_login(board_member)
    url = reverse("boards:meeting", kwargs={"slug": "wyvern-vale", "pk": other.pk})
    assert client.get(url).status_code == 404


def test_former_board_member_loses_access(client, setting, board_member):
    import datetime as dt

    board, _, _ = setting
    board.members.filter(user=board_member).update(
        joined_on=dt.date(2020, 1, 1), left_on=dt.date(2021, 1, 1)
    )
    client.force_login(board_member)
    assert client.get(reverse("boards:detail", kwargs={"slug": board.slug})).status_code == 404


def test_member_of_one_board_lands_on_it(client, board_a, board_member):
    client.force_login(board_member)
    response = client.get(reverse("boards:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:detail", kwargs={"slug": board_a.slug})


def test_member_of_several_boards_chooses_one(client, board_a, board_b, board_member):
    from tests.factories import make_board_member

    make_board_member(board_b, board_member)
    client.force_login(board_member)
    response = client.get(reverse("boards:home"))
    assert response.status_code == 200
    assert [b.slug for b in response.context["boards"]] == ["brackenfield", "wyvern-vale"]


def test_site_admin_sees_every_board(client, board_a, board_b, site_admin):
    client.force_login(site_admin)
    response = client.get(reverse("boards:home"))
    assert response.status_code == 200
    assert {b.slug for b in response.context["boards"]} == {"brackenfield", "wyvern-vale"}


def test_person_on_no_board_is_told_so(client, board_a, stranger):
    client.force_login(stranger)
    response = client.get(reverse("boards:home"))
    assert response.status_code == 200
    assert response.context["boards"] == []
    assert "not linked to any board" in response.content.decode()
    assert "council officers' pages" not in response.content.decode()


def test_officer_on_no_board_is_pointed_to_the_admin(client, board_a, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse("boards:home"))
    assert reverse("admin:index") in response.content.decode()


def test_board_member_cannot_use_the_admin(client, strategy_a, board_member):
    client.force_login(board_member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    for changelist in ("strategies/strategy", "outcomes/progressupdate", "strategies/meeting"):
        response = client.get(f"/admin/{changelist}/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    response = client.post(
        f"/admin/strategies/strategy/{strategy_a.pk}/change/", {"title": "Hacked"}
    )
    assert response.status_code == 302
    strategy_a.refresh_from_db()
    assert strategy_a.title == "Wyvern Vale Children's Plan"
