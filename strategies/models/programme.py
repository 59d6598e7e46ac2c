from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.constraints import listed_once
from councils.demonstration import demonstration_flag, demonstration_index
from councils.formatting import format_figure
from councils.models import Council, Partner

from .strategy import PartOfStrategyQuerySet, Strategy


class ProgrammeStatus(models.TextChoices):
    """Where a programme is in its life. How well it is going is a progress update's rating."""

    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    PAUSED = "paused", "Paused"
    COMPLETE = "complete", "Complete"
    STOPPED = "stopped", "Stopped"


class FundingKind(models.TextChoices):
    """How exactly a document states a programme's money: "£250,000", "more than £600,000",
    "£1m to £2m", or not at all."""

    EXACT = "exact", "An exact amount"
    AT_LEAST = "at_least", "At least an amount"
    RANGE = "range", "A range"
    NOT_STATED = "not_stated", "Not stated"


class ProgrammeQuerySet(PartOfStrategyQuerySet):
    def for_board(self, board):
        """The programmes of the strategies this board oversees."""
        return self.filter(strategy__board=board)


def _in_pounds(*values):
    """Sums as a document states them, like £250,000: pence only where one of them has some, so
    a range reads £1,000.00 to £2,000.50 rather than mixing the two."""
    sums = [None if value is None else Decimal(str(value)) for value in values]
    has_pence = any(value is not None and value != value.to_integral_value() for value in sums)
    return [
        "" if value is None else f"£{format_figure(value, 2 if has_pence else 0)}" for value in sums
    ]


class Programme(models.Model):
    """A priority programme: a family help service, a safeguarding model, a joint agency."""

    #: The statuses of a programme that no longer reports progress.
    FINISHED = (ProgrammeStatus.COMPLETE, ProgrammeStatus.STOPPED)

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
    funding_source = models.CharField(
        max_length=255, blank=True, help_text="Where the money comes from; empty when not stated."
    )
    funding_kind = models.CharField(
        "How the funding is stated",
        max_length=20,
        choices=FundingKind.choices,
        default=FundingKind.NOT_STATED,
        help_text="As the document states it. “Not stated” shows as not stated on the public "
        "page: never enter 0 for unknown.",
    )
    funding_amount = models.DecimalField(
        "Funding (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The amount; for “at least”, the least; for a range, its lower end. Empty "
        "when not stated.",
    )
    funding_amount_max = models.DecimalField(
        "Funding up to (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For a range only: its upper end.",
    )
    status = models.CharField(
        max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    objectives = models.ManyToManyField(
        "outcomes.Objective", through="ProgrammeObjective", related_name="programmes", blank=True
    )
    councils = models.ManyToManyField(
        Council, through="ProgrammeCouncil", related_name="joint_programmes", blank=True
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
            models.CheckConstraint(
                condition=Q(
                    funding_kind=FundingKind.NOT_STATED,
                    funding_amount__isnull=True,
                    funding_amount_max__isnull=True,
                )
                | Q(
                    funding_kind__in=[FundingKind.EXACT, FundingKind.AT_LEAST],
                    funding_amount__isnull=False,
                    funding_amount_max__isnull=True,
                )
                | Q(
                    funding_kind=FundingKind.RANGE,
                    funding_amount__isnull=False,
                    # Spelled out: a comparison with an empty upper end is unknown, not false,
                    # and a check constraint lets unknown through.
                    funding_amount_max__isnull=False,
                    funding_amount_max__gte=models.F("funding_amount"),
                ),
                name="programme_funding_as_stated",
                violation_error_message="Funding: give the amount for an exact or “at least” "
                "amount, both ends (the upper no lower than the lower) for a range, and no amount "
                "when it is not stated.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.strategy.get_absolute_url()}#programme-{self.pk}"

    @property
    def funding_label(self):
        """The money as the document states it, in words: "£250,000", "At least £600,000",
        "£1,000,000 to £2,000,000", or "Not stated"."""
        amount, most = _in_pounds(self.funding_amount, self.funding_amount_max)
        if self.funding_kind == FundingKind.EXACT:
            return amount
        if self.funding_kind == FundingKind.AT_LEAST:
            return f"At least {amount}"
        if self.funding_kind == FundingKind.RANGE:
            return f"{amount} to {most}"
        return "Not stated"


class PartOfProgrammeQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(programme__strategy__lead_council__in=council_ids)


class PartOfProgramme(models.Model):
    """A row that belongs to one programme (a milestone, an objective it serves, a council that
    runs it jointly): its changes are kept, and it is its programme's council's to edit."""

    history = HistoricalRecords(inherit=True)
    objects = PartOfProgrammeQuerySet.as_manager()

    class Meta:
        abstract = True


def _programme_of(link):
    """The programme a link row belongs to, for checking the row against it. On the
    programme's add page the programme is not saved yet, but the inline form already holds it,
    with its strategy chosen."""
    programme = link._meta.get_field("programme").get_cached_value(link, default=None)
    if programme is None and link.programme_id:
        programme = link.programme
    return programme


class ProgrammeObjective(PartOfProgramme):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="objective_links"
    )
    objective = models.ForeignKey(
        "outcomes.Objective", on_delete=models.CASCADE, related_name="programme_links"
    )

    class Meta:
        verbose_name = "objective served"
        verbose_name_plural = "objectives served"
        constraints = [
            listed_once(
                "programme", "objective", "This programme is already linked to that objective."
            ),
        ]

    def __str__(self):
        return f"{self.programme} serves {self.objective}"

    def clean(self):
        # A programme delivers its own strategy's objectives. A link to another strategy's
        # objective would put that objective's title (a draft's, perhaps) on this programme's
        # public page.
        programme = _programme_of(self)
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


class ProgrammeCouncil(PartOfProgramme):
    """Another council that runs a programme jointly with the strategy's lead council, as four
    councils run the Together4Children adoption agency. The programme then appears on each of
    their council pages, with the lead council named."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="council_links")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="programme_links")
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text="What this council does in the programme, shown publicly; empty when nothing "
        "special.",
    )

    class Meta:
        verbose_name = "council running it jointly"
        verbose_name_plural = "councils running it jointly"
        constraints = [
            listed_once(
                "programme", "council", "This council is already listed as running the programme."
            ),
        ]

    def __str__(self):
        return f"{self.council} runs {self.programme} jointly"

    def clean(self):
        # The lead council runs its own programme already: listing it again would name it twice.
        programme = _programme_of(self)
        strategy = getattr(programme, "strategy", None) if programme else None
        if strategy is not None and self.council_id == strategy.lead_council_id:
            raise ValidationError(
                {"council": "This is the strategy's lead council, which runs it already."}
            )


class Milestone(PartOfProgramme):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=255)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(
        null=True,
        blank=True,
        help_text="Set when the milestone is done; a milestone is done exactly then.",
    )
    demonstration = demonstration_flag()

    class Meta:
        indexes = [demonstration_index("milestone")]
        ordering = ["programme", "due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.completed_on is not None
