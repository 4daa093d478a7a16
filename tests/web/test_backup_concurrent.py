"""Backups taken while applications keep arriving restore whole (issue 9): each one is a
consistent snapshot, checked before it is reported, and restore checks it again before it
touches anything, loading into a fresh database before the swap."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from gongkai_web import backup
from gongkai_web.applications import services
from gongkai_web.applications.models import Application, CaseEvent
from tests.web.conftest import Personas
from tests.web.intake import intake
from tests.web.test_production import office_env

WRITER = """
import os, sys, time, datetime as dt, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
django.setup()
from gongkai_web.accounts.models import Agency
from gongkai_web.applications import services
agency = Agency.objects.get()
end = time.monotonic() + float(sys.argv[1])
n = 0
while time.monotonic() < end:
    services.register(agency, dict(
        applicant_type="natural", applicant_name=f"并发{n}", id_document="身份证 1",
        phone="1", description="x", form_wanted="电子", delivery="邮件",
        channel="in_person", arrived=dt.date(2026, 3, 2)))
    n += 1
print(n)
"""

CHECK = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
django.setup()
from django.db import connection
from gongkai_web import backup
from gongkai_web.applications.models import Application
with connection.cursor() as c:
    c.execute("PRAGMA foreign_key_check")
    broken = c.fetchall()
orphans = Application.objects.filter(events__isnull=True).count()
print(json.dumps({"counts": backup._counts("default"), "broken": len(broken),
                  "orphans": orphans}))
"""


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai_web", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_backups_taken_under_writes_restore_whole_into_a_new_data_folder(
    tmp_path: Path,
) -> None:
    office = tmp_path / "office"
    env = office_env(office)
    (tmp_path / "pw").write_text("founding-password-123\n")
    founding = [str(Path(sys.executable).parent / "gongkai"), "init", "--agency", "某市教育局"]
    founding += ["--code", "JYJ", "--admin", "chief", "--password-file", str(tmp_path / "pw")]
    subprocess.run(founding, env=env, check=True, capture_output=True, timeout=180)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "8"], env=env, stdout=subprocess.PIPE, text=True
    )
    time.sleep(2)
    archives = []
    for n in range(2):
        archive = tmp_path / "backups" / f"b{n}.zip"
        done = manage(env, "backup", str(archive))
        assert done.returncode == 0, done.stderr
        assert "已校验" in done.stdout
        archives.append(archive)
    written = int(writer.communicate(timeout=60)[0])
    assert written > 20

    for archive in archives:
        manifest = backup.read_manifest(archive)
        assert manifest["models"]["applications.application"] > 0
        fresh = tmp_path / f"restored-{archive.stem}" / "data"  # does not exist yet
        target = office_env(fresh)
        done = manage(target, "restore", str(archive))
        assert done.returncode == 0, done.stderr
        check = subprocess.run(
            [sys.executable, "-c", CHECK], env=target, capture_output=True, text=True, timeout=120
        )
        found = json.loads(check.stdout)
        assert found == {"counts": manifest["models"], "broken": 0, "orphans": 0}


def test_a_damaged_archive_is_refused_and_the_office_left_as_it_was(tmp_path: Path) -> None:
    office = tmp_path / "office"
    env = office_env(office)
    (tmp_path / "pw").write_text("founding-password-123\n")
    founding = [str(Path(sys.executable).parent / "gongkai"), "init", "--agency", "某市教育局"]
    founding += ["--code", "JYJ", "--admin", "chief", "--password-file", str(tmp_path / "pw")]
    subprocess.run(founding, env=env, check=True, capture_output=True, timeout=180)
    good = tmp_path / "good.zip"
    assert manage(env, "backup", str(good)).returncode == 0
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "data.json":
                body = body.replace(b"JYJ", b"XYZ")
            dst.writestr(item, body)
    database = office / "gongkai.sqlite3"
    before = database.read_bytes()
    done = manage(env, "restore", "--force", str(bad))
    assert done.returncode == 1 and "已损坏" in done.stderr and "Traceback" not in done.stderr
    assert database.read_bytes() == before
    done = manage(env, "restore", "--force", str(good))
    assert done.returncode == 0, done.stderr
    assert list(office.glob("gongkai.sqlite3.before-restore-*"))  # the old one is kept


def test_scheduled_backups_keep_the_newest_n(tmp_path: Path) -> None:
    env = office_env(tmp_path / "office")
    assert manage(env, "migrate").returncode == 0
    folder = tmp_path / "nightly"
    for _ in range(4):
        done = manage(env, "backup", "--keep", "2", str(folder))
        assert done.returncode == 0, done.stderr
    kept = sorted(folder.glob("gongkai-*.zip"))
    assert len(kept) == 2 and all(backup.verify(p) for p in kept)
    assert "删除旧备份 1 个" in done.stdout


@pytest.mark.django_db(transaction=True)
def test_a_backup_under_concurrent_writes_restores_in_one_transaction(
    personas: Personas, tmp_path: Path
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory; the tests above use real files")
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            services.register(personas.agency_a, intake())
        connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(0.5)
        archive = tmp_path / "pg.zip"
        manifest = backup.backup(archive)
    finally:
        stop.set()
        writer.join(30)
    assert Application.objects.count() > manifest["models"]["applications.application"] > 0
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert backup._counts("default") == manifest["models"]
    assert not Application.objects.filter(events__isnull=True).exists()
    assert CaseEvent.objects.count() == manifest["models"]["applications.caseevent"]
