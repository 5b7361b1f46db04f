"""`make backup` and `make restore`: a backup restored into a scratch database and media directory has the
same rows in every table and the same files, byte for byte."""

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection

from councils.models import SessionDocument
from councils.tests.factories import SessionFactory
from voters.tests.factories import PetitionFactory

ROOT = Path(__file__).resolve().parent.parent


def _url(db: dict, name: str) -> str:
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _checksums(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def scratch_database():
    name = f"hdnd_restore_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(_url(connection.settings_dict, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_same_rows_and_files(council_a, term, tmp_path, scratch_database):
    if connection.vendor != "postgresql":
        pytest.skip("Backups are of a PostgreSQL database (pg_dump); run with DATABASE_URL=postgres://...")
    missing = [tool for tool in ("pg_dump", "pg_restore", "createdb", "tar", "sha256sum") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"The backup scripts need {', '.join(missing)} (the postgresql-client package).")
    media = tmp_path / "media"
    storage = FileSystemStorage(location=media)
    session = SessionFactory(council=council_a, term=term)
    for index in range(3):
        PetitionFactory(council=council_a, content=f"Kiến nghị số {index}")
        document = SessionDocument(session=session, title=f"Tờ trình {index}")
        document.file.storage = storage
        document.file.save(f"to-trinh-{index}.pdf", ContentFile(b"%PDF-1.4 " + os.urandom(2048)))
    source = _url(connection.settings_dict, connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source, "DJANGO_MEDIA_ROOT": str(media),
           "BACKUP_DIR": str(tmp_path / "backups"), "BACKUP_KEEP": "2"}

    for _ in range(3):  # three backups, two kept
        done = subprocess.run(["scripts/backup.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    backups = sorted(path for path in (tmp_path / "backups").iterdir())
    assert len(backups) == 2 and {p.name for p in backups[-1].iterdir()} == {
        "database.dump", "media.tar.gz", "SHA256SUMS"}

    restored = tmp_path / "restored-media"
    done = subprocess.run(["scripts/restore.sh", str(backups[-1]), scratch_database, str(restored)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    counts = _row_counts(source)
    assert counts["voters_petition"] == 3 and counts["councils_sessiondocument"] == 3
    assert _row_counts(_url(connection.settings_dict, scratch_database)) == counts
    assert _checksums(restored) == _checksums(media) and len(_checksums(media)) == 3

    # It never writes over what exists: the same database again, or a media directory with files, is refused.
    again = subprocess.run(["scripts/restore.sh", str(backups[-1]), scratch_database, str(tmp_path / "other")],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "already exists" in again.stderr
    into_files = subprocess.run(["scripts/restore.sh", str(backups[-1]), "hdnd_never_made", str(media)],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert into_files.returncode != 0 and "is not empty" in into_files.stderr


def test_a_damaged_backup_is_refused(tmp_path):
    backup = tmp_path / "20260101-000000"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"dump")
    (backup / "media.tar.gz").write_bytes(b"files")
    subprocess.run("sha256sum database.dump media.tar.gz > SHA256SUMS", shell=True, cwd=backup, check=True)
    (backup / "database.dump").write_bytes(b"dumq")
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    done = subprocess.run(["scripts/restore.sh", str(backup), "hdnd_never_made", str(tmp_path / "m")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "FAILED" in done.stdout + done.stderr
    assert not (tmp_path / "m").exists()
