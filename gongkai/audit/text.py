"""The running text of a report, folded for matching, in sentences that know their line.

Text from PDFs and Word is wrapped mid-sentence and spaced around numbers
("申请 34 件"); the rules match on a folded form instead: NFKC (full-width to
half-width, so "，" is "," and "（" is "("), white space removed, thousands separators
removed. A folded text remembers, for every character, where it came from in the raw
text, so that a match can be quoted as printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from gongkai.audit.findings import Evidence
from gongkai.ingest.layout import Row, Where

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Where a sentence ends, in folded text.
_SENTENCE_END = re.compile(r"[。;!?]")
# A line that ends with one of these closes its paragraph.
_CLOSING = frozenset("。;!?:")
# A wrapped line is a full line: shorter lines are headings or the end of a paragraph.
_WRAPPED_LINE = 12
# A heading ("一、总体情况", "（二）依申请公开情况") stands alone, however long.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))[^。;]{0,30}$"
)
# Quoting a sentence of a page flattened to one line: this many characters either side.
CONTEXT_CHARS = 60


@dataclass(frozen=True, slots=True)
class Folded:
    """``text`` folded from ``raw``; ``origin[i]`` is the index in ``raw`` of ``text[i]``."""

    raw: str
    text: str
    origin: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the folded span ``[start, end)`` was folded from."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else len(self.raw)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def fold(raw: str) -> Folded:
    """Fold text for matching (see the module docstring)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(raw):
        if ch.isspace():
            continue
        for folded in unicodedata.normalize("NFKC", ch):
            if not folded.isspace():
                chars.append(folded)
                origin.append(index)
    text = "".join(chars)
    commas = {m.start() for m in _THOUSANDS.finditer(text)}
    if commas:
        keep = [i for i in range(len(chars)) if i not in commas]
        text = "".join(chars[i] for i in keep)
        origin = [origin[i] for i in keep]
    return Folded(raw, text, tuple(origin))


@lru_cache(maxsize=4096)
def fold_cached(raw: str) -> Folded:
    """``fold``, remembered for the sentences of the last few documents."""
    return fold(raw)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of running text, as printed. ``starts`` gives, for each source row
    the sentence runs over, the offset in ``raw`` where that row's text begins and the
    row's location. The folded form is computed when asked for (and cached), so that a
    sentence is small to keep and to send between processes."""

    raw: str
    starts: tuple[tuple[int, Where], ...]

    @property
    def folded(self) -> Folded:
        return fold_cached(self.raw)

    @property
    def text(self) -> str:
        """The folded text the rules match on."""
        return self.folded.text

    def where_at(self, raw_offset: int) -> Where:
        """The location of the row the raw offset lies in."""
        where = self.starts[0][1]
        for offset, row_where in self.starts:
            if offset > raw_offset:
                break
            where = row_where
        return where

    def evidence(self, start: int, end: int, cell: str | None = None) -> Evidence:
        """The folded span ``[start, end)`` quoted as printed, in its sentence."""
        a, b = self.folded.raw_span(start, end)
        lo = max(0, a - CONTEXT_CHARS)
        hi = min(len(self.raw), b + CONTEXT_CHARS)
        context = self.raw[lo:hi]
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(self.raw) else ""
        where = self.where_at(a)
        return Evidence(
            quote=self.raw[a:b],
            context=prefix + context + suffix,
            start=len(prefix) + a - lo,
            file=where.file,
            page=where.page,
            line=where.line,
            table=where.table,
            row=where.row,
            col=where.col,
            cell=cell,
        )


def _row_where(row: Row) -> Where:
    return row.cells[0].where


def _continues(previous: Row, row: Row) -> bool:
    """Whether ``row`` goes on the paragraph that ``previous`` ends: a full line that does
    not close its sentence, followed by the next line (or the first line of a page)."""
    text = fold_cached(previous.text).text
    if len(text) < _WRAPPED_LINE or text[-1] in _CLOSING or _HEADING.match(text):
        return False
    a, b = _row_where(previous), _row_where(row)
    if a.line is None or b.line is None:
        return False
    return b.line == a.line + 1 or (b.page is not None and a.page is not None and b.page > a.page)


def paragraphs(rows: Sequence[Row]) -> Iterator[list[Row]]:
    """Runs of running-text rows that form one paragraph; table rows are left out."""
    current: list[Row] = []
    for row in rows:
        if row.delimited or not row.text.strip():
            if current:
                yield current
            current = []
            continue
        if current and not _continues(current[-1], row):
            yield current
            current = []
        current.append(row)
    if current:
        yield current


def sentences(rows: Sequence[Row]) -> list[Sentence]:
    """Every sentence of the running text, in reading order."""
    out: list[Sentence] = []
    for paragraph in paragraphs(rows):
        raw = ""
        starts: list[tuple[int, Where]] = []
        for row in paragraph:
            starts.append((len(raw), _row_where(row)))
            raw += row.text
        folded = fold_cached(raw)
        begin = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(folded.text)]
        for end in [*ends, len(folded.text)]:
            if end > begin:
                a, b = folded.raw_span(begin, end)
                out.append(Sentence(raw[a:b], _shift(starts, a, b)))
            begin = end
    return out


def _shift(starts: list[tuple[int, Where]], begin: int, end: int) -> tuple[tuple[int, Where], ...]:
    """The starts of the rows that the raw span ``[begin, end)`` runs over, relative to
    ``begin``."""
    first = max((i for i, (s, _) in enumerate(starts) if s <= begin), default=0)
    return tuple((max(0, s - begin), w) for s, w in starts[first:] if s < end or s <= begin)
