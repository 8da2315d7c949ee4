from django.core.management.base import BaseCommand, CommandError

from articles.groups import GROUPS, setup_groups


class Command(BaseCommand):
    help = (
        "Create the Reporter and Editor groups with their admin permissions, or reset "
        "existing ones to the permissions defined in articles/groups.py. Safe to re-run."
    )

    def handle(self, *args, **options):
        try:
            created = setup_groups()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for name in GROUPS:
            verb = "Created" if created[name] else "Updated"
            self.stdout.write(f"{verb} group {name}.")
