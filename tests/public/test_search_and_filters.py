import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from public.search import START_SEL, STOP_SEL, highlight
from tests.factories import make_aim, make_council, make_programme, make_strategy

# Full-text search runs on PostgreSQL.
postgres_only = pytest.mark.usefixtures("require_postgresql")


@pytest.fixture
def family_help(council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    make_programme(strategy, title="A new family help service for every town")
    return strategy


@postgres_only
def test_search_finds_a_programme_title_and_highlights_the_words(client, family_help, council_a):
    make_strategy(council_a, status="published", title="Unrelated plan")
    response = client.get("/strategies/", {"q": "family help"})
    assert response.status_code == 200
    results = list(response.context["page"].object_list)
    assert results == [family_help]
    html = response.content.decode()
    assert "<mark>family</mark>" in html
    assert "<mark>help</mark>" in html


@postgres_only
def test_search_ranks_a_title_match_above_a_passing_mention(client, council_a):
    passing = make_strategy(
        council_a,
        status="published",
        title="Plan one",
        vision="We will also think about safeguarding.",
    )
    titled = make_strategy(council_a, status="published", title="Safeguarding partnership plan")
    results = list(client.get("/strategies/", {"q": "safeguarding"}).context["page"].object_list)
    assert results == [titled, passing]


def test_search_never_finds_a_draft(client, council_a):
    make_programme(
        make_strategy(council_a, status="draft", title="Family help draft"), title="Family help"
    )
    response = client.get("/strategies/", {"q": "family help"})
    assert response.status_code == 200
    assert "Family help draft" not in response.content.decode()
    assert response.context["page"].paginator.count == 0


@postgres_only
def test_stored_markup_in_a_headline_never_becomes_markup(client, council_a):
    make_strategy(
        council_a,
        status="published",
        title="Safe plan",
        summary='Family help <img src=x onerror="alert(1)"> & <b>bold {{{mark}}} for all',
    )
    response = client.get("/strategies/", {"q": "family"})
    headline = str(response.context["page"].object_list[0].headline)
    assert "<mark>Family</mark>" in headline
    assert "<img" not in headline
    assert "<b>" not in headline
    assert "<img" not in response.content.decode()


def test_highlighting_escapes_everything_but_its_own_marks():
    raw = f'{START_SEL}help{STOP_SEL} <script>alert("x")</script>'
    assert highlight(raw) == "<mark>help</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_a_stray_marker_in_stored_text_drops_highlighting_rather_than_breaking_markup():
    raw = f"{START_SEL}help{STOP_SEL} and {START_SEL} typed by someone"
    assert "<mark>" not in highlight(raw)


@postgres_only
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=300),
        st.text(alphabet="\"'\\&|!:*()<>-\x00 \u00e9\u4e2d\U0001f600", max_size=50),
        st.just("x" * 10_000),
    )
)
def test_any_search_gets_a_page_not_an_error(client, family_help, query):
    response = client.get("/strategies/", {"q": query})
    assert response.status_code == 200


def test_a_null_character_is_explained(client, family_help):
    response = client.get("/strategies/", {"q": "family\x00help"})
    assert response.status_code == 200
    assert "Search terms cannot contain null characters." in response.content.decode()


def test_an_over_long_search_is_explained(client, family_help):
    response = client.get("/strategies/", {"q": "x" * 10_000})
    assert "Search for 200 characters or fewer." in response.content.decode()


def test_filters_by_council_status_period_and_aim(client, council_a, council_b):
    a_now = make_strategy(
        council_a, status="published", title="A now", start_year=2024, end_year=2027
    )
    make_aim(a_now, title="Keep safe")
    make_strategy(council_a, status="archived", title="A old", start_year=2018, end_year=2021)
    b_now = make_strategy(
        council_b, status="consultation", title="B now", start_year=2025, end_year=2028
    )
    make_aim(b_now, title="Start well")

    def titles(**params):
        response = client.get("/strategies/", params)
        assert response.status_code == 200
        return {s.title for s in response.context["page"].object_list}

    assert titles() == {"A now", "A old", "B now"}
    assert titles(council=council_a.slug) == {"A now", "A old"}
    assert titles(status="archived") == {"A old"}
    assert titles(period="2020") == {"A old"}
    assert titles(period="2025") == {"A now", "B now"}
    assert titles(aim="keep") == {"A now"}
    assert titles(council=council_b.slug, status="consultation") == {"B now"}


def test_a_hidden_status_cannot_be_filtered_for(client, council_a):
    make_strategy(council_a, status="draft", title="Hidden")
    response = client.get("/strategies/", {"status": "draft"})
    assert response.status_code == 200
    assert "Choose a status from the list." in response.content.decode()
    assert "Hidden" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "twenty"}, "Enter a year as four digits, like 2025."),
        ({"period": "1066"}, "Enter a year from 1990 to 2100."),
        ({"council": "nowhere"}, "Choose a council from the list."),
        ({"page": "banana"}, None),
        ({"page": "99999"}, None),
    ],
)
def test_bad_filters_are_explained_not_errors(client, family_help, params, message):
    response = client.get("/strategies/", params)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()


def test_results_are_paginated(client, db):
    council = make_council("Pagination Vale")
    for number in range(45):
        make_strategy(council, status="published", title=f"Plan {number:02d}")
    first = client.get("/strategies/")
    assert len(first.context["page"].object_list) == 20
    html = first.content.decode()
    assert "govuk-pagination" in html
    assert 'aria-current="page"' in html
    third = client.get("/strategies/", {"page": 3})
    assert len(third.context["page"].object_list) == 5
    assert 'rel="prev"' in third.content.decode()


def test_pagination_keeps_the_filters(client, db):
    council = make_council("Pagination Vale")
    for number in range(25):
        make_strategy(council, status="published", title=f"Plan {number:02d}")
    html = client.get("/strategies/", {"council": council.slug}).content.decode()
    assert f"?council={council.slug}&amp;page=2" in html


@pytest.mark.parametrize("text", ["family help", "FAMILY"])
def test_plain_search_works_on_any_database(client, family_help, text):
    response = client.get("/strategies/", {"q": text})
    assert family_help in response.context["page"].object_list


def test_search_finds_a_strategy_by_its_council_name(client, family_help, council_b):
    make_strategy(council_b, status="published", title="Elsewhere")
    response = client.get("/strategies/", {"q": "Wyvern"})
    assert list(response.context["page"].object_list) == [family_help]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/strategies/", "/councils/"]),
    field=st.sampled_from(["q", "aim", "council", "status", "period", "page", "region", "kind"]),
    value=st.one_of(st.text(max_size=300), st.text(alphabet="\x00%_'\"\\-1e9", max_size=30)),
)
def test_any_filter_value_gets_a_page_not_an_error(client, family_help, path, field, value):
    assert client.get(path, {field: value}).status_code == 200


def test_a_page_with_errors_says_so_in_its_title(client, family_help):
    html = client.get("/strategies/", {"period": "soon"}).content.decode()
    assert "<title>Error: Strategies – Strategy Tracker</title>" in html
