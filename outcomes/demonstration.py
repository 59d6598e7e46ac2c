"""Whether any invented record is present, for the notice every page carries while one is.

Asked afresh on each request rather than remembered: the demo can be loaded into, or its rows
deleted from, a running site's database, and the notice must follow."""

from django.db import connection
from django.utils.functional import SimpleLazyObject

from councils.demonstration import DEMONSTRATION_NOTICE
from strategies.models import (
    BoardAction,
    BoardMember,
    Engagement,
    Meeting,
    Milestone,
    Strategy,
)

from .models import Indicator, NationalFigure, Objective, ProgressUpdate

#: Every model whose rows the demo may invent (each has a `demonstration` flag and an index on it).
FLAGGED_MODELS = (
    Strategy,
    Objective,
    Indicator,
    ProgressUpdate,
    Milestone,
    Meeting,
    BoardAction,
    BoardMember,
    Engagement,
    NationalFigure,
)


def demonstration_present():
    """One query, however many tables: each EXISTS is an index probe on the flagged rows. Raw
    SQL because the ORM cannot select without a table; every name in it is a model's own."""
    quote = connection.ops.quote_name
    probes = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} WHERE {quote('demonstration')})"  # noqa: S608
        for model in FLAGGED_MODELS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CASE WHEN {probes} THEN 1 ELSE 0 END")
        return bool(cursor.fetchone()[0])


def demonstration_notice(request):
    """Context processor: the one sentence, or "". Lazy, so a response that renders no page (a
    redirect, a download, an admin page) asks nothing, and asked once however often it is used."""
    return {
        "demonstration_notice": SimpleLazyObject(
            lambda: DEMONSTRATION_NOTICE if demonstration_present() else ""
        )
    }
