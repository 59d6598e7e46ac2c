"""What the imports share: reading a CSV file, refusing it with every bad row named, the report
of what was done, and the codes both files carry."""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..models import GSS_CODE_PATTERN

# The database's own rule, so a code that passes here is never refused on saving. ASCII digits
# only: "\d" would also take other scripts' digits.
GSS_CODE = re.compile(GSS_CODE_PATTERN)
LA_NUMBER = re.compile(r"\A[0-9]{3}\Z")


class ImportFileError(Exception):
    """The file cannot be read as the CSV we expect, or some of its rows are bad.

    `problems` lists each bad row as "line N, column C: what is wrong"."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Rows deliberately left out, by reason, e.g. {"not a children's services authority": 317}.
    skipped: Counter = field(default_factory=Counter)
    #: Things worth telling the person running the import that are not errors.
    warnings: list[str] = field(default_factory=list)
    #: What else was done, one line each.
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self):
        return f"Created {self.created}, updated {self.updated}, unchanged {self.unchanged}."


def read_csv(path, required_columns) -> tuple[list[tuple[int, dict]], list[str]]:
    """Every record as (line number, row), and a problem for each row with the wrong number of
    fields. The header is line 1; a record's number is the line it starts on, which differs from
    the record count once a quoted field holds a line break."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a CSV file.") from None
    except OSError as error:
        raise ImportFileError(f"{path} cannot be opened: {error.strerror}.") from None
    rows, problems = [], []
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if not header or not any(cell.strip() for cell in header):
                raise ImportFileError(f"{path} is empty: it has no header row.")
            header = [cell.strip() for cell in header]
            missing = [column for column in required_columns if column not in header]
            if missing:
                raise ImportFileError(
                    f"{path} is not the file expected: its header (line 1) lacks the column"
                    f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}. Nothing was imported."
                )
            line_end = reader.line_num
            for cells in reader:
                line = line_end + 1
                line_end = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(
                        f"line {line}: {len(cells)} fields where the header has {len(header)}."
                    )
                    continue
                rows.append((line, dict(zip(header, cells, strict=True))))
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path} is not UTF-8 text. Save it as “CSV UTF-8” and try again. "
                "Nothing was imported."
            ) from None
        except csv.Error as error:
            raise ImportFileError(
                f"{path} is not a well-formed CSV file (line {reader.line_num}: {error}). "
                "Nothing was imported."
            ) from None
    return rows, problems


def refuse(path, problems, why="need correcting"):
    """Stop the import, naming every bad row."""
    lines = {problem.split(":")[0].split(",")[0] for problem in problems}
    count = "1 row" if len(lines) == 1 else f"{len(lines)} rows"
    raise ImportFileError(f"Nothing was imported: {count} in {path} {why}.", problems)
