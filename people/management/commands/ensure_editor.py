"""Make sure someone can log in to admin on a fresh install."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'editor' with a random password, printed once, "
        "when no superuser exists yet. Does nothing otherwise."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists; no new account created.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username="editor", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Created admin account. Log in at http://127.0.0.1:8000/admin/ with\n"
                f"  username: editor\n  password: {password}\n"
                "This password is shown only once: note it now."
            )
        )
