"""Deciding what a file is before any adapter touches it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from gongkai.errors import UnreadableFile

MAX_BYTES = 50 * 1024 * 1024


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    DOC = "doc"  # Word 97–2003 or WPS: read through LibreOffice into the Word adapter
    PDF = "pdf"


def load_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what no adapter should see.

    Raises UnreadableFile for a missing, unreadable, empty or over-50-MB file.
    """
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile(name, "文件不存在") from None
    except OSError as exc:
        raise UnreadableFile(name, f"无法访问文件（{exc.strerror}）") from None
    if path.is_dir():
        raise UnreadableFile(name, "这是一个目录，不是文件")
    if size > MAX_BYTES:
        raise UnreadableFile(name, f"文件过大（{size / 1024 / 1024:.1f} MB，上限 50 MB）")
    if size == 0:
        raise UnreadableFile(name, "空文件")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(name, f"无法读取文件（{exc.strerror}）") from None


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
