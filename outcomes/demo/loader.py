"""Loads the demo: councils, strategies and their parts, progress and demo accounts.

Every row is found by its natural key and saved only when something differs, so loading twice
changes nothing and writes no history."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from councils.dates import LONDON
from councils.models import (
    Council,
    CouncilMembership,
    Inspection,
    Partner,
    Role,
    StatisticalNeighbour,
)
from outcomes.models import (
    Aim,
    Frequency,
    Indicator,
    IndicatorTarget,
    Measurement,
    MeasurementStatus,
    NationalFigure,
    NationalIndicator,
    Objective,
    ProgressUpdate,
    Theme,
    YearType,
)
from outcomes.periods import current_period
from outcomes.themes import themes_load
from strategies.models import (
    IN_FORCE_STATUSES,
    Board,
    BoardAction,
    BoardMember,
    Decision,
    Engagement,
    FundingKind,
    Meeting,
    Milestone,
    Principle,
    Programme,
    ProgrammeCouncil,
    ProgrammeObjective,
    Strategy,
    StrategyPartner,
    StrategyRelation,
)

from . import councils as council_data
from . import inspections as inspection_data
from . import national_figures as national_data
from . import progress as progress_data
from . import strategies as strategy_data
from . import themes as theme_data
from .upsert import CREATED, UPDATED, Tally, same_value, upsert

# Published on purpose: the command prints it, and refuses to run in production.
DEMO_PASSWORD = "demo-password-1"  # noqa: S105

# (username, first name, last name, staff, superuser, council memberships)
ACCOUNTS = [
    ("admin", "Demo", "Administrator", True, True, []),
    ("telford-editor", "Demo", "Editor", True, False, [(council_data.TELFORD, Role.EDITOR)]),
    (
        "telford-publisher",
        "Demo",
        "Publisher",
        True,
        False,
        [(council_data.TELFORD, Role.PUBLISHER)],
    ),
    ("stoke-editor", "Demo", "Editor", True, False, [(council_data.STOKE, Role.EDITOR)]),
    ("telford-board", "Demo", "Board Member", False, False, []),
]

ACCOUNT_NOTES = {
    "admin": "site administrator: sees and edits everything",
    "telford-editor": "edits Telford & Wrekin's strategies in the admin",
    "telford-publisher": "also publishes and archives Telford & Wrekin's strategies",
    "stoke-editor": "edits Stoke-on-Trent's strategies in the admin",
    "telford-board": "sits on Telford & Wrekin's board: reviews and signs off progress",
}

# Boards meet about six weeks after a quarter ends, once the figures are in.
MEETING_DELAY = dt.timedelta(days=45)


def _at(day, hour=10):
    """A moment on a London day, for timestamps the seed documents give only as dates."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON) if day else None


def _decimal(value):
    return Decimal(value) if value is not None else None


def demo_load(*, stdout, today=None):
    """Create or update the demo data and write a report of what happened to ``stdout``."""
    tally = Tally()
    with transaction.atomic():
        loader = _Loader(tally, today=today)
        loader.load()
    stdout.write("Demo data loaded from the five seed documents.\n")
    for line in tally.lines():
        stdout.write(line + "\n")
    stdout.write(
        f"In all: {tally.total(CREATED)} created, {tally.total(UPDATED)} updated, "
        "the rest unchanged.\n"
    )
    stdout.write(f"\nDemo accounts (password for each: {DEMO_PASSWORD}):\n")
    for username, *_ in ACCOUNTS:
        stdout.write(f"  {username:<18} {ACCOUNT_NOTES[username]}\n")
    stdout.write("Officers and the administrator sign in at /admin/.\n")
    return tally


