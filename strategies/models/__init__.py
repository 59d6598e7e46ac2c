from .board import Board, BoardAction, BoardMember, Meeting, Representation
from .governance import Decision, DecisionBody, Engagement, EngagementMethod, KeyDecision
from .programme import Milestone, Programme, ProgrammeObjective, ProgrammeStatus
from .strategy import (
    PUBLIC_STATUSES,
    PartOfStrategyQuerySet,
    Principle,
    ProgressFrequency,
    Strategy,
    StrategyCouncil,
    StrategyKind,
    StrategyPartner,
    StrategyRelation,
    StrategyStatus,
)

__all__ = [
    "PUBLIC_STATUSES",
    "Board",
    "BoardAction",
    "BoardMember",
    "Decision",
    "DecisionBody",
    "Engagement",
    "EngagementMethod",
    "KeyDecision",
    "Meeting",
    "Milestone",
    "PartOfStrategyQuerySet",
    "Principle",
    "Programme",
    "ProgrammeObjective",
    "ProgrammeStatus",
    "ProgressFrequency",
    "Representation",
    "Strategy",
    "StrategyCouncil",
    "StrategyKind",
    "StrategyPartner",
    "StrategyRelation",
    "StrategyStatus",
]
