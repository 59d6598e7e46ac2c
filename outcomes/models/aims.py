from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.demonstration import demonstration_flag, demonstration_index
from strategies.concurrency import VersionedModel
from strategies.models import PartOfStrategyQuerySet, Strategy

from .themes import Theme

THEMES_HELP = (
    "The national themes this comes under, so the public can compare it with what other "
    "councils promise under the same theme."
)


def part_url(name, strategy, pk):
    """The public page of one part of a strategy (an aim, objective or indicator): its address
    sits under the strategy's, so it needs the strategy and its lead council (select them)."""
    return reverse(
        name, kwargs={"council": strategy.lead_council.slug, "slug": strategy.slug, "pk": pk}
    )


class Aim(models.Model):
    """One of a strategy's few big aims: "start well", "keep safe"."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="aims")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="aims", help_text=THEMES_HELP)

    history = HistoricalRecords(m2m_fields=[themes])
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return part_url("public:aim", self.strategy, self.pk)


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
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="objectives", help_text=THEMES_HELP
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords(m2m_fields=[themes])
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("objective")]
        ordering = ["aim", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return part_url("public:objective", self.aim.strategy, self.pk)

    @property
    def strategy(self):
        return self.aim.strategy
