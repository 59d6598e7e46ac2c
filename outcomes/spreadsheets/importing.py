"""Writing a checked sheet: every row or none, in one transaction."""

from django.db import IntegrityError, transaction

from strategies.concurrency import StaleEditError

from ..models import SignedOffUpdateError
from .files import SpreadsheetError, read_table
from .planning import ImportResult, plan_rows
from .sheets import SHEETS


class _NotValid(Exception):
    pass


def spreadsheet_import(*, kind, file, user, commit=False) -> ImportResult:
    """Check a sheet and, with commit, write it: every row or none, in one transaction.

    `file` is anything with `name` and `read()`: an upload, or a ContentFile of the bytes kept
    between the preview and the confirmation."""
    sheet = SHEETS[kind]
    result = ImportResult(kind=kind)
    try:
        table = read_table(sheet, file)
    except SpreadsheetError as exc:
        result.file_error = str(exc)
        return result
    if not commit:
        result.rows = plan_rows(sheet, table, user)
        return result
    try:
        with transaction.atomic():
            # Checked again inside the transaction: records may have changed since the preview.
            result.rows = plan_rows(sheet, table, user)
            if not result.is_valid:
                raise _NotValid
            for plan in result.rows:
                if plan.action in ("create", "update"):
                    sheet.save(plan, user)
    except _NotValid:
        return result
    except (StaleEditError, SignedOffUpdateError) as exc:
        # The board signed an update off, or an officer saved a row, after this transaction
        # checked it: the sheet is out of date, so nothing of it is written.
        result.file_error = f"{exc} Nothing was imported. Upload the file again to see the latest."
        return result
    except IntegrityError:
        result.file_error = (
            "Someone else changed these records while the file was being imported. Nothing was "
            "imported. Upload the file again to see the latest."
        )
        return result
    result.committed = True
    return result
