"""On a generated national dataset, no page an officer, a board member or the public opens reads
the whole of a big table: every query on progress updates, measurements, indicators and
objectives has an indexed path.

At this size the planner would often read a whole table on purpose (a sequential scan feeding a
hash join is cheapest for small tables), so sequential scans, hash joins and merge joins are
switched off while planning. What is left is whether each big table can be reached through an
index from the few rows the page is about: a sequential scan that remains, or an index read from
end to end (an index scan with no condition), means there is no such path, and at national size
that query would read every row."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.models import Indicator, ProgressUpdate
from strategies.models import Board, Strategy

pytestmark = pytest.mark.django_db

#: Indexes read in their own order under a LIMIT (the feeds' newest signed-off updates): the read
#: stops after the few rows the page shows, so it is not a whole-table read.
ORDERED_READS = {"progress_newest_signed_off"}
BIG_TABLES = {
    "outcomes_progressupdate",
    "outcomes_measurement",
    "outcomes_indicator",
    "outcomes_objective",
}


def _whole_table_reads(plan, partial_indexes=frozenset()):
    found = []
    relation = plan.get("Relation Name")
    if relation in BIG_TABLES:
        if plan["Node Type"] == "Seq Scan":
            found.append(f"sequential scan of {relation}")
        elif (
            plan["Node Type"] in {"Index Scan", "Index Only Scan"}
            and not plan.get("Index Cond")
            and plan["Index Name"] not in ORDERED_READS
            and plan["Index Name"] not in partial_indexes
        ):
            found.append(f"whole index of {relation} ({plan['Index Name']})")
    for child in plan.get("Plans", ()):
        found += _whole_table_reads(child, partial_indexes)
    return found


def _reads_of_whole_tables(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        b"".join(response.streaming_content)
    problems = []
    with connection.cursor() as cursor:
        # A partial index holds only the rows its condition names (the demonstration rows, say),
        # so reading all of it is not reading the table.
        cursor.execute(
            "SELECT idx.relname FROM pg_index JOIN pg_class idx "
            "ON idx.oid = pg_index.indexrelid WHERE pg_index.indpred IS NOT NULL"
        )
        partial_indexes = frozenset(row[0] for row in cursor.fetchall())
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith(("SELECT", "(SELECT")):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]["Plan"]
            problems += [
                f"{problem}: {sql[:300]}" for problem in _whole_table_reads(plan, partial_indexes)
            ]
    return problems


def _officer_and_board_pages():
    User = get_user_model()
    strategy = Strategy.objects.filter(status="published").order_by("pk").first()
    council = strategy.lead_council
    editor = User.objects.get(username=f"{council.slug}-editor")
    member = User.objects.get(username=f"{council.slug}-board")
    board = Board.objects.get(council=council)
    meeting = board.meetings.order_by("-date").first()
    update = ProgressUpdate.objects.filter(objective__aim__strategy=strategy).first()
    indicator = Indicator.objects.filter(objective=update.objective).first()
    measurement = indicator.measurements.first()
    admin = "/admin/"
    return strategy, {
        editor: [
            f"{admin}strategies/strategy/",
            f"{admin}strategies/strategy/{strategy.pk}/change/",
            f"{admin}outcomes/objective/",
            f"{admin}outcomes/objective/{update.objective_id}/change/",
            f"{admin}outcomes/indicator/",
            f"{admin}outcomes/indicator/{indicator.pk}/change/",
            f"{admin}outcomes/measurement/",
            f"{admin}outcomes/measurement/{measurement.pk}/change/",
            f"{admin}outcomes/progressupdate/",
            f"{admin}outcomes/progressupdate/{update.pk}/change/",
        ],
        member: [board.get_absolute_url(), meeting.get_absolute_url()],
    }


def test_officer_and_board_pages_read_no_whole_big_table(national, client):
    _strategy, pages = _officer_and_board_pages()
    problems = []
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            problems += [f"{url}: {problem}" for problem in _reads_of_whole_tables(client, url)]
    assert not problems, "\n".join(problems)


def test_public_pages_about_one_strategy_or_council_read_no_whole_big_table(national, client):
    strategy, _pages = _officer_and_board_pages()
    council = strategy.lead_council
    urls = [
        strategy.get_absolute_url(),
        strategy.get_absolute_url() + "data.csv",
        strategy.get_absolute_url() + "data.json",
        council.get_absolute_url(),
        # An indicator beside England's figures and its neighbours'.
        Indicator.objects.filter(
            objective__aim__strategy=strategy, national_indicator__isnull=False
        )
        .first()
        .get_absolute_url(),
        f"/councils/{council.slug}/feed.atom",
        "/feeds/updates.atom",
        "/strategies/?q=family",
        "/strategies/?q=orienteering",
    ]
    problems = []
    for url in urls:
        problems += [f"{url}: {problem}" for problem in _reads_of_whole_tables(client, url)]
    assert not problems, "\n".join(problems)
