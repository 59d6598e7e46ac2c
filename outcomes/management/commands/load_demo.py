from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outcomes.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load demo data built from the seed documents, with demo accounts. Safe to run again: "
        "rows that already match are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even in production. The demo accounts have a published password.",
        )

    def handle(self, *args, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "This is a production site. The demo creates accounts whose password is printed "
                "for anyone to read, so it will not run here unless you add --force."
            )
        demo_load(stdout=self.stdout)
