"""Spreadsheet import and export for objectives, measurements and progress updates.

Officers keep their figures in Excel. The import reads a CSV or XLSX sheet (`files`, `cells`),
says row by row what would change (`planning`, with the three kinds of sheet in `sheets`), and
writes only when every row is valid, in one transaction (`importing`). The export writes the
same columns the import reads (`exporting`), so a sheet can be exported, edited and imported
back. Between the preview and the confirmation the upload waits in `uploads`.
"""

from .cells import neutralise_formula
from .exporting import spreadsheet_export
from .files import MAX_BYTES, MAX_ROWS, SpreadsheetError
from .importing import spreadsheet_import
from .planning import ImportResult
from .sheets import SHEETS, sheet_for_model

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SHEETS",
    "ImportResult",
    "SpreadsheetError",
    "neutralise_formula",
    "sheet_for_model",
    "spreadsheet_export",
    "spreadsheet_import",
]
