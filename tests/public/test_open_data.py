import csv
import datetime as dt
import io
import json

import pytest

from public.opendata.columns import CSV_COLUMNS
from tests.factories import (
    Q1,
    make_aim,
    make_board_member,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)


@pytest.fixture
def strategy(strategy_a, board_a):
    """Council A's strategy with an indicator, a suppressed figure, a programme whose title is a
    spreadsheet formula, and progress both signed off and not."""
    objective = make_objective(make_aim(strategy_a, title="Keep safe"), title="Fewer exclusions")
    indicator = make_indicator(objective, title="Exclusion rate", decimal_places=2)
    make_measurement(indicator, dt.date(2025, 3, 31), "12.5")
    make_measurement(indicator, dt.date(2025, 6, 30), "7")
    make_measurement(indicator, dt.date(2025, 9, 30), None, status="suppressed")
    programme = make_programme(strategy_a, title='=HYPERLINK("http://evil")')
    meeting = make_meeting(board_a)
    make_update(
        objective=objective,
        quarter=Q1,
        rating="at_risk",
        commentary="Signed-off words",
        meeting=meeting,
    )
    make_update(
        objective=objective, quarter=Q1.next, rating="complete", commentary="Unsigned words"
    )
    make_update(
        programme=programme, quarter=Q1, rating="off_track", commentary="Unsigned programme words"
    )
    return strategy_a


def _urls(strategy):
    base = strategy.get_absolute_url()
    return base + "data.json", base + "data.csv"


def test_json_has_numbers_as_numbers_and_empty_suppressed_values(client, strategy):
    data = client.get(_urls(strategy)[0]).json()
    indicator = data["aims"][0]["objectives"][0]["indicators"][0]
    assert [m["value"] for m in indicator["measurements"]] == [12.5, 7, None]
    assert indicator["measurements"][2]["status"] == "suppressed"
    assert data["licence"].startswith("Open Government Licence")


def test_downloads_carry_only_signed_off_progress(client, strategy):
    json_url, csv_url = _urls(strategy)
    data = client.get(json_url).json()
    csv_text = client.get(csv_url).content.decode("utf-8-sig")
    assert "Unsigned" not in json.dumps(data) + csv_text
    objective = data["aims"][0]["objectives"][0]
    assert objective["latest_rating"]["rating"] == "at_risk"
    assert objective["latest_rating"]["commentary"] == "Signed-off words"
    assert data["programmes"][0]["latest_rating"] is None
    assert data["rating_counts"]["off_track"] == 0
    (programme_row,) = [
        row for row in csv.DictReader(io.StringIO(csv_text)) if row["record_type"] == "programme"
    ]
    assert programme_row["rating"] == ""


def test_csv_has_one_row_per_record_and_neutralises_formulas(client, strategy):
    response = client.get(_urls(strategy)[1])
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    kinds = [row["record_type"] for row in rows]
    assert kinds == [
        "strategy",
        "aim",
        "objective",
        "indicator",
        "measurement",
        "measurement",
        "measurement",
        "programme",
        "board",
    ]
    objective = rows[2]
    assert objective["rating"] == "at_risk"
    assert objective["rating_period_end"] == "2025-06-30"
    assert [row["value"] for row in rows if row["record_type"] == "measurement"] == [
        "12.5",
        "7",
        "",
    ]
    assert rows[-2]["title"].startswith("'=HYPERLINK")


@pytest.mark.parametrize("status", ["draft", "approved"])
def test_a_hidden_strategy_has_no_downloads_even_for_its_editor(
    client, council_a, editor_a, status
):
    hidden = make_strategy(council_a, status=status)
    client.force_login(editor_a)
    for url in _urls(hidden):
        assert client.get(url).status_code == 404


def test_the_whole_dataset_holds_every_public_strategy_and_no_hidden_one(
    client, strategy, council_a
):
    make_strategy(council_a, status="draft", title="Hidden plan")
    make_strategy(council_a, status="consultation", title="Consulting plan")
    response = client.get("/data/all.json")
    assert response.status_code == 200
    # Served as a file, in blocks.
    body = response.getvalue()
    titles = {s["title"] for s in json.loads(body)["strategies"]}
    assert titles == {"Open plan", "Consulting plan"}
    assert "Unsigned" not in body.decode()


def test_the_open_data_page_documents_every_csv_column(client, strategy):
    html = client.get("/data/").content.decode()
    for name, _ in CSV_COLUMNS:
        assert f"<code>{name}</code>" in html


def test_json_names_board_members_only_where_they_agreed(client, strategy, board_a):
    make_board_member(board_a, name="Sam Child", representation="young_person")
    make_board_member(board_a, name="Cllr Open", show_name_publicly=True)
    data = client.get(_urls(strategy)[0]).json()
    members = data["board"]["members"]
    assert {
        "name": None,
        "representation": "young_person",
        "organisation": "",
        "demonstration": False,
    } in members
    assert "Cllr Open" in [member["name"] for member in members]
    assert "Sam Child" not in json.dumps(data)
