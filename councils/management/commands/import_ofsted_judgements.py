from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from councils.services import LOOKUP_NAME, ImportFileError, inspections_import


class Command(BaseCommand):
    help = (
        "Load Ofsted's judgements of councils' children's services, with visit dates, every "
        "sub-judgement and the report links, from Ofsted's official 'LA inspection outcomes' "
        "spreadsheet (.ods) and Data to Insight's ILACS scrape (ofsted_csc_ilacs_history.csv), "
        "given in either order, one or both; and each council's ten statistical neighbours "
        "from the scrape's lookup file. Reports are joined to councils already held by DfE LA "
        "number or GSS code (former codes too): load the councils first with import_councils. "
        "The official file is preferred where both hold an inspection. Reports for councils not "
        "held, and scraped reports with no readable overall grade that the official file does "
        "not cover, are skipped and counted. Re-running it updates in place. If any row is bad, "
        "every bad row is listed and nothing is written. Inspectors' names are never read."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="path",
            help="The official spreadsheet (.ods) and/or the inspection history (.csv).",
        )
        parser.add_argument(
            "--lookup",
            help=f"The URN lookup CSV file (default: {LOOKUP_NAME} beside the history file).",
        )

    def handle(self, *args, paths, lookup, **options):
        files = {}
        for path in paths:
            suffix = Path(path).suffix.lower()
            kind = {".ods": "outcomes_path", ".csv": "history_path"}.get(suffix)
            if kind is None:
                raise CommandError(
                    f"{path}: give Ofsted's spreadsheet (.ods) or the history file (.csv)."
                )
            if kind in files:
                raise CommandError(f"{path}: give one {suffix} file only.")
            files[kind] = path
        if lookup and "history_path" not in files:
            raise CommandError("--lookup goes with the history file (.csv): give that too.")
        try:
            report = inspections_import(lookup_path=lookup, **files)
        except ImportFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(warning)
        for reason, count in sorted(report.skipped.items()):
            self.stdout.write(f"Skipped {count}: {reason}.")
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(report.summary))
