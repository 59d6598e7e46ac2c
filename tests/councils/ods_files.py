"""Writing small OpenDocument spreadsheets shaped like Ofsted's, for the importer's tests: a
title and a note above the header on row 3, dates as date cells, a HYPERLINK formula in the
first column, and the padding a real file carries (cells and rows repeated to the sheet's edge)."""

import datetime as dt
import zipfile
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
HISTORY_HEADER = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Local authority status",
    "Ofsted region",
    "Inspection date",
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]


def _cell(value):
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value:%Y-%m-%d}T00:00:00">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, tuple):  # (text, link)
        text, link = value
        formula = quoteattr(f'of:=HYPERLINK("{link}";"{text}")')
        return (
            f'<table:table-cell table:formula={formula} office:value-type="string">'
            f"<text:p>{escape(text)}</text:p></table:table-cell>"
        )
    if value in ("", None):
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def _row(values):
    cells = "".join(_cell(value) for value in values)
    return f'<table:table-row>{cells}<table:table-cell table:number-columns-repeated="16000"/></table:table-row>'


def write_ods(path, sheets):
    """sheets: {name: [row, ...]}, each row a list of str, date, (text, link) or ""."""
    tables = "".join(
        f'<table:table table:name="{name}">{"".join(_row(row) for row in rows)}'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row></table:table>'
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def history_sheet(rows):
    """The ILACS_inspection_history sheet: a title, a note, the header, then `rows`."""
    return {
        "Cover": [["Local authority inspection outcomes"]],
        "ILACS_inspection_history": [
            ["ILACS inspection history from 2018-2025"],
            ["This worksheet contains one table with no blank rows or columns."],
            HISTORY_HEADER,
            *rows,
        ],
    }


def official_row(gss, name, visit, published, kind, *grades, status="Current"):
    link = ("Ofsted Local Authority Webpage", "https://reports.ofsted.gov.uk/provider/44/894")
    return [link, gss, name, status, "West Midlands", visit, published, kind, *grades]
