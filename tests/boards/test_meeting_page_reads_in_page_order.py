"""The meeting page reads top to bottom: each update's sign-off choice sits with the update's
text, and an error summary lists its errors in the order the fields come on the page."""

import re

import pytest
from django.urls import reverse


@pytest.fixture
def member(client, board_member):
    client.force_login(board_member)
    return board_member


def test_each_updates_sign_off_choice_is_inside_its_own_card(
    client, member, meeting_a, awaiting_updates
):
    html = client.get(meeting_a.get_absolute_url()).content.decode()
    cards = html.split('<div class="govuk-summary-card">')[1:]
    assert len(cards) == len(awaiting_updates)
    for update, card in zip(awaiting_updates, cards, strict=True):
        card = card.split('<div class="govuk-summary-card">')[0]
        subject = update.objective or update.programme
        assert str(subject.title) in card.split("</h3>")[0]
        assert f'name="updates" type="checkbox" value="{update.pk}"' in card


@pytest.mark.parametrize("name", ["sign_off_form", "challenge_form", "action_form", "minutes_form"])
def test_a_meeting_forms_fields_are_summarised_in_the_order_they_are_laid_out(
    client, member, meeting_a, awaiting_updates, name
):
    form = client.get(meeting_a.get_absolute_url()).context[name]
    laid_out = [pointer.name for pointer in form.helper.layout.get_field_names()]
    visible = [field.name for field in form.visible_fields()]
    assert visible == [field for field in laid_out if field in visible]


def test_a_challenge_with_nothing_filled_in_lists_its_errors_top_to_bottom(
    client, member, meeting_a, awaiting_updates
):
    response = client.post(
        reverse(
            "boards:challenge_create", kwargs={"slug": meeting_a.board.slug, "pk": meeting_a.pk}
        ),
        {"raise_challenge": "Raise challenge"},
    )
    html = response.content.decode()
    summary = html.split('govuk-error-summary__list"')[1].split("</ul>")[0]
    linked = [
        target.split("_", 2)[2] for target in re.findall(r'href="#(id_challenge_\w+?)"', summary)
    ]
    assert linked[:3] == ["subject", "question", "owner"]
    assert summary.index("Choose the objective or programme") < summary.index("Enter the board")
