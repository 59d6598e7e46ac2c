"""The strategies, in our own words.

Names, aims, dates, boards, programmes and office holders come from the public documents in the
seed set. Every sentence of description is written here. Where a document does not give a fact
the model needs (a plan's period, whether a decision was a key decision), the choice made is
noted beside it. Two records are invented outright to show the draft and consultation states;
each says so in its summary."""

import datetime as dt

from strategies.models import (
    DecisionBody,
    EngagementMethod,
    KeyDecision,
    ProgrammeStatus,
    StrategyKind,
)
from strategies.models import StrategyRelation as Relation
from strategies.models import StrategyStatus as Status

from .councils import (
    CHESHIRE_EAST,
    STOCKTON,
    STOKE,
    STOKE_EARLY_HELP_BOARD,
    TELFORD,
    TELFORD_BOARD,
)

DEMO_NOTE = (
    "Demonstration record: invented for this demo to show a {state}. It is not a "
    "{council} document."
)

TELFORD_CYP = (TELFORD, "children-and-young-peoples-strategy-2025-2028")
TELFORD_FAMILY_HELP = (TELFORD, "family-help-strategy-2026-2029-demo")
STOKE_ROOM_TO_GROW = (STOKE, "room-to-grow-2020-2024")
STOKE_ROOM_TO_GROW_NEXT = (STOKE, "room-to-grow-2025-2029-demo")
STOKE_EARLY_HELP = (STOKE, "early-help-and-prevention-strategy-2020-2024")
STOKE_PERMANENCE = (STOKE, "permanence-strategy-2020-2024")
STOCKTON_PLAN = (STOCKTON, "children-and-young-peoples-plan-2015-2018")
STOCKTON_STRATEGY = (STOCKTON, "children-and-young-people-strategy-2019-2023")
CHESHIRE_VISION = (CHESHIRE_EAST, "vision-for-children-and-young-people")
CHESHIRE_CORPORATE = (CHESHIRE_EAST, "corporate-plan-2021-2025")

#: Stoke-on-Trent's announcement says cabinet approved its three strategies together, quoting the
#: cabinet member, but gives neither the meeting's date nor whether it was a key decision.
STOKE_CABINET_DECISION = {
    "body": DecisionBody.CABINET,
    "meeting_date": None,
    "key_decision": KeyDecision.NOT_STATED,
    "portfolio_holder": "Councillor Dave Evans, Cabinet Member for Children and Young People",
    "recommendations": (
        "Approve three children and family strategies: Room to Grow, Early Help and "
        "Prevention, and Permanence."
    ),
}

#: Objectives a seed document names. Every other objective (and every objective's lead, which no
#: document gives) is invented for the demo, and the loader marks it as demonstration.
DOCUMENTED_OBJECTIVES = frozenset(
    {
        # Telford & Wrekin's press release names these four among the strategy's objectives.
        "tfw-ready-for-school",
        "tfw-mental-health",
        "tfw-every-child-safe",
        "tfw-aspirations",
        # Stoke-on-Trent's announcement lists the early help strategy's aims one by one...
        "ste-eh-access",
        "ste-eh-core-offer",
        "ste-eh-quality",
        "ste-eh-empower",
        "ste-eh-engagement",
        "ste-eh-evidence",
        # ...and what the permanence strategy commits social work to.
        "ste-perm-planning",
        "ste-perm-matching",
    }
)

