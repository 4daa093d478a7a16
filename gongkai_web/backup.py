"""Backup and restore of the whole office as one portable, self-checking .zip.

The archive holds ``data.json`` (Django's ``dumpdata`` of users, groups and every gongkai app,
with natural keys, so it loads into SQLite or PostgreSQL alike), the media files (attachments)
under ``media/``, and ``manifest.json``: the rows of each model and the SHA-256 and size of
every other member. Content types and permissions are not saved: ``migrate`` makes them.

Consistent: the rows are read from one snapshot — SQLite's online backup API copies the
database file in one step, PostgreSQL reads every table in one REPEATABLE READ transaction —
so a case is never saved without the events written with it. Verified: the finished archive
is read back and checked against its manifest before the backup is reported done.

Restore checks the whole archive first and touches nothing when any part is wrong. SQLite:
the data is loaded into a fresh database file beside the old one and only then swapped in
(the old file is kept as ``*.before-restore-<time>``). PostgreSQL: the old rows are removed
and the new ones loaded in one transaction, so until it commits every reader sees the old
office and a failure leaves it as it was. Either way the office is never left empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, connections, transaction

FORMAT = "gongkai-backup/2"
KEPT_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
SNAPSHOT = "gongkai_backup_snapshot"
RESTORE = "gongkai_restore_target"


class BackupError(Exception):
    """A backup that cannot be written or read; the message says what to do (Chinese)."""


def saved_labels() -> list[str]:
    """What a backup holds: auth's users and groups, and every model of the gongkai apps."""
    labels = ["auth.user", "auth.group"]
    labels += [c.label for c in apps.get_app_configs() if c.name.startswith("gongkai_web.")]
    return labels


def _saved_models() -> Iterator[Any]:
    from django.contrib.auth.models import Group, User

    yield User
    yield Group
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai_web."):
            yield from config.get_models()


def is_empty(using: str = "default") -> bool:
    """True when no user and no row of a gongkai app exists (a fresh, migrated database)."""
    return not any(m._default_manager.using(using).exists() for m in _saved_models())


