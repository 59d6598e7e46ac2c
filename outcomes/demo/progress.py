"""Indicators, figures and quarterly progress for Telford & Wrekin's strategy.

None of this is in the seed documents: the figures and ratings are invented so the progress
pages, charts and board packs have something to show. Each indicator says so in its source.
Quarterly figures and updates are given oldest first for the last four quarters that have
ended, so the demo stays current whenever it is loaded."""

import datetime as dt

from outcomes.models import MeasurementStatus, Polarity, Rating, YearType

DEMO_SOURCE = "Demonstration figures, invented for this demo: not official statistics"

# objective key -> indicators. "quarterly" values line up with the last four quarters, which are
# the financial year's, so the loader counts such an indicator quarterly in financial years;
# "annual" values carry their own dates, in the year the indicator names.
INDICATORS = {
    "tfw-ready-for-school": [
        {
            "title": "Children reaching a good level of development by the end of reception",
            "unit_label": "%",
            "decimal_places": 1,
            "polarity": Polarity.HIGHER_BETTER,
            "year_type": YearType.ACADEMIC,
            "baseline_value": "64.8",
            "baseline_date": dt.date(2024, 8, 31),
            "targets": [(dt.date(2028, 8, 31), "70.0")],
            "annual": [
                (dt.date(2024, 8, 31), "64.8", MeasurementStatus.FINAL),
                (dt.date(2025, 8, 31), "66.2", MeasurementStatus.FINAL),
            ],
        },
    ],
    "tfw-mental-health": [
        {
            "title": "Children waiting more than 18 weeks for a first mental health appointment",
            "unit_label": "children",
            "decimal_places": 0,
            "polarity": Polarity.LOWER_BETTER,
            "baseline_value": "140",
            "baseline_date": dt.date(2025, 3, 31),
            "targets": [(dt.date(2026, 3, 31), "100"), (dt.date(2028, 3, 31), "40")],
            "quarterly": ["151", "146", "128", "119"],
        },
    ],
    "tfw-every-child-safe": [
        {
            "title": "Referrals to children's social care within 12 months of a previous one",
            "unit_label": "%",
            "decimal_places": 1,
            "polarity": Polarity.LOWER_BETTER,
            "baseline_value": "19.5",
            "baseline_date": dt.date(2025, 3, 31),
            "targets": [(dt.date(2028, 3, 31), "15.0")],
            "quarterly": ["18.9", "18.2", "17.6", "17.1"],
        },
    ],
    "tfw-exploitation": [
        {
            "title": "Young people entering the youth justice system for the first time",
            "unit_label": "young people",
            "decimal_places": 0,
            "polarity": Polarity.LOWER_BETTER,
            "baseline_value": "11",
            "baseline_date": dt.date(2025, 3, 31),
            "targets": [(dt.date(2028, 3, 31), "6")],
            # The third quarter's count was small enough to identify the young people.
            "quarterly": ["9", "7", None, "6"],
        },
    ],
    "tfw-aspirations": [
        {
            "title": "16 and 17 year olds not in education, employment or training, or whose "
            "activity is not known",
            "unit_label": "%",
            "decimal_places": 1,
            "polarity": Polarity.LOWER_BETTER,
            "baseline_value": "5.8",
            "baseline_date": dt.date(2025, 3, 31),
            "targets": [(dt.date(2027, 3, 31), "5.0"), (dt.date(2028, 3, 31), "4.5")],
            "quarterly": ["5.6", "5.9", "5.4", "5.2"],
        },
    ],
}

SUPPRESSED_NOTE = "Fewer than five: not published, to protect the young people concerned."

ON_TRACK = Rating.ON_TRACK
AT_RISK = Rating.AT_RISK
OFF_TRACK = Rating.OFF_TRACK
COMPLETE = Rating.COMPLETE
NOT_STARTED = Rating.NOT_STARTED

