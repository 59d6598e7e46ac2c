import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet, member_council_ids
from councils.constraints import listed_once
from councils.dates import FIRST_YEAR, LAST_YEAR, today_in_london
from councils.demonstration import demonstration_flag, demonstration_index
from councils.models import Council, Partner

from ..concurrency import VersionedModel
from .board import BoardMember


class StrategyKind(models.TextChoices):
    PARTNERSHIP_STRATEGY = "partnership_strategy", "Partnership strategy"
    EARLY_HELP = "early_help", "Early help strategy"
    PERMANENCE = "permanence", "Permanence strategy"
    VISION = "vision", "Vision"
    PLAN = "plan", "Plan"
    CORPORATE_PLAN = "corporate_plan", "Corporate plan"


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved, not yet published"
    CONSULTATION = "consultation", "Draft for consultation"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


#: Statuses the public may see. Only a publisher may set one of these.
PUBLIC_STATUSES = (StrategyStatus.CONSULTATION, StrategyStatus.PUBLISHED, StrategyStatus.ARCHIVED)
#: Statuses of a strategy that has been in force: only one of these can have ended.
IN_FORCE_STATUSES = (StrategyStatus.PUBLISHED, StrategyStatus.ARCHIVED)


class ProgressFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SIX_MONTHLY = "six_monthly", "Every six months"
    ANNUAL = "annual", "Annually"


class StrategyQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(lead_council__in=council_ids)

    def public(self):
        """What anyone may see. Every public view starts here."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def for_user(self, user):
        """What this person may read: public strategies, their councils' drafts, and drafts of
        strategies overseen by a board they sit on now."""
        if user.is_active and user.is_superuser:
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.public()
        return self.filter(
            Q(status__in=PUBLIC_STATUSES)
            | Q(lead_council__in=member_council_ids(user))
            | Q(board__in=BoardMember.objects.current().filter(user=user).values("board"))
        )

    def with_period_passed(self, today=None):
        """Annotate period_passed: Strategy.has_ended() for each row, worked out in SQL so a list
        can order or filter by it (the rule itself is Strategy.ended_condition)."""
        return self.annotate(period_passed=Strategy.ended_condition(today))

    def editable_by(self, user):
        """What this person may change in the admin: their own councils' strategies."""
        if user.is_active and user.is_superuser:
            return self.all()
        return self.for_councils(member_council_ids(user))


class PartOfStrategyQuerySet(CouncilScopedQuerySet):
    """For a model whose rows belong to one strategy, and so to its lead council."""

    def for_councils(self, council_ids):
        return self.filter(strategy__lead_council__in=council_ids)


