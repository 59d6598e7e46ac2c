"""The stored search vectors (SearchDocument): what a strategy's words and its parts' words are,
and keeping them in step with every save and delete.

Only PostgreSQL has full-text search; elsewhere (the SQLite demo) search matches plainly and no
documents are kept."""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from councils.caching import changes_made
from councils.models import Council
from strategies.models import Programme, Strategy

from .models import Aim, Objective, SearchDocument

SEARCH_CONFIG = "english"
Kind = SearchDocument.Kind


def part_vector():
    """The words of an aim, objective or programme. Titles weigh more than descriptions."""
    return SearchVector("title", weight="B", config=SEARCH_CONFIG) + SearchVector(
        "description", weight="C", config=SEARCH_CONFIG
    )


def own_vector():
    """The strategy's own words, its title and council weighing most."""
    return (
        SearchVector("title", "lead_council__name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("vision", weight="C", config=SEARCH_CONFIG)
    )


#: Each kind of document: the model it is made from, the path from a row to its strategy and the
#: words it holds.
SOURCES = {
    Kind.STRATEGY: (Strategy, "pk", own_vector),
    Kind.AIM: (Aim, "strategy_id", part_vector),
    Kind.OBJECTIVE: (Objective, "aim__strategy_id", part_vector),
    Kind.PROGRAMME: (Programme, "strategy_id", part_vector),
}
BATCH = 2000


def kept():
    return connection.vendor == "postgresql"


def search_documents_store(*, kind, rows):
    """Write the documents of these rows of one kind (a queryset of its model), replacing any."""
    if not kept():
        return 0
    _model, strategy_path, vector = SOURCES[kind]
    made = [
        SearchDocument(kind=kind, part_id=pk, strategy_id=strategy_id, vector=words)
        for pk, strategy_id, words in rows.order_by()
        .annotate(document_strategy=F(strategy_path), words=vector())
        .values_list("pk", "document_strategy", "words")
        .iterator(chunk_size=BATCH)
    ]
    SearchDocument.objects.bulk_create(
        made,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "part_id"],
        update_fields=["strategy", "vector"],
    )
    # A bulk insert sends no signals; what search finds has changed all the same.
    changes_made()
    return len(made)


def search_documents_rebuild():
    """Every document, from scratch: after bulk loads, which send no signals."""
    if not kept():
        return 0
    SearchDocument.objects.all().delete()
    # After a bulk load (the generator's), which sent no signals itself.
    changes_made()
    return sum(
        search_documents_store(kind=kind, rows=model.objects.all())
        for kind, (model, _path, _vector) in SOURCES.items()
    )


def _saved(sender, instance, raw=False, **kwargs):
    if raw or not kept():
        return
    if sender is Council:
        search_documents_store(
            kind=Kind.STRATEGY, rows=Strategy.objects.filter(lead_council=instance)
        )
        return
    kind = KIND_OF[sender]
    search_documents_store(kind=kind, rows=sender.objects.filter(pk=instance.pk))
    if sender is Aim:
        # An aim moved to another strategy takes its objectives with it.
        search_documents_store(kind=Kind.OBJECTIVE, rows=Objective.objects.filter(aim=instance))


def _deleted(sender, instance, **kwargs):
    if kept():
        SearchDocument.objects.filter(kind=KIND_OF[sender], part_id=instance.pk).delete()


KIND_OF = {model: kind for kind, (model, _path, _vector) in SOURCES.items()}


def connect():
    for model in (*KIND_OF, Council):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-documents-{model.__name__}")
    for model in KIND_OF:
        post_delete.connect(
            _deleted, sender=model, dispatch_uid=f"search-documents-gone-{model.__name__}"
        )
