from django.core.management.base import BaseCommand, CommandError

from councils.services import ImportFileError, councils_import


class Command(BaseCommand):
    help = (
        "Load mySociety's register of UK local authorities (uk_local_authorities.csv). By "
        "default only the current English councils responsible for children's services "
        "(types CTY, UA, MD, LBO and CC); with --all, every current authority. Re-running it is "
        "safe: councils are matched on register code, GSS code (current or former) or DfE LA "
        "number and updated in place. The file loads whole or not at all: if its header is "
        "wrong or any row is bad, every bad row is listed with its line number and column, "
        "nothing is written, and the command exits with an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The register CSV file.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="include_all",
            help="Load every current authority, not only children's services authorities.",
        )

    def handle(self, *args, path, include_all, **options):
        try:
            report = councils_import(path=path, include_all=include_all)
        except ImportFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(str(error)) from None
        for reason, count in sorted(report.skipped.items()):
            self.stdout.write(f"Skipped {count}: {reason}.")
        self.stdout.write(self.style.SUCCESS(report.summary))
