"""Backup and restore: one .zip holds the whole office and loads back the same."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai_web import backup
from gongkai_web.applications import demo
from gongkai_web.applications.models import Application, AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def dump() -> dict[str, Any]:
    out = io.StringIO()
    call_command("dumpdata", *backup.saved_labels(), natural_foreign=True, stdout=out)
    # Django's JSON keeps milliseconds: a time at .000xxx comes back without a fraction.
    rows = json.loads(re.sub(r"(T\d\d:\d\d:\d\d)\.000(Z|[+-])", r"\1\2", out.getvalue()))
    return {f"{r['model']}:{r.get('pk')}": r["fields"] for r in rows}


def small_office() -> None:
    demo.seed(count=60, seed=3, today=demo.dt.date(2026, 11, 20))
    attachment = Path(settings.MEDIA_ROOT) / "attachments" / "1" / "1" / "申请书.txt"
    attachment.parent.mkdir(parents=True)
    attachment.write_text("申请书正文", encoding="utf-8")


def test_a_backup_restores_into_an_empty_database_as_it_was(tmp_path: Path) -> None:
    small_office()
    before = dump()
    archive = tmp_path / "office.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive) as zf:
        assert {"manifest.json", "data.json"} <= set(zf.namelist())
        assert "media/attachments/1/1/申请书.txt" in zf.namelist()
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*.txt"):
        path.unlink()
    assert backup.is_empty()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "已从" in out.getvalue()
    assert dump() == before
    restored = Path(settings.MEDIA_ROOT) / "attachments" / "1" / "1" / "申请书.txt"
    assert restored.read_text(encoding="utf-8") == "申请书正文"
    # ids continue after the restored rows (sequences were reset)
    app = Application.objects.order_by("-id").first()
    assert app is not None
    assert AuditEntry.objects.create(model="x", object_id="1", action="t").id > 0


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(tmp_path: Path) -> None:
    small_office()
    archive = tmp_path / "office.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    count = Application.objects.count()
    with pytest.raises(CommandError, match="数据库不是空的"):
        call_command("restore", str(archive), stdout=io.StringIO())
    Application.objects.filter(id=Application.objects.first().id).update(description="改过")  # type: ignore[union-attr]
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert Application.objects.count() == count
    assert not Application.objects.filter(description="改过").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="不是 gongkai 备份文件"):
        call_command("restore", str(bogus), stdout=io.StringIO())
