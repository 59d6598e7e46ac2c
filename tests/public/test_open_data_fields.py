"""/data/ documents every field the downloads really hold, and every text cell of a CSV is safe
to open in a spreadsheet program."""

import csv
import html
import io
import json
import re

import pytest

from outcomes.models import Indicator, Measurement, Objective
from strategies.models import (
    Board,
    BoardMember,
    Decision,
    Engagement,
    Milestone,
    Principle,
    Programme,
    StrategyCouncil,
    StrategyPartner,
)
from tests.public.test_open_data_matches_page import build_whole_strategy, fetch

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def whole_strategy(council_a, council_b, board_a):
    return build_whole_strategy(council_a, council_b, board_a)


def key_paths(value, prefix=""):
    """Every key in a JSON document as a path: keys joined by ".", "[]" for a list's items."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from key_paths(item, f"{prefix}[]")


def section(page, heading_id, next_heading_id=None):
    start = page.index(f'id="{heading_id}"')
    end = page.index(f'id="{next_heading_id}"') if next_heading_id else len(page)
    return page[start:end]


def documented(block):
    """The <code> names in each definition's term, with the codes in its description."""
    rows = re.findall(r"<dt[^>]*>\s*<code>(.*?)</code>\s*</dt>\s*<dd[^>]*>(.*?)</dd>", block, re.S)
    return {
        html.unescape(name): {
            html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", text)
        }
        for name, text in rows
    }


def test_every_json_key_is_documented_on_the_data_page(client, whole_strategy):
    page = fetch(client, "/data/").content.decode()
    fields = documented(section(page, "json"))
    strategy_paths = set(
        key_paths(fetch(client, whole_strategy.get_absolute_url() + "data.json").json())
    )
    everything = json.loads(fetch(client, "/data/all.json").getvalue())
    all_paths = {path.removeprefix("strategies[].") for path in key_paths(everything)}
    missing = sorted((strategy_paths | all_paths) - fields.keys())
    assert not missing, f"undocumented JSON keys: {missing}"
    # And nothing is documented that the files do not hold, so the page cannot go stale.
    stale = sorted(fields.keys() - strategy_paths - all_paths)
    assert not stale, f"documented but never written: {stale}"


def test_every_csv_column_and_record_type_is_documented_on_the_data_page(client, whole_strategy):
    page = fetch(client, "/data/").content.decode()
    columns = documented(section(page, "csv-columns", "json"))
    record_types = documented(section(page, "record-types", "csv-columns"))
    response = fetch(client, whole_strategy.get_absolute_url() + "data.csv")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    rows = list(reader)
    assert list(columns) == reader.fieldnames
    for row in rows:
        assert row["record_type"] in record_types, row["record_type"]
        filled = {name for name, value in row.items() if value and name != "record_type"}
        undocumented = filled - record_types[row["record_type"]]
        assert not undocumented, f"{row['record_type']} rows fill {undocumented} undocumented"
    # Every documented record type is one this strategy's file really has.
    assert {row["record_type"] for row in rows} == set(record_types)


def _start_every_text_with_a_formula(strategy):
    """Every piece of text an officer types for the public page, made to look like a formula."""
    evil = '=HYPERLINK("http://evil")'
    strategy.title, strategy.summary, strategy.vision = evil, "+summary", "-vision"
    strategy.document_url = "@document"
    strategy.save()
    Board.objects.filter(pk=strategy.board_id).update(name="=board", description="+board")
    BoardMember.objects.filter(board=strategy.board_id).update(organisation="=organisation")
    BoardMember.objects.filter(name="Cllr Open").update(name="=Cllr")
    StrategyCouncil.objects.filter(strategy=strategy).update(role="=role")
    StrategyPartner.objects.filter(strategy=strategy).update(role="-role")
    strategy.partners.update(name="@partner")
    Principle.objects.filter(strategy=strategy).update(title="=principle", description="\tp")
    objectives = Objective.objects.filter(aim__strategy=strategy)
    strategy.aims.update(title="=aim", description="+aim")
    objectives.update(title="=objective", description="-objective", lead="@lead")
    Indicator.objects.filter(objective__in=objectives).update(
        title="=indicator",
        description="\rindicator",
        unit_label="=1+1",
        source="+source",
        source_url="-source_url",
    )
    Measurement.objects.filter(indicator__objective__in=objectives).update(note="@note")
    programmes = Programme.objects.filter(strategy=strategy)
    programmes.update(title="=programme", description="+p", funding_source="=funding")
    Milestone.objects.filter(programme__in=programmes).update(title="-milestone")
    Decision.objects.filter(strategy=strategy).update(
        portfolio_holder="=holder",
        senior_officer="+officer",
        recommendations="-recommendations",
        reasons="@reasons",
        alternatives_rejected="=alternatives",
        conflicts_of_interest="=conflicts",
        dispensations="=dispensations",
        url="=url",
    )
    Engagement.objects.filter(strategy=strategy).update(
        audience="=audience", what_they_said="+said", what_changed="-changed"
    )
    objectives.first().updates.filter(meeting__isnull=False).update(commentary="=commentary")


def _is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_text_cell_in_a_csv_can_run_as_a_formula(client, whole_strategy):
    _start_every_text_with_a_formula(whole_strategy)
    Measurement.objects.filter(indicator__objective__aim__strategy=whole_strategy).update(value=-3)
    response = fetch(client, whole_strategy.get_absolute_url() + "data.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    risky = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]
    assert not risky
    # The officer-typed text is all there, each behind a '.
    for text in ("=1+1", "+source", "=funding", "=role", "=board", "=commentary", "=Cllr"):
        assert "'" + text in cells, text
    # A negative figure is a number, not a formula, and stays one.
    assert "-3" in cells
