from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from strategies.models import Meeting, Programme

from .aims import Objective
from .progress import AboutObjectiveOrProgrammeQuerySet


class Challenge(models.Model):
    """A question the board puts to a named owner about an objective or programme."""

    class Status(models.TextChoices):
        OPEN = "open", "Awaiting an answer"
        ANSWERED = "answered", "Answered, awaiting the board"
        ACCEPTED = "accepted", "Answer accepted"
        ASKED_AGAIN = "asked_again", "Asked again"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="challenges")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="challenges"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="challenges"
    )
    question = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who must answer: a named person or role.")
    answer_due = models.DateField()
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges_raised",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = AboutObjectiveOrProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["answer_due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(objective__isnull=False) & Q(programme__isnull=True))
                | (Q(objective__isnull=True) & Q(programme__isnull=False)),
                name="challenge_for_exactly_one_objective_or_programme",
                violation_error_message="A challenge is about exactly one objective or one programme: choose one, not both.",
            ),
            models.CheckConstraint(
                condition=(Q(answered_on__isnull=True) & Q(answer=""))
                | (Q(answered_on__isnull=False) & ~Q(answer="")),
                name="challenge_answer_has_date",
                violation_error_message="An answer needs the date it was given, and a date needs an answer.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "accepted"]) | Q(answered_on__isnull=False),
                name="challenge_answered_status_has_answer",
                violation_error_message="A challenge can be marked answered or accepted only once it has an answer and the date it was given.",
            ),
        ]

    def __str__(self):
        return self.question[:80]

    @property
    def subject(self):
        return self.objective or self.programme

    @property
    def is_open(self):
        return self.status != self.Status.ACCEPTED


class ReminderSent(models.Model):
    """One reminder email per person per reporting period, so the command never sends twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_reminders"
    )
    period_start = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    items = models.PositiveIntegerField(help_text="How many overdue items the email listed.")

    class Meta:
        ordering = ["-period_start", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period_start"],
                name="reminder_once_per_user_per_period",
                violation_error_message="This person has already been sent a reminder for this period.",
            ),
        ]

    def __str__(self):
        return f"Reminder to {self.user} for the period from {self.period_start}"
