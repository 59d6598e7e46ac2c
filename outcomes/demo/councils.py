"""The councils, their partners and boards (their Ofsted judgements are in inspections.py).

Codes were checked against mySociety's register of local authorities while this module was
written, and inspection dates against Ofsted's published reports; they are written out here
because a fresh clone has no copy of either file."""

import datetime as dt

from councils.models import CouncilKind, PartnerSector
from strategies.models import Representation

TELFORD = "E06000020"
STOKE = "E06000021"
STOCKTON = "E06000004"
CHESHIRE_EAST = "E06000049"
STAFFORDSHIRE = "E10000028"
SHROPSHIRE = "E06000051"

COUNCILS = [
    {
        "gss_code": TELFORD,
        "name": "Telford & Wrekin",
        "official_name": "Telford & Wrekin Council",
        "slug": "telford-and-wrekin",
        "register_code": "TFW",
        "la_number": "894",
        "kind": CouncilKind.UNITARY,
        "region": "West Midlands",
        "website": "https://www.telford.gov.uk/",
        "start_date": dt.date(2005, 6, 20),
    },
    {
        "gss_code": STOKE,
        "name": "Stoke-on-Trent",
        "official_name": "Stoke-on-Trent City Council",
        "slug": "stoke-on-trent",
        "register_code": "STE",
        "la_number": "861",
        "kind": CouncilKind.UNITARY,
        "region": "West Midlands",
        "website": "https://www.stoke.gov.uk/",
        "start_date": dt.date(2005, 6, 20),
    },
    {
        "gss_code": STOCKTON,
        "name": "Stockton-on-Tees",
        "official_name": "Stockton-on-Tees Borough Council",
        "slug": "stockton-on-tees",
        "register_code": "STT",
        "la_number": "808",
        "kind": CouncilKind.UNITARY,
        "region": "North East",
        "website": "https://www.stockton.gov.uk/",
        "start_date": dt.date(2005, 6, 18),
    },
    {
        "gss_code": CHESHIRE_EAST,
        "name": "Cheshire East",
        "official_name": "Cheshire East Council",
        "slug": "cheshire-east",
        "register_code": "CHE",
        "la_number": "895",
        "kind": CouncilKind.UNITARY,
        "region": "North West",
        "website": "https://www.cheshireeast.gov.uk/",
        "start_date": dt.date(2009, 4, 1),
    },
    # The other two councils that run the Together4Children adoption agency with Stoke-on-Trent
    # and Telford & Wrekin, as Stoke-on-Trent's announcement names them.
    {
        "gss_code": STAFFORDSHIRE,
        "name": "Staffordshire",
        "official_name": "Staffordshire County Council",
        "slug": "staffordshire",
        "register_code": "STS",
        "la_number": "860",
        "kind": CouncilKind.COUNTY,
        "region": "West Midlands",
        "website": "https://www.staffordshire.gov.uk/",
        "start_date": None,
    },
    {
        "gss_code": SHROPSHIRE,
        "name": "Shropshire",
        "official_name": "Shropshire Council",
        "slug": "shropshire",
        "register_code": "SHR",
        "la_number": "893",
        "kind": CouncilKind.UNITARY,
        "region": "West Midlands",
        "website": "https://www.shropshire.gov.uk/",
        "start_date": dt.date(2009, 4, 1),
    },
]

