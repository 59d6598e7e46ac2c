"""Writing the records an officer may see to CSV or XLSX, in the columns the import reads."""

import csv
import datetime as dt
import io
from decimal import Decimal

from councils.dates import today_in_london

from .cells import neutralise_formula, plain_decimal
from .sheets import SHEETS

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(*, kind, queryset, user):
    """The header and the rows this person may see, as Python values."""
    sheet = SHEETS[kind]
    # The model's own scope, as in the admin: an officer exports only their councils' rows.
    queryset = queryset.for_officer(user)
    yield [column.name for column in sheet.columns]
    yield from sheet.export_rows(queryset)


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def write_csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    # With a byte order mark Excel opens the file as UTF-8 rather than guessing.
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows, *, sheet_title="Data") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet_title)
    bold = Font(bold=True)
    for position, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str):
                cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                # Text, never a formula: the cell type says so, so no apostrophe is needed.
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(worksheet, value=value)
            if position == 0:
                cell.font = bold
            cells.append(cell)
        worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_export(*, kind, queryset, user, file_format) -> tuple[bytes, str, str]:
    """The file's bytes, content type and a file name."""
    rows = export_rows(kind=kind, queryset=queryset, user=user)
    stamp = today_in_london().isoformat()
    if file_format == "xlsx":
        return write_xlsx(rows, sheet_title=kind), XLSX_CONTENT_TYPE, f"{kind}-{stamp}.xlsx"
    return write_csv(rows), CSV_CONTENT_TYPE, f"{kind}-{stamp}.csv"
