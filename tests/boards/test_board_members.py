"""Board members as the public sees them: young people on a board are children and are never
named, whatever a form or the shell is told."""

import pytest
from django.db import IntegrityError

from tests.factories import make_board_member

pytestmark = pytest.mark.django_db


def test_a_young_person_cannot_be_named_publicly(board_a):
    with pytest.raises(IntegrityError):
        make_board_member(
            board_a, name="Alex Young", representation="young_person", show_name_publicly=True
        )


def test_anyone_else_may_be_named_publicly(board_a):
    member = make_board_member(
        board_a, name="Cllr Jo Lead", representation="elected_member", show_name_publicly=True
    )
    assert member.show_name_publicly


def test_the_admin_says_why_in_plain_words(client, editor_a, board_a):
    from tests.admin.conftest import admin_url, change_form_data

    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(board_a)))
    prefix = "members"
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(row + 1),
            f"{prefix}-{row}-name": "Alex Young",
            f"{prefix}-{row}-representation": "young_person",
            f"{prefix}-{row}-show_name_publicly": "on",
        }
    )
    response = client.post(admin_url(board_a), data)
    assert response.status_code == 200
    assert "their names are never shown on public pages" in response.content.decode()
