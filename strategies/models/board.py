from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from councils.access import CouncilScopedQuerySet
from councils.dates import today_in_london
from councils.demonstration import demonstration_flag, demonstration_index
from councils.models import BelongsToCouncilQuerySet, Council


class Board(models.Model):
    """The board that oversees delivery of one or more strategies."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="boards",
        help_text="The council whose officers look after the board's records.",
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = BelongsToCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:detail", kwargs={"slug": self.slug})


class Representation(models.TextChoices):
    """The open data publishes these values as codes (board.members[].representation), so add one
    rather than renaming one: a download's users match on them."""

    YOUNG_PERSON = "young_person", "Young person"
    ELECTED_MEMBER = "elected_member", "Elected member"
    STATUTORY_LEADER = "statutory_leader", "Statutory leader"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    PARTNER = "partner", "Partner organisation"
    OFFICER = "officer", "Officer"


class PartOfBoardQuerySet(CouncilScopedQuerySet):
    """For a model whose rows belong to one board, and so to the board's council."""

    def for_councils(self, council_ids):
        return self.filter(board__council__in=council_ids)


class BoardMemberQuerySet(PartOfBoardQuerySet):
    def current(self, *, today=None):
        """Members on `today` (by default today in London), their last day included: a member
        who has left sees no more of the board's drafts, and is no longer listed publicly."""
        today = today or today_in_london()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    representation = models.CharField(max_length=30, choices=Representation.choices)
    organisation = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_memberships",
        help_text="The member's sign-in account, if they review progress on the site.",
    )
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    show_name_publicly = models.BooleanField(
        default=False,
        help_text=(
            "Show the member's name on public pages. Never for young people, who are "
            "children: the public page shows only what they represent."
        ),
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("boardmember")]
        ordering = ["board", "representation", "name"]
        constraints = [
            # The public pages promise that young people on a board are never named.
            models.CheckConstraint(
                condition=~Q(representation=Representation.YOUNG_PERSON, show_name_publicly=True),
                name="board_member_young_people_not_named",
                violation_error_message=(
                    "Young people on a board are children: their names are never shown on "
                    "public pages. Untick “Show name publicly”."
                ),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="board_member_left_not_before_joined",
                violation_error_message="The date a member left cannot be before the date they joined.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_representation_display()})"


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    held_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the board pack was frozen."
    )
    pack = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The board pack as the board saw it when the meeting was held: later edits never change it.",
    )
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = PartOfBoardQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("meeting")]
        ordering = ["board", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "date"],
                name="meeting_one_per_board_per_day",
                violation_error_message="This board already has a meeting on that date.",
            ),
            models.CheckConstraint(
                condition=(Q(held_at__isnull=True) & Q(pack__isnull=True))
                | (Q(held_at__isnull=False) & Q(pack__isnull=False)),
                name="meeting_pack_frozen_when_held",
                violation_error_message="A meeting that has been held keeps its board pack, and a meeting not yet held has none.",
            ),
        ]

    def __str__(self):
        return f"{self.board}: {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("boards:meeting", kwargs={"slug": self.board.slug, "pk": self.pk})


class BoardActionQuerySet(CouncilScopedQuerySet):
    def for_councils(self, council_ids):
        return self.filter(meeting__board__council__in=council_ids)

    def open(self):
        """Actions the board still waits on: open or in progress, neither done nor dropped."""
        return self.exclude(status__in=BoardAction.FINISHED)

    def open_for(self, board):
        """The actions `board` still waits on, raised at any of its meetings."""
        return self.open().filter(meeting__board=board)


class BoardAction(models.Model):
    """An action raised at a board meeting. (Not "Action": the admin uses that word.)"""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    #: The statuses of an action the board no longer waits on.
    FINISHED = (Status.DONE, Status.DROPPED)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who is responsible for the action.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    demonstration = demonstration_flag()

    history = HistoricalRecords()
    objects = BoardActionQuerySet.as_manager()

    class Meta:
        indexes = [demonstration_index("boardaction")]
        # Soonest due first, undated last, on every database: the order every actions table reads in.
        ordering = [F("due_on").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="done") & Q(completed_on__isnull=False))
                | (~Q(status="done") & Q(completed_on__isnull=True)),
                name="board_action_done_exactly_when_completed",
                violation_error_message="An action is done exactly when it has a completion date: set the status to done and give the date it was completed, or clear both.",
            ),
        ]

    def __str__(self):
        return self.description[:80]
