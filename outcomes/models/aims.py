from django.db import models
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.demonstration import demonstration_flag, demonstration_index
from strategies.concurrency import VersionedModel
from strategies.models import PartOfStrategyQuerySet, Strategy


class Aim(models.Model):
    """One of a strategy's few big aims: "start well", "keep safe"."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="aims")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.strategy.get_absolute_url()}#aim-{self.pk}"


class ObjectiveQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(aim__strategy__lead_council__in=council_ids)

    def for_board(self, board):
        """The objectives of the strategies this board oversees."""
        return self.filter(aim__strategy__board=board)


class Objective(VersionedModel):
    aim = models.ForeignKey(Aim, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    lead = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who leads this objective, shown publicly: a role, not a person's name.",
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("objective")]
        ordering = ["aim", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.aim.strategy.get_absolute_url()}#objective-{self.pk}"

    @property
    def strategy(self):
        return self.aim.strategy
