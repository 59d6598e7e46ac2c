"""Reading one sheet of an OpenDocument spreadsheet (.ods), as Ofsted publishes its official
statistics, with the standard library alone.

An .ods file is a zip holding content.xml; a sheet is a table of rows of cells. What needs care:
a run of identical cells or rows is written once with a repeat count (an empty row often
"repeated" a million times to the sheet's end), a date cell carries its value in an attribute
while its text is only how it was shown, and a hyperlink may sit in a HYPERLINK() formula."""

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from .reading import ImportFileError

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CELLS = {f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"}
#: A repeat beyond this is padding to the sheet's edge, never data.
_MAX_REPEAT = 1000
_HYPERLINK = re.compile(r'HYPERLINK\(\s*"([^"]*)"')


class Cell(str):
    """A cell's text, also carrying its date (`date`) and any hyperlink (`link`)."""

    date: dt.date | None = None
    link: str = ""


def _cell(element):
    text = "\n".join("".join(p.itertext()) for p in element.iter(f"{{{_TEXT}}}p")).strip()
    cell = Cell(text)
    value = element.get(f"{{{_OFFICE}}}date-value")
    if value:
        try:
            cell.date = dt.date.fromisoformat(value[:10])
        except ValueError:
            cell.date = None
    formula = element.get(f"{{{_TABLE}}}formula") or ""
    match = _HYPERLINK.search(formula.replace("&quot;", '"'))
    if match:
        cell.link = match.group(1)
    return cell


def _rows(table):
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        cells = []
        for element in row:
            if element.tag not in _CELLS:
                continue
            repeat = int(element.get(f"{{{_TABLE}}}number-columns-repeated", "1") or 1)
            cells.extend([_cell(element)] * min(repeat, _MAX_REPEAT))
        while cells and not cells[-1]:
            cells.pop()
        repeat = int(row.get(f"{{{_TABLE}}}number-rows-repeated", "1") or 1)
        for _ in range(min(repeat, _MAX_REPEAT)):
            yield cells


def read_ods_sheet(path, sheet, required_columns, *, header_row):
    """Every row below the header of `sheet` as (row number, {column: Cell}), skipping empty
    rows, the header being on row `header_row` (1 is the first). Raises ImportFileError when
    the file is not a spreadsheet, lacks the sheet, or the header lacks a required column."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"There is no file at {path}.")
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            table = None
            # An official download an administrator chose to load; expat (2.4 and later, as
            # Python bundles) refuses the entity-expansion attacks defusedxml guards against.
            for _event, element in iterparse(content):  # noqa: S314
                if element.tag == f"{{{_TABLE}}}table":
                    if element.get(f"{{{_TABLE}}}name") == sheet:
                        table = element
                        break
                    element.clear()
    except (zipfile.BadZipFile, KeyError, IsADirectoryError, ParseError):
        raise ImportFileError(
            f"{path} is not an OpenDocument spreadsheet (.ods). Nothing was imported."
        ) from None
    if table is None:
        raise ImportFileError(
            f"{path} has no sheet called “{sheet}”: it is not the file expected. "
            "Nothing was imported."
        )
    rows = list(_rows(table))
    if len(rows) < header_row:
        raise ImportFileError(f"{path}: the sheet “{sheet}” has no header on row {header_row}.")
    header = [str(cell).strip() for cell in rows[header_row - 1]]
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise ImportFileError(
            f"{path} is not the file expected: the header of the sheet “{sheet}” (row "
            f"{header_row}) lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. Nothing was imported."
        )
    found = []
    for number, cells in enumerate(rows[header_row:], start=header_row + 1):
        if not any(cells):
            continue
        padded = cells + [Cell("")] * (len(header) - len(cells))
        found.append((number, dict(zip(header, padded, strict=False))))
    return found
