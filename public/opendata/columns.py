"""The CSV, described by the JSON's description: each kind of row (record type), and for each
column it fills the JSON field (fields.py) the value is read from. A column's meaning on the open
data page is that field's meaning, so the page, the CSV and the JSON cannot disagree."""

from dataclasses import dataclass

from .fields import JSON_FIELDS

#: The columns in the order a file has them.
COLUMN_NAMES = [
    "record_type",
    *("id", "aim_id", "objective_id", "indicator_id", "programme_id"),
    *("title", "description", "vision", "kind", "status", "lead", "organisation", "role"),
    *("gss_code", "url", "document_url", "start_year", "end_year", "start_date", "end_date"),
    *("rating", "rating_period_start", "rating_period_end", "rating_commentary"),
    *("unit", "decimal_places", "polarity", "frequency", "year_type", "source", "source_url"),
    *("national_indicator", "area_code", "date", "value", "last_updated", "next_period_end"),
    *("next_due_on", "out_of_date_since"),
    *("delivery_year", "funding_source", "funding_kind", "funding_amount", "funding_amount_max"),
    "note",
    *("key_decision", "portfolio_holder", "senior_officer", "recommendations", "reasons"),
    *("alternatives_rejected", "conflicts_of_interest", "dispensations", "call_in_deadline"),
    *("participants", "what_they_said", "what_changed"),
    *("ended", "demonstration", "rating_demonstration"),
]

#: The one column read from no JSON field.
RECORD_TYPE_MEANING = "What the row describes; see the record types above."


@dataclass(frozen=True)
class Enclosing:
    """A field of the record a row sits under: an objective's aim, a target's indicator."""

    record: str
    key: str = "id"


@dataclass(frozen=True)
class Derived:
    """A value worked out from the row's JSON item rather than copied from one field;
    `read(item, titles)` gets the item and every objective's title by its id. `meaning` is what
    the open data page says of it."""

    read: object
    meaning: str


@dataclass(frozen=True)
class Record:
    """A kind of CSV row. `path` finds its items in the JSON item of the record above it ("aims[]"
    is each of the aims; "board" is the one board, if any); `columns` names, for each column the
    row fills, the JSON key inside the item it is read from ("council.name"), or an Enclosing or
    Derived source."""

    name: str
    meaning: str
    path: str
    columns: dict
    children: tuple = ()


_RATING = {
    "rating": "latest_rating.rating",
    "rating_period_start": "latest_rating.period_start",
    "rating_period_end": "latest_rating.period_end",
    "rating_commentary": "latest_rating.commentary",
    "rating_demonstration": "latest_rating.demonstration",
}
_UNDER_INDICATOR = {
    "aim_id": Enclosing("aim"),
    "objective_id": Enclosing("objective"),
    "indicator_id": Enclosing("indicator"),
}


def _same(*names):
    """Columns read from the JSON keys of their own names."""
    return {name: name for name in names}


