import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.constraints import listed_once
from councils.demonstration import demonstration_flag, demonstration_index
from councils.formatting import format_figure

from .aims import Objective, part_url

# 15 significant digits: what SQLite's floating point and PostgreSQL's numeric agree on.
VALUE_DIGITS = 15
VALUE_DECIMALS = 4


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher_better", "Higher is better"
    LOWER_BETTER = "lower_better", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "No judgement (context only)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class YearType(models.TextChoices):
    FINANCIAL = "financial", "Financial year (April to March)"
    ACADEMIC = "academic", "Academic year (September to August)"
    CALENDAR = "calendar", "Calendar year"


#: (month, day) on which each kind of year ends: an annual figure is dated the last day of its year.
YEAR_ENDS = {
    YearType.FINANCIAL: (3, 31),
    YearType.ACADEMIC: (8, 31),
    YearType.CALENDAR: (12, 31),
}


def _last_day_of_month(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_end_message(year_type, day):
    """Why `day` cannot end an annual figure counted by `year_type`, or "" when it can."""
    month, last = YEAR_ENDS[year_type]
    if (day.month, day.day) == (month, last):
        return ""
    # The year's end after the day, or before it in the last year a date can have.
    year = min(day.year + ((day.month, day.day) > (month, last)), dt.MAXYEAR)
    end = dt.date(year, month, last)
    kind = YearType(year_type).label.split(" (")[0].lower()
    return (
        f"This indicator is counted by {kind}, which ends on {end:%-d %B}: date an annual figure "
        f"on the last day of its year, such as {end:%-d %B %Y}, not {day:%-d %B %Y}. If the "
        "figure is for a different kind of year, change the indicator’s year type first."
    )


def quarter_end_months(year_type):
    """The months a quarter of `year_type` ends in: a year's quarters end every third month
    back from its last, so a financial year's end in June, September, December and March."""
    year_end_month = YEAR_ENDS[year_type][0]
    return sorted((year_end_month - 1 - 3 * n) % 12 + 1 for n in range(4))


def period_end_message(frequency, year_type, day):
    """Why `day` cannot end a figure of this frequency and kind of year, or "" when it can.

    A figure is dated on the last day of its period, so a date mid-month is almost always the
    publication date or the start of the period typed by mistake: caught here, the figure would
    otherwise be labelled with the wrong period on every page."""
    if frequency == Frequency.ANNUAL:
        return year_end_message(year_type, day)
    month_end = _last_day_of_month(day.year, day.month)
    if frequency == Frequency.MONTHLY:
        if day == month_end:
            return ""
        return (
            f"This indicator’s figures are monthly: date a figure on the last day of its month, "
            f"such as {month_end:%-d %B %Y}, not {day:%-d %B %Y}."
        )
    if frequency == Frequency.QUARTERLY:
        months = quarter_end_months(year_type)
        if day == month_end and day.month in months:
            return ""
        year, month = day.year, day.month
        while month not in months:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if year > dt.MAXYEAR:
            # No quarter ends after the last date there is: suggest the one before instead.
            year, month = dt.MAXYEAR, max(months)
        end = _last_day_of_month(year, month)
        kind = YearType(year_type).label.split(" (")[0].lower()
        names = [f"{dt.date(2001, m, 1):%B}" for m in months]
        ends = f"{', '.join(names[:-1])} or {names[-1]}"
        return (
            f"This indicator’s figures are quarterly, by {kind}: date a figure on the last day "
            f"of its quarter (the end of {ends}), such as {end:%-d %B %Y}, not {day:%-d %B %Y}."
        )
    return ""


class IndicatorQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(objective__aim__strategy__lead_council__in=council_ids)


class Indicator(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255, help_text="What is measured, in plain words.")
    description = models.TextField(blank=True)
    unit_label = models.CharField(
        max_length=50,
        blank=True,
        help_text="Shown after each value: %, per 10,000 children, days. Percentages are 0 to 100.",
    )
    decimal_places = models.PositiveSmallIntegerField(
        default=0, help_text="How many decimal places to show the public."
    )
    polarity = models.CharField(
        max_length=20, choices=Polarity.choices, help_text="Whether a rise is good news."
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    year_type = models.CharField(
        max_length=20, choices=YearType.choices, default=YearType.FINANCIAL
    )
    baseline_value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    baseline_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=255, blank=True, help_text="Where the figures come from.")
    source_url = models.URLField(blank=True)
    national_indicator = models.ForeignKey(
        "outcomes.NationalIndicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name="Adopts the national indicator",
        help_text=(
            "The national measure this indicator counts, if any: its page then compares the "
            "council's figures with England's and its statistical neighbours'. The unit, and "
            "whether a rise is good news where it says, must be the national indicator's."
        ),
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("indicator")]
        ordering = ["objective", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimal_places__lte=VALUE_DECIMALS),
                name="indicator_decimal_places_max",
                violation_error_message="Figures can have at most 4 decimal places.",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_date__isnull=False),
                name="indicator_baseline_has_date",
                violation_error_message="A baseline value needs the date it was measured.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return part_url("public:indicator", self.objective.aim.strategy, self.pk)

    def clean(self):
        super().clean()
        national = self.national_indicator if self.national_indicator_id else None
        if national is None:
            return
        # Checked, not copied: figures compared side by side must count the same thing the
        # same way, and an officer should see the mismatch rather than have it silently changed.
        # A blank unit is filled in, as there is nothing to disagree with.
        if not self.unit_label:
            self.unit_label = national.unit_label
        errors = {}
        if self.unit_label != national.unit_label:
            errors["unit_label"] = (
                f"“{national}” is counted in “{national.unit_label or 'no unit'}”: give the "
                "same unit, or adopt no national indicator."
            )
        # A national indicator with no judgement yet (as loaded) leaves the council's own.
        if national.polarity != Polarity.NO_JUDGEMENT and self.polarity != national.polarity:
            errors["polarity"] = (
                f"For “{national}”, {national.get_polarity_display().lower()}: choose the same, "
                "or adopt no national indicator."
            )
        if errors:
            raise ValidationError(errors)


class PartOfIndicatorQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(indicator__objective__aim__strategy__lead_council__in=council_ids)


class IndicatorTarget(models.Model):
    """A target value by a date; several allow interim targets."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    date = models.DateField(help_text="The date by which the target should be met.")
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS)

    history = HistoricalRecords()
    objects = PartOfIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "date"]
        constraints = [
            listed_once(
                "indicator",
                "date",
                "This indicator already has a target for that date. Change that target instead of adding another.",
            ),
        ]

    def __str__(self):
        # Without trailing zeros (70, not 70.0000): naming a target should not cost a query for
        # its indicator's decimal places.
        return f"{self.value.normalize():,f} by {self.date:%-d %B %Y}"


class MeasurementStatus(models.TextChoices):
    FINAL = "final", "Final"
    PROVISIONAL = "provisional", "Provisional"
    REVISED = "revised", "Revised"
    SUPPRESSED = "suppressed", "Suppressed (too few to publish)"
    NOT_AVAILABLE = "not_available", "Not available"


#: Statuses whose value is empty by definition.
VALUELESS_STATUSES = (MeasurementStatus.SUPPRESSED, MeasurementStatus.NOT_AVAILABLE)


def value_empty_exactly_when_unavailable(name):
    """The database's rule for any figure: a value unless suppressed or not available."""
    return models.CheckConstraint(
        condition=(Q(status__in=VALUELESS_STATUSES) & Q(value__isnull=True))
        | (~Q(status__in=VALUELESS_STATUSES) & Q(value__isnull=False)),
        name=name,
        violation_error_message="Give a value unless the figure is suppressed or not available, and leave it empty when it is.",
    )


def check_figure(figure, indicator):
    """A figure's value against its status, and its period end against the year the indicator
    (a council's or a national one, or None when not yet chosen) counts in: the messages an
    officer reads before the database's rules would refuse the row."""
    if figure.status in VALUELESS_STATUSES and figure.value is not None:
        status = figure.get_status_display().lower()
        raise ValidationError({"value": f"Leave the value empty when the figure is {status}."})
    if figure.status not in VALUELESS_STATUSES and figure.value is None:
        raise ValidationError(
            {"value": "Enter a value, or set the status to suppressed or not available."}
        )
    if indicator is not None and figure.period_end:
        message = period_end_message(indicator.frequency, indicator.year_type, figure.period_end)
        if message:
            raise ValidationError({"period_end": message})


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_end = models.DateField(help_text="The last day of the period the value describes.")
    value = models.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_DECIMALS,
        null=True,
        blank=True,
        help_text="As published; percentages 0 to 100. Empty exactly when suppressed or not available.",
    )
    status = models.CharField(
        max_length=20, choices=MeasurementStatus.choices, default=MeasurementStatus.FINAL
    )
    note = models.CharField(max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PartOfIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"],
                name="measurement_one_per_indicator_date",
                violation_error_message="This indicator already has a figure for that period end date. Correct that figure instead of adding another.",
            ),
            value_empty_exactly_when_unavailable(
                "measurement_value_empty_exactly_when_unavailable"
            ),
        ]

    def __str__(self):
        indicator = self.indicator
        shown = format_figure(self.value, indicator.decimal_places) or self.get_status_display()
        return f"{indicator}: {shown} ({self.period_end:%-d %B %Y})"

    def clean(self):
        super().clean()
        check_figure(self, self.indicator if self.indicator_id else None)
