"""What a council runs together with other councils, for its page: strategies it co-owns that
another council leads, and programmes several councils run jointly (Together4Children, an
adoption agency four councils run, belongs to Stoke-on-Trent's strategy but is Staffordshire's,
Shropshire's and Telford & Wrekin's work too). Each names its lead council."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from outcomes.queries import with_latest_signed_off_rating
from strategies.models import Programme, ProgrammeCouncil, Strategy


def joint_programmes(council):
    """Public strategies' programmes this council runs with others, as lead or partner, each
    with its latest signed-off rating: a fixed number of queries."""
    shares = ProgrammeCouncil.objects.filter(programme=OuterRef("pk"))
    programmes = (
        Programme.objects.filter(strategy__in=Strategy.objects.public())
        .filter(
            Exists(shares.filter(council=council))
            | (Q(strategy__lead_council=council) & Exists(shares))
        )
        .select_related("strategy__lead_council")
        .prefetch_related(
            Prefetch(
                "council_links",
                queryset=ProgrammeCouncil.objects.select_related("council").order_by(
                    "council__name"
                ),
            )
        )
        .order_by("title", "pk")
    )
    return list(with_latest_signed_off_rating(programmes, "programme"))


def joint_work(council, strategies):
    """Split the council's public strategies into those it leads and those it shares, and add
    its joint programmes: the council page's context."""
    strategies = list(strategies)
    return {
        "strategies": [s for s in strategies if s.lead_council_id == council.pk],
        "shared_strategies": [s for s in strategies if s.lead_council_id != council.pk],
        "joint_programmes": joint_programmes(council),
    }