class Strategy(VersionedModel):
    lead_council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="strategies",
        help_text="The council that publishes the strategy; its officers edit it.",
    )
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=100, help_text="Used in the strategy's web address; unique within the council."
    )
    kind = models.CharField(
        max_length=30, choices=StrategyKind.choices, default=StrategyKind.PARTNERSHIP_STRATEGY
    )
    start_year = models.PositiveSmallIntegerField(help_text="First year the strategy covers.")
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Last year the strategy covers. Leave empty when the document gives no end "
        "year: the strategy then runs until it is replaced, reads “until replaced” on its page "
        "and is never shown as ended.",
    )
    status = models.CharField(
        max_length=20,
        choices=StrategyStatus.choices,
        default=StrategyStatus.DRAFT,
        help_text=(
            "Draft and approved strategies are hidden from the public. Consultation, published and "
            "archived strategies are public; only a publisher may set them."
        ),
    )
    summary = models.TextField(blank=True, help_text="One paragraph shown in lists and search.")
    vision = models.TextField(blank=True, help_text="The strategy's vision statement, in full.")
    document_url = models.URLField(
        "Document link", blank=True, help_text="Where the full document is published."
    )
    progress_frequency = models.CharField(
        max_length=20,
        choices=ProgressFrequency.choices,
        default=ProgressFrequency.QUARTERLY,
        help_text="How often progress is reported to the board.",
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text="The earlier strategy this one refreshes or replaces.",
    )
    board = models.ForeignKey(
        "strategies.Board",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        help_text="The board that oversees delivery and signs off progress.",
    )
    co_owners = models.ManyToManyField(
        Council, through="StrategyCouncil", related_name="co_owned_strategies", blank=True
    )
    partners = models.ManyToManyField(
        Partner, through="StrategyPartner", related_name="strategies", blank=True
    )
    related = models.ManyToManyField(
        "self",
        through="StrategyRelation",
        symmetrical=False,
        related_name="related_from",
        blank=True,
    )
    first_public_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the strategy was first made public."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = StrategyQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("strategy")]
        ordering = ["lead_council__name", "-start_year", "title"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["lead_council", "slug"],
                name="strategy_unique_slug_per_council",
                violation_error_message="Your council already has a strategy with this web address (slug). Choose a different one.",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="strategy_period_end_not_before_start",
                violation_error_message="The last year the strategy covers cannot be before its first year.",
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR)
                & (Q(end_year__isnull=True) | Q(end_year__lte=LAST_YEAR)),
                name="strategy_years_plausible",
                violation_error_message=f"The years the strategy covers must be between {FIRST_YEAR} and {LAST_YEAR}.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(first_public_at__isnull=False),
                name="strategy_public_has_first_public_at",
                violation_error_message="A public strategy must record when it was first made public.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def get_absolute_url(self):
        return reverse(
            "public:strategy",
            kwargs={"council": self.lead_council.slug, "slug": self.slug},
        )

    @property
    def period_label(self):
        if self.end_year is None:
            return f"{self.start_year} until replaced"
        return f"{self.start_year} to {self.end_year}"

    @property
    def period_end_date(self):
        """The last day of the period read as financial years: 31 March of the end year, or of
        the year after for a one-year plan, which still runs a full financial year. None for a
        strategy that runs until it is replaced."""
        if self.end_year is None:
            return None
        return dt.date(max(self.end_year, self.start_year + 1), 3, 31)

    def has_ended(self, today=None):
        """Whether this is a strategy in force whose period has passed (today in Europe/London
        unless given): the public read it as ended, whatever its status says. A draft or one out
        for consultation was never in force, so it cannot have ended. ended_condition below says
        the same in SQL, for lists."""
        if self.status not in IN_FORCE_STATUSES:
            return False
        # One that runs until replaced ends only when a successor replaces it, which the page
        # says by naming the successor, not by guessing a date.
        if self.end_year is None:
            return False
        return (today or today_in_london()) > self.period_end_date

    @staticmethod
    def ended_condition(today=None):
        """has_ended() above as a condition on the row, for StrategyQuerySet.with_period_passed:
        change the two together. A period ends on 31 March of its end year, or of the year after
        for a one-year plan (period_end_date), so it has ended when both years are before the
        first 31 March still to come."""
        today = today or today_in_london()
        next_march = today.year if today <= dt.date(today.year, 3, 31) else today.year + 1
        return (
            Q(status__in=IN_FORCE_STATUSES)
            & Q(end_year__isnull=False)
            & Q(end_year__lt=next_march)
            & Q(start_year__lt=next_march - 1)
        )

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    @property
    def was_ever_public(self):
        return self.first_public_at is not None

    def clean(self):
        super().clean()
        if self.predecessor_id and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": "A strategy cannot be its own predecessor."})
        if (
            self.predecessor_id
            and self.lead_council_id
            and self.predecessor.lead_council_id != self.lead_council_id
        ):
            raise ValidationError(
                {"predecessor": "The predecessor must be a strategy of the same lead council."}
            )

    def save(self, *args, **kwargs):
        # Dates follow the status, so "was ever public" is a recorded fact, not a guess.
        now = timezone.now()
        if self.is_public and self.first_public_at is None:
            self.first_public_at = now
        if self.status == StrategyStatus.PUBLISHED and self.published_at is None:
            self.published_at = now
        if self.status == StrategyStatus.ARCHIVED and self.archived_at is None:
            self.archived_at = now
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {
                *update_fields,
                "first_public_at",
                "published_at",
                "archived_at",
            }
        return super().save(*args, **kwargs)


class StrategyCouncil(models.Model):
    """A council that co-owns a strategy it does not lead."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="co_ownerships")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="co_ownerships")
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text="What this council does in the strategy, if anything special.",
    )

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        verbose_name = "co-owning council"
        constraints = [
            listed_once(
                "strategy",
                "council",
                "This council is already listed as a co-owner of the strategy.",
            ),
        ]

    def __str__(self):
        return f"{self.council} co-owns {self.strategy.title}"


class StrategyPartner(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(
        max_length=200, blank=True, help_text="The partner's part in the strategy, shown publicly."
    )

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        verbose_name = "partner"
        constraints = [
            listed_once(
                "strategy",
                "partner",
                "This partner is already listed on the strategy. Change its role on the existing row instead.",
            ),
        ]

    def __str__(self):
        return f"{self.partner} in {self.strategy.title}"


class StrategyRelationQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        # A link belongs to the strategy it is edited on, not the one it points to.
        return self.filter(from_strategy__lead_council__in=council_ids)


class StrategyRelation(models.Model):
    """The "golden thread": how a strategy sits under a corporate plan or above service plans."""

    class Kind(models.TextChoices):
        PART_OF = "part_of", "Delivers part of"
        DELIVERED_BY = "delivered_by", "Is delivered through"
        RELATED = "related", "Related to"

    from_strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="relations_out"
    )
    to_strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RELATED)

    history = HistoricalRecords()
    objects = StrategyRelationQuerySet.as_manager()

    class Meta:
        verbose_name = "related strategy"
        verbose_name_plural = "related strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["from_strategy", "to_strategy"],
                name="strategy_relation_unique",
                violation_error_message="This strategy is already linked to that strategy. Change the existing link instead of adding another.",
            ),
            models.CheckConstraint(
                condition=~Q(from_strategy=models.F("to_strategy")),
                name="strategy_relation_not_to_itself",
                violation_error_message="A strategy cannot be related to itself. Choose a different strategy.",
            ),
        ]

    def __str__(self):
        return (
            f"{self.from_strategy.title} {self.get_kind_display().lower()} {self.to_strategy.title}"
        )


class Principle(models.Model):
    """A value, belief, building block or "thing we will obsess about"."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="principles")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = PartOfStrategyQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "order", "pk"]

    def __str__(self):
        return self.title
