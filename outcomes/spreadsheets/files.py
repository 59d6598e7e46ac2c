"""Reading a CSV or XLSX file into rows, within limits on size, and checking its headings."""

import csv
import io
import zipfile

from .cells import cell_text, float_to_decimal, slug_like

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Formatted but empty rows at the bottom of a sheet are skipped; this stops a sheet of a million
# of them from tying up a server.
MAX_PHYSICAL_ROWS = 50_000
MAX_COLUMNS = 50


class SpreadsheetError(Exception):
    """The file as a whole cannot be used: wrong type, empty, too big, wrong headings."""


def read_sheet(file) -> list[tuple[int, list]]:
    """Every row of the file as (spreadsheet row number, raw cell values), header included."""
    name = (getattr(file, "name", "") or "").lower()
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise SpreadsheetError(_too_big())
    data = file.read(MAX_BYTES + 1)
    if not data:
        raise SpreadsheetError("The file is empty. Choose a file with a heading row and data.")
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_too_big())
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith(".csv"):
        return _csv_rows(data)
    if name.endswith((".xls", ".ods", ".numbers")):
        raise SpreadsheetError(
            "This kind of spreadsheet cannot be read. Save it as an Excel workbook (.xlsx) or as "
            "CSV UTF-8 (.csv) and upload that."
        )
    raise SpreadsheetError("Choose a CSV file (.csv) or an Excel workbook (.xlsx).")


def _too_big():
    return (
        f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller files "
        f"of at most {MAX_ROWS:,} rows each."
    )


def _too_many_rows():
    return f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."


def _csv_rows(data: bytes):
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(
            "This looks like an Excel workbook with a .csv name. Save it as .xlsx, or save it "
            "from Excel as CSV UTF-8 (.csv)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            "The CSV file is not in UTF-8. In Excel, choose File, Save As, and the type "
            "‘CSV UTF-8 (Comma delimited)’, then upload that file."
        ) from None
    if "\x00" in text:
        raise SpreadsheetError("The file does not look like a CSV file. Check it opens in Excel.")
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, values in enumerate(reader, start=1):
            if number > MAX_PHYSICAL_ROWS:
                raise SpreadsheetError(_too_many_rows())
            rows.append((number, values))
    except csv.Error as exc:
        raise SpreadsheetError(
            f"Row {reader.line_num} could not be read as CSV ({exc}). Check for a stray quotation "
            "mark, or save the file again from Excel."
        ) from None
    return rows


def _xlsx_rows(data: bytes):
    # Imported here: openpyxl is heavy and only the import and export need it.
    from openpyxl import load_workbook

    unreadable = (
        "The file could not be opened as an Excel workbook: it may be damaged, protected by a "
        "password or not really an .xlsx file. Open it in Excel, save it again as .xlsx and "
        "upload that."
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError(unreadable)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a broken file
        raise SpreadsheetError(unreadable) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("The workbook has no sheets.")
        rows = []
        # Our sheets have a handful of columns; formatting that runs to column XFD is not data.
        rows_of_cells = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS)
        for number, cells in enumerate(rows_of_cells, start=1):
            if number > MAX_PHYSICAL_ROWS:
                raise SpreadsheetError(_too_many_rows())
            rows.append((number, [_xlsx_value(cell) for cell in cells]))
        return rows
    except SpreadsheetError:
        raise
    except Exception:
        raise SpreadsheetError(unreadable) from None
    finally:
        workbook.close()


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    # Typing 42.5% into Excel stores 0.425 shown as a percentage; we store percentages 0 to 100.
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return float_to_decimal(value) * 100
    return value


def read_table(sheet, file) -> list[tuple[int, dict]]:
    """The data rows as (row number, {column: raw value}), after checking the headings."""
    rows = read_sheet(file)
    if not rows or not any(cell_text(value) for value in rows[0][1]):
        raise SpreadsheetError(_heading_help(sheet, "The first row must hold the column headings."))
    headings = [slug_like(cell_text(value)) for value in rows[0][1]]
    known = {column.name for column in sheet.columns}
    present = [heading for heading in headings if heading]
    problems = []
    unknown = [heading for heading in present if heading not in known]
    if unknown:
        problems.append("Not recognised: " + ", ".join(f"‘{name}’" for name in unknown) + ".")
    missing = [c.name for c in sheet.columns if c.required and c.name not in present]
    if missing:
        problems.append("Missing: " + ", ".join(f"‘{name}’" for name in missing) + ".")
    repeated = sorted({heading for heading in present if present.count(heading) > 1})
    if repeated:
        problems.append("Repeated: " + ", ".join(f"‘{name}’" for name in repeated) + ".")
    if problems and len(present) == 1 and ";" in present[0]:
        problems.append(
            "The columns seem to be separated by semicolons: save the file from Excel as "
            "‘CSV UTF-8 (Comma delimited)’."
        )
    if problems:
        raise SpreadsheetError(
            _heading_help(
                sheet, "The column headings in the first row are not right. " + " ".join(problems)
            )
        )
    table = []
    for number, values in rows[1:]:
        if not any(cell_text(value) for value in values):
            continue
        table.append(
            (
                number,
                {
                    heading: values[position] if position < len(values) else None
                    for position, heading in enumerate(headings)
                    if heading
                },
            )
        )
        if len(table) > MAX_ROWS:
            raise SpreadsheetError(_too_many_rows())
    if not table:
        raise SpreadsheetError("The file has headings but no rows to import.")
    return table


def _heading_help(sheet, message):
    names = ", ".join(column.name for column in sheet.columns)
    return f"{message} The {sheet.title} sheet uses these headings: {names}."