# (council, name, sector, website)
PARTNERS = [
    (TELFORD, "West Mercia Police", PartnerSector.POLICE, "https://www.westmercia.police.uk/"),
    (
        TELFORD,
        "NHS Shropshire, Telford and Wrekin",
        PartnerSector.HEALTH,
        "https://www.shropshiretelfordandwrekin.nhs.uk/",
    ),
    (TELFORD, "Schools and academies in Telford and Wrekin", PartnerSector.EDUCATION, ""),
    (TELFORD, "Voluntary and community groups in Telford and Wrekin", PartnerSector.VOLUNTARY, ""),
    (STOKE, "Staffordshire Police", PartnerSector.POLICE, "https://www.staffordshire.police.uk/"),
    (
        STOKE,
        "NHS Staffordshire and Stoke-on-Trent",
        PartnerSector.HEALTH,
        "https://staffsstoke.icb.nhs.uk/",
    ),
    (STOKE, "Schools and academies in Stoke-on-Trent", PartnerSector.EDUCATION, ""),
    (STOKE, "Voluntary and community groups in Stoke-on-Trent", PartnerSector.VOLUNTARY, ""),
    (
        STOKE,
        "Staffordshire County Council",
        PartnerSector.COUNCIL,
        "https://www.staffordshire.gov.uk/",
    ),
    (STOKE, "Shropshire Council", PartnerSector.COUNCIL, "https://www.shropshire.gov.uk/"),
    (STOKE, "Telford & Wrekin Council", PartnerSector.COUNCIL, "https://www.telford.gov.uk/"),
]

TELFORD_BOARD = "telford-children-and-young-peoples-board"
STOKE_EARLY_HELP_BOARD = "stoke-early-help-and-prevention-board"

BOARDS = [
    {
        "council": TELFORD,
        "slug": TELFORD_BOARD,
        "name": "Telford & Wrekin Children and Young People's Board",
        "description": (
            "A \u201cstar chamber\u201d set up to steer the strategy and hold every partner to "
            "account for it. Young people sit on it alongside councillors and the leaders of "
            "the statutory services."
        ),
        # Young people are children: no names, shown only by what they represent.
        "members": [
            {
                "name": "Young person (youth representative)",
                "representation": Representation.YOUNG_PERSON,
                "organisation": "",
                "show_name_publicly": False,
            },
            {
                "name": "Young person (care-experienced representative)",
                "representation": Representation.YOUNG_PERSON,
                "organisation": "",
                "show_name_publicly": False,
            },
            {
                "name": "Councillor Shirley Reynolds",
                "representation": Representation.ELECTED_MEMBER,
                "organisation": "Telford & Wrekin Council",
                "show_name_publicly": True,
            },
            {
                "name": "Director: Health & Wellbeing",
                "representation": Representation.STATUTORY_LEADER,
                "organisation": "Telford & Wrekin Council",
                "show_name_publicly": True,
            },
            {
                "name": "Local policing commander",
                "representation": Representation.STATUTORY_LEADER,
                "organisation": "West Mercia Police",
                "show_name_publicly": True,
            },
            {
                "name": "Director of nursing",
                "representation": Representation.STATUTORY_LEADER,
                "organisation": "NHS Shropshire, Telford and Wrekin",
                "show_name_publicly": True,
            },
            {
                "name": "Demo board member",
                "representation": Representation.VOLUNTARY_SECTOR,
                "organisation": "Voluntary and community groups in Telford and Wrekin",
                "show_name_publicly": True,
                "user": "telford-board",
            },
        ],
    },
    {
        "council": STOKE,
        "slug": STOKE_EARLY_HELP_BOARD,
        "name": "Stoke-on-Trent Early Help and Prevention Board",
        "description": (
            "Partners from across the city who oversee the early help and prevention strategy "
            "and check that families are getting help before problems take hold."
        ),
        "members": [
            {
                "name": "Cabinet member for children and young people",
                "representation": Representation.ELECTED_MEMBER,
                "organisation": "Stoke-on-Trent City Council",
                "show_name_publicly": True,
            },
            {
                "name": "Head of early help",
                "representation": Representation.OFFICER,
                "organisation": "Stoke-on-Trent City Council",
                "show_name_publicly": True,
            },
            {
                "name": "Partnership lead for children",
                "representation": Representation.STATUTORY_LEADER,
                "organisation": "Staffordshire Police",
                "show_name_publicly": True,
            },
            {
                "name": "Designated nurse for safeguarding",
                "representation": Representation.STATUTORY_LEADER,
                "organisation": "NHS Staffordshire and Stoke-on-Trent",
                "show_name_publicly": True,
            },
            {
                "name": "Voluntary sector representative",
                "representation": Representation.VOLUNTARY_SECTOR,
                "organisation": "Voluntary and community groups in Stoke-on-Trent",
                "show_name_publicly": True,
            },
        ],
    },
]