# In order: a predecessor comes before the strategy that refreshes it.
STRATEGIES = [
    {
        "key": TELFORD_CYP,
        "title": "Children and Young People's Strategy 2025 to 2028",
        "kind": StrategyKind.PARTNERSHIP_STRATEGY,
        "start_year": 2025,
        "end_year": 2028,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2025, 2, 13),
        "board": TELFORD_BOARD,
        "summary": (
            "One three-year plan that the council, police, NHS, schools and voluntary groups in "
            "Telford and Wrekin all work to. It sets four shared aims for every child, looks at "
            "the whole child rather than one service at a time, and puts extra effort into "
            "children who are marginalised or in need."
        ),
        "vision": (
            "Every child in Telford and Wrekin grows up healthy and safe, and has the chance to "
            "go as far as they can."
        ),
        "aims": [
            {
                "title": "Start well",
                "description": "Children get a strong start in their early years.",
                "objectives": [
                    (
                        "tfw-ready-for-school",
                        "Help every child to be ready for school",
                        "Families get support with talking, play and routines in the years "
                        "before school, so children arrive ready to learn.",
                        "",  # The document names no lead.
                    ),
                    (
                        "tfw-early-years-gap",
                        "Narrow the gap in early development for disadvantaged children",
                        "Children from poorer homes are as likely as others to reach the "
                        "expected level by the end of reception.",
                        "Family hubs",
                    ),
                    (
                        "tfw-early-years-offer",
                        "Publish one clear guide to early years support for parents",
                        "Parents can find every kind of early years help in one place.",
                        "Family hubs",
                    ),
                ],
            },
            {
                "title": "Stay well",
                "description": "Children and young people are healthy in body and mind.",
                "objectives": [
                    (
                        "tfw-mental-health",
                        "Improve children and young people's mental health and emotional wellbeing",
                        "Young people who are struggling get help sooner, and wait less for "
                        "specialist care.",
                        "",  # The document names no lead.
                    ),
                    (
                        "tfw-healthy-lives",
                        "Help children and families lead healthy lives",
                        "More children are active and eat well, and fewer start to smoke or vape.",
                        "Public health",
                    ),
                ],
            },
            {
                "title": "Keep safe",
                "description": "Children are safe at home, in school, online and in the community.",
                "objectives": [
                    (
                        "tfw-every-child-safe",
                        "Create the conditions in which every child is safe",
                        "Partners spot harm early and act together, so fewer families need "
                        "social care a second time.",
                        "",  # The document names no lead.
                    ),
                    (
                        "tfw-exploitation",
                        "Protect young people from criminal exploitation",
                        "Police, youth justice and schools work together to keep young people "
                        "out of the hands of those who would exploit them.",
                        "Police and youth justice service",
                    ),
                ],
            },
            {
                "title": "Enjoy and achieve",
                "description": "Children enjoy learning and leave school ready for adult life.",
                "objectives": [
                    (
                        "tfw-aspirations",
                        "Raise aspirations and help young people gain the skills they need",
                        "Every young person has a plan for what comes after school and the "
                        "skills to follow it.",
                        "",  # The document names no lead.
                    ),
                    (
                        "tfw-belonging",
                        "Reduce exclusion by giving pupils a sense of belonging at school",
                        "Schools use what works to keep pupils engaged, so fewer are excluded.",
                        "Education service",
                    ),
                ],
            },
        ],
        "principles": [
            (
                "The whole child",
                "We look at everything in a child's life, not just the part one service sees.",
            ),
            (
                "Narrowing the gap",
                "We give most help to the children who start furthest behind.",
            ),
            (
                "Listening first",
                "Children, young people, parents and carers shape what we do and tell us "
                "whether it is working.",
            ),
            (
                "One partnership",
                "Every organisation works to the same aims instead of each keeping its own plan.",
            ),
        ],
        "partners": [
            ("West Mercia Police", "Keeps children safe from crime and exploitation."),
            (
                "NHS Shropshire, Telford and Wrekin",
                "Leads on children's physical and mental health.",
            ),
            (
                "Schools and academies in Telford and Wrekin",
                "Help children learn and feel they belong.",
            ),
            (
                "Voluntary and community groups in Telford and Wrekin",
                "Run local activities and support, and bring families' views to the board.",
            ),
        ],
        "programmes": [
            {
                "key": "tfw-family-help",
                "title": "Family help service",
                "description": (
                    "The early help now offered through family hubs becomes a single family "
                    "help service. Families are meant to get support as soon as they need it, "
                    "before things get worse or reach a crisis."
                ),
                "delivery_year": 1,
                "status": ProgrammeStatus.IN_PROGRESS,
                "start_date": dt.date(2025, 4, 1),
                "objectives": ["tfw-ready-for-school", "tfw-every-child-safe"],
                "milestones": [
                    (
                        "Design the service with families and partners",
                        dt.date(2025, 9, 30),
                        dt.date(2025, 9, 26),
                    ),
                    (
                        "Offer family help from the first family hubs",
                        dt.date(2026, 3, 31),
                        dt.date(2026, 3, 20),
                    ),
                    ("Offer family help from every family hub", dt.date(2026, 12, 31), None),
                    (
                        "Review the first year with the families who used it",
                        dt.date(2027, 6, 30),
                        None,
                    ),
                ],
            },
            {
                "key": "tfw-family-safeguarding",
                "title": "Family safeguarding model",
                "description": (
                    "Social workers team up with specialists in adult mental health, drug and "
                    "alcohol use and domestic abuse, and help parents decide what has to change "
                    "at home. The aim is to keep families together where that is safe. The "
                    "council joined the Department for Education's Strengthening Families "
                    "programme to pay for it."
                ),
                "delivery_year": 1,
                "status": ProgrammeStatus.IN_PROGRESS,
                "funding_source": "Department for Education: Strengthening Families programme",
                "objectives": ["tfw-every-child-safe"],
                "milestones": [
                    (
                        "Train every team in motivational interviewing",
                        dt.date(2025, 12, 31),
                        dt.date(2025, 12, 12),
                    ),
                    ("Place adult specialists in every team", dt.date(2026, 9, 30), None),
                ],
            },
        ],
        "decisions": [
            {
                "body": DecisionBody.CABINET,
                "meeting_date": dt.date(2025, 2, 13),
                # The press release does not say whether this was a key decision.
                "key_decision": KeyDecision.NOT_STATED,
                "portfolio_holder": (
                    "Councillor Shirley Reynolds, Cabinet Member for Children, Young People, "
                    "Education, Employment and Skills"
                ),
                "recommendations": "Support and approve the new Children and Young People's Strategy.",
                "reasons": (
                    "To bring the council's partners under one strategy as national children's "
                    "policy changes, building on the outstanding Ofsted judgement."
                ),
                "url": "https://democracy.telford.gov.uk/mgAi.aspx?ID=15323",
            },
        ],
        "engagements": [
            {
                "audience": "Children and young people, parents and carers",
                "method": EngagementMethod.OTHER,
                "what_they_said": (
                    "They described the outcomes they want for themselves: a good start, good "
                    "health, safety, and the chance to enjoy school and do well."
                ),
                "what_changed": "The strategy's four aims were built around those outcomes.",
            },
        ],
    },
    {
        "key": TELFORD_FAMILY_HELP,
        "demonstration": True,
        "title": "Family Help Strategy 2026 to 2029 (demonstration draft)",
        "kind": StrategyKind.EARLY_HELP,
        "start_year": 2026,
        "end_year": 2029,
        "status": Status.DRAFT,
        "board": TELFORD_BOARD,
        "summary": DEMO_NOTE.format(
            state="draft that only officers and the board can see",
            council="Telford & Wrekin Council",
        ),
        "vision": "Families get help early, from people they already know.",
        "aims": [
            {
                "title": "Help early",
                "description": "Families find help before problems grow.",
                "objectives": [
                    (
                        "tfw-draft-front-door",
                        "Give families one place to ask for help",
                        "A single phone number and web page for every kind of family support.",
                        "Family hubs",
                    ),
                ],
            },
        ],
    },
    {
        "key": STOKE_ROOM_TO_GROW,
        "decisions": [STOKE_CABINET_DECISION],
        "title": "Room to Grow: Children and Young People's Strategy 2020 to 2024",
        "kind": StrategyKind.PARTNERSHIP_STRATEGY,
        "start_year": 2020,
        "end_year": 2024,
        "status": Status.PUBLISHED,
        # The announcement does not give the cabinet date, only the year; 1 October stands in.
        "public_on": dt.date(2020, 10, 1),
        "document_url": (
            "https://www.stoke.gov.uk/directory_record/334857/"
            "room_to_grow_cyp_strategy_2020_-_2024/category/9/children_and_families"
        ),
        "summary": (
            "How the city council, schools, health services, voluntary groups and the police "
            "will work as one partnership for Stoke-on-Trent's children, and above all for "
            "those who are most vulnerable. It sets six outcomes for every child."
        ),
        "vision": (
            "Children in Stoke-on-Trent have room to grow: a good early start, a great "
            "education, good health, and people who love and look after them."
        ),
        "aims": [
            {
                "title": "Safe",
                "description": "Children are protected from harm.",
                "objectives": [
                    (
                        "ste-safe-at-home",
                        "Help more children stay safely with their families",
                        "Specialist support keeps families together where that is safe.",
                        "Children's social care",
                    ),
                ],
            },
            {
                "title": "Healthy",
                "description": "Children enjoy good physical and mental health.",
                "objectives": [
                    (
                        "ste-mental-health",
                        "Support children's mental health in schools and communities",
                        "Help is on hand where children already are.",
                        "NHS and public health",
                    ),
                ],
            },
            {
                "title": "Achieving",
                "description": "Children get the best education the city can offer.",
                "objectives": [
                    (
                        "ste-school-ready",
                        "Get more children ready to start school at five",
                        "Early years support reaches the families who need it most.",
                        "Early years service",
                    ),
                ],
            },
            {
                "title": "Nurtured",
                "description": "Children are loved and cared for.",
                "objectives": [
                    (
                        "ste-children-in-care",
                        "Improve life chances for children in care and care leavers",
                        "The city acts as a good parent would, long after a child leaves care.",
                        "Corporate parenting panel",
                    ),
                ],
            },
            {
                "title": "Involved",
                "description": "Children have a say in the decisions that affect them.",
                "objectives": [
                    (
                        "ste-say",
                        "Give children a bigger say in designing local services",
                        "Young people help shape the services meant for them.",
                        "Participation team",
                    ),
                ],
            },
            {
                "title": "Prepared",
                "description": "Young people are ready for adult life and work.",
                "objectives": [
                    (
                        "ste-achieving-more",
                        "Help young people achieve more after school",
                        "More young people go on to training, college or work.",
                        "Skills and employment partnership",
                    ),
                ],
            },
        ],
        "principles": [
            ("The best start in life", "One of three things the partnership will obsess about."),
            ("Children in care", "One of three things the partnership will obsess about."),
            (
                "Young people achieving more",
                "One of three things the partnership will obsess about.",
            ),
        ],
        "partners": [
            ("Staffordshire Police", "Helps keep the city's children safe."),
            ("NHS Staffordshire and Stoke-on-Trent", "Leads on children's health."),
            ("Schools and academies in Stoke-on-Trent", "Give every child the best education."),
            ("Voluntary and community groups in Stoke-on-Trent", "Offer support close to home."),
        ],
        "engagements": [
            {
                "audience": "Residents, partner organisations and council staff",
                "method": EngagementMethod.SURVEY,
                # The announcement says only that a consultation took place: what people were
                # asked and said is invented.
                "demonstration": True,
                "what_they_said": (
                    "People were asked whether children should be the city's top priority, "
                    "whether more should be done for care leavers, and whether children should "
                    "have more say in local services."
                ),
                "what_changed": "The final strategy took account of what they said.",
            },
        ],
    },
    {
        "key": STOKE_ROOM_TO_GROW_NEXT,
        "demonstration": True,
        "title": "Room to Grow 2025 to 2029 (demonstration consultation draft)",
        "kind": StrategyKind.PARTNERSHIP_STRATEGY,
        "start_year": 2025,
        "end_year": 2029,
        "status": Status.CONSULTATION,
        "public_on": dt.date(2026, 9, 1),
        "predecessor": STOKE_ROOM_TO_GROW,
        "summary": DEMO_NOTE.format(
            state="draft for consultation", council="Stoke-on-Trent City Council"
        ),
        "vision": "Children in Stoke-on-Trent keep the room to grow that the last strategy began.",
        "aims": [
            {
                "title": "Safe",
                "description": "Children are protected from harm.",
                "objectives": [
                    (
                        "ste-next-safe",
                        "Reduce the number of children who need to come into care",
                        "Families get help earlier so fewer reach crisis.",
                        "Children's social care",
                    ),
                ],
            },
        ],
    },
    {
        "key": STOKE_EARLY_HELP,
        "decisions": [STOKE_CABINET_DECISION],
        "title": "Early Help and Prevention Strategy 2020 to 2024",
        "kind": StrategyKind.EARLY_HELP,
        "start_year": 2020,
        "end_year": 2024,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2020, 10, 1),
        "board": STOKE_EARLY_HELP_BOARD,
        "summary": (
            "How the city council makes sure good early help is there for children and "
            "families, so that a family's needs are noticed and met quickly, before problems "
            "take root or turn into a crisis."
        ),
        "aims": [
            {
                "title": "Help early, before problems take hold",
                "description": "Vulnerable families are noticed and helped quickly.",
                "objectives": [
                    (
                        "ste-eh-access",
                        "Make advice, help and support easier to reach",
                        "",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-eh-core-offer",
                        "Build a core local offer of early help and prevention",
                        "",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-eh-quality",
                        "Improve the quality and co-ordination of early help",
                        "",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-eh-empower",
                        "Give families and communities the means to help themselves",
                        "",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-eh-engagement",
                        "Get more children and families involved",
                        "",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-eh-evidence",
                        "Commission programmes that are proven to work and fit local needs",
                        "",
                        "",  # The document names no lead.
                    ),
                ],
            },
        ],
    },
    {
        "key": STOKE_PERMANENCE,
        "decisions": [STOKE_CABINET_DECISION],
        "title": "Permanence Strategy 2020 to 2024",
        "kind": StrategyKind.PERMANENCE,
        "start_year": 2020,
        "end_year": 2024,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2020, 10, 1),
        "summary": (
            "As corporate parent, the council must find a settled, loving home that lasts for "
            "every child in care who cannot go back to their birth family. This strategy puts "
            "that at the centre of social work, with the child at the heart of every plan."
        ),
        "aims": [
            {
                "title": "A permanent home for every child in care",
                "description": "Homes that last through childhood and beyond.",
                "objectives": [
                    (
                        "ste-perm-planning",
                        "Plan for permanence from the day a child comes into care",
                        "Social workers consider every route home from the start.",
                        "",  # The document names no lead.
                    ),
                    (
                        "ste-perm-matching",
                        "Match children with adopters, family carers and long-term foster carers sooner",
                        "Fewer children wait a long time for a family.",
                        "",  # The document names no lead.
                    ),
                ],
            },
        ],
        "partners": [
            (
                "Staffordshire County Council",
                "Runs the Together4Children adoption agency with the city council.",
            ),
            (
                "Shropshire Council",
                "Runs the Together4Children adoption agency with the city council.",
            ),
            (
                "Telford & Wrekin Council",
                "Runs the Together4Children adoption agency with the city council.",
            ),
        ],
        "programmes": [
            {
                "key": "together4children",
                "title": "Together4Children adoption agency",
                "description": (
                    "A regional adoption agency run jointly by four councils: Stoke-on-Trent, "
                    "Staffordshire, Shropshire and Telford & Wrekin. It exists to find adoptive "
                    "homes for children faster than any one council could alone. The Department "
                    "for Education put more than \u00a3600,000 into setting it up."
                ),
                "delivery_year": 1,
                "status": ProgrammeStatus.IN_PROGRESS,
                # "More than £600,000" is not an exact sum, so the amount stays empty.
                "funding_source": "Department for Education development funding",
                "objectives": ["ste-perm-matching"],
                "milestones": [
                    ("Agree how the four councils share the agency's work", None, None),
                ],
            },
        ],
    },
    {
        "key": STOCKTON_PLAN,
        "title": "Children and Young People's Plan 2015 to 2018",
        "kind": StrategyKind.PLAN,
        "start_year": 2015,
        "end_year": 2018,
        "status": Status.ARCHIVED,
        # Neither date is in the record: the start of the plan and the day its successor went
        # to cabinet stand in.
        "public_on": dt.date(2015, 4, 1),
        "archived_on": dt.date(2019, 2, 14),
        "summary": (
            "Stockton-on-Tees' previous plan for children and young people. By 2018 it needed "
            "a refresh, and the 2019 to 2023 strategy replaced it."
        ),
    },
    {
        "key": STOCKTON_STRATEGY,
        "title": "Children and Young People Strategy 2019 to 2023",
        "kind": StrategyKind.PARTNERSHIP_STRATEGY,
        "start_year": 2019,
        "end_year": 2023,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2019, 2, 14),
        "predecessor": STOCKTON_PLAN,
        "summary": (
            "A strategy meant to change how services work for the long term, beyond its first "
            "five years. Rather than "
            "a list of projects, it commits every agency to a shared way of working that helps "
            "children and young people thrive, backed by a delivery plan each year."
        ),
        "vision": (
            "Children and young people discover who they are, learn to cope and to overcome "
            "hard times, and find their own voice, with safe and trusted adults beside them."
        ),
        "principles": [
            (
                "Resilience",
                "A sense of self and the life skills to manage feelings and bounce back.",
            ),
            (
                "Relationships",
                "Children get through hard times best with adults they can trust.",
            ),
            ("Respect", "Children are valued for their strengths."),
            ("Response", "Help is aimed at vulnerability, adversity and stress, and found early."),
        ],
        "decisions": [
            {
                "body": DecisionBody.CABINET,
                "meeting_date": dt.date(2019, 2, 14),
                # The record is a recommendation to full council and does not mark it as a key
                # decision.
                "key_decision": KeyDecision.NOT_STATED,
                "recommendations": (
                    "Recommend that full council approves the Children and Young People "
                    "Strategy 2019 to 2023."
                ),
                "reasons": (
                    "To keep children and young people's needs and strengths a council priority "
                    "while the Health and Wellbeing Strategy is refreshed."
                ),
                "alternatives_rejected": "None were considered.",
                "conflicts_of_interest": "No cabinet member declared a conflict.",
                "dispensations": "Not applicable.",
            },
        ],
        "engagements": [
            {
                "audience": "Partner organisations",
                "method": EngagementMethod.WORKSHOP,
                "start_date": dt.date(2018, 7, 1),
                "end_date": dt.date(2018, 7, 31),
                "what_they_said": (
                    "Partners backed a longer-term strategy that changes how everyone works, "
                    "instead of another set of projects."
                ),
                "what_changed": "The strategy became a five-year commitment with yearly delivery plans.",
            },
            {
                "audience": "Young people, through Bright Minds Big Futures",
                "method": EngagementMethod.SURVEY,
                "start_date": dt.date(2018, 1, 1),
                "end_date": dt.date(2018, 12, 31),
                "what_they_said": (
                    "Young people answered questions built around resilience, relationships, "
                    "respect and response."
                ),
                "what_changed": "Those four themes became the strategy's building blocks.",
            },
            {
                "audience": "Partners and the Bright Minds Big Futures Big Committee",
                "method": EngagementMethod.OTHER,
                "what_they_said": "They commented on the draft strategy before it went to cabinet.",
            },
        ],
    },
    {
        "key": CHESHIRE_CORPORATE,
        "title": "Corporate Plan 2021 to 2025",
        "kind": StrategyKind.CORPORATE_PLAN,
        "start_year": 2021,
        "end_year": 2025,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2021, 4, 1),
        "summary": (
            "The council's own plan. It carries the vision for children and young people, so "
            "there is one line of sight from the council's aims to work with families."
        ),
    },
    {
        "key": CHESHIRE_VISION,
        "title": "Vision for Children and Young People in Cheshire East",
        "kind": StrategyKind.VISION,
        # The report gives no end date; the vision is set to run with the Corporate Plan.
        "start_year": 2021,
        "end_year": 2025,
        "status": Status.PUBLISHED,
        "public_on": dt.date(2021, 1, 12),
        "summary": (
            "One shared vision for everyone who works with children in Cheshire East. It draws "
            "the borough's existing partnership plans together and asks every service to work "
            "alongside children, young people and families rather than doing things to them."
        ),
        "vision": (
            "Cheshire East is a great place to grow up, and every child and young person here "
            "does well."
        ),
        "aims": [
            {
                "title": "Children we care for are happy and reach their potential",
                "description": "",
                "objectives": [
                    (
                        "che-cared-for",
                        "Give every cared-for child the chances a good parent would",
                        "",
                        "Corporate parenting board",
                    ),
                ],
            },
            {
                "title": "Children and young people are safe and feel safe",
                "description": "",
                "objectives": [
                    (
                        "che-safe",
                        "Keep children safe with one team around the child",
                        "",
                        "Safeguarding Children's Partnership",
                    ),
                ],
            },
            {
                "title": "Children and young people are happy and mentally well",
                "description": "",
                "objectives": [
                    (
                        "che-wellbeing",
                        "Offer help with emotional wellbeing early and close to home",
                        "",
                        "NHS and public health",
                    ),
                ],
            },
            {
                "title": "Children and young people are healthy and make good choices",
                "description": "",
                "objectives": [
                    (
                        "che-healthy",
                        "Encourage healthy lifestyles and positive choices",
                        "",
                        "Public health",
                    ),
                ],
            },
            {
                "title": "Young people leave school with the skills and qualifications to thrive",
                "description": "",
                "objectives": [
                    (
                        "che-skills",
                        "Prepare young people for adult life as well as exams",
                        "",
                        "Education service",
                    ),
                ],
            },
            {
                "title": "Children and young adults with additional needs have better life chances",
                "description": "",
                "objectives": [
                    (
                        "che-send",
                        "Plan with young people with additional needs for their move into adulthood",
                        "",
                        "SEND partnership",
                    ),
                ],
            },
        ],
        "principles": [
            (
                "Children do best within their families and communities",
                "We help early so children can stay at home where it is safe, and keep them "
                "connected to wider family when they cannot.",
            ),
            (
                "Every child deserves an education that prepares them for adult life",
                "We want every child to enjoy learning and go on to a fulfilling career.",
            ),
            (
                "Families are strong and resilient with the right help at the right time",
                "Support comes early, ideally from someone the family already knows and trusts.",
            ),
        ],
        "decisions": [
            {
                "body": DecisionBody.CABINET,
                "meeting_date": dt.date(2021, 1, 12),
                "key_decision": KeyDecision.YES,
                "portfolio_holder": "Councillor Kathryn Flavell, Portfolio Holder for Children and Families",
                "senior_officer": "Mark Palethorpe, Executive Director (People)",
                "recommendations": (
                    "Endorse and adopt the vision; promote it widely; and make sure its outcomes "
                    "are achieved and decisions are taken in children's best interests."
                ),
                "reasons": (
                    "Cabinet is responsible for good outcomes for all children, especially the "
                    "most vulnerable. A shared vision helps the whole partnership work as one "
                    "team around each child and build on families' strengths."
                ),
                "alternatives_rejected": "The report said there were no other options to consider.",
            },
        ],
        "engagements": [
            {
                "audience": "Children, young people, parents, carers and staff across the partnership",
                "method": EngagementMethod.OTHER,
                "what_they_said": "They told the council what matters most to them.",
                "what_changed": "Their feedback was worked into the final version of the vision.",
            },
        ],
    },
]

