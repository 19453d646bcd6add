"""Backups of a deployment: the database (pg_dump, custom format) and the media files (a tar of
MEDIA_ROOT: the report PDFs and evidence files), with a SHA-256 manifest; and their restore into
an empty database and an empty media directory (docs/operations.md, "Backups").

A backup is a directory:

    wco-backup-20261204T031500Z/
        database.dump    pg_dump --format=custom
        media.tar.gz     MEDIA_ROOT's files, under media/
        SHA256SUMS       `sha256sum` format: `sha256sum -c SHA256SUMS` checks it without Python

It is written under a `.partial` name and renamed once complete, so a directory without that
suffix is always a whole backup.
"""

import hashlib
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import environ

DATABASE = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "SHA256SUMS"
FILES = (DATABASE, MEDIA)


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed."""


def database_from_url(url):
    """A settings-style database dict (NAME, USER, PASSWORD, HOST, PORT) from a URL."""
    return environ.Env.db_url_config(url)


def _postgres(database):
    """Arguments and environment for pg_dump/pg_restore/psql: the password travels in the
    environment, never on the command line (where `ps` shows it)."""
    if "postgresql" not in database.get("ENGINE", "postgresql"):
        raise BackupError(
            "backups are for PostgreSQL; the SQLite of `make run` is one file to copy "
            "(var/wco_platform.sqlite3)."
        )
    arguments = []
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(database, media_root, output_dir):
    """Write a backup of `database` and `media_root` into a new directory of `output_dir`;
    returns its path."""
    arguments, environment = _postgres(database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(output_dir) / f"wco-backup-{stamp}"
    partial = target.with_name(target.name + ".partial")
    if target.exists() or partial.exists():
        raise BackupError(f"{target} exists already")
    partial.mkdir(parents=True)
    try:
        _run(
            [
                "pg_dump",
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(partial / DATABASE),
                str(database["NAME"]),
            ],
            environment,
        )
        media_root = Path(media_root)
        with tarfile.open(partial / MEDIA, "w:gz") as archive:
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
        lines = [f"{sha256(partial / name)}  {name}\n" for name in FILES]
        (partial / MANIFEST).write_text("".join(lines))
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def verify(directory):
    """Check every file against the manifest; raise BackupError on anything missing or
    different."""
    directory = Path(directory)
    manifest = directory / MANIFEST
    if not manifest.is_file():
        raise BackupError(f"{manifest} is missing: not a backup, or an incomplete one")
    listed = {}
    for line in manifest.read_text().splitlines():
        digest, _, name = line.partition("  ")
        listed[name.strip()] = digest.strip()
    for name in FILES:
        if name not in listed:
            raise BackupError(f"{MANIFEST} does not list {name}")
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{name} is missing")
        if sha256(path) != listed[name]:
            raise BackupError(
                f"{name} does not match its checksum in {MANIFEST}: the backup is damaged "
                "or was changed; nothing was restored"
            )


def _table_count(database):
    arguments, environment = _postgres(database)
    output = _run(
        [
            "psql",
            *arguments,
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--dbname",
            str(database["NAME"]),
            "--command",
            "select count(*) from pg_tables where schemaname = 'public'",
        ],
        environment,
    )
    return int(output.strip())


def restore(directory, database, media_root):
    """Restore the backup in `directory` into `database` and `media_root`, both empty: the
    checksums are checked first, then the database is restored in one transaction (all or
    nothing), then the media files."""
    directory = Path(directory)
    media_root = Path(media_root)
    verify(directory)
    if _table_count(database) != 0:
        raise BackupError(
            f"the database {database['NAME']} is not empty: restore into a new one "
            f"(createdb) so that nothing is overwritten"
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"the media directory {media_root} is not empty: restore into an empty one"
        )
    arguments, environment = _postgres(database)
    _run(
        [
            "pg_restore",
            *arguments,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            str(database["NAME"]),
            str(directory / DATABASE),
        ],
        environment,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA, "r:gz") as archive:
        members = []
        for member in archive.getmembers():
            if not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            members.append(member)
        # The "data" filter refuses absolute paths, links out of the directory and devices.
        archive.extractall(media_root, members=members, filter="data")
