"""Turning the bytes of a text or HTML file into str, Chinese encodings included."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from gongkai.errors import UnreadableFile

# A file is read with replacement characters when its undecodable bytes are at most this
# many places and this share of the file: a stray byte, a line cut in the middle of a
# character. More than that is another encoding, and guessing would misread figures.
MAX_BAD_PLACES = 100
MAX_BAD_SHARE = 0.01
_SHOWN_PLACES = 5

# Printable text has few control characters; binary data has many.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > len(sample) * 0.05


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, and remarks for the report (undecodable bytes replaced, and where)."""

    text: str
    notes: tuple[str, ...] = ()


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of ``decode_with_notes``, without its notes. Raises UnreadableFile."""
    return decode_with_notes(data, name, declared).text


def decode_with_notes(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    GB18030 is a superset of GB2312 and GBK, so pages that declare GB2312 but use
    GBK-only characters still decode whole. ``declared`` is an encoding the file names
    itself (an HTML meta tag); it is tried after UTF-8. When no encoding fits every byte,
    one that fits all but a few (MAX_BAD_PLACES, MAX_BAD_SHARE) is used with U+FFFD in
    their place, and a note names where they were (line and byte offset). Raises
    UnreadableFile for binary data or bytes that fit none of these.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _lenient(data, "utf-16", name) or _refuse(name, "（UTF-16 标记但内容有误）")
    strict = _decode_strict(data, name, declared)
    if strict is not None:
        return Decoded(strict)
    for encoding in dict.fromkeys(["utf-8-sig", _widen(declared or "utf-8"), "gb18030"]):
        decoded = _lenient(data, encoding, name)
        if decoded is not None and (encoding != "gb18030" or _plausible_chinese(decoded.text)):
            return decoded
    return _refuse(name, "：支持 UTF-8、GBK/GB18030、UTF-16")


def _refuse(name: str, detail: str) -> Decoded:
    raise UnreadableFile(name, f"文本编码无法识别{detail}")


def _decode_strict(data: bytes, name: str, declared: str | None) -> str | None:
    """The text if one candidate encoding decodes every byte. Raises UnreadableFile for
    binary data."""
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
    return None


def _lenient(data: bytes, encoding: str, name: str) -> Decoded | None:
    """Decode with U+FFFD for undecodable bytes, if they are few; None if too many.

    Each stretch between bad bytes is decoded once, from a memoryview (no copies), and
    the scan stops at the first place past the cap: linear in the file.
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
    except LookupError:
        return None
    view = memoryview(data)
    cap = min(MAX_BAD_PLACES, max(1, int(len(data) * MAX_BAD_SHARE)))
    pieces: list[str] = []
    places: list[int] = []
    pos = 0
    while pos < len(data):
        try:
            pieces.append(decoder.decode(view[pos:], final=True))
            break
        except UnicodeDecodeError as exc:
            decoder.reset()
            pieces.append(decoder.decode(view[pos : pos + exc.start], final=True))
            decoder.reset()
            places.append(pos + exc.start)
            pieces.append("\ufffd")
            pos += max(exc.end, exc.start + 1)
            if len(places) > cap:
                return None
    notes = (_bad_bytes_note(data, places, encoding),) if places else ()
    return Decoded("".join(pieces), notes)


def _bad_bytes_note(data: bytes, places: list[int], encoding: str) -> str:
    """Where the replaced bytes were: line (1-based) and byte offset (0-based)."""
    newline = b"\n"
    shown = "、".join(
        f"第 {data.count(newline, 0, at) + 1} 行（第 {at} 字节）" for at in places[:_SHOWN_PLACES]
    )
    more = f"等 {len(places)} 处" if len(places) > _SHOWN_PLACES else f"共 {len(places)} 处"
    name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
    return f"有无法按 {name} 解码的字节，已替换为“\ufffd”：{shown}{more}，请核对原件这些位置的文字"


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
