"""Backup and restore of the whole office as one portable .zip.

The archive holds ``data.json`` (Django's ``dumpdata`` of users, groups and every gongkai app,
with natural keys, so it loads into SQLite or PostgreSQL alike), the media files (attachments)
under ``media/``, and ``manifest.json`` (what was saved, from which database, when).
Content types and permissions are not saved: ``migrate`` makes them on the target.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

FORMAT = "gongkai-backup/1"


class BackupError(Exception):
    """A backup that cannot be written or read; the message says what to do (Chinese)."""


def saved_labels() -> list[str]:
    """What a backup holds: auth's users and groups, and every model of the gongkai apps."""
    labels = ["auth.user", "auth.group"]
    labels += [c.label for c in apps.get_app_configs() if c.name.startswith("gongkai_web.")]
    return labels


def _saved_models() -> Iterator[type]:
    from django.contrib.auth.models import Group, User

    yield User
    yield Group
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai_web."):
            yield from config.get_models()


def is_empty() -> bool:
    """True when no user and no row of a gongkai app exists (a fresh, migrated database)."""
    return not any(model._default_manager.exists() for model in _saved_models())  # type: ignore[attr-defined]


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        yield from (p for p in sorted(root.rglob("*")) if p.is_file())


def backup(target: Path) -> dict[str, object]:
    """Write the archive to ``target``; returns its manifest."""
    target.parent.mkdir(parents=True, exist_ok=True)
    counts = {
        model._meta.label: model._default_manager.count()  # type: ignore[attr-defined]
        for model in _saved_models()
    }
    root = Path(settings.MEDIA_ROOT)
    media = list(_media_files())
    manifest: dict[str, object] = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "models": counts,
        "media_files": len(media),
    }
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        call_command(
            "dumpdata",
            *saved_labels(),
            natural_foreign=True,
            natural_primary=False,
            output=str(data),
            verbosity=0,
        )
        part = target.with_name(target.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            zf.write(data, "data.json")
            for path in media:
                zf.write(path, "media/" + path.relative_to(root).as_posix())
        part.replace(target)
    return manifest


def read_manifest(source: Path) -> dict[str, object]:
    try:
        with zipfile.ZipFile(source) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            zf.getinfo("data.json")
    except (OSError, zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"{source} 不是 gongkai 备份文件：{exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} 的格式 {manifest.get('format')} 无法识别（应为 {FORMAT}）")
    return dict(manifest)


def restore(source: Path, *, force: bool = False) -> dict[str, object]:
    """Load the archive into this (migrated) database and put the media files back.

    Refuses a database that already holds users or cases unless ``force``; with ``force``
    the database is emptied first. Raises BackupError.
    """
    manifest = read_manifest(source)
    if not is_empty():
        if not force:
            raise BackupError("数据库不是空的，未恢复（确认要用备份覆盖全部数据时加 --force）")
        call_command("flush", interactive=False, verbosity=0)
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(source) as zf:
        data = Path(tmp) / "data.json"
        with zf.open("data.json") as src, data.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
        for name in zf.namelist():
            if not name.startswith("media/") or name.endswith("/"):
                continue
            path = (root / name.removeprefix("media/")).resolve()
            if not path.is_relative_to(root.resolve()):
                raise BackupError(f"备份中的文件路径不安全：{name}")
            path.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(name) as src, path.open("wb") as dst:
                shutil.copyfileobj(src, dst)
    return manifest
