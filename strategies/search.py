"""Searching and filtering public strategies.

On PostgreSQL a search is full-text, ranked, and returns a highlighted extract; elsewhere (the
SQLite demo) it falls back to a plain case-insensitive match. Either way every query string, however
odd, gets a page: the form rejects what the database cannot take before it gets there."""

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from councils.models import Council
from outcomes.models import Aim, Objective

from .models import PUBLIC_STATUSES, Programme, Strategy, StrategyCouncil

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
# ts_headline wraps matches in these; the stored text is escaped first and only then are they
# turned into <mark> tags, so nothing a council typed can become markup.
START_SEL = "{{{mark}}}"
STOP_SEL = "{{{/mark}}}"


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
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": "Enter a year as four digits, like 2025.",
            "min_value": "Enter a year from 1990 to 2100.",
            "max_value": "Enter a year from 1990 to 2100.",
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
            co_owned = StrategyCouncil.objects.filter(
                strategy=OuterRef("pk"), council__slug=data["council"]
            )
            queryset = queryset.filter(Q(lead_council__slug=data["council"]) | Exists(co_owned))
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("period") is not None:
            queryset = queryset.filter(start_year__lte=data["period"], end_year__gte=data["period"])
        if data.get("aim"):
            queryset = queryset.filter(
                Exists(Aim.objects.filter(strategy=OuterRef("pk"), title__icontains=data["aim"]))
            )
        return queryset

    @property
    def query(self):
        return "" if "q" in self.errors else (self.cleaned_data.get("q") or "").strip()


def _titles(model, strategy_path):
    """Every title of the given model under one strategy, as one string (a correlated subquery)."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{strategy_path: OuterRef("pk")})
            .order_by()
            .values(strategy_path)
            .annotate(text=StringAgg("title", delimiter=Value(". ")))
            .values("text")[:1],
            output_field=TextField(),
        ),
        Value(""),
        output_field=TextField(),
    )


def search(queryset, query):
    """Matching strategies, best first, each with a `headline` of highlighted HTML."""
    if connection.vendor != "postgresql":
        return _search_plainly(queryset, query)
    aims = _titles(Aim, "strategy")
    objectives = _titles(Objective, "aim__strategy")
    programmes = _titles(Programme, "strategy")
    vector = (
        SearchVector("title", "lead_council__name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", aims, programmes, weight="B", config=SEARCH_CONFIG)
        + SearchVector("vision", objectives, weight="C", config=SEARCH_CONFIG)
    )
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    document = Concat(
        F("summary"),
        Value(" "),
        aims,
        Value(". "),
        objectives,
        Value(". "),
        programmes,
        Value(". "),
        F("vision"),
        output_field=TextField(),
    )
    return (
        queryset.annotate(search=vector)
        .filter(search=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            raw_headline=SearchHeadline(
                document,
                search_query,
                config=SEARCH_CONFIG,
                start_sel=START_SEL,
                stop_sel=STOP_SEL,
                max_fragments=3,
                max_words=30,
                min_words=10,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "lead_council__name", "title")
    )


def _search_plainly(queryset, query):
    matches = (
        Q(title__icontains=query)
        | Q(lead_council__name__icontains=query)
        | Q(summary__icontains=query)
        | Q(vision__icontains=query)
        | Exists(Aim.objects.filter(strategy=OuterRef("pk"), title__icontains=query))
        | Exists(Objective.objects.filter(aim__strategy=OuterRef("pk"), title__icontains=query))
        | Exists(Programme.objects.filter(strategy=OuterRef("pk"), title__icontains=query))
    )
    return queryset.filter(matches)


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


def councils_with_public_strategies():
    lead = Strategy.objects.public().filter(lead_council=OuterRef("pk"))
    co_owned = Strategy.objects.public().filter(co_ownerships__council=OuterRef("pk"))
    return Council.objects.filter(Exists(lead) | Exists(co_owned))
