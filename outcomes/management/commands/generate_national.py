import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outcomes.demo.national import NATIONAL_PASSWORD, national_generate


class Command(BaseCommand):
    help = (
        "Add a synthetic national dataset (150 invented councils at scale 1, with strategies, "
        "progress, indicators, boards and history) for measuring speed at national scale. "
        "The same seed gives the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is 150 councils; 0.1 is 15."
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same dataset.")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Generate as if today were this date (YYYY-MM-DD); by default today in London.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even in production. The generated accounts have a published password.",
        )

    def handle(self, *args, scale, seed, today, force, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "This is a production site. The national dataset is invented and creates "
                "accounts whose password is printed, so it will not run here unless you add --force."
            )
        if not 0 < scale <= 10:
            raise CommandError("Give a scale above 0 and at most 10 (1 is 150 councils).")
        try:
            counts = national_generate(scale=scale, seed=seed, today=today, stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Generated the national dataset at scale {scale:g} (seed {seed}): "
            f"{counts.total:,} rows. Each council has an editor and a board member, signed in "
            f"as <council slug>-editor and <council slug>-board with password {NATIONAL_PASSWORD}.\n"
        )
