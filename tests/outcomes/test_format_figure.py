"""One number format for every figure: rounded half up to the indicator's places, with thousands
commas."""

from decimal import Decimal

import pytest

from councils.formatting import format_figure


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("2.5"), 0, "3"),  # half up, never to the even 2
        (Decimal("3.5"), 0, "4"),
        (Decimal("1234.5"), 0, "1,235"),
        (Decimal("2.25"), 1, "2.3"),
        (Decimal("1234567.125"), 2, "1,234,567.13"),
        (Decimal("74"), 1, "74.0"),
        (Decimal("-2.5"), 0, "-3"),
        (12.75, 1, "12.8"),
        ("64.28", 0, "64"),
    ],
)
def test_a_figure_is_rounded_half_up_with_thousands_commas(value, places, shown):
    assert format_figure(value, places) == shown


def test_a_figure_carries_its_unit():
    assert format_figure(Decimal("1234.5"), 0, "children") == "1,235 children"


def test_no_value_is_shown_as_nothing():
    assert format_figure(None, 2, "%") == ""
