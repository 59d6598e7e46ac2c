from django.core.management.base import BaseCommand, CommandError

from councils.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup written by backup_database into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .dump file written by backup_database")
        parser.add_argument("--database-url", help="Restore into this database, not the site's")

    def handle(self, *args, file, database_url=None, **options):
        try:
            backup_restore(path=file, database_url=database_url)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {file}")
