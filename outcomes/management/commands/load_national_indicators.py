from django.core.management.base import BaseCommand, CommandError

from councils.services import ImportFileError
from outcomes.national import national_figures_load, national_indicators_load


class Command(BaseCommand):
    help = (
        "Load the national indicators of the children's social care national framework from "
        "DfE's summary_page_metadata.csv (csc-national-framework-indicators), and with "
        "--figures, England's and councils' published figures for them from a CSV with the "
        "columns indicator, area_code, period_end, value, status, source and source_url. "
        "Re-running it is safe: indicators are matched on their name's slug, figures on "
        "indicator, area and period. Nothing is written if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="DfE's summary_page_metadata.csv.")
        parser.add_argument("--figures", help="A CSV of national figures.")

    def handle(self, *args, path, figures, **options):
        if not path and not figures:
            raise CommandError("Give the framework's CSV, --figures FILE, or both.")
        for load, given in ((national_indicators_load, path), (national_figures_load, figures)):
            if not given:
                continue
            try:
                report = load(given)
            except ImportFileError as error:
                raise CommandError(
                    "\n".join([str(error), *(f"  {p}" for p in error.problems)])
                ) from None
            self.stdout.write(self.style.SUCCESS(f"{given}: {report.summary}"))
