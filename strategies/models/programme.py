from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.demonstration import demonstration_flag, demonstration_index
from councils.models import Partner

from .strategy import PartOfStrategyQuerySet, Strategy


class ProgrammeStatus(models.TextChoices):
    """Where a programme is in its life. How well it is going is a progress update's rating."""

    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    PAUSED = "paused", "Paused"
    COMPLETE = "complete", "Complete"
    STOPPED = "stopped", "Stopped"


class ProgrammeQuerySet(PartOfStrategyQuerySet):
    def for_board(self, board):
        """The programmes of the strategies this board oversees."""
        return self.filter(strategy__board=board)


class Programme(models.Model):
    """A priority programme: a family help service, a safeguarding model, a joint agency."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="programmes")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    lead_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_programmes",
        help_text="The organisation that leads delivery.",
    )
    delivery_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Year of the strategy in which it is delivered: 1 is the first.",
    )
    funding_source = models.CharField(max_length=255, blank=True)
    funding_amount = models.DecimalField(
        "Funding (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty when not known; never enter 0 for unknown.",
    )
    status = models.CharField(
        max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    objectives = models.ManyToManyField(
        "outcomes.Objective", through="ProgrammeObjective", related_name="programmes", blank=True
    )

    history = HistoricalRecords()
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="programme_end_not_before_start",
                violation_error_message="The programme’s end date cannot be before its start date.",
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="programme_funding_not_negative",
                violation_error_message="The funding amount cannot be negative. Leave it empty if it is not known.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.strategy.get_absolute_url()}#programme-{self.pk}"


class PartOfProgrammeQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(programme__strategy__lead_council__in=council_ids)


class ProgrammeObjective(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="objective_links"
    )
    objective = models.ForeignKey(
        "outcomes.Objective", on_delete=models.CASCADE, related_name="programme_links"
    )

    history = HistoricalRecords()
    objects = PartOfProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "objective served"
        verbose_name_plural = "objectives served"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "objective"],
                name="programme_objective_unique",
                violation_error_message="This programme is already linked to that objective.",
            ),
        ]

    def __str__(self):
        return f"{self.programme} serves {self.objective}"

    def clean(self):
        # A programme delivers its own strategy's objectives. A link to another strategy's
        # objective would put that objective's title (a draft's, perhaps) on this programme's
        # public page.
        # On the programme's add page the programme is not saved yet, but the inline form
        # already holds it, with its strategy chosen.
        programme = self._meta.get_field("programme").get_cached_value(self, default=None)
        if programme is None and self.programme_id:
            programme = self.programme
        if programme is None or not programme.strategy_id or not self.objective_id:
            return
        strategy_id = (
            type(self.objective)
            ._base_manager.filter(pk=self.objective_id)
            .values_list("aim__strategy_id", flat=True)
            .first()
        )
        if strategy_id != programme.strategy_id:
            raise ValidationError(
                {
                    "objective": "Choose an objective of this programme's own strategy, "
                    f"“{programme.strategy}”."
                }
            )


class Milestone(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=255)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(
        null=True,
        blank=True,
        help_text="Set when the milestone is done; a milestone is done exactly then.",
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = PartOfProgrammeQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("milestone")]
        ordering = ["programme", "due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.completed_on is not None
