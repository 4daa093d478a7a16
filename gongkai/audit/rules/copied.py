"""Most of the text copied from last year's report: a warning.

The 2021 notice on the form (国办公开办函〔2021〕30号) names reports whose content is
雷同 (the same as before) among the faults to be held to account. The running text of
two consecutive reports of one agency is compared in overlapping pieces of
``SHINGLE`` characters, folded, with numbers masked (a year's figures always change)
and the form's own wording (table labels, section titles) left out: the share of this
year's pieces found in last year's text is the share copied.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.sections import SECTIONS
from gongkai.audit.text import Sentence, fold
from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS

SHINGLE = 8
# At or above this share of this year's text found in last year's, the text is copied.
COPIED_SHARE = 0.7
# Below this many pieces (about 150 characters of text) there is too little to judge.
MIN_SHINGLES = 150
# Quote at most this many copied sentences, the longest first.
QUOTED = 3
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _masked(text: str) -> str:
    return _NUMBER.sub("#", text)


def _pieces(text: str) -> Iterator[int]:
    """Stable hashes (the same in every process) of the pieces with no number in them."""
    for i in range(len(text) - SHINGLE + 1):
        piece = text[i : i + SHINGLE]
        if "#" not in piece:
            yield zlib.crc32(piece.encode("utf-8"))


@lru_cache(maxsize=1)
def _form_wording() -> frozenset[int]:
    """Pieces of the form's own wording, which every report prints."""
    labels: list[str] = [s.title for s in SECTIONS]
    labels += [r.label for r in T2_ROWS + T3_ROWS]
    labels += [c.label for cols in T2_COLUMNS.values() for c in cols]
    labels += [c.label for c in T3_COLUMNS + T4_COLUMNS + T4_GROUPS]
    labels.append("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和")
    return frozenset(p for label in labels for p in _pieces(_masked(fold(label).text)))


@lru_cache(maxsize=64)
def fingerprint(doc: Document) -> frozenset[int]:
    """The pieces of a document's running text, less the form's wording."""
    pieces = {p for s in doc.sentences for p in _pieces(_masked(s.text))}
    return frozenset(pieces - _form_wording())


def _copied_sentences(before: Document, doc: Document) -> Iterable[Sentence]:
    earlier = {_masked(s.text) for s in before.sentences}
    same = [s for s in doc.sentences if len(s.text) >= 2 * SHINGLE and _masked(s.text) in earlier]
    return sorted(same, key=lambda s: -len(s.text))[:QUOTED]


def copied_text(before: Document, doc: Document) -> Iterator[Outcome]:
    """Warn when at least ``COPIED_SHARE`` of the text is last year's."""
    this, last = fingerprint(doc), fingerprint(before)
    if len(this) < MIN_SHINGLES or len(last) < MIN_SHINGLES:
        yield Skip((), "正文文字过少，无法比较与上一年度报告的雷同程度")
        return
    share = len(this & last) / len(this)
    if share >= COPIED_SHARE:
        quotes = tuple(s.evidence(0, len(s.text)) for s in _copied_sentences(before, doc))
        yield Flag(
            (),
            f"正文约 {share:.0%} 与 {before.report.year} 年度报告相同"
            f"（按连续 {SHINGLE} 个字比较，不计数字和表格用语），内容雷同",
            quotes,
        )
