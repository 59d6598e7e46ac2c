"""Searching and filtering public strategies.

On PostgreSQL a search is full-text over a strategy's own words and those of its aims, objectives
and programmes (titles weighing more than descriptions), ranked, and each result marks the words
that matched and names the part they matched in; elsewhere (the SQLite demo) it falls back to a
plain case-insensitive match, marked the same way. Either way every query string, however odd,
gets a page: the form rejects what the database cannot take before it gets there."""

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, FloatField, Max, OuterRef, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from councils.dates import FIRST_YEAR, LAST_YEAR
from outcomes.models import Aim, Objective, SearchDocument, part_url
from outcomes.search_documents import SEARCH_CONFIG
from strategies.models import (
    PUBLIC_STATUSES,
    Programme,
    ProgrammeCouncil,
    StrategyCouncil,
)

MAX_QUERY_LENGTH = 200
Kind = SearchDocument.Kind
# ts_headline wraps matches in these; the stored text is escaped first and only then are they
# turned into <mark> tags, so nothing a council typed can become markup.
START_SEL = "{{{mark}}}"
STOP_SEL = "{{{/mark}}}"

HEADLINE_OPTIONS = {
    "config": SEARCH_CONFIG,
    "start_sel": START_SEL,
    "stop_sel": STOP_SEL,
    "max_fragments": 3,
    "max_words": 30,
    "min_words": 10,
    "fragment_delimiter": " … ",
}


class StrategyFilterForm(forms.Form):
    q = forms.CharField(
        label="Search strategies",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer.",
            "null_characters_not_allowed": "Search terms cannot contain null characters.",
        },
    )
    council = forms.ChoiceField(label="Council", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status")] + [(status.value, status.label) for status in PUBLIC_STATUSES],
        error_messages={"invalid_choice": "Choose a status from the list."},
    )
    period = forms.IntegerField(
        label="Covers the year",
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "Enter a year as four digits, like 2025.",
            "min_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
            "max_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
        },
    )
    aim = forms.CharField(
        label="Aim",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Enter an aim in {MAX_QUERY_LENGTH} characters or fewer.",
            "null_characters_not_allowed": "The aim cannot contain null characters.",
        },
    )

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [("", "Any council")] + [
            (council.slug, council.name) for council in councils
        ]
        self.fields["council"].error_messages["invalid_choice"] = "Choose a council from the list."

    def filter(self, queryset):
        """Apply whichever filters are valid; an invalid one is reported and ignored."""
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        if data.get("council"):
            queryset = queryset.filter(_council_has_a_share(data["council"]))
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("period") is not None:
            queryset = queryset.filter(
                Q(end_year__isnull=True) | Q(end_year__gte=data["period"]),
                start_year__lte=data["period"],
            )
        if data.get("aim"):
            queryset = queryset.filter(
                Exists(Aim.objects.filter(strategy=OuterRef("pk"), title__icontains=data["aim"]))
            )
        return queryset

    @property
    def query(self):
        return "" if "q" in self.errors else (self.cleaned_data.get("q") or "").strip()


# Where a strategy's parts live, named as a result names them ("Matches objective: …"). The path
# runs from the part to its strategy.
PARTS = (
    ("aim", Aim, "strategy"),
    ("objective", Objective, "aim__strategy"),
    ("programme", Programme, "strategy"),
)


#: How many of a strategy's best-ranked matching parts are marked up to find the one a result
#: names. More than one: a part matched only by what it lacks ("-family") has nothing to mark.
PART_CANDIDATES = 3


def part_match_url(strategy, kind, pk):
    """Where a matching part is read: an aim or objective on its own page, a programme at its
    place on the strategy's page."""
    if kind == "programme":
        return f"{strategy.get_absolute_url()}#programme-{pk}"
    return part_url(f"public:{kind}", strategy, pk)


def full_text_available():
    return connection.vendor == "postgresql"


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def _marked_title(search_query):
    """A whole title with its matching words marked (ts_headline output for `highlight`)."""
    return SearchHeadline(
        "title",
        search_query,
        config=SEARCH_CONFIG,
        start_sel=START_SEL,
        stop_sel=STOP_SEL,
        highlight_all=True,
    )


def _matching_documents(search_query):
    return SearchDocument.objects.filter(vector=search_query)


def _rank(search_query):
    """A strategy's rank: its own words' plus that of its best aim, best objective and best
    programme, so a match in several places counts for more but thirty matching objectives do
    not swamp the rest. An aggregate over its matching stored documents, grouped by strategy."""
    best_of_each_kind = [
        Coalesce(
            Max(SearchRank(F("vector"), search_query), filter=Q(kind=kind)),
            Value(0.0),
            output_field=FloatField(),
        )
        for kind in Kind.values
    ]
    return reduce(operator.add, best_of_each_kind)