class _Loader:
    def __init__(self, tally, *, today=None):
        self.tally = tally
        latest = current_period(today)
        quarters = [latest]
        for _ in range(3):
            quarters.insert(0, quarters[0].previous)
        self.quarters = quarters
        self.councils = {}
        self.partners = {}
        self.boards = {}
        self.users = {}
        self.strategies = {}
        self.objectives = {}
        self.programmes = {}
        self.themes = {}

    def map_themes(self, part, slugs):
        """Map an aim or objective to exactly these themes; set() writes only what differs."""
        wanted = [self.themes[slug] for slug in slugs]
        if {theme.pk for theme in part.themes.all()} != {theme.pk for theme in wanted}:
            part.themes.set(wanted)

    def load(self):
        themes_load()
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.load_councils()
        self.load_users()
        self.load_boards()
        for spec in strategy_data.STRATEGIES:
            self.load_strategy(spec)
        for from_key, to_key, kind in strategy_data.RELATIONS:
            upsert(
                self.tally,
                StrategyRelation,
                {
                    "from_strategy": self.strategies[from_key],
                    "to_strategy": self.strategies[to_key],
                },
                {"kind": kind},
            )
        self.load_indicators()
        self.load_national()
        self.load_progress()

    def load_councils(self):
        for spec in council_data.COUNCILS:
            spec = dict(spec)
            gss_code = spec.pop("gss_code")
            self.councils[gss_code] = upsert(self.tally, Council, {"gss_code": gss_code}, spec)
        for spec in inspection_data.INSPECTIONS:
            spec = dict(spec)
            council = self.councils[spec.pop("council")]
            lookup = {
                "council": council,
                "published_on": spec.pop("published_on"),
                "framework": spec.pop("framework"),
            }
            upsert(self.tally, Inspection, lookup, spec)
        for gss_code, name, sector, website in council_data.PARTNERS:
            self.partners[name] = upsert(
                self.tally,
                Partner,
                {"council": self.councils[gss_code], "name": name},
                {"sector": sector, "website": website},
            )

    def load_users(self):
        User = get_user_model()
        for username, first_name, last_name, is_staff, is_superuser, memberships in ACCOUNTS:
            fields = {
                "email": f"{username}@example.org",
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "is_active": True,
            }
            user = User._default_manager.filter(username=username).first()
            if user is None:
                user = User(username=username, **fields)
                user.set_password(DEMO_PASSWORD)
                user.save()
                self.tally.add(User, CREATED)
            else:
                changed = False
                for name, value in fields.items():
                    if not same_value(user, name, value):
                        setattr(user, name, value)
                        changed = True
                # Setting the same password again would still change the row: a new salt.
                if not user.check_password(DEMO_PASSWORD):
                    user.set_password(DEMO_PASSWORD)
                    changed = True
                if changed:
                    user.save()
                self.tally.add(User, UPDATED if changed else "unchanged")
            self.users[username] = user
            for gss_code, role in memberships:
                upsert(
                    self.tally,
                    CouncilMembership,
                    {"user": user, "council": self.councils[gss_code]},
                    {"role": role},
                )

    def load_boards(self):
        for spec in council_data.BOARDS:
            board = upsert(
                self.tally,
                Board,
                {"slug": spec["slug"]},
                {
                    "council": self.councils[spec["council"]],
                    "name": spec["name"],
                    "description": spec["description"],
                },
            )
            self.boards[spec["slug"]] = board
            for member in spec["members"]:
                member = dict(member)
                username = member.pop("user", None)
                name = member.pop("name")
                member["user"] = self.users[username] if username else None
                # The documents say who sits on a board only in general terms ("young people,
                # elected members, statutory leaders"): each named seat is invented.
                member["demonstration"] = True
                upsert(self.tally, BoardMember, {"board": board, "name": name}, member)

    def load_strategy(self, spec):
        gss_code, slug = spec["key"]
        public_on = spec.get("public_on")
        status = spec["status"]
        published = status in IN_FORCE_STATUSES
        predecessor = spec.get("predecessor")
        board = spec.get("board")
        strategy = upsert(
            self.tally,
            Strategy,
            {"lead_council": self.councils[gss_code], "slug": slug},
            {
                "title": spec["title"],
                "kind": spec["kind"],
                "start_year": spec["start_year"],
                "end_year": spec.get("end_year"),
                "status": status,
                "summary": spec.get("summary", ""),
                "vision": spec.get("vision", ""),
                "document_url": spec.get("document_url", ""),
                "predecessor": self.strategies[predecessor] if predecessor else None,
                "board": self.boards[board] if board else None,
                "demonstration": spec.get("demonstration", False),
                # Only dates the documents give: with none, the site records when the demo first
                # made it public (as it would for an officer), never a stand-in date.
                **{
                    name: moment
                    for name, moment in (
                        ("first_public_at", _at(public_on)),
                        ("published_at", _at(public_on) if published else None),
                        ("archived_at", _at(spec.get("archived_on"))),
                    )
                    if moment is not None
                },
            },
        )
        self.strategies[spec["key"]] = strategy

        for order, aim_spec in enumerate(spec.get("aims", []), start=1):
            aim = upsert(
                self.tally,
                Aim,
                {"strategy": strategy, "order": order},
                {"title": aim_spec["title"], "description": aim_spec["description"]},
            )
            self.map_themes(aim, theme_data.AIM_THEMES.get((spec["key"], aim_spec["title"]), []))
            for number, (key, title, description, lead) in enumerate(
                aim_spec["objectives"], start=1
            ):
                self.objectives[key] = upsert(
                    self.tally,
                    Objective,
                    {"aim": aim, "order": number},
                    {
                        "title": title,
                        "description": description,
                        "lead": lead,
                        "demonstration": spec.get("demonstration", False)
                        or key not in strategy_data.DOCUMENTED_OBJECTIVES,
                    },
                )
                self.map_themes(self.objectives[key], theme_data.OBJECTIVE_THEMES.get(key, []))

        for order, (title, description) in enumerate(spec.get("principles", []), start=1):
            upsert(
                self.tally,
                Principle,
                {"strategy": strategy, "order": order},
                {"title": title, "description": description},
            )

        for name, role in spec.get("partners", []):
            upsert(
                self.tally,
                StrategyPartner,
                {"strategy": strategy, "partner": self.partners[name]},
                {"role": role},
            )

        for order, programme_spec in enumerate(spec.get("programmes", []), start=1):
            self.load_programme(strategy, order, programme_spec)

        for decision in spec.get("decisions", []):
            decision = dict(decision)
            lookup = {
                "strategy": strategy,
                "body": decision.pop("body"),
                "meeting_date": decision.pop("meeting_date"),
            }
            upsert(self.tally, Decision, lookup, decision)

        for engagement in spec.get("engagements", []):
            engagement = dict(engagement)
            engagement.setdefault("demonstration", spec.get("demonstration", False))
            lookup = {"strategy": strategy, "audience": engagement.pop("audience")}
            upsert(self.tally, Engagement, lookup, engagement)

    def load_programme(self, strategy, order, spec):
        programme = upsert(
            self.tally,
            Programme,
            {"strategy": strategy, "order": order},
            {
                "title": spec["title"],
                "description": spec["description"],
                "delivery_year": spec.get("delivery_year"),
                "status": spec["status"],
                "funding_source": spec.get("funding_source", ""),
                # Where a document is silent the funding is "not stated", never a guessed sum.
                "funding_kind": spec.get("funding_kind", FundingKind.NOT_STATED),
                "funding_amount": _decimal(spec.get("funding_amount")),
                "start_date": spec.get("start_date"),
            },
        )
        self.programmes[spec["key"]] = programme
        for gss_code in spec.get("councils", []):
            upsert(
                self.tally,
                ProgrammeCouncil,
                {"programme": programme, "council": self.councils[gss_code]},
            )
        for key in spec["objectives"]:
            upsert(
                self.tally,
                ProgrammeObjective,
                {"programme": programme, "objective": self.objectives[key]},
            )
        for title, due_on, completed_on in spec["milestones"]:
            upsert(
                self.tally,
                Milestone,
                {"programme": programme, "title": title},
                # No document gives a milestone: each one, and its dates, is invented.
                {"due_on": due_on, "completed_on": completed_on, "demonstration": True},
            )

    def load_indicators(self):
        quarter_ends = [quarter.end for quarter in self.quarters]
        for key, indicators in progress_data.INDICATORS.items():
            for order, spec in enumerate(indicators, start=1):
                if "annual" in spec:
                    frequency, year_type = Frequency.ANNUAL, spec["year_type"]
                    values = spec["annual"]
                else:
                    # Laid on the last four quarters, which are the financial year's.
                    frequency, year_type = Frequency.QUARTERLY, YearType.FINANCIAL
                    values = []
                    for number, (end, value) in enumerate(
                        zip(quarter_ends, spec["quarterly"], strict=True)
                    ):
                        if value is None:
                            status = MeasurementStatus.SUPPRESSED
                        elif number == len(quarter_ends) - 1:
                            # The latest quarter's figures are checked again before they are final.
                            status = MeasurementStatus.PROVISIONAL
                        else:
                            status = MeasurementStatus.FINAL
                        values.append((end, value, status))
                indicator = upsert(
                    self.tally,
                    Indicator,
                    {"objective": self.objectives[key], "order": order},
                    {
                        "title": spec["title"],
                        "unit_label": spec["unit_label"],
                        "decimal_places": spec["decimal_places"],
                        "polarity": spec["polarity"],
                        "frequency": frequency,
                        "year_type": year_type,
                        "baseline_value": _decimal(spec["baseline_value"]),
                        "baseline_date": spec["baseline_date"],
                        "source": progress_data.DEMO_SOURCE,
                        "demonstration": True,
                    },
                )
                for date, value in spec["targets"]:
                    upsert(
                        self.tally,
                        IndicatorTarget,
                        {"indicator": indicator, "date": date},
                        {"value": Decimal(value)},
                    )
                for end, value, status in values:
                    note = (
                        progress_data.SUPPRESSED_NOTE
                        if status == MeasurementStatus.SUPPRESSED
                        else ""
                    )
                    upsert(
                        self.tally,
                        Measurement,
                        {"indicator": indicator, "period_end": end},
                        {"value": _decimal(value), "status": status, "note": note},
                    )

    def load_national(self):
        """The national indicator Telford's re-referrals adopt, Telford's statistical
        neighbours, and England's and the neighbours' (invented) figures."""
        nationals = {}
        for spec in national_data.NATIONAL_INDICATORS:
            spec = dict(spec)
            slug = spec.pop("slug")
            nationals[slug] = upsert(self.tally, NationalIndicator, {"slug": slug}, spec)
        neighbours = {}
        for gss_code, links in national_data.NEIGHBOURS.items():
            council = self.councils[gss_code]
            for rank, (code, name, la_number, region, kind) in enumerate(links, start=1):
                # A council already here (a demo council, or one import_councils loaded) is
                # left as it is: only its place among the neighbours is the demo's to set.
                neighbour = Council.objects.filter(gss_code=code).first() or upsert(
                    self.tally,
                    Council,
                    {"gss_code": code},
                    {
                        "name": name,
                        "slug": slugify(name),
                        "la_number": la_number,
                        "region": region,
                        "kind": kind,
                    },
                )
                upsert(
                    self.tally,
                    StatisticalNeighbour,
                    {"council": council, "neighbour": neighbour},
                    {"rank": rank},
                )
                neighbours.setdefault(gss_code, []).append(neighbour)
        for (key, order), slug in national_data.ADOPTIONS.items():
            upsert(
                self.tally,
                Indicator,
                {"objective": self.objectives[key], "order": order},
                {"national_indicator": nationals[slug]},
            )
        # The last three financial years to have ended by the latest quarter the demo covers.
        last = max(quarter.end for quarter in self.quarters if quarter.end.month == 3)
        years = [last.replace(year=last.year - back) for back in (2, 1, 0)]
        figure = {"status": MeasurementStatus.FINAL, "source": national_data.FIGURE_SOURCE}
        for slug, values in national_data.ENGLAND.items():
            for period_end, value in zip(years, values, strict=True):
                upsert(
                    self.tally,
                    NationalFigure,
                    {
                        "national_indicator": nationals[slug],
                        "council": None,
                        "period_end": period_end,
                    },
                    {"value": Decimal(value), "demonstration": True, **figure},
                )
        for slug, rows in national_data.NEIGHBOUR_FIGURES.items():
            for neighbour, values in zip(neighbours[council_data.TELFORD], rows, strict=True):
                for period_end, value in zip(years[1:], values, strict=True):
                    upsert(
                        self.tally,
                        NationalFigure,
                        {
                            "national_indicator": nationals[slug],
                            "council": neighbour,
                            "period_end": period_end,
                        },
                        {"value": Decimal(value), "demonstration": True, **figure},
                    )

    def load_progress(self):
        board = self.boards[council_data.TELFORD_BOARD]
        author = self.users["telford-editor"]
        signer = self.users["telford-board"]
        meetings = []
        for number, quarter in enumerate(self.quarters):
            signed = number < len(self.quarters) - 1
            minutes = progress_data.MEETING_MINUTES[number] if signed else ""
            meetings.append(
                upsert(
                    self.tally,
                    Meeting,
                    {"board": board, "date": quarter.end + MEETING_DELAY},
                    {
                        "title": f"Progress review: {quarter.label}",
                        "minutes": minutes,
                        "demonstration": True,
                    },
                )
            )
        self.load_board_actions(meetings)

        for key, entries in progress_data.UPDATES.items():
            subject = (
                {"objective": self.objectives[key]}
                if key in self.objectives
                else {"programme": self.programmes[key]}
            )
            for number, (quarter, entry) in enumerate(zip(self.quarters, entries, strict=True)):
                if entry is None:
                    continue
                rating, commentary, next_steps = (*entry, "")[:3]
                signed = number < len(self.quarters) - 1
                meeting = meetings[number] if signed else None
                upsert(
                    self.tally,
                    ProgressUpdate,
                    {**subject, "period_start": quarter.start},
                    {
                        "period_end": quarter.end,
                        "rating": rating,
                        "commentary": commentary,
                        "next_steps": next_steps,
                        "author": author,
                        "meeting": meeting,
                        "signed_off_at": _at(meeting.date, 19) if meeting else None,
                        "signed_off_by": signer if meeting else None,
                        "demonstration": True,
                    },
                )

    def load_board_actions(self, meetings):
        actions = [
            (
                meetings[1],
                "Bring a plan to cut mental health waiting times to the next meeting.",
                "NHS Shropshire, Telford and Wrekin",
                meetings[2].date,
                BoardAction.Status.DONE,
                meetings[2].date,
            ),
            (
                meetings[2],
                "Present a recruitment plan for the empty adult specialist posts.",
                "NHS Shropshire, Telford and Wrekin",
                meetings[3].date,
                BoardAction.Status.OPEN,
                None,
            ),
            (
                meetings[2],
                "Ask young people on the board to review the new early years guide.",
                "Family hubs",
                None,
                BoardAction.Status.IN_PROGRESS,
                None,
            ),
        ]
        for meeting, description, owner, due_on, status, completed_on in actions:
            upsert(
                self.tally,
                BoardAction,
                {"meeting": meeting, "description": description},
                {
                    "owner": owner,
                    "due_on": due_on,
                    "status": status,
                    "completed_on": completed_on,
                    "demonstration": True,
                },
            )
