"""manage.py backup and restore: a backup restored into a fresh database and media directory
holds the same records and files; a damaged backup, or a target that is not empty, is
refused before anything is written."""

import uuid
from decimal import Decimal
from io import StringIO

import psycopg2
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from core import backups
from core.models import Measurement, Member
from core.tests.factories import MeasurementFactory, MemberFactory, UserFactory


def server_url(name):
    """A URL for database `name` on the test database's server."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def psql_admin(sql):
    """Run `sql` on the server's maintenance database (CREATE/DROP DATABASE)."""
    db = connection.settings_dict
    admin = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"],
        port=db["PORT"],
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql)
    finally:
        admin.close()


@pytest.fixture
def fresh_database():
    """An empty database of its own, dropped after the test."""
    name = f"wco_restore_{uuid.uuid4().hex[:12]}"
    psql_admin(f'CREATE DATABASE "{name}"')
    yield name
    psql_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "reports" / "council-2026-q3.pdf").write_bytes(b"%PDF-1.7 report")
    (settings.MEDIA_ROOT / "evidence").mkdir()
    (settings.MEDIA_ROOT / "evidence" / "study.csv").write_text("site,hours\nport,12.5\n")
    return settings.MEDIA_ROOT


def make_backup(tmp_path):
    out = StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    (directory,) = (tmp_path / "backups").iterdir()
    assert f"Backup written to {directory}" in out.getvalue()
    return directory


def counts_here():
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def query(name, sql, *parameters):
    db = connection.settings_dict
    restored = psycopg2.connect(
        dbname=name,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"],
        port=db["PORT"],
    )
    try:
        with restored.cursor() as cursor:
            cursor.execute(sql, parameters)
            return cursor.fetchall()
    finally:
        restored.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_a_fresh_database_has_the_same_records_and_files(
    tmp_path, media, fresh_database
):
    france = MemberFactory(code="FRA", name="France")
    MemberFactory(code="SEN", name="Senegal")
    measurement = MeasurementFactory(member=france, value=Decimal("71.5"))
    UserFactory.for_member(france, username="member-fra")
    directory = make_backup(tmp_path)
    assert sorted(path.name for path in directory.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    restored_media = tmp_path / "restored-media"
    out = StringIO()
    call_command(
        "restore",
        str(directory),
        "--database-url",
        server_url(fresh_database),
        "--media-root",
        str(restored_media),
        stdout=out,
    )
    assert "Checksums matched" in out.getvalue()

    # Every table holds as many rows as here, the programme's reference data and the audit
    # history included.
    for table, count in counts_here().items():
        assert query(fresh_database, f'SELECT count(*) FROM "{table}"') == [(count,)], table
    # And the same rows.
    members = query(fresh_database, f"SELECT code, name FROM {Member._meta.db_table} ORDER BY code")
    assert members == list(Member.objects.order_by("code").values_list("code", "name"))
    assert ("FRA", "France") in members
    assert query(
        fresh_database,
        f"SELECT value FROM {Measurement._meta.db_table} WHERE id = %s",
        measurement.pk,
    ) == [(Decimal("71.5"),)]
    user = get_user_model().objects.get(username="member-fra")
    assert query(
        fresh_database, "SELECT password FROM auth_user WHERE username = 'member-fra'"
    ) == [(user.password,)]
    # The media files, byte for byte.
    assert (restored_media / "reports" / "council-2026-q3.pdf").read_bytes() == (
        media / "reports" / "council-2026-q3.pdf"
    ).read_bytes()
    assert (restored_media / "evidence" / "study.csv").read_text() == "site,hours\nport,12.5\n"


@pytest.mark.django_db
def test_the_manifest_is_what_sha256sum_checks(tmp_path, media):
    directory = make_backup(tmp_path)
    lines = (directory / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in lines] == ["database.dump", "media.tar.gz"]
    for line in lines:
        digest, name = line.split("  ")
        assert backups.sha256(directory / name) == digest


@pytest.mark.django_db
@pytest.mark.parametrize("damaged", ["database.dump", "media.tar.gz"])
def test_a_damaged_backup_is_refused_and_nothing_is_restored(
    tmp_path, media, fresh_database, damaged
):
    directory = make_backup(tmp_path)
    with open(directory / damaged, "ab") as stream:
        stream.write(b"\0")
    restored_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match=f"{damaged} does not match its checksum"):
        call_command(
            "restore",
            str(directory),
            "--database-url",
            server_url(fresh_database),
            "--media-root",
            str(restored_media),
        )
    assert query(fresh_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [
        (0,)
    ]
    assert not restored_media.exists()


@pytest.mark.django_db
def test_a_backup_without_its_manifest_is_refused(tmp_path, media, fresh_database):
    directory = make_backup(tmp_path)
    (directory / "SHA256SUMS").unlink()
    with pytest.raises(CommandError, match="SHA256SUMS is missing"):
        call_command("restore", str(directory), "--database-url", server_url(fresh_database))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media):
    directory = make_backup(tmp_path)
    with pytest.raises(CommandError, match="is not empty: restore into a new one"):
        # The test database itself: migrated, so not empty.
        call_command(
            "restore",
            str(directory),
            "--database-url",
            server_url(connection.settings_dict["NAME"]),
            "--media-root",
            str(tmp_path / "empty"),
        )


@pytest.mark.django_db
def test_restore_refuses_a_media_directory_that_is_not_empty(tmp_path, media, fresh_database):
    directory = make_backup(tmp_path)
    with pytest.raises(CommandError, match="media directory .* is not empty"):
        call_command(
            "restore",
            str(directory),
            "--database-url",
            server_url(fresh_database),
            "--media-root",
            str(media),
        )
    assert query(fresh_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [
        (0,)
    ]


def test_backups_are_for_postgresql(tmp_path):
    with pytest.raises(backups.BackupError, match="for PostgreSQL"):
        backups.backup(
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "x.sqlite3"}, tmp_path, tmp_path
        )
