"""Reading one cell of a sheet: numbers, dates, quarters and choices as an officer types them,
each refused with a message that says what to type instead."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from councils.dates import FIRST_YEAR, LAST_YEAR

from ..models.indicators import VALUE_DECIMALS, VALUE_DIGITS
from ..periods import Quarter

# Spreadsheet programs run a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Text a spreadsheet program shows as typed rather than running it: an apostrophe before a
    formula-like start, which cell_text takes off again when the sheet comes back."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class CellError(Exception):
    pass


def float_to_decimal(value) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    # A float carries binary noise (0.1 + 0.2); 15 significant digits is what Excel itself keeps.
    return Decimal(format(value, ".15g"))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) else value
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, Decimal):
        return plain_decimal(value)
    text = str(value)
    # Undo the apostrophe our own CSV export puts before a formula-like cell.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def plain_decimal(value: Decimal) -> str:
    """42.5000 → "42.5", 1E+2 → "100": how a person would type it."""
    normalised = value.normalize()
    return format(normalised, "f") if normalised != 0 else "0"


def parse_whole_number(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = cell_text(value)
        if not re.fullmatch(r"\d+", text):
            raise CellError("enter a whole number, like 3")
        number = int(text)
    if not 0 <= number <= 32767:
        raise CellError("enter a whole number from 0 to 32767")
    return number


def parse_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError("enter a number, like 42.5")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = float_to_decimal(value)
    else:
        text = cell_text(value).replace(" ", "")
        if text.endswith("%"):
            text = text[:-1]
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
            raise CellError("enter a number, like 42.5")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("enter a number, like 42.5") from None
    if not number.is_finite():
        raise CellError("enter a number, like 42.5")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > VALUE_DECIMALS:
        raise CellError(f"use at most {VALUE_DECIMALS} decimal places")
    if abs(number) >= Decimal(10) ** (VALUE_DIGITS - VALUE_DECIMALS):
        raise CellError("this number is too large")
    return number


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise CellError(f"‘{text}’ is not a real date") from None
    raise CellError("enter a date like 2026-06-30 or 30/06/2026")


def parse_quarter(value) -> Quarter:
    text = cell_text(value)
    match = re.fullmatch(r"Q([1-4])\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})", text, flags=re.IGNORECASE)
    if not match:
        raise CellError("enter the financial quarter like Q1 2026-27")
    number, first_year, second = int(match[1]), int(match[2]), match[3]
    if int(second) % 100 != (first_year + 1) % 100 or (
        len(second) == 4 and int(second) != first_year + 1
    ):
        raise CellError(
            f"a financial year runs from one year to the next, like {first_year}-{str(first_year + 1)[-2:]}"
        )
    month = (4, 7, 10, 1)[number - 1]
    year = first_year + (number == 4)
    # Checked before the date is built: year 0 or 10000 is no date at all.
    if first_year < FIRST_YEAR or year > LAST_YEAR:
        raise CellError(
            f"‘{text}’ falls outside {FIRST_YEAR} to {LAST_YEAR}: enter a quarter in those "
            "years, like Q1 2026-27"
        )
    return Quarter.containing(dt.date(year, month, 1))


def slug_like(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def parse_choice(value, choices, *, what: str) -> str:
    text = cell_text(value)
    wanted = slug_like(text)
    for slug, label in choices.choices:
        if wanted in (slug, slug_like(label)):
            return slug
    allowed = ", ".join(slug for slug, _ in choices.choices)
    raise CellError(f"‘{text}’ is not a {what}; use one of {allowed}")


def title_key(text: str) -> str:
    return " ".join(text.split()).casefold()
