"""Write the whole public dataset (`/data/all.json`, `/data/all-csv.zip`) to OPEN_DATA_DIR.

Run once after deploying or loading data; after that a change to public data starts it by
itself. Re-runnable: one builder runs at a time across every app server."""

from django.core.management.base import BaseCommand

from public.opendata import bulk


class Command(BaseCommand):
    help = "Build the whole-dataset downloads (all.json and the CSV zip) in OPEN_DATA_DIR."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Build only when public data has changed since the last build.",
        )

    def handle(self, *args, if_stale=False, **options):
        made = bulk.build_while_out_of_date(always=not if_stale, stdout=self.stdout)
        if made is None:
            self.stdout.write("Another build is running; it will include every change.")
        elif made == 0:
            self.stdout.write("The open data files are up to date.")
        build = bulk.current()
        if build is not None:
            self.stdout.write(f"Open data files: {build.folder}")
