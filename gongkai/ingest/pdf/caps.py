"""Limits that keep one hostile PDF from taking the machine: checked on the raw bytes
before PDFium sees them, and while pages are read.

A PDF zip bomb is a small file whose compressed streams inflate to gigabytes; PDFium
inflates content streams, fonts and object streams as it loads pages. Here every Flate
stream is inflated once, in bounded chunks, counting bytes and throwing them away, and
the file is refused when the total is beyond the limit. Deflate expands at most ~1032
times, so a file too small to exceed the limit is not scanned at all. Everything here is
one pass over the bytes (linear): junk after the last ``%%EOF`` is cut off, not parsed.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.errors import UnreadableFile

MiB = 1 << 20
# zlib's largest possible expansion factor (a run of one byte), with margin.
_DEFLATE_MAX_RATIO = 1033
# Output taken from zlib per step while counting: memory stays at this size.
_CHUNK = 4 * MiB
# Compressed input given to zlib per step.
_FEED = 64 * 1024
# A stream's dictionary is looked for this far back from its ``stream`` keyword.
_DICT_LOOKBACK = 2048
# After the last %%EOF, this much is tolerated (a newline, padding) before it is cut.
_EOF_SLACK = 1024

_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
# A filter chain that decompresses twice (Flate or LZW after Flate or LZW) escapes the
# bound on Deflate's ratio: no office software writes one.
_SQUEEZE = rb"/(?:FlateDecode|Fl|LZWDecode|LZW)\b"
_NESTED = re.compile(rb"/Filter\s*\[[^\]]{0,200}?" + _SQUEEZE + rb"[^\]]{0,200}?" + _SQUEEZE)
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_OBJ = re.compile(rb"\d\s+\d+\s+obj\b")

TOO_MANY_PAGES = "PDF 页数过多（{pages} 页，上限 {limit} 页），未读取"
TOO_MANY_OBJECTS = "PDF 含对象过多（超过 {limit} 个），可能是恶意构造的文件，未读取"
BOMB = "PDF 的压缩数据解压后过大（超过 {limit} MB），可能是压缩炸弹，未读取"
NESTED = "PDF 含多重压缩的数据流，可能是压缩炸弹，未读取"
TOO_SLOW = "PDF 读取超时（超过 {seconds:g} 秒），文件过于复杂，未读取"
PAGE_TOO_BIG = "PDF 第 {page} 页含过多文字或图形（超过 {limit} 个），可能是恶意构造的文件，未读取"


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """How much one PDF may ask of the reader; beyond any limit the file is refused with
    a one-line message. ``seconds``: wall time for reading the text layer; OCR has its own
    budget per page (``ocr_seconds_per_page``) and in all (``ocr_seconds``)."""

    max_pages: int = 1000
    max_objects: int = 500_000
    max_inflated: int = 256 * MiB  # content, fonts, object streams: all inflated on load
    max_inflated_image: int = 400 * MiB  # one image (inflated only when its page is drawn)
    max_chars_per_page: int = 200_000
    max_segments_per_page: int = 200_000
    seconds: float = 25.0
    max_ocr_pages: int = 60
    ocr_seconds: float = 240.0
    ocr_seconds_per_page: float = 40.0


DEFAULT_LIMITS = PdfLimits()


class Deadline:
    """A point in time after which reading stops with ``TOO_SLOW``."""

    def __init__(self, seconds: float, name: str) -> None:
        self.seconds = seconds
        self.name = name
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise UnreadableFile(self.name, TOO_SLOW.format(seconds=self.seconds))


def checked_bytes(data: bytes, name: str, limits: PdfLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes PDFium should read: junk after the last ``%%EOF`` cut off.

    Raises UnreadableFile for a file with too many objects or whose compressed streams
    inflate beyond ``limits.max_inflated`` bytes (a zip bomb)."""
    data = cut_after_eof(data)
    if data.count(b"obj") > limits.max_objects and _count_objects(data) > limits.max_objects:
        raise UnreadableFile(name, TOO_MANY_OBJECTS.format(limit=limits.max_objects))
    if _NESTED.search(data):
        raise UnreadableFile(name, NESTED)
    if len(data) * _DEFLATE_MAX_RATIO > min(limits.max_inflated, limits.max_inflated_image):
        check_inflated_size(data, name, limits.max_inflated, limits.max_inflated_image)
    return data


