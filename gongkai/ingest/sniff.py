"""Deciding what a file is before any adapter touches it."""

from __future__ import annotations

import errno
import stat
from enum import StrEnum
from pathlib import Path

from gongkai.errors import UnreadableFile

MAX_BYTES = 50 * 1024 * 1024
_OS_REASONS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读写错误（磁盘或网络存储故障）",
    errno.EISDIR: "这是一个目录",
}


def os_reason(error: OSError) -> str:
    """What the operating system said, in Chinese (the errno name for a rare one)."""
    code = error.errno or 0
    return _OS_REASONS.get(code, f"系统错误 {errno.errorcode.get(code, code)}")


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    DOC = "doc"  # Word 97–2003 or WPS: read through LibreOffice into the Word adapter
    PDF = "pdf"


def load_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what no adapter should see.

    Raises UnreadableFile for a missing, unreadable, empty or over-50-MB file, and for
    what is not a regular file (a device or a pipe could block or never end).
    """
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableFile(name, "文件不存在") from None
    except OSError as exc:
        raise UnreadableFile(name, f"无法访问文件（{os_reason(exc)}）") from None
    size = info.st_size
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile(name, "这是一个目录，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(name, "不是普通文件（设备、管道或套接字）")
    if size > MAX_BYTES:
        raise UnreadableFile(name, f"文件过大（{size / 1024 / 1024:.1f} MB，上限 50 MB）")
    if size == 0:
        raise UnreadableFile(name, "空文件")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file that grew since stat stays bounded
    except OSError as exc:
        raise UnreadableFile(name, f"无法读取文件（{os_reason(exc)}）") from None
    if len(data) > MAX_BYTES:
        raise UnreadableFile(name, "文件过大（读取时超过 50 MB）")
    return data


def detect_format(data: bytes, path: Path) -> Format:
    """The format from the file's own bytes first, its name second."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or path.suffix.lower() == ".docx":
            return Format.DOCX
        raise UnreadableFile(str(path), "这是 ZIP 压缩包，但不是 Word（.docx）文档")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Format.DOC
    lowered = head.lower()
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or (
        b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered
    ):
        return Format.HTML
    return Format.TEXT
