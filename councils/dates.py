"""Today, and the years a date may plausibly fall in, for every app: councils is the one package
all of them may import, so the rule is written once here rather than once per layer."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")

#: The years a strategy, a reporting period or a board's date may fall in. Dates far outside
#: them are typing slips, and near the ends of what a date can hold the next or previous quarter
#: cannot even be computed.
FIRST_YEAR = 1990
LAST_YEAR = 2100


def today_in_london() -> dt.date:
    """Today where the councils are, whatever the server's clock zone: a quarter ends at
    midnight in London, not in UTC."""
    return timezone.now().astimezone(LONDON).date()
