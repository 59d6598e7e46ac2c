"""Imports into the councils app: the register of local authorities and Ofsted judgements.

Each import reads a whole file, checks every row, and writes in one transaction. A file with a
wrong header, or any bad row, writes nothing: a half-loaded register is harder to put right than
a file that was refused with a list of what to fix."""

from .council_index import CouncilIndex
from .ofsted import inspections_import
from .ofsted_files import LOOKUP_NAME
from .reading import ImportFileError, ImportReport
from .register import councils_import

__all__ = [
    "LOOKUP_NAME",
    "CouncilIndex",
    "ImportFileError",
    "ImportReport",
    "councils_import",
    "inspections_import",
]
