"""Each field of each row of the admin's tables is named by its column and its own row, so a
screen reader in the third partner's row hears "Partner, partner 3", and in the blank row that
"Add another" copies, "Partner, new partner". Fields the admin wraps to add its related-record
links (a partner, a council, an aim's themes) once took the name of the row before."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from outcomes.models import Theme
from strategies.models import StrategyCouncil, StrategyPartner
from tests.factories import make_aim, make_council, make_partner, make_strategy

pytestmark = pytest.mark.django_db

ROW_FIELD = re.compile(r"^(?P<table>[a-z_]+)-(?P<row>\d+|__prefix__)-(?P<field>[a-z_]+)$")


class _RowFields(HTMLParser):
    """(name, aria-label) of every field a person fills in, in the order of the page."""

    def __init__(self):
        super().__init__()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("input", "select", "textarea") or attrs.get("type") == "hidden":
            return
        if ROW_FIELD.match(attrs.get("name") or ""):
            self.fields.append((attrs["name"], attrs.get("aria-label")))


def row_fields(html):
    reader = _RowFields()
    reader.feed(html)
    return reader.fields


@pytest.fixture
def strategy(council_a):
    strategy = make_strategy(council_a)
    Theme.objects.create(title="Start well", slug="start-well", order=1)
    Theme.objects.create(title="Keep safe", slug="keep-safe", order=2)
    for number in range(1, 4):
        make_aim(strategy, title=f"Aim {number}", order=number)
        StrategyPartner.objects.create(
            strategy=strategy, partner=make_partner(council_a, name=f"Partner {number}")
        )
        StrategyCouncil.objects.create(
            strategy=strategy, council=make_council(name=f"Neighbour {number}")
        )
    return strategy


def test_every_field_of_every_row_names_its_own_row(client, editor_a, strategy):
    client.force_login(editor_a)
    html = client.get(reverse("admin:strategies_strategy_change", args=[strategy.pk])).content
    fields = row_fields(html.decode())
    tables = {ROW_FIELD.match(name)["table"] for name, _ in fields}
    assert {"aims", "partnerships", "co_ownerships", "principles", "programmes"} <= tables
    for name, label in fields:
        row = ROW_FIELD.match(name)["row"]
        assert label is not None, name
        if row == "__prefix__":
            assert re.search(r", new [a-z -]+$", label), (name, label)
        else:
            assert re.search(rf", [a-z -]+ {int(row) + 1}$", label), (name, label)
    labels = dict(fields)
    assert labels["partnerships-2-partner"] == "Partner, partner 3"
    assert labels["co_ownerships-0-council"] == "Council, co-owning council 1"
    assert labels["aims-1-themes"] == "Themes, aim 2"
    assert labels["partnerships-__prefix__-partner"] == "Partner, new partner"


def test_the_outline_page_names_fields_by_their_visible_labels_instead(client, editor_a, strategy):
    client.force_login(editor_a)
    html = client.get(reverse("admin:strategies_strategy_outline", args=[strategy.pk])).content
    fields = row_fields(html.decode())
    assert fields
    assert [name for name, label in fields if label is not None] == []