def _counts(using: str) -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.using(using).count() for m in _saved_models()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_file() -> Path | None:
    """The default database's file when it is SQLite on disk (not a test's in-memory one)."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if not db["ENGINE"].endswith("sqlite3") or "memory" in name or name.startswith("file:"):
        return None
    return Path(name)


@contextmanager
def _alias(alias: str, name: Path) -> Iterator[str]:
    """A second connection, to the SQLite file ``name``, for the duration of the block."""
    connections.databases[alias] = connections.databases["default"] | {"NAME": str(name)}
    try:
        yield alias
    finally:
        if alias in connections:
            connections[alias].close()
            del connections[alias]
        connections.databases.pop(alias, None)


def _dump(using: str, out: Path) -> dict[str, int]:
    try:
        _dumpdata(using, out)
    except CommandError as exc:
        raise BackupError(f"无法读取数据库（是否已迁移？）：{exc}") from None
    return _counts(using)


def _dumpdata(using: str, out: Path) -> None:
    call_command(
        "dumpdata",
        *saved_labels(),
        natural_foreign=True,
        natural_primary=False,
        database=using,
        output=str(out),
        verbosity=0,
    )


def _snapshot(out: Path, tmp: Path) -> dict[str, int]:
    """Dump one consistent snapshot of the saved models into ``out``; their row counts."""
    source = _sqlite_file()
    if source is not None:
        if not source.is_file():
            raise BackupError(f"数据库文件 {source} 不存在：没有可备份的数据")
        copy = tmp / "snapshot.sqlite3"
        with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)  # one step (pages=-1): a single consistent read of the file
        with _alias(SNAPSHOT, copy) as alias:
            return _dump(alias, out)
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return _dump("default", out)


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        yield from (p for p in sorted(root.rglob("*")) if p.is_file())


def backup(target: Path) -> dict[str, Any]:
    """Write the archive to ``target`` and check it; returns its manifest. Raises BackupError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data.json"
        counts = _snapshot(data, tmp)
        members = {"data.json": data}
        # After the snapshot: every attachment its rows name is already on disk.
        members |= {"media/" + p.relative_to(root).as_posix(): p for p in _media_files()}
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "models": counts,
            "media_files": len(members) - 1,
            "files": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size}
                for name, path in members.items()
            },
        }
        part = tmp / (target.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, path in members.items():
                zf.write(path, name)
        verify(part)
        part.replace(target)
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(source) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupError(f"{source} 不是 gongkai 备份文件：{exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(f"{source} 的格式 {found} 无法识别（应为 {FORMAT}）")
    return manifest


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return not Path(name).is_absolute() and ".." not in parts and "\\" not in name


def verify(source: Path) -> dict[str, Any]:
    """Check every member against the manifest and the rows against its counts.

    Returns the manifest; raises BackupError naming the first fault found.
    """
    manifest = read_manifest(source)
    files: dict[str, dict[str, Any]] = manifest.get("files") or {}
    try:
        with zipfile.ZipFile(source) as zf:
            present = {i.filename for i in zf.infolist() if not i.is_dir()} - {"manifest.json"}
            if present != set(files):
                odd = sorted(present ^ set(files))[:3]
                raise BackupError(f"{source} 的内容与清单不符（{'、'.join(odd)}）")
            for name, expected in files.items():
                if not _safe_member(name):
                    raise BackupError(f"备份中的文件路径不安全：{name}")
                digest, size = hashlib.sha256(), 0
                with zf.open(name) as member:
                    for block in iter(lambda: member.read(1 << 20), b""):
                        digest.update(block)
                        size += len(block)
                if digest.hexdigest() != expected["sha256"] or size != expected["size"]:
                    raise BackupError(f"{source} 已损坏：{name} 的校验值与清单不符")
            rows = json.loads(zf.read("data.json"))
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{source} 已损坏，无法读取：{exc}") from None
    found = Counter(str(r.get("model")) for r in rows)
    for model, count in manifest["models"].items():
        if found.get(model, 0) != count:
            raise BackupError(
                f"{source} 不完整：{model} 应有 {count} 条，实有 {found.get(model, 0)} 条"
            )
    return manifest


def _extract_media(zf: zipfile.ZipFile, into: Path) -> None:
    for name in zf.namelist():
        if name.startswith("media/") and not name.endswith("/"):
            path = into / name.removeprefix("media/")
            path.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(name) as src, path.open("wb") as dst:
                shutil.copyfileobj(src, dst)


def _load(using: str, data: Path, manifest: dict[str, Any]) -> None:
    call_command("loaddata", str(data), database=using, verbosity=0)
    loaded = _counts(using)
    if loaded != manifest["models"]:
        wrong = sorted(k for k in loaded if loaded[k] != manifest["models"].get(k))
        raise BackupError(f"恢复后的记录数与备份不符：{'、'.join(wrong)}")


def _restore_sqlite_file(current: Path, data: Path, manifest: dict[str, Any]) -> None:
    """Load into a fresh file beside ``current``, then swap it in, keeping the old one."""
    fresh = current.with_name(current.name + ".restoring")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    with _alias(RESTORE, fresh) as alias:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        with transaction.atomic(using=alias):
            _load(alias, data, manifest)
        with connections[alias].cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connections["default"].close()
    if current.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        with sqlite3.connect(current) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        current.replace(current.with_name(f"{current.name}.before-restore-{stamp}"))
    for stale in (Path(f"{current}-wal"), Path(f"{current}-shm")):
        stale.unlink(missing_ok=True)
    fresh.replace(current)


def _flush_sql() -> list[str]:
    tables = [
        t
        for t in connection.introspection.django_table_names(only_existing=True)
        if t not in KEPT_TABLES
    ]
    return list(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))


def _restore_in_one_transaction(data: Path, manifest: dict[str, Any]) -> None:
    """Replace every row in one transaction: readers see the old office until it commits."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for sql in _flush_sql():
                cursor.execute(sql)
        _load("default", data, manifest)


def _swap_media(staged: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    if root.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        root.replace(root.with_name(f"{root.name}.before-restore-{stamp}"))
    staged.replace(root)


def restore(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Check the archive, then put its data and attachments in place of the office's.

    Refuses a database that already holds users or cases unless ``force``. Raises
    BackupError (nothing changed) for an archive that is not whole.
    """
    manifest = verify(source)
    if not force and not is_empty():
        raise BackupError("数据库不是空的，未恢复（确认要用备份覆盖全部数据时加 --force）")
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent) as tmp_name, zipfile.ZipFile(source) as zf:
        tmp = Path(tmp_name)
        data = tmp / "data.json"
        with zf.open("data.json") as src, data.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        staged = tmp / "media"
        staged.mkdir()
        _extract_media(zf, staged)
        current = _sqlite_file()
        if current is not None:
            _restore_sqlite_file(current, data, manifest)
        else:
            _restore_in_one_transaction(data, manifest)
        _swap_media(staged)
    return manifest


def scheduled(folder: Path, keep: int) -> tuple[Path, dict[str, Any], list[Path]]:
    """A dated backup into ``folder``, then only the newest ``keep`` kept (for cron).

    Returns the new archive, its manifest and the archives removed. Two runs at once in one
    folder are refused (a lock file), so an overrunning cron job cannot race the next one.
    """
    import fcntl

    if keep < 1:
        raise BackupError("--keep 至少为 1")
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".gongkai-backup.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BackupError(f"{folder} 中已有一个备份正在进行") from None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"gongkai-{stamp}.zip"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"gongkai-{stamp}-{n}.zip"
        manifest = backup(target)
        ours = sorted(folder.glob("gongkai-*.zip"), key=lambda p: (p.stat().st_mtime, p.name))
        removed = ours[:-keep]
        for old in removed:
            old.unlink()
        os.utime(folder)
    return target, manifest, removed
