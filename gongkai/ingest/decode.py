"""Turning the bytes of a text or HTML file into str, Chinese encodings included."""

from __future__ import annotations

from gongkai.errors import UnreadableFile

# Printable text has few control characters; binary data has many.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > len(sample) * 0.05


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    GB18030 is a superset of GB2312 and GBK, so pages that declare GB2312 but use
    GBK-only characters still decode whole. ``declared`` is an encoding the file names
    itself (an HTML meta tag); it is tried after UTF-8. Raises UnreadableFile for binary
    data or bytes that fit none of these.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(name, "文本编码无法识别（UTF-16 标记但内容有误）") from None
    if looks_binary(data):
        raise UnreadableFile(name, "不是文本文件（二进制内容），也不是 PDF、Word 或网页")
    candidates = ["utf-8-sig"]
    if declared:
        candidates.append(_widen(declared))
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and not _plausible_chinese(text):
            break
        return text
    raise UnreadableFile(name, "文本编码无法识别：支持 UTF-8、GBK/GB18030、UTF-16")


def _widen(encoding: str) -> str:
    """GB2312 and GBK pages are read as GB18030, their superset."""
    lowered = encoding.strip().lower()
    if lowered in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"}:
        return "gb18030"
    return lowered


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept only text that is mostly CJK or ASCII."""
    if not text:
        return False
    good = sum(
        1
        for ch in text
        if ch.isascii()
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’—…·"
    )
    return good / len(text) > 0.9