class RankedStrategies:
    """The strategies matching a search, best first, as a Paginator reads them: ranked by one
    grouped query over the matching stored documents (found through their GIN index), with no
    subquery per strategy. That query reads only ids and ranks, so its rows are kept and also
    give the count; only the shown page's strategies are then fetched, each with its `rank`,
    `raw_title` and `raw_headline` (ts_headline output for `highlight`)."""

    def __init__(self, queryset, search_query):
        self.queryset = queryset
        self.search_query = search_query
        self.ranked = (
            _matching_documents(search_query)
            .filter(strategy__in=queryset.values("pk"))
            .values_list("strategy")
            .annotate(rank=_rank(search_query))
            .order_by("-rank", "strategy__lead_council__name", "strategy__title", "strategy")
        )

    @cached_property
    def _ranks(self):
        return list(self.ranked)

    def count(self):
        return len(self._ranks)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        ranks = dict(self._ranks[window])
        found = {
            strategy.pk: strategy
            for strategy in self.queryset.filter(pk__in=list(ranks)).annotate(
                raw_title=_marked_title(self.search_query),
                raw_headline=SearchHeadline(
                    Concat(F("summary"), Value(" "), F("vision"), output_field=TextField()),
                    self.search_query,
                    **HEADLINE_OPTIONS,
                ),
            )
        }
        for pk, strategy in found.items():
            strategy.rank = ranks[pk]
        # One taken out of public view since it was ranked is left out, not a missing key.
        return [found[pk] for pk in ranks if pk in found]


def search(queryset, query):
    """Matching strategies, best first: RankedStrategies on PostgreSQL; elsewhere a queryset
    matched plainly. Where in its parts a strategy matched is looked up for one page at a time
    by `describe_matches`."""
    if not full_text_available():
        return search_plainly(queryset, query)
    return RankedStrategies(queryset, _search_query(query))


@dataclass(frozen=True)
class PartMatch:
    """The aim, objective or programme a result matched in, as safe HTML with the words marked."""

    kind: str
    title: str
    description: str
    url: str


def describe_matches(strategies, query):
    """Mark the words that matched in each strategy of one page of results (`title_html`,
    `headline`), and name its best-matching aim, objective or programme (`part_match`, or None).
    A fixed number of queries, whatever the page holds."""
    strategies = list(strategies)
    if not strategies:
        return strategies
    if full_text_available():
        for strategy in strategies:
            strategy.title_html = highlight(getattr(strategy, "raw_title", "")) or strategy.title
            # An empty summary and vision make a headline of one space.
            strategy.headline = highlight(getattr(strategy, "raw_headline", "").strip())
        found = _part_matches(strategies, query)
    else:
        for strategy in strategies:
            strategy.title_html = mark_plainly(strategy.title, query)
            summary = _excerpt_plainly(strategy.summary, query)
            strategy.headline = summary or _excerpt_plainly(strategy.vision, query)
        found = part_matches_plainly(strategies, query)
    for strategy in strategies:
        strategy.part_match = found.get(strategy.pk)
    return strategies


def _part_matches(strategies, query):
    """Each strategy's best-matching part, from two queries over the page's strategies only: the
    matching documents, then the marked words of each strategy's few best-ranked parts."""
    search_query = _search_query(query)
    by_strategy = {strategy.pk: strategy for strategy in strategies}
    documents = (
        _matching_documents(search_query)
        .filter(strategy__in=by_strategy)
        .exclude(kind=Kind.STRATEGY)
        .annotate(rank=SearchRank(F("vector"), search_query))
        .values_list("strategy_id", "kind", "part_id", "rank")
    )
    order = {kind: position for position, (kind, _model, _path) in enumerate(PARTS)}
    candidates = {}
    for strategy_pk, kind, part_pk, rank in documents:
        candidates.setdefault(strategy_pk, []).append((-rank, order[kind], part_pk, kind))
    # Only each strategy's few best parts have their words marked, not every part that matched:
    # a common word matches dozens in each strategy, and marking is the costly part.
    ranked = {}
    for strategy_pk, parts in candidates.items():
        for negative_rank, _order, part_pk, kind in sorted(parts)[:PART_CANDIDATES]:
            ranked[(kind, part_pk)] = (strategy_pk, -negative_rank)
    kinds = []
    for kind, model, _path in PARTS:
        kinds.append(
            model.objects.filter(pk__in=[pk for (k, pk) in ranked if k == kind])
            .annotate(
                kind=Value(kind),
                raw_title=_marked_title(search_query),
                raw_description=SearchHeadline("description", search_query, **HEADLINE_OPTIONS),
            )
            .order_by()
            .values_list("kind", "pk", "raw_title", "raw_description", named=True)
        )
    rows = kinds[0].union(*kinds[1:], all=True).order_by() if ranked else []

    def best_first(row):
        return (-ranked[(row.kind, row.pk)][1], order[row.kind], row.pk)

    matches = {}
    for row in sorted(rows, key=best_first):
        strategy_pk = ranked[(row.kind, row.pk)][0]
        if strategy_pk in matches or START_SEL not in row.raw_title + row.raw_description:
            # Either a better part was named already, or this one matched only by what it lacks
            # ("-family") and has no words to show.
            continue
        matches[strategy_pk] = PartMatch(
            kind=row.kind,
            title=highlight(row.raw_title),
            # An unmatched description comes back as its opening words: only worth showing when
            # the match was there.
            description=highlight(row.raw_description) if START_SEL in row.raw_description else "",
            url=part_match_url(by_strategy[strategy_pk], row.kind, row.pk),
        )
    return matches


