"""National indicators: a measure defined once, for England (the children's social care national
framework's, say), that many councils' indicators adopt, and the published figures for it, for
England and for any council, that a council's own figures are compared with."""

from django.db import models
from django.db.models import Q

from councils.demonstration import demonstration_flag, demonstration_index
from councils.formatting import format_figure
from councils.models import Council

from .indicators import (
    VALUE_DECIMALS,
    VALUE_DIGITS,
    Frequency,
    MeasurementStatus,
    Polarity,
    YearType,
    check_figure,
    value_empty_exactly_when_unavailable,
)


class NationalIndicator(models.Model):
    """Belongs to no council: site administrators keep the definitions (the framework's are
    loaded by `load_national_indicators`), and officers adopt them on their own indicators."""

    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in addresses and the open data."
    )
    name = models.CharField(max_length=255, help_text="The measure, as the public read it.")
    description = models.TextField(blank=True)
    unit_label = models.CharField(
        max_length=50,
        blank=True,
        help_text="Shown after each value: %, per 10,000 children, £ per child.",
    )
    decimal_places = models.PositiveSmallIntegerField(default=1)
    polarity = models.CharField(
        max_length=20,
        choices=Polarity.choices,
        default=Polarity.NO_JUDGEMENT,
        help_text=(
            "Whether a rise is good news. The framework's file does not say, so a loaded "
            "indicator starts with no judgement until a site administrator sets it."
        ),
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL)
    year_type = models.CharField(
        max_length=20, choices=YearType.choices, default=YearType.FINANCIAL
    )
    source = models.CharField(max_length=255, blank=True, help_text="Who publishes the figures.")
    source_url = models.URLField("Source link", blank=True)
    framework_outcome = models.CharField(
        max_length=255, blank=True, help_text="The framework's outcome or enabler it tracks."
    )
    framework_theme = models.CharField(
        max_length=255, blank=True, help_text="The framework's theme within that outcome."
    )
    framework_metric = models.CharField(
        max_length=255,
        blank=True,
        help_text="The framework dashboard's own name for the figure: its dataset and column.",
    )
    framework_filters = models.TextField(
        blank=True, help_text="The dashboard's filter for the figure, kept as written."
    )
    framework_order = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The framework's display order; empty if not in it."
    )

    class Meta:
        ordering = ["framework_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimal_places__lte=VALUE_DECIMALS),
                name="national_indicator_decimal_places_max",
                violation_error_message="Figures can have at most 4 decimal places.",
            ),
        ]

    def __str__(self):
        return self.name


class NationalFigure(models.Model):
    """One published figure for a national indicator: England's where `council` is empty,
    otherwise that council's."""

    #: England's GSS code, which names England's figures wherever areas are named by code.
    ENGLAND_CODE = "E92000001"

    national_indicator = models.ForeignKey(
        NationalIndicator, on_delete=models.CASCADE, related_name="figures"
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="national_figures",
        help_text="Leave empty for England's figure.",
    )
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
    source = models.CharField(max_length=255, help_text="The publication the figure is from.")
    source_url = models.URLField("Source link", blank=True)
    demonstration = demonstration_flag()

    class Meta:
        indexes = [demonstration_index("nationalfigure")]
        ordering = ["national_indicator", "council", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_indicator", "period_end"],
                condition=Q(council__isnull=True),
                name="national_figure_one_for_england_per_period",
                violation_error_message="England already has a figure for this indicator and period. Correct that figure instead.",
            ),
            models.UniqueConstraint(
                fields=["national_indicator", "council", "period_end"],
                condition=Q(council__isnull=False),
                name="national_figure_one_per_council_period",
                violation_error_message="This council already has a figure for this indicator and period. Correct that figure instead.",
            ),
            value_empty_exactly_when_unavailable(
                "national_figure_value_empty_exactly_when_unavailable"
            ),
        ]

    def __str__(self):
        indicator = self.national_indicator
        shown = format_figure(self.value, indicator.decimal_places) or self.get_status_display()
        return f"{indicator}, {self.area_name}: {shown} ({self.period_end:%-d %B %Y})"

    @property
    def area_name(self):
        return self.council.name if self.council_id else "England"

    def clean(self):
        super().clean()
        check_figure(self, self.national_indicator if self.national_indicator_id else None)
