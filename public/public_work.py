"""Which councils have something a visitor can find here: a public strategy they lead or
co-own, or a public strategy's programme they run jointly. The council list, the filters, the
sitemap, the theme page and each council's statistical neighbours all ask the same question,
here, so a council reads as having work here on one page exactly when it does on another."""

from django.db.models import Exists, OuterRef, Q

from councils.models import Council
from strategies.models import ProgrammeCouncil, Strategy, StrategyCouncil


def leads_or_co_owns_a_public_strategy(council="pk"):
    """Whether the council in the outer row's `council` field leads or co-owns a public
    strategy."""
    lead = Strategy.objects.public().filter(lead_council=OuterRef(council))
    co_owned = Strategy.objects.public().filter(co_ownerships__council=OuterRef(council))
    return Exists(lead) | Exists(co_owned)


def runs_a_public_programme_jointly(council="pk"):
    """Whether the council in the outer row's `council` field runs a public strategy's programme
    with its lead council."""
    return Exists(
        ProgrammeCouncil.objects.filter(
            council=OuterRef(council), programme__strategy__in=Strategy.objects.public()
        )
    )


def public_strategies_of(council):
    """The public strategies a council leads or co-owns; `council` may be an OuterRef."""
    co_owned = StrategyCouncil.objects.filter(strategy=OuterRef("pk"), council=council)
    return Strategy.objects.public().filter(Q(lead_council=council) | Exists(co_owned))


def councils_with_public_strategies():
    return Council.objects.filter(leads_or_co_owns_a_public_strategy())


def councils_with_public_work():
    """Councils that lead or co-own a public strategy, or run one of its programmes jointly:
    every council a visitor can find something of here, for lists, filters and the sitemap."""
    return Council.objects.filter(
        leads_or_co_owns_a_public_strategy() | runs_a_public_programme_jointly()
    )