def cut_after_eof(data: bytes) -> bytes:
    """The file up to its last ``%%EOF`` marker (and a little after): what follows is not
    part of the PDF (a download tool's padding, a second file glued on)."""
    end = data.rfind(b"%%EOF")
    if end < 0 or len(data) - end <= _EOF_SLACK:
        return data
    return data[: end + 5] + b"\n"


def _count_objects(data: bytes) -> int:
    return sum(1 for _ in _OBJ.finditer(data))


def check_inflated_size(data: bytes, name: str, limit: int, image_limit: int) -> None:
    """Raise UnreadableFile when the Flate streams other than images together inflate
    beyond ``limit`` bytes, or one image beyond ``image_limit``.

    A stream inflates at most ``_DEFLATE_MAX_RATIO`` times its length: streams are
    inflated largest first only until what the rest could add no longer matters, so an
    ordinary file costs a few of its streams, not all of them."""
    others: list[tuple[int, int, int]] = []
    for start, stop, image in _flate_streams(data):
        if not image:
            others.append((stop - start, start, stop))
        elif (stop - start) * _DEFLATE_MAX_RATIO > image_limit and (
            _inflated(data, start, stop, image_limit) > image_limit
        ):
            raise UnreadableFile(name, BOMB.format(limit=image_limit // MiB))
    others.sort(reverse=True)
    bound = sum(n for n, _, _ in others) * _DEFLATE_MAX_RATIO
    total = 0
    for length, start, stop in others:
        if total + bound <= limit:
            return
        bound -= length * _DEFLATE_MAX_RATIO
        total += _inflated(data, start, stop, limit - total)
        if total > limit:
            raise UnreadableFile(name, BOMB.format(limit=limit // MiB))


def _flate_streams(data: bytes) -> Iterator[tuple[int, int, bool]]:
    """Each Flate stream's data as (start, stop) in ``data``, and whether it is an image."""
    for keyword in _keywords(data, b"stream"):
        start = _after_eol(data, keyword + 6)
        if start is None:
            continue
        head = data[max(0, keyword - _DICT_LOOKBACK) : keyword]
        head = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if not _FLATE.search(head):
            continue
        length = _LENGTH.search(head)
        stop = start + int(length.group(1)) if length else data.find(b"endstream", start)
        if stop < start:
            stop = len(data)
        yield start, min(stop, len(data)), _IMAGE.search(head) is not None


def _keywords(data: bytes, word: bytes) -> Iterator[int]:
    """Offsets of ``word`` in ``data`` not preceded by "end" (bytes.find: C speed)."""
    at = data.find(word)
    while at >= 0:
        if data[max(0, at - 3) : at] != b"end":
            yield at
        at = data.find(word, at + len(word))


def _after_eol(data: bytes, at: int) -> int | None:
    """Where a stream's data starts: after the end of line that follows its keyword."""
    if data[at : at + 2] == b"\r\n":
        return at + 2
    if data[at : at + 1] in (b"\n", b"\r"):
        return at + 1
    return None


def _inflated(data: bytes, start: int, stop: int, budget: int) -> int:
    """Bytes the Flate stream ``data[start:stop]`` inflates to, counting stops a little
    beyond ``budget``. A damaged stream counts what inflated before the damage."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        for offset in range(start, stop, _FEED):
            chunk = data[offset : min(offset + _FEED, stop)]
            while chunk:  # the tail left over is at most one feed: linear in the stream
                size += len(inflater.decompress(chunk, _CHUNK))
                if size > budget or inflater.eof:
                    return size
                chunk = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size
