from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.demonstration import demonstration_flag, demonstration_index
from strategies.concurrency import VersionedModel
from strategies.models import Meeting, Programme

from ..periods import FIRST_YEAR, LAST_YEAR, Quarter, is_plausible
from .aims import Objective


class Rating(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


#: Ratings that need next steps and appear in a board pack's exceptions.
EXCEPTION_RATINGS = (Rating.AT_RISK, Rating.OFF_TRACK)


class SignedOffUpdateError(Exception):
    """A signed-off update is the record the board saw: nothing may change it."""


def cascade_unless_signed_off(collector, field, sub_objs, using):
    """Deleting an objective or programme takes its draft updates with it, but is refused while
    any of its updates has been signed off: that update is the public record the board saw."""
    signed_off = list(sub_objs.filter(meeting__isnull=False))
    if signed_off:
        # Django's collector gathers these into one ProtectedError naming every kept update,
        # which the admin's delete page lists as protected.
        raise models.ProtectedError("Signed-off progress updates must be kept.", signed_off)
    models.CASCADE(collector, field, sub_objs, using)


class AboutObjectiveOrProgrammeQuerySet(CouncilScopedQuerySet):
    """For a model whose rows are each about one objective or one programme, and so belong to
    the lead council of that objective's or programme's strategy."""

    def about(self, objectives, programmes):
        """The rows about any of these objectives or programmes."""
        # A union of two lookups on this table's own indexed columns, not an OR across both:
        # with 68,000 updates from 150 councils, one council's count took 2 ms this way, 10 ms
        # as an OR of the two subqueries and 40 ms as an OR across both chains of joins, since
        # an OR is answered by reading every row of the table.
        rows = self.model._base_manager.order_by().values("pk")
        matching = rows.filter(objective__in=objectives).union(
            rows.filter(programme__in=programmes), all=True
        )
        return self.filter(pk__in=matching)

    def for_councils(self, council_ids):
        return self.about(
            Objective.objects.for_councils(council_ids),
            Programme.objects.for_councils(council_ids),
        )


class ProgressUpdateQuerySet(AboutObjectiveOrProgrammeQuerySet):
    def for_board(self, board):
        """Every update on the strategies this board oversees, signed off or not."""
        return self.about(Objective.objects.for_board(board), Programme.objects.for_board(board))

    def delete(self):
        if self.filter(meeting__isnull=False).exists():
            raise SignedOffUpdateError(
                "Signed-off progress updates are the record the board saw and cannot be deleted."
            )
        return super().delete()

    def signed_off(self):
        """The only updates the public may see."""
        return self.filter(meeting__isnull=False)

    def awaiting_sign_off(self):
        return self.filter(meeting__isnull=True)


class ProgressUpdate(VersionedModel):
    """A quarter's progress on exactly one objective or one programme."""

    objective = models.ForeignKey(
        Objective,
        on_delete=cascade_unless_signed_off,
        null=True,
        blank=True,
        related_name="updates",
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=cascade_unless_signed_off,
        null=True,
        blank=True,
        related_name="updates",
    )
    period_start = models.DateField(help_text="First day of the financial quarter, e.g. 1 April.")
    period_end = models.DateField(help_text="Last day of the same quarter, e.g. 30 June.")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    commentary = models.TextField(help_text="What happened this period, in plain words.")
    next_steps = models.TextField(
        blank=True, help_text="Required when at risk or off track: what will be done about it."
    )
    carried_forward = models.BooleanField(
        default=False,
        editable=False,
        help_text="Recorded as “no change this period”: the previous rating carried forward.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_off_updates",
        help_text="The board meeting that signed this update off. Set by the board, not here.",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="signed_off_updates",
    )
    sign_off_comment = models.TextField(blank=True, editable=False)
    demonstration = demonstration_flag()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "pk"]
        indexes = [
            demonstration_index("progressupdate"),
            # The feeds read the newest signed-off updates first, in their exact order, so they
            # stop after the few they show rather than sorting every signed-off update.
            models.Index(
                F("signed_off_at").desc(),
                F("id").desc(),
                name="progress_newest_signed_off",
                condition=Q(meeting__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(objective__isnull=False) & Q(programme__isnull=True))
                | (Q(objective__isnull=True) & Q(programme__isnull=False)),
                name="progress_for_exactly_one_objective_or_programme",
                violation_error_message="A progress update is for exactly one objective or one programme: choose one, not both.",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="progress_period_end_after_start",
                violation_error_message="The reporting period must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["objective", "period_start"],
                condition=Q(objective__isnull=False),
                name="progress_one_per_objective_period",
                violation_error_message="This objective already has a progress update for this period. Edit that update instead.",
            ),
            models.UniqueConstraint(
                fields=["programme", "period_start"],
                condition=Q(programme__isnull=False),
                name="progress_one_per_programme_period",
                violation_error_message="This programme already has a progress update for this period. Edit that update instead.",
            ),
            models.CheckConstraint(
                condition=~Q(commentary=""),
                name="progress_has_commentary",
                violation_error_message="Write a commentary: say what has happened this period.",
            ),
            models.CheckConstraint(
                condition=~Q(rating__in=EXCEPTION_RATINGS) | ~Q(next_steps=""),
                name="progress_exception_has_next_steps",
                violation_error_message="An update rated at risk or off track needs next steps: say what will be done about it.",
            ),
            models.CheckConstraint(
                condition=(Q(meeting__isnull=True) & Q(signed_off_at__isnull=True))
                | (Q(meeting__isnull=False) & Q(signed_off_at__isnull=False)),
                name="progress_signed_off_with_meeting",
                violation_error_message="A signed-off update records both the meeting that signed it off and when; an update not signed off has neither.",
            ),
        ]

    def __str__(self):
        return f"{self.subject}: {self.get_rating_display()} ({self.period_label})"

    def save(self, *args, **kwargs):
        # The stored row decides, not this instance: the sign-off itself saves a row that is not
        # yet signed off, and every later save (a stale form, an import, a history revert, the
        # shell) finds it signed off and is refused.
        if (
            not self._state.adding
            and self.pk is not None
            and type(self)._base_manager.filter(pk=self.pk, meeting__isnull=False).exists()
        ):
            raise SignedOffUpdateError(
                f"The {self.period_label} update for “{self.subject}” has been signed off by the "
                "board, so it is kept as the record the board saw and cannot be changed."
            )
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if (
            self.pk is not None
            and type(self)._base_manager.filter(pk=self.pk, meeting__isnull=False).exists()
        ):
            raise SignedOffUpdateError(
                f"The {self.period_label} update for “{self.subject}” has been signed off by the "
                "board, so it is kept as the record the board saw and cannot be deleted."
            )
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return self.subject.get_absolute_url() if self.subject else ""

    @property
    def subject(self):
        return self.objective or self.programme

    @property
    def period(self):
        return Quarter.from_dates(self.period_start, self.period_end)

    @property
    def period_label(self):
        period = self.period
        if period:
            return period.label
        if self.period_start and self.period_end:
            return f"{self.period_start} to {self.period_end}"
        return "no reporting period yet"

    @property
    def is_signed_off(self):
        return self.meeting_id is not None

    @property
    def strategy(self):
        return self.objective.aim.strategy if self.objective_id else self.programme.strategy

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.objective_id) == bool(self.programme_id):
            errors["objective"] = "Choose an objective or a programme, not both."
        implausible = {
            field: (
                f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}: "
                f"{day.day} {day:%B} {day.year} looks like a typing slip."
            )
            for field in ("period_start", "period_end")
            if (day := getattr(self, field)) and not is_plausible(day)
        }
        errors.update(implausible)
        if not implausible and self.period_start and self.period_end and not self.period:
            errors["period_start"] = (
                "Progress is reported by financial quarter: April to June, July to September, "
                "October to December or January to March."
            )
        if not (self.commentary or "").strip():
            errors["commentary"] = "Say what happened this period."
        if self.rating in EXCEPTION_RATINGS and not (self.next_steps or "").strip():
            errors["next_steps"] = "Say what will be done, since this is at risk or off track."
        if errors:
            raise ValidationError(errors)