# Related plans named in Cheshire East's report. The report gives none of their dates; they are
# shown over the vision's period so the golden thread can be followed.
for _slug, _title, _kind in [
    ("children-and-young-peoples-plan", "Children and Young People's Plan", StrategyKind.PLAN),
    ("corporate-parenting-strategy", "Corporate Parenting Strategy", StrategyKind.PLAN),
    ("early-help-together-strategy", "Early Help Together Strategy", StrategyKind.EARLY_HELP),
    (
        "send-strategy",
        "Special Educational Needs and Disabilities Strategy",
        StrategyKind.PARTNERSHIP_STRATEGY,
    ),
    (
        "safeguarding-childrens-partnership-business-plan",
        "Safeguarding Children's Partnership Business Plan",
        StrategyKind.PLAN,
    ),
]:
    STRATEGIES.append(
        {
            "key": (CHESHIRE_EAST, _slug),
            "title": _title,
            "kind": _kind,
            "start_year": 2021,
            "end_year": 2025,
            "status": Status.PUBLISHED,
            "public_on": dt.date(2021, 1, 12),
            "summary": (
                "One of the partnership plans that the vision for children and young people "
                "draws together."
            ),
        }
    )

RELATIONS = [
    (CHESHIRE_VISION, CHESHIRE_CORPORATE, Relation.Kind.PART_OF),
    *(
        (CHESHIRE_VISION, (CHESHIRE_EAST, slug), Relation.Kind.DELIVERED_BY)
        for slug in [
            "children-and-young-peoples-plan",
            "corporate-parenting-strategy",
            "early-help-together-strategy",
            "send-strategy",
            "safeguarding-childrens-partnership-business-plan",
        ]
    ),
]
