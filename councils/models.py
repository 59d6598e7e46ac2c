import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .access import CouncilScopedQuerySet, Role
from .constraints import listed_once

#: A nation letter and eight ASCII digits. \A and \Z, not ^ and $: Python's $ also matches before a
#: final newline, and both PostgreSQL and SQLite (through Python's re) read \A and \Z the same.
#: [0-9], not \d, which in Python also matches other scripts' digits.
GSS_CODE_PATTERN = r"\A[ENSWK][0-9]{8}\Z"

gss_code_validator = RegexValidator(
    GSS_CODE_PATTERN,
    "Enter a GSS code: a letter for the nation (E, W, S, N or K) and eight digits, like E06000020.",
)


class CouncilKind(models.TextChoices):
    """Every kind of authority in the register, so that it imports whole; only
    CHILDRENS_SERVICES_KINDS publish strategies. services/register.py maps the register's codes."""

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
                | Q(end_date__gte=F("start_date")),
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
    """The open data publishes these values as codes (partners[].sector), so add one rather than
    renaming one: a download's users match on them."""

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


class InspectionType(models.TextChoices):
    STANDARD = "standard", "Standard inspection"
    SHORT = "short", "Short inspection"
    EXTENDED = "extended", "Inspection longer than a standard one"
    NOT_STATED = "not_stated", "Not stated"


#: From April 2026 Ofsted's revised ILACS framework gives no overall effectiveness grade.
UNGRADED_FROM = dt.date(2026, 4, 1)

#: The sub-judgements, in the order Ofsted's reports give them: (field, label).
SUB_JUDGEMENTS = (
    ("leaders", "The impact of leaders on social work practice"),
    ("help_and_protection", "Children who need help and protection"),
    ("children_in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
)


def _judgement_field(label, help_text):
    # Empty when the report gives none: the care leavers' judgement began in January 2023.
    return models.CharField(
        label, max_length=30, choices=Judgement.choices, blank=True, help_text=help_text
    )


class InspectionQuerySet(BelongsToCouncilQuerySet):
    def graded(self):
        return self.exclude(overall_effectiveness="")

    def latest_graded_by_council(self, council_ids):
        """{council id: its latest inspection with an overall grade}: one query however many
        councils, a row number over each council's inspections."""
        council_ids = list(council_ids)
        if not council_ids:
            return {}
        latest = (
            self.graded()
            .filter(council__in=council_ids)
            .annotate(
                recency=Window(
                    RowNumber(),
                    partition_by=[F("council_id")],
                    order_by=[F("published_on").desc(), F("pk").desc()],
                )
            )
            .filter(recency=1)
            .order_by()
        )
        return {inspection.council_id: inspection for inspection in latest}


class Inspection(models.Model):
    """An Ofsted judgement of a council's children's services. Inspectors' names are public in
    the reports but are never stored here: the record is of the council, not of a person."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="inspections")
    published_on = models.DateField(help_text="When Ofsted published the report.")
    visit_start = models.DateField(
        null=True, blank=True, help_text="The first day inspectors were on site, if known."
    )
    visit_end = models.DateField(
        null=True, blank=True, help_text="The last day inspectors were on site, if known."
    )
    framework = models.CharField(
        max_length=50,
        default="ILACS",
        help_text="The inspection framework, for example ILACS or SIF.",
    )
    inspection_type = models.CharField(
        max_length=20,
        choices=InspectionType.choices,
        default=InspectionType.NOT_STATED,
        help_text="A standard or a short inspection, as Ofsted calls it.",
    )
    overall_effectiveness = models.CharField(
        max_length=30,
        choices=Judgement.choices,
        blank=True,
        help_text="Empty when the report gives no overall grade, as under the framework from April 2026.",
    )
    leaders = _judgement_field(
        "Impact of leaders",
        "The impact of leaders on social work practice with children and families.",
    )
    help_and_protection = _judgement_field(
        "Help and protection",
        "The experiences and progress of children who need help and protection.",
    )
    children_in_care = _judgement_field(
        "Children in care", "The experiences and progress of children in care."
    )
    care_leavers = _judgement_field(
        "Care leavers",
        "The experiences and progress of care leavers (judged from January 2023).",
    )
    summary = models.TextField(blank=True, help_text="A sentence or two on what Ofsted found.")
    url = models.URLField("Report link", blank=True)
    source = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where this record was taken from, shown beside it on the council's page.",
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "published_on", "framework"],
                name="inspection_unique_per_date",
                violation_error_message="This council already has an inspection under this framework published on that date.",
            ),
            models.CheckConstraint(
                condition=Q(visit_start__isnull=True)
                | Q(visit_end__isnull=True)
                | Q(visit_end__gte=models.F("visit_start")),
                name="inspection_visit_end_not_before_start",
                violation_error_message="The last day of the visit cannot be before its first day.",
            ),
        ]

    def __str__(self):
        grade = self.get_overall_effectiveness_display() or "No overall grade"
        return f"{self.council}: {grade} ({self.published_on:%B %Y})"

    @property
    def sub_judgements(self):
        """(label, value, display) for each sub-judgement the report gives."""
        return [
            (label, getattr(self, name), getattr(self, f"get_{name}_display")())
            for name, label in SUB_JUDGEMENTS
            if getattr(self, name)
        ]

    @property
    def ungraded_by_framework(self):
        """No overall grade because the framework in force no longer gives one."""
        return not self.overall_effectiveness and self.published_on >= UNGRADED_FROM


class StatisticalNeighbour(models.Model):
    """One of the ten councils the Department for Education finds most like this one, for
    comparing like with like. Loaded from the Ofsted lookup file, whose order is kept."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(help_text="1 is the most similar.")

    objects = BelongsToCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["council", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "neighbour"],
                name="statistical_neighbour_once",
                violation_error_message="This council is already one of its neighbours.",
            ),
            models.UniqueConstraint(
                fields=["council", "rank"],
                name="statistical_neighbour_rank_once",
                violation_error_message="Another neighbour already has this rank.",
            ),
            models.CheckConstraint(
                condition=~Q(council=models.F("neighbour")),
                name="statistical_neighbour_not_itself",
                violation_error_message="A council is not its own statistical neighbour.",
            ),
        ]

    def __str__(self):
        return f"{self.council}: {self.neighbour} ({self.rank})"


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
            listed_once(
                "user",
                "council",
                "This person is already a member of this council. Change their role on the existing membership instead.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.council} ({self.role})"
