"""manage.py backup [--output DIR]: the database and the media files, with their checksums
(core/backups.py; docs/operations.md, "Backups")."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backups


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the media files, with a SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=None, help="directory to write the backup in (BACKUP_DIR)"
        )

    def handle(self, *args, output, **options):
        started = time.monotonic()
        try:
            target = backups.backup(
                connections["default"].settings_dict,
                settings.MEDIA_ROOT,
                output or settings.BACKUP_DIR,
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        sizes = ", ".join(
            f"{name} {(target / name).stat().st_size / 1e6:.1f} MB" for name in backups.FILES
        )
        self.stdout.write(
            f"Backup written to {target} ({sizes}) in {time.monotonic() - started:.1f} s."
        )