# key -> the last four quarters, oldest first: (rating, commentary), with the next steps after
# them where the rating is at risk or off track (the only ratings that must say what will be
# done), or None where nothing was reported. The latest quarter awaits the board; two objectives
# have not reported it at all, so they show as overdue.
UPDATES = {
    "tfw-ready-for-school": [
        (ON_TRACK, "Speech and language checks now happen at every two-year review."),
        (ON_TRACK, "More families took up funded childcare places for two-year-olds."),
        (ON_TRACK, "Family hubs ran school-readiness sessions in every area."),
        (ON_TRACK, "Reception teachers report more children settling in well."),
    ],
    "tfw-early-years-gap": [
        (
            AT_RISK,
            "Take-up of early years support is lowest in the areas that need it most.",
            "Health visitors will offer a home visit to every family that has not taken up a place.",
        ),
        (ON_TRACK, "Home visits lifted take-up in the two areas furthest behind."),
        (ON_TRACK, "The gap in take-up between areas has halved since the spring."),
        None,
    ],
    "tfw-early-years-offer": [
        (NOT_STARTED, "Work will begin once the family hubs review has finished."),
        (ON_TRACK, "Parents helped choose what the guide should cover."),
        (ON_TRACK, "A draft guide was tested with parents at two family hubs."),
        (COMPLETE, "The guide is published online and in print at every family hub."),
    ],
    "tfw-mental-health": [
        (
            OFF_TRACK,
            "Waiting times rose as demand grew faster than the service.",
            "Commissioners will fund extra sessions from a voluntary sector provider.",
        ),
        (
            OFF_TRACK,
            "Extra sessions started late, so the waiting list barely moved.",
            "The NHS will report weekly on the waiting list until it falls below 130.",
        ),
        (
            AT_RISK,
            "The waiting list is falling, but not yet fast enough to meet the target.",
            "Schools will refer pupils with milder needs to their mental health support teams.",
        ),
        (
            AT_RISK,
            "The number waiting fell again. Staff vacancies remain the main risk.",
            "The NHS will present a recruitment plan at the next board meeting.",
        ),
    ],
    "tfw-healthy-lives": [
        (ON_TRACK, "The holiday activities and food programme reached more children than planned."),
        (ON_TRACK, "Every secondary school now teaches the agreed lessons on vaping."),
        (ON_TRACK, "Two new free sports sessions opened on Friday evenings."),
        None,
    ],
    "tfw-every-child-safe": [
        (ON_TRACK, "Partners agreed one shared way of assessing risk."),
        (ON_TRACK, "Fewer families came back to social care within a year."),
        (ON_TRACK, "Training on the shared risk assessment reached 400 staff."),
        (ON_TRACK, "Re-referrals fell for the fourth quarter running."),
    ],
    "tfw-exploitation": [
        (ON_TRACK, "A joint police and youth justice team now meets every week."),
        (
            AT_RISK,
            "A rise in county lines activity drew young people into selling drugs.",
            "Police will target the lines involved; youth workers will visit the schools affected.",
        ),
        (ON_TRACK, "The police operation closed two lines and no new cases were reported."),
        (ON_TRACK, "First-time entrants to youth justice remain low."),
    ],
    "tfw-aspirations": [
        (ON_TRACK, "Every Year 11 pupil had a careers interview."),
        (
            AT_RISK,
            "More young people left college courses early than last year.",
            "Colleges will contact every young person who leaves within two weeks of their going.",
        ),
        (ON_TRACK, "Follow-up calls brought most early leavers back into learning or training."),
        (ON_TRACK, "The share of young people not in education, employment or training fell."),
    ],
    "tfw-belonging": [
        (ON_TRACK, "Ten schools joined the belonging project."),
        (ON_TRACK, "Pupils helped write each school's plan."),
        (ON_TRACK, "Schools in the project suspended fewer pupils than last year."),
        (ON_TRACK, "Another eight schools asked to join the project."),
    ],
    "tfw-family-help": [
        (ON_TRACK, "Families and partners agreed how the service should work."),
        (ON_TRACK, "Family help began in the first family hubs on time."),
        (ON_TRACK, "Families say they get help sooner and repeat their story less."),
        (ON_TRACK, "Plans are in place to open family help in the remaining hubs."),
    ],
    "tfw-family-safeguarding": [
        (ON_TRACK, "Every team finished training in motivational interviewing."),
        (
            AT_RISK,
            "Two adult mental health posts are still empty.",
            "The NHS will second staff into the teams while recruitment continues.",
        ),
        (
            AT_RISK,
            "Secondments covered one post; the other is still empty.",
            "The council will advertise the post nationally.",
        ),
        (
            OFF_TRACK,
            "The milestone to place adult specialists in every team has been missed.",
            "The board will be asked to agree a new date and extra funding for the posts.",
        ),
    ],
}

# What the board recorded at each signed-off meeting, oldest first.
MEETING_MINUTES = [
    "The board reviewed the first quarter of reports under the new strategy.",
    "The board challenged the NHS on mental health waiting times.",
    "The board welcomed progress on exploitation and asked for a recruitment plan.",
]
