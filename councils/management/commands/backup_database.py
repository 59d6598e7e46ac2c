from django.core.management.base import BaseCommand, CommandError

from councils.backups import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a compressed pg_dump of the whole database into a folder, named by the time."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="backups", help="Folder to write into")
        parser.add_argument("--database-url", help="Copy this database instead of the site's")

    def handle(self, *args, dir, database_url=None, **options):
        try:
            path = backup_write(folder=dir, database_url=database_url)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes)")
