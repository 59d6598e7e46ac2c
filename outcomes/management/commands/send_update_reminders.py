from django.core.management.base import BaseCommand

from outcomes.periods import current_period
from outcomes.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email every council member the objectives and programmes with no progress update for "
        "the current period, one email per person, at most once per period. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed, and send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        period = current_period()
        outcome = reminders_send(period=period, dry_run=dry_run)
        verb = "Would email" if dry_run else "Emailed"
        for user, items in outcome.sent:
            self.stdout.write(f"{verb} {user.get_username()} <{user.email}>: {len(items)} due")
        self.stdout.write(
            f"{period.label}: {verb.lower()} {len(outcome.sent)} "
            f"{'person' if len(outcome.sent) == 1 else 'people'}; "
            f"{len(outcome.already)} already reminded this period; "
            f"{len(outcome.nothing_due)} with nothing due."
        )
        for user, reason in outcome.failed:
            self.stderr.write(
                f"Could not email {user.get_username()} <{user.email}>: {reason}. "
                "They will be tried again on the next run."
            )
        if not outcome.sent and outcome.already:
            self.stdout.write(f"Nothing sent: reminders for {period.label} have already gone out.")