#: The record types as a tree: a file holds the strategy's row, then for each child record type
#: in turn its rows, each followed by its own children's rows, in the strategy page's order.
STRATEGY = Record(
    "strategy",
    "The strategy itself; always the first row.",
    "",
    {
        **_same("id", "title"),
        "description": "summary",
        **_same("vision", "kind", "status"),
        "organisation": "council.name",
        "gss_code": "council.gss_code",
        **_same("url", "document_url", "start_year", "end_year"),
        "start_date": "period_start",
        "end_date": "period_end",
        "ended": "ended",
        "demonstration": "demonstration",
    },
    children=(
        Record(
            "co_owner",
            "A council that co-owns the strategy.",
            "co_owners[]",
            {"title": "name", **_same("role", "gss_code", "url")},
        ),
        Record(
            "principle",
            "One of the strategy's principles or values.",
            "principles[]",
            _same("title", "description"),
        ),
        Record(
            "aim",
            "An aim of the strategy.",
            "aims[]",
            {"id": "id", "aim_id": "id", **_same("title", "description", "url")},
            children=(
                Record(
                    "objective",
                    "An objective under an aim, with its latest signed-off rating.",
                    "objectives[]",
                    {
                        "id": "id",
                        "aim_id": Enclosing("aim"),
                        "objective_id": "id",
                        **_same("title", "description", "url", "lead", "demonstration"),
                        **_RATING,
                    },
                    children=(
                        Record(
                            "indicator",
                            "How an objective is measured: its baseline, source and when the "
                            "next figure is due.",
                            "indicators[]",
                            {
                                "id": "id",
                                "aim_id": Enclosing("aim"),
                                "objective_id": Enclosing("objective"),
                                "indicator_id": "id",
                                **_same("title", "description", "url", "unit", "decimal_places"),
                                **_same("polarity", "frequency", "year_type"),
                                **_same("source", "source_url"),
                                "national_indicator": "national_indicator.slug",
                                "date": "baseline_date",
                                "value": "baseline_value",
                                "last_updated": "provenance.last_updated",
                                "next_period_end": "provenance.next_period_end",
                                "next_due_on": "provenance.next_due_on",
                                "out_of_date_since": "provenance.out_of_date_since",
                                "demonstration": "demonstration",
                            },
                            children=(
                                Record(
                                    "target",
                                    "A target for an indicator.",
                                    "targets[]",
                                    {**_UNDER_INDICATOR, **_same("date", "value", "demonstration")},
                                ),
                                Record(
                                    "measurement",
                                    "A figure for an indicator.",
                                    "measurements[]",
                                    {
                                        **_UNDER_INDICATOR,
                                        "date": "period_end",
                                        **_same("value", "status", "note", "demonstration"),
                                    },
                                ),
                                Record(
                                    "comparison_figure",
                                    "A published figure for the national indicator the "
                                    "indicator adopts, England's, the council's or a "
                                    "statistical neighbour's, that its page compares with.",
                                    "comparison_figures[]",
                                    {
                                        **_UNDER_INDICATOR,
                                        "title": "area",
                                        "area_code": "area_code",
                                        "date": "period_end",
                                        **_same("value", "status", "source", "source_url"),
                                        "demonstration": "demonstration",
                                    },
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Record(
            "programme",
            "A priority programme, with its latest signed-off rating.",
            "programmes[]",
            {
                "id": "id",
                "programme_id": "id",
                **_same("title", "description"),
                "lead": "lead_partner",
                **_same("status", "delivery_year", "funding_source", "funding_kind"),
                **_same("funding_amount", "funding_amount_max"),
                **_RATING,
            },
            children=(
                Record(
                    "programme_council",
                    "Another council that runs a programme jointly with the lead council.",
                    "councils[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "title": "name",
                        **_same("role", "gss_code", "url"),
                    },
                ),
                Record(
                    "programme_objective",
                    "An objective a programme serves.",
                    "objective_ids[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "objective_id": Derived(
                            lambda objective_id, titles: objective_id,
                            "The objective's number, from programmes[].objective_ids.",
                        ),
                        "title": Derived(
                            lambda objective_id, titles: titles.get(objective_id),
                            "The objective's title.",
                        ),
                    },
                ),
                Record(
                    "milestone",
                    "A programme milestone.",
                    "milestones[]",
                    {
                        "programme_id": Enclosing("programme"),
                        "title": "title",
                        "date": "due_on",
                        "status": Derived(
                            lambda item, _: "done" if item["completed_on"] else "due",
                            "done when programmes[].milestones[].completed_on has a date, "
                            "otherwise due.",
                        ),
                        "note": "completed_on",
                        "demonstration": "demonstration",
                    },
                ),
            ),
        ),
        Record(
            "partner",
            "An organisation in the partnership.",
            "partners[]",
            {"title": "name", "kind": "sector", "role": "role"},
        ),
        Record(
            "board",
            "The board that oversees delivery.",
            "board",
            {"title": "name", "description": "description"},
            children=(
                Record(
                    "board_member",
                    "A current member of that board.",
                    "members[]",
                    {
                        "title": "name",
                        "kind": "representation",
                        "organisation": "organisation",
                        "demonstration": "demonstration",
                    },
                ),
            ),
        ),
        Record(
            "decision",
            "The decision that approved the strategy.",
            "decisions[]",
            {
                "kind": "body",
                "date": "meeting_date",
                **_same("url", "key_decision", "portfolio_holder", "senior_officer"),
                **_same("recommendations", "reasons", "alternatives_rejected"),
                **_same("conflicts_of_interest", "dispensations", "call_in_deadline"),
            },
        ),
        Record(
            "engagement",
            "Consultation or engagement that shaped the strategy.",
            "engagements[]",
            {
                "title": "audience",
                "kind": "method",
                **_same("start_date", "end_date", "participants"),
                **_same("what_they_said", "what_changed", "demonstration"),
            },
        ),
        Record(
            "related",
            "A related public strategy: the one it replaces, those replacing it, and the golden "
            "thread to plans above and below it.",
            "related_plans[]",
            {
                "id": "id",
                "kind": "relation",
                "title": "title",
                "organisation": "council",
                **_same("start_year", "end_year", "url"),
            },
        ),
    ),
)


def _walk(record, path=""):
    path = ".".join(part for part in (path, record.path) if part)
    yield record, path
    for child in record.children:
        yield from _walk(child, path)


#: Every record type with the JSON path of its items ("aims[].objectives[]"), in file order.
RECORDS = list(_walk(STRATEGY))

_PATHS = {record.name: path for record, path in RECORDS}
_MEANINGS = dict(JSON_FIELDS)


def _json_field(path, source):
    """The JSON field a column's `source` reads, for a record whose items are at `path`; None
    for a Derived value."""
    if isinstance(source, Derived):
        return None
    if isinstance(source, Enclosing):
        path, source = _PATHS[source.record], source.key
    return f"{path}.{source}" if path else source


@dataclass(frozen=True)
class ColumnSource:
    """Where some record types read a column from, and what it means for them."""

    record_types: tuple
    field: str | None  # the JSON field, or None for a value worked out from it
    meaning: str


def _column_sources(column):
    """For each JSON field the column is read from, the record types that read it, in file
    order: an objective's row and a target's read aim_id from the same field, aims[].id."""
    record_types = {}
    for record, path in RECORDS:
        source = record.columns.get(column)
        if source is None:
            continue
        field = _json_field(path, source)
        # A field fields.py does not describe gets no words here, not an error that would stop
        # every page loading; a test names the column.
        meaning = source.meaning if field is None else _MEANINGS.get(field, "")
        record_types.setdefault((field, meaning), []).append(record.name)
    return [
        ColumnSource(tuple(names), field, meaning)
        for (field, meaning), names in record_types.items()
    ]


#: Each column, in order, with where each record type reads it from and what that means.
CSV_COLUMNS = [
    ("record_type", [ColumnSource((), None, RECORD_TYPE_MEANING)]),
    *((name, _column_sources(name)) for name in COLUMN_NAMES[1:]),
]

#: Each record type, what it is and the columns it fills, in column order (record_type is
#: always filled), as the open data page lists them.
RECORD_TYPES = [
    (record.name, record.meaning, [name for name in COLUMN_NAMES if name in record.columns])
    for record, _ in RECORDS
]
