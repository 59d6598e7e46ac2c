from django.core.management.base import BaseCommand, CommandError

from councils.services import LOOKUP_NAME, ImportFileError, inspections_import


class Command(BaseCommand):
    help = (
        "Load Ofsted judgements of councils' children's services from Data to Insight's ILACS "
        "scrape (ofsted_csc_ilacs_history.csv). Reports are joined to councils already held by "
        "DfE LA number or GSS code, through the scrape's lookup file; load the councils first "
        "with import_councils. Reports without an overall grade, and reports for councils not "
        "held, are skipped and counted. Re-running it updates in place. If any row is bad, "
        "every bad row is listed and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The inspection history CSV file.")
        parser.add_argument(
            "--lookup",
            help=f"The URN lookup CSV file (default: {LOOKUP_NAME} in the same folder).",
        )

    def handle(self, *args, path, lookup, **options):
        try:
            report = inspections_import(path=path, lookup_path=lookup)
        except ImportFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(warning)
        for reason, count in sorted(report.skipped.items()):
            self.stdout.write(f"Skipped {count}: {reason}.")
        self.stdout.write(self.style.SUCCESS(report.summary))
