"""The national indicator the demo's Telford & Wrekin indicator adopts, Telford's statistical
neighbours, and the England and neighbour figures its page compares with.

Facts: the indicator's definition, as the Department for Education's children's social care
framework dashboard gives it (summary_page_metadata.csv in shared/data), and Telford's ten
statistical neighbours with their codes, in DfE's order, from the Ofsted provider lookup's
stat_neighbours_la_code (shared/data/ofsted-ilacs-scrape). Both are written out because a fresh
clone has neither file. Whether fewer repeat referrals is better is the demo site
administrator's setting: the framework's file does not say.

Invented: every figure. The shared data holds the framework's indicators but none of their
values, so England's and the neighbours' figures are made up, near the size of the real ones, and
flagged as demonstration records wherever they are shown."""

from councils.models import CouncilKind

from ..models import Frequency, Polarity, YearType
from ..national import FRAMEWORK_SOURCE, FRAMEWORK_URL
from .councils import TELFORD

REPEAT_REFERRALS = "repeat-referrals-within-12-months"

NATIONAL_INDICATORS = [
    {
        "slug": REPEAT_REFERRALS,
        "name": "Repeat referrals (within 12 months)",
        "description": (
            "Referrals to children's social care in the year that came within 12 months of a "
            "previous referral for the same child, as a share of all referrals."
        ),
        "unit_label": "%",
        "decimal_places": 1,
        "polarity": Polarity.LOWER_BETTER,
        "frequency": Frequency.ANNUAL,
        "year_type": YearType.FINANCIAL,
        "source": FRAMEWORK_SOURCE,
        "source_url": FRAMEWORK_URL,
        "framework_outcome": "Outcome 1: Children, young people and families stay together",
        "framework_theme": "Access to support and getting help",
        "framework_metric": "cin_referrals.Re_referrals_percent",
        "framework_filters": "list()",
        "framework_order": 2,
    },
]

#: (objective key, indicator order): the national indicator its indicator adopts.
ADOPTIONS = {("tfw-every-child-safe", 1): REPEAT_REFERRALS}

METROPOLITAN, UNITARY = CouncilKind.METROPOLITAN_DISTRICT, CouncilKind.UNITARY

#: Telford & Wrekin's statistical neighbours, most similar first:
#: (GSS code, name, DfE LA number, region, kind).
TELFORD_NEIGHBOURS = [
    ("E08000036", "Wakefield", "384", "Yorkshire and The Humber", METROPOLITAN),
    ("E08000018", "Rotherham", "372", "Yorkshire and The Humber", METROPOLITAN),
    ("E08000027", "Dudley", "332", "West Midlands", METROPOLITAN),
    ("E08000016", "Barnsley", "370", "Yorkshire and The Humber", METROPOLITAN),
    ("E08000008", "Tameside", "357", "North West", METROPOLITAN),
    ("E08000017", "Doncaster", "371", "Yorkshire and The Humber", METROPOLITAN),
    ("E06000005", "Darlington", "841", "North East", UNITARY),
    ("E08000037", "Gateshead", "390", "North East", METROPOLITAN),
    ("E06000026", "Plymouth", "879", "South West", UNITARY),
    ("E06000004", "Stockton-on-Tees", "808", "North East", UNITARY),
]
NEIGHBOURS = {TELFORD: TELFORD_NEIGHBOURS}

FIGURE_SOURCE = (
    "Demonstration figures, invented in the form of DfE's Characteristics of children in need"
)

#: Invented: England's figure for each of the last three financial years, oldest first, and each
#: neighbour's for the last two, in the order above.
ENGLAND = {REPEAT_REFERRALS: ["21.8", "22.4", "21.9"]}
NEIGHBOUR_FIGURES = {
    REPEAT_REFERRALS: [
        ("19.6", "18.8"),
        ("24.1", "23.5"),
        ("20.2", "21.0"),
        ("17.9", "16.4"),
        ("26.3", "25.1"),
        ("22.0", "20.7"),
        ("15.8", "16.9"),
        ("19.1", "19.4"),
        ("23.7", "22.2"),
        ("18.5", "17.3"),
    ]
}
