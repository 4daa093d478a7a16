"""Collecting files into the library: each stored once by content hash, a .zip opened
into its report files, each new file queued for reading."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.audit.batch import REPORT_SUFFIXES
from gongkai_web.library.errors import LibraryError
from gongkai_web.library.models import Batch, Report, Status, Upload

# A .zip may hold at most this many files, each at most LIBRARY_UPLOAD_MAX_BYTES unpacked.
MAX_ZIP_MEMBERS = 5000


@dataclass
class Collected:
    """What a collection did: new reports, duplicates of stored ones, files refused."""

    batch: Batch
    added: list[Report] = field(default_factory=list)
    duplicates: list[Report] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"新收 {len(self.added)} 份，重复 {len(self.duplicates)} 份"
        if self.refused:
            names = "；".join(f"{name}：{why}" for name, why in self.refused[:5])
            more = f" 等 {len(self.refused)} 个" if len(self.refused) > 5 else ""
            text += f"，未收 {len(self.refused)} 个（{names}{more}）"
        return text


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def _zip_members(name: str, data: BinaryIO) -> Iterator[tuple[str, bytes] | tuple[str, str]]:
    """The report files in a .zip, or (name, reason) for a member refused."""
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError):
        yield name, "不是有效的 zip 压缩包"
        return
    limit = settings.LIBRARY_UPLOAD_MAX_BYTES
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_MEMBERS:
            yield name, f"压缩包内文件超过 {MAX_ZIP_MEMBERS} 个"
            return
        total = sum(i.file_size for i in infos)
        if total > settings.LIBRARY_ZIP_MAX_BYTES:
            gb = settings.LIBRARY_ZIP_MAX_BYTES / 1024**3
            yield name, f"压缩包解压后共 {total / 1024**3:.1f} GB，超过上限 {gb:g} GB"
            return
        for info in infos:
            member = _member_name(info)
            parts = PurePosixPath(member).parts
            if any(p.startswith((".", "__MACOSX")) for p in parts):
                continue
            if _suffix(member) not in REPORT_SUFFIXES:
                yield member, "不是年报文件（支持 PDF、Word .docx、网页、文本）"
            elif info.file_size > limit:
                yield member, f"解压后超过 {limit // 1024 // 1024} MB"
            elif info.flag_bits & 0x1:
                yield member, "压缩包内文件已加密"
            else:
                try:
                    yield member, archive.read(info)
                except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
                    yield member, "压缩包内文件已损坏，无法解压"


def _member_name(info: zipfile.ZipInfo) -> str:
    """Names in zips made on Chinese Windows are GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def expand(name: str, data: BinaryIO) -> Iterator[tuple[str, bytes] | tuple[str, str]]:
    """A file as given: its own bytes, or the members of a .zip."""
    if _suffix(name) == ".zip":
        yield from _zip_members(name, data)
    elif _suffix(name) not in REPORT_SUFFIXES:
        yield name, "不是年报文件（支持 PDF、Word .docx、网页、文本，或它们的 zip 压缩包）"
    else:
        content = data.read(settings.LIBRARY_UPLOAD_MAX_BYTES + 1)
        if len(content) > settings.LIBRARY_UPLOAD_MAX_BYTES:
            yield name, f"超过 {settings.LIBRARY_UPLOAD_MAX_BYTES // 1024 // 1024} MB"
        else:
            yield name, content


def new_batch(name: str, year: int | None, user: Any) -> Batch:
    if year is not None and not 2000 <= year <= 2100:
        raise LibraryError(f"年度 {year} 不在 2000—2100 之间")
    return Batch.objects.create(name=name[:200] or "上传", year=year, created_by=user)


def collect(batch: Batch, files: Iterable[tuple[str, BinaryIO]]) -> Collected:
    """Store each report file of ``files`` (name, stream) once and queue the new ones."""
    done = Collected(batch)
    for name, stream in files:
        for member, content in expand(name, stream):
            if isinstance(content, str):
                done.refused.append((member, content))
            elif not content:
                done.refused.append((member, "文件为空"))
            else:
                report, new = store(batch, PurePosixPath(member).name, content)
                (done.added if new else done.duplicates).append(report)
    return done


def store(batch: Batch, filename: str, content: bytes) -> tuple[Report, bool]:
    """The report holding these bytes, and whether it is new (then queued for reading)."""
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        existing = Report.objects.filter(sha256=digest).first()
        if existing is not None:
            Upload.objects.create(batch=batch, report=existing, filename=filename, duplicate=True)
            return existing, False
        report = Report(sha256=digest, filename=filename[:255], size=len(content), batch=batch)
        report.original.save(f"{digest[:16]}{_suffix(filename)}", ContentFile(content), save=False)
        report.save()
        Upload.objects.create(batch=batch, report=report, filename=filename)
        transaction.on_commit(lambda: enqueue(report))
    return report, True


def enqueue(report: Report) -> None:
    from gongkai_web.library.tasks import process_report

    process_report.enqueue(report.pk)


def retry(report: Report) -> None:
    """Queue a failed report for reading again."""
    if report.status != Status.FAILED:
        raise LibraryError("只有读取失败的文件可以重试")
    Report.objects.filter(pk=report.pk).update(status=Status.QUEUED, reason="")
    transaction.on_commit(lambda: enqueue(report))
