"""Full-text search on PostgreSQL reaches into a strategy's aims, objectives and programmes, titles
and descriptions alike, ranks titles above descriptions, and says where each result matched."""

import pytest
from django.db import connection

from public.search import _matching_documents, _search_query, search
from strategies.models import Strategy
from tests.factories import make_aim, make_objective, make_programme, make_strategy

pytestmark = pytest.mark.usefixtures("require_postgresql")


def found(client, query):
    response = client.get("/strategies/", {"q": query})
    assert response.status_code == 200
    return response, list(response.context["page"].object_list)


def test_an_aim_title_matches_and_is_named(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    aim = make_aim(strategy, title="Safe from exploitation")
    make_strategy(council_a, status="published", title="Unrelated plan")
    response, results = found(client, "exploitation")
    assert results == [strategy]
    html = response.content.decode()
    assert "Matches aim:" in html
    assert (
        f'href="{strategy.get_absolute_url()}aims/{aim.pk}/">Safe from <mark>exploitation</mark>'
        in (html)
    )


def test_an_objective_description_matches_and_is_shown_marked(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    objective = make_objective(
        make_aim(strategy, title="Start well"),
        title="Fewer children wait",
        description="Speech and language therapy within twelve weeks of referral.",
    )
    response, results = found(client, "therapy")
    assert results == [strategy]
    match = results[0].part_match
    assert match.kind == "objective"
    assert match.title == "Fewer children wait"
    assert "language <mark>therapy</mark> within" in match.description
    assert match.url == f"{strategy.get_absolute_url()}objectives/{objective.pk}/"
    html = response.content.decode()
    assert "Matches objective:" in html
    assert "<mark>therapy</mark>" in html


def test_a_programme_description_matches(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    make_programme(
        strategy, title="Family safeguarding", description="Adult workers join children's teams."
    )
    _response, results = found(client, "adult workers")
    assert results == [strategy]
    match = results[0].part_match
    assert match.kind == "programme"
    assert "<mark>Adult</mark> <mark>workers</mark>" in match.description


def test_a_title_ranks_above_a_description(client, council_a):
    described = make_strategy(council_a, status="published", title="A plan")
    make_programme(described, title="Hubs", description="Hubs open in each mentoring town.")
    titled = make_strategy(council_a, status="published", title="B plan")
    make_objective(make_aim(titled), title="Mentoring for care leavers")
    _response, results = found(client, "mentoring")
    # Alphabetical order would put the description match first: rank decides.
    assert results == [titled, described]
    assert results[0].rank > results[1].rank


def test_the_strategy_title_and_summary_are_marked_too(client, council_a):
    make_strategy(
        council_a,
        status="published",
        title="Early help strategy",
        summary="Help arrives early for every family.",
    )
    response, _results = found(client, "early help")
    html = response.content.decode()
    assert "><mark>Early</mark> <mark>help</mark> strategy</a>" in html
    assert "<mark>Help</mark> arrives <mark>early</mark>" in html


def test_a_strategy_that_matches_only_in_itself_names_no_part(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Mentoring plan")
    make_aim(strategy, title="Start well")
    response, results = found(client, "mentoring")
    assert results[0].part_match is None
    assert "Matches " not in response.content.decode()


def test_markup_stored_in_a_part_never_becomes_markup(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Plan")
    make_objective(
        make_aim(strategy),
        title="<i>Mentoring</i> for all",
        description='Mentoring <img src=x onerror="alert(1)"> {{{mark}}} here',
    )
    response, _results = found(client, "mentoring")
    html = response.content.decode()
    assert "<img" not in html
    assert "<i>" not in html
    assert "&lt;i&gt;<mark>Mentoring</mark>&lt;/i&gt; for all" in html


@pytest.mark.parametrize("status", ["draft", "approved"])
def test_a_hidden_strategys_aim_never_matches(client, council_a, status):
    hidden = make_strategy(council_a, status=status, title="Hidden plan")
    make_aim(hidden, title="Exploitation never tolerated")
    make_objective(make_aim(hidden), title="Hidden", description="Exploitation is ended.")
    make_programme(hidden, title="Hidden", description="An exploitation service.")
    response, results = found(client, "exploitation")
    assert results == []
    assert "never tolerated" not in response.content.decode()
    assert list(search(Strategy.objects.public(), "exploitation")) == []


def test_a_hidden_strategy_never_lends_its_parts_to_a_public_one(client, council_a):
    public = make_strategy(council_a, status="published", title="Public plan")
    make_aim(public, title="Mentoring for every child")
    hidden = make_strategy(council_a, status="draft", title="Hidden plan")
    make_objective(make_aim(hidden), title="Secret mentoring scheme")
    response, results = found(client, "mentoring")
    assert results == [public]
    assert results[0].part_match.kind == "aim"
    assert "Secret" not in response.content.decode()


def test_search_finds_documents_through_their_index(council_a):
    """The stored words are searched through their GIN index, not by reading every document."""
    make_aim(make_strategy(council_a, status="published"), title="Family help")
    queryset = _matching_documents(_search_query("family help"))
    with connection.cursor() as cursor:
        # On a table this small reading every row is cheaper, and what other tests leave in the
        # planner's statistics varies: forbid every other way in, so only a usable index remains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "search_document_words" in plan


def test_a_part_matched_only_by_what_it_lacks_is_not_named(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    make_aim(strategy, title="Start well")
    _response, results = found(client, "-exploitation")
    assert results == [strategy]
    assert results[0].part_match is None


def test_the_part_named_is_the_best_match(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    make_objective(make_aim(strategy), title="Fewer wait", description="Mentoring helps.")
    programme = make_programme(strategy, title="Mentoring for care leavers")
    _response, results = found(client, "mentoring")
    match = results[0].part_match
    assert (match.kind, match.title) == ("programme", "<mark>Mentoring</mark> for care leavers")
    assert match.url.endswith(f"#programme-{programme.pk}")


def test_the_part_named_is_the_best_of_its_kind(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Growing up well")
    aim = make_aim(strategy)
    make_objective(aim, title="Fewer wait", description="Mentoring helps.")
    titled = make_objective(aim, title="Mentoring for care leavers")
    make_objective(aim, title="Stable homes", description="Mentoring again.")
    _response, results = found(client, "mentoring")
    assert results[0].part_match.url.endswith(f"/objectives/{titled.pk}/")


def test_a_strategy_hidden_between_ranking_and_fetching_is_left_out(council_a):
    """Ranking and fetching are two queries: a strategy taken out of public view in between
    (its council withdraws it) is not shown, rather than breaking the page."""
    shown = make_strategy(council_a, status="published", title="Family hubs plan")
    withdrawn = make_strategy(council_a, status="published", title="Family support plan")
    results = search(Strategy.objects.public(), "family")
    assert results.count() == 2
    Strategy.objects.filter(pk=withdrawn.pk).update(status="draft")
    assert results[0:20] == [shown]
