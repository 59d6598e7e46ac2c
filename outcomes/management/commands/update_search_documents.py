from django.core.management.base import BaseCommand

from outcomes.search_documents import kept, search_documents_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the stored search words of every strategy, aim, objective and programme. Saves "
        "keep them up to date; run this after loading rows in bulk, which sends no signals."
    )

    def handle(self, *args, **options):
        if not kept():
            self.stdout.write("Full-text search needs PostgreSQL; nothing to do here.\n")
            return
        made = search_documents_rebuild()
        self.stdout.write(f"Rebuilt {made:,} search documents.\n")
