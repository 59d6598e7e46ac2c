import datetime as dt

import pytest

from outcomes.demo.national import national_generate

#: A small national dataset: big enough for the planner to choose as it would at full size when
#: sequential scans are ruled out, small enough for `make test`.
SCALE = 0.04
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """The generated dataset, made once for a module's tests and removed after them."""
    with django_db_blocker.unblock():
        from django.core.management import call_command

        counts = national_generate(scale=SCALE, seed=7, today=TODAY)
        yield counts
        call_command("flush", interactive=False, verbosity=0)
