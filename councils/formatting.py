"""Figures as councils publish them. Every page, chart, board pack and feed shows a figure through
`format_figure`, so the same measurement reads the same wherever it appears."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def format_figure(value, places=0, unit=""):
    """The value rounded half up to `places` decimal places, with thousands commas, then its unit;
    empty when there is no value.

    Rounded here rather than by Python's formatting, which rounds a half to the even digit
    (2.5 would show as 2), or by number_format alone, which cuts digits off."""
    if value is None or value == "":
        return ""
    places = int(places or 0)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = number_format(rounded, decimal_pos=places, force_grouping=True)
    return f"{shown} {unit}".strip()
