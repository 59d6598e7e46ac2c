"""A synthetic national dataset: every children's services authority in England, invented, at the
size the product must stay fast at (about 150 councils, 385,000 rows and their history at
scale 1).

It exists to measure and to test query plans, never to be shown as real: every council is
invented (GSS codes in the unused E69 range, register codes starting NAT) and every strategy's
summary says it is synthetic. The same seed and `today` give the same rows. Rows go in through
bulk inserts with their history rows, as the admin would have left them, so the tables it fills
look like a product in use."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from councils.dates import LONDON
from councils.models import (
    Council,
    CouncilKind,
    CouncilMembership,
    Inspection,
    Judgement,
    Partner,
    PartnerSector,
    Role,
    StatisticalNeighbour,
)
from outcomes.models import (
    Aim,
    Challenge,
    Indicator,
    IndicatorTarget,
    Measurement,
    NationalFigure,
    NationalIndicator,
    Objective,
    Polarity,
    ProgressUpdate,
    Rating,
)
from outcomes.periods import current_period
from outcomes.search_documents import search_documents_rebuild
from strategies.models import (
    Board,
    BoardAction,
    BoardMember,
    Decision,
    DecisionBody,
    Engagement,
    EngagementMethod,
    Meeting,
    Milestone,
    Principle,
    Programme,
    ProgrammeObjective,
    ProgrammeStatus,
    Representation,
    Strategy,
    StrategyPartner,
    StrategyStatus,
)

#: Councils at scale 1: about England's number of children's services authorities.
COUNCILS_PER_SCALE = 150
GSS_PREFIX = "E69"
REGISTER_PREFIX = "NAT"
#: Printed by the command, which refuses to run in production without --force.
NATIONAL_PASSWORD = "national-password-1"  # noqa: S105
#: A word in one objective of one strategy in about fifty: a "rare word" search.
RARE_WORD = "orienteering"
COMMON_WORD = "family"

AIMS, OBJECTIVES_PER_AIM, INDICATORS_PER_OBJECTIVE = 5, 4, 2
MEASUREMENTS, TARGETS, QUARTERS = 12, 2, 8
PROGRAMMES, MILESTONES = 3, 4
BATCH = 2000

_PLACE_STARTS = (
    "Ash", "Beck", "Bram", "Brook", "Calder", "Clay", "Crag", "Dale", "Elm", "Fen", "Fern",
    "Glen", "Hart", "Heath", "Holm", "Kirk", "Lark", "Lea", "Marl", "Mere", "Moss", "North",
    "Oak", "Pen", "Red", "Rook", "Rye", "Stan", "Thorn", "Wick", "Wold", "Yar",
)  # fmt: skip
_PLACE_ENDS = ("borough", "bridge", "by", "field", "ford", "ham", "ley", "mouth", "stow", "wood")
_REGIONS = (
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)  # fmt: skip
_KINDS = (
    CouncilKind.UNITARY, CouncilKind.COUNTY, CouncilKind.METROPOLITAN_DISTRICT,
    CouncilKind.LONDON_BOROUGH,
)  # fmt: skip
_AIM_TITLES = (
    ("Start well", "Children have the best start in life, with help for every family from pregnancy onwards."),
    ("Stay safe", "Children are safe at home, at school and online, and families get help before harm happens."),
    ("Be healthy", "Children and young people are healthy in body and mind, with services that come to them."),
    ("Achieve", "Every child learns, achieves and enjoys school, whatever their family's circumstances."),
    ("Be heard", "Children and young people shape the services they use and are listened to."),
    ("Prepare for adult life", "Young people leave care and school ready for work, a home and a family of their own."),
    ("Live in a stable home", "Children who cannot live with their birth family have a stable, loving home."),
)  # fmt: skip
_OBJECTIVE_VERBS = ("Expand", "Improve", "Reduce waiting for", "Join up", "Strengthen", "Offer")
_OBJECTIVE_THINGS = (
    "family hubs in every locality", "early help for families under pressure",
    "mental health support in schools", "school attendance for children in care",
    "speech and language support for under-fives", "short breaks for disabled children",
    "youth work in the evenings", "support for young carers", "foster carer recruitment",
    "help for care leavers to find a home", "health visiting in the first year",
    "special educational needs assessments", "safeguarding training for partners",
    "parenting programmes for fathers", "support for families facing domestic abuse",
    "apprenticeships for care leavers", "breakfast clubs in primary schools",
)  # fmt: skip
_DESCRIPTIONS = (
    "Working with schools, health visitors and the voluntary sector so that a family gets the right help at the right time.",
    "We will measure what changes for children, not how busy services are, and report to the board every quarter.",
    "Young people told us this matters most; the partnership will fund it jointly and review it each year.",
    "Building on the family help model, practitioners will stay with a family until things improve.",
    "A single front door means parents tell their story once and are not passed between services.",
)  # fmt: skip
_PROGRAMME_TITLES = (
    "Family help service", "Family safeguarding model", "Regional adoption agency",
    "Healthy minds in schools", "Youth voice programme", "Care leavers' local offer",
)  # fmt: skip
_INDICATOR_TITLES = (
    ("Percentage of families helped early who need no further support", "%", Polarity.HIGHER_BETTER),
    ("Children in care per 10,000 children", "per 10,000 children", Polarity.LOWER_BETTER),
    ("Average days waiting for a first appointment", "days", Polarity.LOWER_BETTER),
    ("Percentage of pupils attending school regularly", "%", Polarity.HIGHER_BETTER),
    ("Re-referrals to children's social care within 12 months", "%", Polarity.LOWER_BETTER),
)  # fmt: skip
_COMMENTARY = (
    "Delivery is on plan: the family hub opened in the north of the borough and referrals rose.",
    "Recruitment of practitioners is slower than planned; agency cover is in place for now.",
    "Partners agreed a joint data set, so next quarter's figures will be comparable.",
    "Families' feedback is positive; waiting times fell for the second quarter running.",
)  # fmt: skip
_RATINGS = (
    (Rating.ON_TRACK, 55),
    (Rating.AT_RISK, 20),
    (Rating.OFF_TRACK, 8),
    (Rating.COMPLETE, 7),
    (Rating.NOT_STARTED, 10),
)


@dataclass
class GeneratedCounts:
    rows: dict = field(default_factory=dict)

    def add(self, model, number):
        name = model.__name__
        self.rows[name] = self.rows.get(name, 0) + number

    @property
    def total(self):
        return sum(self.rows.values())


def national_exists():
    return Council.objects.filter(gss_code__startswith=GSS_PREFIX).exists()


def national_generate(*, scale=1.0, seed=1, today=None, stdout=None):
    """Insert the dataset and return the counts of rows made. Refuses to run twice: a second copy
    would clash on every code and address."""
    if national_exists():
        raise ValueError(
            "The national dataset is already loaded (councils with GSS codes starting "
            f"{GSS_PREFIX}); it is generated once per database."
        )
    generator = _Generator(scale=scale, seed=seed, today=today)
    with transaction.atomic():
        generator.run()
        # Bulk inserts send no signals: the stored search words are made once, at the end.
        search_documents_rebuild()
    if connection.vendor == "postgresql":
        # Without fresh statistics the planner guesses from empty tables and picks the wrong plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if stdout is not None:
        for name, number in sorted(generator.counts.rows.items()):
            stdout.write(f"  {name}: {number:,}\n")
        stdout.write(f"In all: {generator.counts.total:,} rows, not counting history.\n")
    return generator.counts


class _Generator:
    def __init__(self, *, scale, seed, today):
        self.random = random.Random(seed)  # noqa: S311 invented data, repeatable by seed
        self.council_count = max(1, round(COUNCILS_PER_SCALE * scale))
        self.latest = current_period(today)
        self.now = timezone.now()
        self.counts = GeneratedCounts()

    def create(self, model, objects):
        """Insert with history rows where the model keeps history, as a save would."""
        if hasattr(model, "history"):
            bulk_create_with_history(objects, model, batch_size=BATCH, default_date=self.now)
        else:
            model.objects.bulk_create(objects, batch_size=BATCH)
        self.counts.add(model, len(objects))
        return objects

    def choice(self, options):
        return options[self.random.randrange(len(options))]

    def run(self):
        councils = self.councils()
        partners = self.partners(councils)
        self.inspections(councils)
        boards = self.boards(councils)
        self.people(councils, boards)
        strategies = self.strategies(councils, boards, partners)
        title, unit, _polarity = _INDICATOR_TITLES[-1]
        # Defined before the indicators, which adopt it as they are made.
        (self.national,) = self.create(
            NationalIndicator,
            [NationalIndicator(slug="national-re-referrals", name=title, unit_label=unit)],
        )
        objectives, programmes = self.parts(strategies, partners)
        self.national_picture(councils)
        meetings = self.meetings(boards, strategies)
        self.progress(objectives, programmes, meetings)
        self.board_business(meetings, objectives)

    def councils(self):
        names = [start + end for end in _PLACE_ENDS for start in _PLACE_STARTS]
        self.random.shuffle(names)
        if self.council_count > len(names):
            names += [f"{name} {n}" for n in range(2, 10) for name in list(names)]
        return self.create(
            Council,
            [
                Council(
                    name=name,
                    official_name=f"{name} Council",
                    slug=f"{slugify(name)}-national",
                    register_code=f"{REGISTER_PREFIX}{number:04d}",
                    gss_code=f"{GSS_PREFIX}{number:06d}",
                    kind=self.choice(_KINDS),
                    region=self.choice(_REGIONS),
                    website=f"https://www.{slugify(name)}.example.org",
                )
                for number, name in enumerate(names[: self.council_count], start=1)
            ],
        )

    def partners(self, councils):
        sectors = (
            (PartnerSector.POLICE, "{} Police"),
            (PartnerSector.HEALTH, "{} Integrated Care Board"),
            (PartnerSector.VOLUNTARY, "{} Family Action Network"),
        )
        made = self.create(
            Partner,
            [
                Partner(council=council, name=pattern.format(council.name), sector=sector)
                for council in councils
                for sector, pattern in sectors
            ],
        )
        by_council = {}
        for partner in made:
            by_council.setdefault(partner.council_id, []).append(partner)
        return by_council

    def inspections(self, councils):
        judgements = [value for value, _label in Judgement.choices]
        self.create(
            Inspection,
            [
                Inspection(
                    council=council,
                    published_on=dt.date(2019 + 3 * n, 1 + council.pk % 12, 10),
                    overall_effectiveness=self.choice(judgements),
                    summary="Leaders know their services well and family help has improved.",
                )
                for council in councils
                for n in range(2)
            ],
        )

    def boards(self, councils):
        return self.create(
            Board,
            [
                Board(
                    council=council,
                    name=f"{council.name} Children and Young People's Partnership Board",
                    slug=f"{council.slug}-board",
                    description="Oversees delivery of the partnership's plan for children and families.",
                )
                for council in councils
            ],
        )

    def people(self, councils, boards):
        """An editor and a board member per council, who can sign in (for the benchmark)."""
        User = get_user_model()
        password = make_password(NATIONAL_PASSWORD)  # hashed once: hashing is slow on purpose
        users = []
        for council in councils:
            for role in ("editor", "board"):
                users.append(
                    User(
                        username=f"{council.slug}-{role}",
                        email=f"{council.slug}-{role}@example.org",
                        password=password,
                        is_staff=role == "editor",
                    )
                )
        users = self.create(User, users)
        by_name = {user.username: user for user in users}
        self.create(
            CouncilMembership,
            [
                CouncilMembership(
                    user=by_name[f"{council.slug}-editor"], council=council, role=Role.PUBLISHER
                )
                for council in councils
            ],
        )
        members = []
        representations = [value for value, _label in Representation.choices]
        for board, council in zip(boards, councils, strict=True):
            members.append(
                BoardMember(
                    board=board,
                    name=f"Chair of the {council.name} board",
                    representation=Representation.ELECTED_MEMBER,
                    user=by_name[f"{council.slug}-board"],
                    show_name_publicly=True,
                )
            )
            for n, representation in enumerate(representations):
                members.append(
                    BoardMember(
                        board=board,
                        name=f"Member {n + 1}",
                        representation=representation,
                        organisation=council.name,
                    )
                )
        self.create(BoardMember, members)

    def strategies(self, councils, boards, partners):
        """A published plan, the ended plan it replaced and a draft of the next, per council."""
        year = self.latest.financial_year
        kinds = (
            # (status, first year, last year, words in the title)
            (StrategyStatus.ARCHIVED, year - 5, year - 2, "Children and Young People's Plan"),
            (StrategyStatus.PUBLISHED, year - 1, year + 2, "Children and Young People's Strategy"),
            (StrategyStatus.DRAFT, year + 1, year + 4, "Family Help Strategy"),
        )
        made = []
        for council, board in zip(councils, boards, strict=True):
            for status, start, end, words in kinds:
                rare = self.random.random() < 0.02
                public = status != StrategyStatus.DRAFT
                made.append(
                    Strategy(
                        lead_council=council,
                        title=f"{council.name} {words} {start}-{end}",
                        slug=slugify(f"{words} {start} {end}"),
                        start_year=start,
                        end_year=end,
                        status=status,
                        board=board,
                        summary=(
                            f"Synthetic record for measuring the service at national scale. How "
                            f"{council.name}'s partnership will help every child and family "
                            "thrive, from early help to leaving care"
                            + (f", with {RARE_WORD} for looked-after children." if rare else ".")
                        ),
                        vision=f"{council.name} is a place where every child grows up in a loving family.",
                        first_public_at=self.now if public else None,
                        published_at=self.now if public else None,
                        archived_at=self.now if status == StrategyStatus.ARCHIVED else None,
                    )
                )
        made = self.create(Strategy, made)
        # The published plan refreshes the ended one.
        for ended, published in zip(made[0::3], made[1::3], strict=True):
            published.predecessor = ended
        Strategy.objects.bulk_update(made[1::3], ["predecessor"], batch_size=BATCH)
        links, principles, decisions, engagements = [], [], [], []
        for strategy in made:
            for partner in partners[strategy.lead_council_id]:
                links.append(StrategyPartner(strategy=strategy, partner=partner, role="Partner"))
            for n, title in enumerate(("Child first", "Think family", "Listen and act")):
                principles.append(Principle(strategy=strategy, order=n, title=title))
            decisions.append(
                Decision(
                    strategy=strategy,
                    body=DecisionBody.CABINET,
                    meeting_date=dt.date(strategy.start_year, 3, 1),
                    recommendations="Approve the strategy for publication.",
                )
            )
            engagements.append(
                Engagement(
                    strategy=strategy,
                    audience="Children, young people and their families",
                    method=EngagementMethod.SURVEY,
                    participants=self.random.randrange(150, 2500),
                    what_they_said="Help should come sooner and from people families already know.",
                )
            )
        self.create(StrategyPartner, links)
        self.create(Principle, principles)
        self.create(Decision, decisions)
        self.create(Engagement, engagements)
        return made

    def parts(self, strategies, partners):
        aims = []
        for strategy in strategies:
            titles = self.random.sample(_AIM_TITLES, AIMS)
            for n, (title, description) in enumerate(titles):
                aims.append(Aim(strategy=strategy, order=n, title=title, description=description))
        aims = self.create(Aim, aims)
        objectives = []
        for aim in aims:
            for n in range(OBJECTIVES_PER_AIM):
                thing = self.choice(_OBJECTIVE_THINGS)
                if self.random.random() < 0.004:
                    thing = f"{RARE_WORD} and outdoor learning for children in care"
                objectives.append(
                    Objective(
                        aim=aim,
                        order=n,
                        title=f"{self.choice(_OBJECTIVE_VERBS)} {thing}",
                        description=self.choice(_DESCRIPTIONS),
                        lead="Director of Children's Services",
                    )
                )
        objectives = self.create(Objective, objectives)
        self.indicators(objectives)
        programmes = []
        for strategy in strategies:
            for n, title in enumerate(self.random.sample(_PROGRAMME_TITLES, PROGRAMMES)):
                programmes.append(
                    Programme(
                        strategy=strategy,
                        order=n,
                        title=title,
                        description=self.choice(_DESCRIPTIONS),
                        lead_partner=self.choice(partners[strategy.lead_council_id]),
                        delivery_year=n + 1,
                        funding_source="Families First for Children Pathfinder",
                        funding_kind="exact",
                        funding_amount=Decimal(self.random.randrange(50, 900) * 1000),
                        status=ProgrammeStatus.IN_PROGRESS,
                        start_date=dt.date(strategy.start_year, 4, 1),
                    )
                )
        programmes = self.create(Programme, programmes)
        by_strategy = {}
        for objective in objectives:
            by_strategy.setdefault(objective.aim.strategy_id, []).append(objective)
        links, milestones = [], []
        for programme in programmes:
            for objective in self.random.sample(by_strategy[programme.strategy_id], 2):
                links.append(ProgrammeObjective(programme=programme, objective=objective))
            for n in range(MILESTONES):
                due = dt.date(programme.strategy.start_year, 6, 30) + dt.timedelta(days=180 * n)
                done = due if due < self.latest.end else None
                milestones.append(
                    Milestone(
                        programme=programme,
                        title=f"Stage {n + 1} of the {programme.title.lower()}",
                        due_on=due,
                        completed_on=done,
                    )
                )
        self.create(ProgrammeObjective, links)
        self.create(Milestone, milestones)
        return objectives, programmes

    def indicators(self, objectives):
        indicators = []
        for objective in objectives:
            for n in range(INDICATORS_PER_OBJECTIVE):
                title, unit, polarity = self.choice(_INDICATOR_TITLES)
                indicators.append(
                    Indicator(
                        objective=objective,
                        order=n,
                        title=title,
                        unit_label=unit,
                        decimal_places=1,
                        polarity=polarity,
                        baseline_value=Decimal(self.random.randrange(100, 900)) / 10,
                        baseline_date=dt.date(2023, 3, 31),
                        source="Department for Education, children's social care statistics",
                        national_indicator=self.national if title == self.national.name else None,
                    )
                )
        indicators = self.create(Indicator, indicators)
        measurements, targets = [], []
        quarter_ends = [self.latest]
        for _ in range(MEASUREMENTS - 1):
            quarter_ends.insert(0, quarter_ends[0].previous)
        for indicator in indicators:
            value = indicator.baseline_value
            for quarter in quarter_ends:
                value = max(Decimal(0), value + Decimal(self.random.randrange(-30, 31)) / 10)
                measurements.append(
                    Measurement(indicator=indicator, period_end=quarter.end, value=value)
                )
            for n in range(TARGETS):
                targets.append(
                    IndicatorTarget(
                        indicator=indicator,
                        date=dt.date(self.latest.financial_year + 1 + n, 3, 31),
                        value=indicator.baseline_value + 5 * (n + 1),
                    )
                )
        self.create(Measurement, measurements)
        self.create(IndicatorTarget, targets)

    def national_picture(self, councils):
        """Ten statistical neighbours for each council (the next ten, in a ring), and England's
        and every council's figures for the national indicator, for the last three years."""
        self.create(
            StatisticalNeighbour,
            [
                StatisticalNeighbour(
                    council=council, neighbour=councils[(n + rank) % len(councils)], rank=rank
                )
                for n, council in enumerate(councils)
                for rank in range(1, min(11, len(councils)))
            ],
        )
        years = [dt.date(self.latest.financial_year - back, 3, 31) for back in (2, 1, 0)]
        self.create(
            NationalFigure,
            [
                NationalFigure(
                    national_indicator=self.national,
                    council=area,
                    period_end=year,
                    value=Decimal(self.random.randrange(150, 300)) / 10,
                    source="Synthetic figures for measuring the site",
                )
                for area in [None, *councils]
                for year in years
            ],
        )

    def _quarters(self, strategy):
        """The eight quarters a strategy reported on: its last eight, or the latest eight."""
        last = self.latest
        ended_on = dt.date(strategy.end_year, 3, 31)
        while last.end > ended_on:
            last = last.previous
        quarters = [last]
        for _ in range(QUARTERS - 1):
            quarters.insert(0, quarters[0].previous)
        return quarters

    def meetings(self, boards, strategies):
        """A meeting about six weeks after each quarter any of the board's strategies reported."""
        wanted = {}
        for strategy in strategies:
            for quarter in self._quarters(strategy):
                wanted.setdefault(strategy.board_id, set()).add(quarter)
        meetings = []
        for board in boards:
            for quarter in sorted(wanted.get(board.pk, ())):
                meetings.append(
                    Meeting(
                        board=board,
                        date=quarter.end + dt.timedelta(days=45),
                        title=f"Quarterly review, {quarter.label}",
                    )
                )
        meetings = self.create(Meeting, meetings)
        return {(meeting.board_id, meeting.date): meeting for meeting in meetings}

    def progress(self, objectives, programmes, meetings):
        ratings, weights = zip(*_RATINGS, strict=True)
        updates = []
        subjects = [(o, o.aim.strategy, "objective") for o in objectives]
        subjects += [(p, p.strategy, "programme") for p in programmes]
        for subject, strategy, kind in subjects:
            for quarter in self._quarters(strategy):
                rating = self.random.choices(ratings, weights)[0]
                meeting_day = quarter.end + dt.timedelta(days=45)
                # The latest quarter waits for the board, and a draft's progress is not yet agreed.
                signed = quarter != self.latest and strategy.status != StrategyStatus.DRAFT
                meeting = meetings[(strategy.board_id, meeting_day)] if signed else None
                updates.append(
                    ProgressUpdate(
                        **{kind: subject},
                        period_start=quarter.start,
                        period_end=quarter.end,
                        rating=rating,
                        commentary=self.choice(_COMMENTARY),
                        next_steps=(
                            "The lead will bring a recovery plan with dates to the next meeting."
                            if rating in (Rating.AT_RISK, Rating.OFF_TRACK)
                            else ""
                        ),
                        meeting=meeting,
                        signed_off_at=(
                            dt.datetime.combine(meeting_day, dt.time(11), tzinfo=LONDON)
                            if signed
                            else None
                        ),
                    )
                )
        self.create(ProgressUpdate, updates)

    def board_business(self, meetings, objectives):
        objectives_by_board = {}
        for objective in objectives:
            objectives_by_board.setdefault(objective.aim.strategy.board_id, []).append(objective)
        actions, challenges = [], []
        for (board_id, day), meeting in meetings.items():
            past = day < self.latest.end
            for n in range(2):
                done = past and n == 0
                actions.append(
                    BoardAction(
                        meeting=meeting,
                        description="Report back on waiting times for family help assessments.",
                        owner="Head of Early Help",
                        due_on=day + dt.timedelta(days=60),
                        status=BoardAction.Status.DONE if done else BoardAction.Status.OPEN,
                        completed_on=day + dt.timedelta(days=50) if done else None,
                    )
                )
            challenges.append(
                Challenge(
                    meeting=meeting,
                    objective=self.choice(objectives_by_board[board_id]),
                    question="What will change for families before the next meeting?",
                    owner="Director of Children's Services",
                    answer_due=day + dt.timedelta(days=30),
                    status=Challenge.Status.ACCEPTED if past else Challenge.Status.OPEN,
                    answer="A second family hub opens next month." if past else "",
                    answered_on=day + dt.timedelta(days=20) if past else None,
                )
            )
        self.create(BoardAction, actions)
        self.create(Challenge, challenges)
