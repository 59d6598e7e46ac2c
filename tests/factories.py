"""Small builders for test data: a fictional council for unit tests (the seed councils are for
the demo). Each takes keyword overrides so a test names only what it cares about."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from councils.models import (
    Council,
    CouncilKind,
    CouncilMembership,
    Inspection,
    Partner,
    PartnerSector,
)
from outcomes.models import (
    Aim,
    Indicator,
    IndicatorTarget,
    Measurement,
    Objective,
    Polarity,
    ProgressUpdate,
)
from outcomes.periods import Quarter
from strategies.models import Board, BoardMember, Meeting, Programme, Representation, Strategy

_sequence = itertools.count(1)

#: The quarter most tests rate progress in, April to June 2025 (Q1 2025-26): the public pages
#: name it and its sign-off, so the tests that read them share one.
Q1 = Quarter.containing(dt.date(2025, 4, 1))

PASSWORD = "correct-horse-battery-staple"


def make_user(username=None, *, password=PASSWORD, **fields):
    username = username or f"user{next(_sequence)}"
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_council(name=None, **fields):
    number = next(_sequence)
    name = name or f"Wyvern Vale {number}"
    fields.setdefault("slug", name.lower().replace(" ", "-").replace("&", "and"))
    fields.setdefault("gss_code", f"E06{number:06d}")
    fields.setdefault("kind", CouncilKind.UNITARY)
    fields.setdefault("region", "West Midlands")
    return Council.objects.create(name=name, **fields)


def make_membership(user, council, role="editor"):
    return CouncilMembership.objects.create(user=user, council=council, role=role)


def make_partner(council, name=None, **fields):
    fields.setdefault("sector", PartnerSector.POLICE)
    return Partner.objects.create(
        council=council, name=name or f"Partner {next(_sequence)}", **fields
    )


def make_board(council, name=None, **fields):
    number = next(_sequence)
    fields.setdefault("slug", f"board-{number}")
    return Board.objects.create(
        council=council, name=name or f"Children's board {number}", **fields
    )


def make_board_member(board, user=None, **fields):
    fields.setdefault("name", user.get_full_name() or user.username if user else "A member")
    fields.setdefault("representation", Representation.ELECTED_MEMBER)
    return BoardMember.objects.create(board=board, user=user, **fields)


def make_meeting(board, date=None, **fields):
    return Meeting.objects.create(board=board, date=date or dt.date(2026, 7, 15), **fields)


def make_strategy(council, status="draft", **fields):
    number = next(_sequence)
    fields.setdefault("title", f"Children and Young People Plan {number}")
    fields.setdefault("slug", f"plan-{number}")
    fields.setdefault("start_year", 2024)
    fields.setdefault("end_year", 2027)
    return Strategy.objects.create(lead_council=council, status=status, **fields)


def make_aim(strategy, title=None, **fields):
    return Aim.objects.create(strategy=strategy, title=title or f"Aim {next(_sequence)}", **fields)


def make_objective(aim, title=None, **fields):
    return Objective.objects.create(
        aim=aim, title=title or f"Objective {next(_sequence)}", **fields
    )


def make_programme(strategy, title=None, **fields):
    return Programme.objects.create(
        strategy=strategy, title=title or f"Programme {next(_sequence)}", **fields
    )


def make_indicator(objective, title=None, **fields):
    fields.setdefault("polarity", Polarity.HIGHER_BETTER)
    fields.setdefault("unit_label", "%")
    return Indicator.objects.create(
        objective=objective, title=title or f"Indicator {next(_sequence)}", **fields
    )


def make_measurement(indicator, period_end, value, **fields):
    return Measurement.objects.create(
        indicator=indicator, period_end=period_end, value=value, **fields
    )


def make_target(indicator, date, value):
    return IndicatorTarget.objects.create(indicator=indicator, date=date, value=value)


def make_update(*, objective=None, programme=None, quarter=None, rating="on_track", **fields):
    quarter = quarter or Quarter.containing(dt.date(2026, 4, 1))
    fields.setdefault("commentary", "Work went to plan this quarter.")
    if fields.get("meeting") is not None:
        # An update given a meeting was signed off at it: the database holds the meeting and
        # the time of sign-off together or neither.
        fields.setdefault("signed_off_at", timezone.now())
    if rating in ("at_risk", "off_track"):
        fields.setdefault("next_steps", "The lead will report a recovery plan next month.")
    return ProgressUpdate.objects.create(
        objective=objective,
        programme=programme,
        period_start=quarter.start,
        period_end=quarter.end,
        rating=rating,
        **fields,
    )


def sign_off(update, meeting, user=None):
    update.meeting = meeting
    update.signed_off_at = timezone.now()
    update.signed_off_by = user
    update.save()
    return update


def make_meeting_with_updates(council, board, quarter, *, objective_rating, programme_rating):
    """A meeting today of `board`, which oversees a strategy with one objective ("Health
    visits") and one programme ("Family hubs"), each with an update for `quarter` waiting to be
    signed off."""
    strategy = make_strategy(council, title="Wyvern Vale Children's Plan", board=board)
    objective = make_objective(make_aim(strategy, title="Start well"), title="Health visits")
    programme = make_programme(strategy, title="Family hubs")
    make_update(objective=objective, quarter=quarter, rating=objective_rating)
    make_update(programme=programme, quarter=quarter, rating=programme_rating)
    return make_meeting(board, date=dt.date.today(), title="Quarterly review")


def make_reported_inspection(council, published_on, visit_start, visit_end, **fields):
    """An Ofsted inspection with its visit and every judgement of a full report: outstanding,
    but for good help and protection, unless `fields` say otherwise."""
    judgements = {
        "overall_effectiveness": "outstanding",
        "leaders": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "source": "Ofsted, local authority inspection outcomes (official statistics)",
    }
    return Inspection.objects.create(
        council=council,
        published_on=published_on,
        visit_start=visit_start,
        visit_end=visit_end,
        **{**judgements, **fields},
    )
