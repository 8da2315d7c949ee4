from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Import plain-text articles (placeholder until the importer lands)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*")
        parser.add_argument("--publish", action="store_true")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        self.stdout.write("import_seeds is a placeholder: the importer has not landed yet.")
