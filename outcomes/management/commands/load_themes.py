from django.core.management.base import BaseCommand, CommandError

from councils.services import ImportFileError
from outcomes.themes import themes_load


class Command(BaseCommand):
    help = (
        "Load the national themes councils map their aims and objectives to: start well, stay "
        "well, keep safe, enjoy and achieve, prepared for adulthood, and the four outcomes of "
        "the children's social care national framework. With --framework, the outcomes are "
        "read from DfE's summary_page_metadata.csv. Re-running it is safe: themes are matched "
        "on their slug and updated in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--framework",
            help="DfE's summary_page_metadata.csv (csc-national-framework-indicators).",
        )

    def handle(self, *args, framework, **options):
        try:
            report = themes_load(framework_path=framework)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(report.summary))
