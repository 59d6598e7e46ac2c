"""Codes the downloads use, and how the open data page lists them in words."""

from strategies.models import PUBLIC_STATUSES, StrategyRelation

#: A strategy's status as the downloads give it: "ended" where its period has passed, as its
#: page says, whatever status it was published with.
STRATEGY_STATUSES = ("ended", *PUBLIC_STATUSES)

#: How a related plan relates to a strategy, read from the strategy's side, and what that means
#: where the name alone does not say.
RELATIONS = {
    "replaces": "",
    "replaced_by": "",
    "to_be_replaced_by": "by a draft still out for consultation",
    "part_of": "this delivers part of it",
    "includes": "it delivers part of this",
    "delivered_by": "this is delivered through it",
    "delivers": "it is delivered through this",
    "related": "",
}

#: How a related strategy's link reads from the strategy it points to: "X delivers part of this
#: strategy" is, for this strategy, "includes X". Keyed by every kind of link an officer can make.
INVERSE_RELATIONS = {
    StrategyRelation.Kind.PART_OF: "includes",
    StrategyRelation.Kind.DELIVERED_BY: "delivers",
    StrategyRelation.Kind.RELATED: "related",
}


def codes(values):
    """A list of codes in words, read from the choices so the page cannot fall behind them."""
    values = [str(value) for value in values]
    return ", ".join(values[:-1]) + " or " + values[-1]
