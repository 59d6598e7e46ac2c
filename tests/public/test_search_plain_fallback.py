"""The plain search the SQLite demo uses. `make test` runs on PostgreSQL, so these tests switch
full-text search off rather than wait for a SQLite run: the fallback is covered in CI either way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from public import search as search_module
from public.search import mark_plainly, part_matches_plainly, search_plainly
from strategies.models import Strategy
from tests.factories import make_aim, make_objective, make_programme, make_strategy


@pytest.fixture
def plainly(monkeypatch):
    monkeypatch.setattr(search_module, "full_text_available", lambda: False)


@pytest.fixture
def growing_up(council_a, council_b):
    strategy = make_strategy(
        council_a, status="published", title="Growing up well", summary="For every child."
    )
    aim = make_aim(strategy, title="Safe from exploitation")
    objective = make_objective(
        aim, title="Fewer children wait", description="Speech therapy within twelve weeks."
    )
    programme = make_programme(
        strategy, title="Family safeguarding", description="Adult workers join children's teams."
    )
    make_strategy(council_b, status="published", title="Unrelated plan")
    return strategy, aim, objective, programme


@pytest.mark.parametrize(
    "query",
    ["EXPLOITATION", "speech therapy", "adult workers", "growing", "every child", "wyvern"],
)
def test_plain_search_looks_where_full_text_search_does(growing_up, query):
    strategy, *_parts = growing_up
    assert list(search_plainly(Strategy.objects.public(), query)) == [strategy]


@pytest.mark.parametrize("status", ["draft", "approved"])
def test_plain_search_never_finds_a_hidden_strategys_parts(council_a, status):
    hidden = make_strategy(council_a, status=status, title="Hidden plan")
    make_aim(hidden, title="Exploitation never tolerated")
    make_objective(make_aim(hidden), title="Hidden", description="Exploitation is ended.")
    make_programme(hidden, title="Hidden", description="An exploitation service.")
    assert list(search_plainly(Strategy.objects.public(), "exploitation")) == []


def test_plain_search_names_the_part_a_title_match_before_a_description_match(growing_up):
    strategy, _aim, objective, _programme = growing_up
    make_programme(strategy, title="Speech and language", description="Speech therapy hub.")
    matches = part_matches_plainly([strategy], "speech")
    assert matches[strategy.pk].kind == "programme"
    assert matches[strategy.pk].title == "<mark>Speech</mark> and language"

    matches = part_matches_plainly([strategy], "therapy")
    assert matches[strategy.pk].kind == "objective"
    assert matches[strategy.pk].title == "Fewer children wait"
    assert matches[strategy.pk].description == "Speech <mark>therapy</mark> within twelve weeks."
    assert matches[strategy.pk].url == f"{strategy.get_absolute_url()}objectives/{objective.pk}/"


def test_the_search_page_works_without_full_text_search(client, plainly, growing_up):
    strategy, aim, *_parts = growing_up
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/strategies/", {"q": "exploitation"})
    assert response.status_code == 200
    assert not [query for query in queries if "tsquery" in query["sql"]]
    assert list(response.context["page"].object_list) == [strategy]
    html = response.content.decode()
    assert "Matches aim:" in html
    link = f'href="{strategy.get_absolute_url()}aims/{aim.pk}/">'
    assert link + "Safe from <mark>exploitation</mark></a>" in html


def test_the_plain_search_page_marks_the_title_and_summary(client, plainly, growing_up):
    html = client.get("/strategies/", {"q": "GROWING"}).content.decode()
    assert "><mark>Growing</mark> up well</a>" in html
    html = client.get("/strategies/", {"q": "every"}).content.decode()
    assert "For <mark>every</mark> child." in html


def test_plain_marking_never_turns_stored_text_into_markup():
    marked = mark_plainly('<b>Help</b> & "help" {{{mark}}}', "help")
    assert marked == (
        "&lt;b&gt;<mark>Help</mark>&lt;/b&gt; &amp; &quot;<mark>help</mark>&quot; {{{mark}}}"
    )


def test_a_long_description_is_cut_to_the_words_around_the_match(growing_up):
    strategy, aim, *_parts = growing_up
    make_objective(aim, description=" ".join(["word"] * 50 + ["mentoring"] + ["word"] * 50))
    description = str(part_matches_plainly([strategy], "mentoring")[strategy.pk].description)
    assert description.startswith("… word")
    assert description.endswith("word …")
    assert "<mark>mentoring</mark>" in description
    assert len(description.split()) < 40


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=200),
        st.text(alphabet="%_\\'\"&|!:*()<>-[]^$.?+{} \u00e9\u0130\u00df\U0001f600", max_size=40),
    )
)
def test_any_plain_search_gets_a_page_not_an_error(client, plainly, growing_up, query):
    assert client.get("/strategies/", {"q": query}).status_code == 200
