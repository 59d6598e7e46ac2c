from django.contrib.postgres.search import SearchVectorField
from django.db import models

from strategies.models import Strategy


class SearchDocument(models.Model):
    """The words of a strategy, or of one of its aims, objectives or programmes, stored as a
    search vector so that a search reads them from one GIN index rather than rebuilding every
    matching strategy's words to rank it. Kept up to date on save (outcomes.search_documents) and
    rebuilt whole by `manage.py update_search_documents`; used on PostgreSQL only."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        AIM = "aim", "Aim"
        OBJECTIVE = "objective", "Objective"
        PROGRAMME = "programme", "Programme"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="search_documents"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: The aim's, objective's or programme's id; the strategy's own for its own words.
    part_id = models.BigIntegerField()
    vector = SearchVectorField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "part_id"],
                name="search_document_one_per_part",
                violation_error_message="This part already has its search words stored.",
            )
        ]
        indexes = [models.Index(fields=["strategy", "kind"], name="search_document_strategy")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.part_id} of strategy {self.strategy_id}"
