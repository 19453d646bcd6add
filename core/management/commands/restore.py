"""manage.py restore DIR [--database-url URL] [--media-root DIR]: a backup of manage.py backup
into an empty database and media directory, once its checksums match (core/backups.py)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database (this deployment's, or --database-url) and "
        "an empty media directory, after checking its checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a backup directory made by manage.py backup")
        parser.add_argument(
            "--database-url",
            default=None,
            help="the empty database to restore into (default: the deployment's DATABASE_URL)",
        )
        parser.add_argument(
            "--media-root",
            default=None,
            help="the empty directory for the media files (default: DJANGO_MEDIA_ROOT)",
        )

    def handle(self, *args, directory, database_url, media_root, **options):
        database = (
            backups.database_from_url(database_url)
            if database_url
            else connections["default"].settings_dict
        )
        started = time.monotonic()
        try:
            backups.restore(directory, database, media_root or settings.MEDIA_ROOT)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {directory} into the database {database['NAME']} "
            f"in {time.monotonic() - started:.1f} s. Checksums matched."
        )
