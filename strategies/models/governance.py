from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from councils.demonstration import demonstration_flag, demonstration_index

from .strategy import PartOfStrategyQuerySet, Strategy


class DecisionBody(models.TextChoices):
    CABINET = "cabinet", "Cabinet"
    FULL_COUNCIL = "full_council", "Full council"
    COMMITTEE = "committee", "Committee"
    PORTFOLIO_HOLDER = "portfolio_holder", "Portfolio holder"
    PARTNERSHIP_BOARD = "partnership_board", "Partnership board"


class KeyDecision(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    # Most press releases and many records do not say; a guess either way would be a claim the
    # council never made.
    NOT_STATED = "not_stated", "Not stated"


class Decision(models.Model):
    """The approval record, as councils publish it."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="decisions")
    body = models.CharField(
        max_length=30, choices=DecisionBody.choices, default=DecisionBody.CABINET
    )
    meeting_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the meeting that decided. Leave empty when the record does not say.",
    )
    key_decision = models.CharField(
        max_length=20,
        choices=KeyDecision.choices,
        default=KeyDecision.NOT_STATED,
        help_text="Whether the council's record calls it a key decision; “Not stated” when it does not say.",
    )
    portfolio_holder = models.CharField(max_length=255, blank=True)
    senior_officer = models.CharField(max_length=255, blank=True)
    recommendations = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    alternatives_rejected = models.TextField("Alternatives considered and rejected", blank=True)
    conflicts_of_interest = models.TextField("Declared conflicts of interest", blank=True)
    dispensations = models.TextField(blank=True)
    call_in_deadline = models.DateField(null=True, blank=True)
    url = models.URLField("Link to the decision", blank=True)

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "meeting_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(call_in_deadline__isnull=True)
                | Q(call_in_deadline__gte=models.F("meeting_date")),
                name="decision_call_in_after_meeting",
                violation_error_message="The call-in deadline cannot be before the meeting date.",
            ),
        ]

    def __str__(self):
        when = f"{self.meeting_date:%-d %B %Y}" if self.meeting_date else "date not stated"
        return f"{self.get_body_display()}, {when}"


class EngagementMethod(models.TextChoices):
    SURVEY = "survey", "Survey"
    WORKSHOP = "workshop", "Workshop"
    FOCUS_GROUP = "focus_group", "Focus group"
    INTERVIEWS = "interviews", "Interviews"
    EVENT = "event", "Event"
    OTHER = "other", "Other"


class Engagement(models.Model):
    """Consultation and the voice of the child: who was asked, and what changed as a result."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="engagements")
    audience = models.CharField(max_length=255, help_text="Who was asked, e.g. children in care.")
    method = models.CharField(max_length=20, choices=EngagementMethod.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    participants = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many took part; leave empty when not known."
    )
    what_they_said = models.TextField(blank=True)
    what_changed = models.TextField(blank=True, help_text="What the strategy changed as a result.")
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("engagement")]
        ordering = ["strategy", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="engagement_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()} with {self.audience}"
