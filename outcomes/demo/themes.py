"""How the demo councils' aims and objectives map to the national themes (outcomes/themes.py):
each aim by the theme its own words name, and a few objectives that speak to another theme too
(a safe-at-home objective is also about families staying together)."""

from ..themes import CHILDREN_AND_YOUNG_PEOPLE, FRAMEWORK_OUTCOMES
from .councils import CHESHIRE_EAST, STOKE, TELFORD

START_WELL, STAY_WELL, KEEP_SAFE, ENJOY_AND_ACHIEVE, PREPARED = (
    slug for slug, _title, _description in CHILDREN_AND_YOUNG_PEOPLE
)
STAY_TOGETHER = "children-young-people-and-families-stay-together"
SAFE_IN_AND_OUTSIDE_HOME = "children-and-young-people-are-safe-in-and-outside-of-their-home"
FAMILY_NETWORK = "children-and-young-people-are-supported-by-their-family-network"
STABLE_LOVING_HOMES = "children-in-care-and-care-leavers-have-stable-loving-homes"
assert len(FRAMEWORK_OUTCOMES) == 4  # noqa: S101 the slugs above name exactly these

_TFW = (TELFORD, "children-and-young-peoples-strategy-2025-2028")
_TFW_DRAFT = (TELFORD, "family-help-strategy-2026-2029-demo")
_STE = (STOKE, "room-to-grow-2020-2024")
_STE_DRAFT = (STOKE, "room-to-grow-2025-2029-demo")
_STE_EARLY_HELP = (STOKE, "early-help-and-prevention-strategy-2020-2024")
_STE_PERMANENCE = (STOKE, "permanence-strategy-2020-2024")
_CHE = (CHESHIRE_EAST, "vision-for-children-and-young-people")

#: (strategy key, aim title): theme slugs.
AIM_THEMES = {
    (_TFW, "Start well"): [START_WELL],
    (_TFW, "Stay well"): [STAY_WELL],
    (_TFW, "Keep safe"): [KEEP_SAFE, SAFE_IN_AND_OUTSIDE_HOME],
    (_TFW, "Enjoy and achieve"): [ENJOY_AND_ACHIEVE],
    (_TFW_DRAFT, "Help early"): [KEEP_SAFE, STAY_TOGETHER],
    (_STE, "Safe"): [KEEP_SAFE, SAFE_IN_AND_OUTSIDE_HOME],
    (_STE, "Healthy"): [STAY_WELL],
    (_STE, "Achieving"): [ENJOY_AND_ACHIEVE],
    (_STE, "Nurtured"): [STABLE_LOVING_HOMES],
    (_STE, "Prepared"): [PREPARED],
    (_STE_DRAFT, "Safe"): [KEEP_SAFE, SAFE_IN_AND_OUTSIDE_HOME],
    (_STE_EARLY_HELP, "Help early, before problems take hold"): [
        KEEP_SAFE,
        STAY_TOGETHER,
        FAMILY_NETWORK,
    ],
    (_STE_PERMANENCE, "A permanent home for every child in care"): [STABLE_LOVING_HOMES],
    (_CHE, "Children we care for are happy and reach their potential"): [STABLE_LOVING_HOMES],
    (_CHE, "Children and young people are safe and feel safe"): [
        KEEP_SAFE,
        SAFE_IN_AND_OUTSIDE_HOME,
    ],
    (_CHE, "Children and young people are happy and mentally well"): [STAY_WELL],
    (_CHE, "Children and young people are healthy and make good choices"): [STAY_WELL],
    (_CHE, "Young people leave school with the skills and qualifications to thrive"): [
        ENJOY_AND_ACHIEVE,
        PREPARED,
    ],
    (_CHE, "Children and young adults with additional needs have better life chances"): [PREPARED],
}

#: Objective key: theme slugs beyond its aim's.
OBJECTIVE_THEMES = {
    "tfw-every-child-safe": [STAY_TOGETHER],
    "tfw-aspirations": [PREPARED],
    "ste-safe-at-home": [STAY_TOGETHER],
    "ste-school-ready": [START_WELL],
    "ste-children-in-care": [PREPARED],
    "ste-next-safe": [STAY_TOGETHER],
    "che-cared-for": [PREPARED],
}
