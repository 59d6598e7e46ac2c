"""Reading numbers that people and browsers type into addresses and forms."""

import re

# ASCII digits only: str.isdigit() accepts "²" and other digits that int() refuses, and nine
# digits keep the value inside every database's integer column.
_SMALL_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_small_number(text: str | int) -> int | None:
    """The whole number `text` spells, or None when it is not one we could store. A number
    already parsed (the admin passes its own list filter choices back as they were given)
    is checked the same way."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    return int(text) if _SMALL_NUMBER.fullmatch(text) else None
