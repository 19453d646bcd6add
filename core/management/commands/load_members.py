from django.core.management.base import BaseCommand, CommandError

from core.services import MEMBERS_CSV, MemberFileError, load_members


class Command(BaseCommand):
    help = "Create or update member administrations from a CSV (code, name, region, joined_on)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(MEMBERS_CSV))

    def handle(self, *args, path, **options):
        try:
            created, updated = load_members(path)
        except MemberFileError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {path}") from exc
        self.stdout.write(f"Members: {created} created, {updated} updated.")
