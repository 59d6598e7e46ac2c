from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .access import CouncilScopedQuerySet, Role

#: A nation letter and eight ASCII digits. \A and \Z, not ^ and $: Python's $ also matches before a
#: final newline, and both PostgreSQL and SQLite (through Python's re) read \A and \Z the same.
#: [0-9], not \d, which in Python also matches other scripts' digits.
GSS_CODE_PATTERN = r"\A[ENSWK][0-9]{8}\Z"

gss_code_validator = RegexValidator(
    GSS_CODE_PATTERN,
    "Enter a GSS code: a letter for the nation (E, W, S, N or K) and eight digits, like E06000020.",
)


class CouncilKind(models.TextChoices):
    COUNTY = "county", "County council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"
    CITY_OF_LONDON = "city_of_london", "City of London"
    NON_METROPOLITAN_DISTRICT = "non_metropolitan_district", "Non-metropolitan district"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    STRATEGIC_REGIONAL_AUTHORITY = "strategic_regional_authority", "Strategic regional authority"
    SCOTTISH_COUNCIL = "scottish_council", "Scottish council"
    WELSH_COUNCIL = "welsh_council", "Welsh principal area"
    NORTHERN_IRISH_DISTRICT = "northern_irish_district", "Northern Irish district"


#: The kinds of English council responsible for children's services.
CHILDRENS_SERVICES_KINDS = (
    CouncilKind.COUNTY,
    CouncilKind.UNITARY,
    CouncilKind.METROPOLITAN_DISTRICT,
    CouncilKind.LONDON_BOROUGH,
    CouncilKind.CITY_OF_LONDON,
)


class CouncilQuerySet(CouncilScopedQuerySet):
    def current(self):
        return self.filter(end_date__isnull=True)

    def for_councils(self, council_ids):
        return self.filter(pk__in=council_ids)


class Council(models.Model):
    name = models.CharField(
        max_length=200, help_text="The council's usual name, as the public know it."
    )
    official_name = models.CharField(max_length=255, blank=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the council's web address."
    )
    register_code = models.CharField(
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text="mySociety's register code, for example TFW. Never changes.",
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[gss_code_validator],
        help_text="The ONS code for the council's area, for example E06000020.",
    )
    former_gss_codes = models.JSONField(
        default=list,
        blank=True,
        help_text="Codes the council's area had before a boundary change, kept so older data still joins.",
    )
    la_number = models.CharField(
        "DfE LA number",
        max_length=3,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{3}$", "Enter the three-digit DfE LA number, like 894.")],
        help_text="The Department for Education's three-digit number, used to join Ofsted and DfE data.",
    )
    kind = models.CharField(max_length=40, choices=CouncilKind.choices)
    nation = models.CharField(max_length=40, default="England")
    region = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text="When the council was abolished. Its strategies stay public.",
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="council_end_not_before_start",
                violation_error_message="The date the council ended cannot be before the date it started.",
            ),
            # Bulk loads and the shell skip the validator; the database keeps the same rule.
            models.CheckConstraint(
                condition=Q(gss_code__isnull=True) | Q(gss_code__regex=GSS_CODE_PATTERN),
                name="council_gss_code_well_formed",
                violation_error_message="A GSS code is a capital E, N, S, W or K followed by eight digits, for example E06000020.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:council", kwargs={"slug": self.slug})


class PartnerSector(models.TextChoices):
    COUNCIL = "council", "Council"
    POLICE = "police", "Police"
    HEALTH = "health", "NHS and health"
    EDUCATION = "education", "Schools and education"
    VOLUNTARY = "voluntary", "Voluntary and community"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    FIRE = "fire", "Fire and rescue"
    HOUSING = "housing", "Housing"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class BelongsToCouncilQuerySet(CouncilScopedQuerySet):
    """For a model with a foreign key straight to its council."""

    def for_councils(self, council_ids):
        return self.filter(council__in=council_ids)


class Partner(models.Model):
    """An organisation in a council's partnership. Belongs to the council that entered it."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="partners",
        help_text="The council whose officers look after this record.",
    )
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=PartnerSector.choices)
    website = models.URLField(blank=True)

    history = HistoricalRecords()
    objects = BelongsToCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="partner_unique_name_per_council",
                violation_error_message="Your council already has a partner with this name.",
            ),
        ]

    def __str__(self):
        return self.name


class Judgement(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class Inspection(models.Model):
    """An Ofsted judgement of a council's children's services."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="inspections")
    published_on = models.DateField(help_text="When Ofsted published the report.")
    visit_started_on = models.DateField(
        "Visit began",
        null=True,
        blank=True,
        help_text="The first day inspectors were on site. Leave empty when the report does not "
        "say: the page then shows the visit dates as not stated.",
    )
    visit_ended_on = models.DateField(
        "Visit ended",
        null=True,
        blank=True,
        help_text="The last day inspectors were on site; empty when not stated.",
    )
    framework = models.CharField(
        max_length=50,
        default="ILACS",
        help_text="The inspection framework, for example ILACS or SIF.",
    )
    overall_effectiveness = models.CharField(max_length=30, choices=Judgement.choices)
    summary = models.TextField(blank=True, help_text="A sentence or two on what Ofsted found.")
    url = models.URLField("Report link", blank=True)

    objects = BelongsToCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "published_on", "framework"],
                name="inspection_unique_per_date",
                violation_error_message="This council already has an inspection under this framework published on that date.",
            ),
            models.CheckConstraint(
                condition=Q(visit_ended_on__isnull=True)
                | Q(
                    visit_started_on__isnull=False, visit_ended_on__gte=models.F("visit_started_on")
                ),
                name="inspection_visit_dates_in_order",
                violation_error_message="Give the day the visit began with the day it ended, "
                "and make the end no earlier than the beginning.",
            ),
        ]

    def __str__(self):
        return f"{self.council}: {self.get_overall_effectiveness_display()} ({self.published_on:%B %Y})"


class CouncilMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.EDITOR)

    # Who was given edit or publishing rights, by whom and when.
    history = HistoricalRecords()
    objects = BelongsToCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["council", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council"],
                name="membership_one_per_council",
                violation_error_message="This person is already a member of this council. Change their role on the existing membership instead.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.council} ({self.role})"