def search_plainly(queryset, query):
    """The fallback where there is no full-text search (the SQLite demo): a case-insensitive
    match anywhere full-text search would look, in the list's usual order."""
    matches = (
        Q(title__icontains=query)
        | Q(lead_council__name__icontains=query)
        | Q(summary__icontains=query)
        | Q(vision__icontains=query)
    )
    for _kind, model, strategy_path in PARTS:
        in_part = model.objects.filter(Q(title__icontains=query) | Q(description__icontains=query))
        matches |= Q(pk__in=in_part.values(strategy_path))
    return queryset.filter(matches)


def part_matches_plainly(strategies, query):
    """Each strategy's first part that mentions the query, a title mention before a description
    one: one query per kind of part, over the page's strategies only."""
    ids = [strategy.pk for strategy in strategies]
    by_strategy = {strategy.pk: strategy for strategy in strategies}
    titled, described = {}, {}
    for kind, model, strategy_path in PARTS:
        parts = (
            model.objects.filter(**{f"{strategy_path}__in": ids})
            .filter(Q(title__icontains=query) | Q(description__icontains=query))
            .annotate(strategy_pk=F(strategy_path))
            .order_by(*model._meta.ordering)
        )
        for part in parts:
            found = titled if query.casefold() in part.title.casefold() else described
            found.setdefault(part.strategy_pk, (kind, part))
    matches = {}
    for strategy_pk in ids:
        kind, part = titled.get(strategy_pk) or described.get(strategy_pk) or (None, None)
        if part is not None:
            matches[strategy_pk] = PartMatch(
                kind=kind,
                title=mark_plainly(part.title, query),
                description=_excerpt_plainly(part.description, query),
                url=part_match_url(by_strategy[strategy_pk], kind, part.pk),
            )
    return matches


def mark_plainly(text, query):
    """Safe HTML of `text` with every case-insensitive occurrence of `query` marked."""
    if not query:
        return escape(text)
    pieces = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return mark_safe(  # noqa: S308 every piece is escaped
        "".join(
            f"<mark>{escape(piece)}</mark>" if number % 2 else escape(piece)
            for number, piece in enumerate(pieces)
        )
    )


def _excerpt_plainly(text, query, words=30):
    """About `words` words of `text` around its first mention of `query`, marked; "" if none."""
    at = text.casefold().find(query.casefold()) if query else -1
    if at < 0:
        return ""
    before = text[:at].split()
    start = max(0, len(before) - words // 3)
    excerpt = " ".join(text.split()[start : start + words])
    prefix = "… " if start else ""
    suffix = " …" if start + words < len(text.split()) else ""
    return mark_safe(prefix + mark_plainly(excerpt, query) + suffix)  # noqa: S308 marked safely


def highlight(raw_headline):
    """Safe HTML from a ts_headline result: escape everything, then restore only <mark> tags."""
    if not raw_headline:
        return ""
    html = escape(raw_headline)
    opened, closed = html.count(START_SEL), html.count(STOP_SEL)
    if opened != closed:
        # Someone typed a marker into stored text; drop highlighting rather than break markup.
        return mark_safe(html.replace(START_SEL, "").replace(STOP_SEL, ""))  # noqa: S308 escaped above
    return mark_safe(html.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>"))  # noqa: S308 escaped above


def _council_has_a_share(slug):
    """Whether the council leads the strategy, co-owns it, or runs one of its programmes with
    the lead council: a council whose only work here is joint still finds it by its own name."""
    co_owned = StrategyCouncil.objects.filter(strategy=OuterRef("pk"), council__slug=slug)
    joint = ProgrammeCouncil.objects.filter(programme__strategy=OuterRef("pk"), council__slug=slug)
    return Q(lead_council__slug=slug) | Exists(co_owned) | Exists(joint)
