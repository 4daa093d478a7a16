"""The six sections of an annual report and the numbered headings that open them.

The form (国办公开办函〔2019〕60号, 〔2021〕30号, under 条例第五十条) orders a report in six
parts, numbered 一 to 六. A heading is a Chinese numeral and "、" followed by a title. At
the start of a line any title counts; inside a line (a web page flattened to one line)
only a title that names one of the six sections does, since nothing else marks where
such a heading ends. Table 3's row labels ("一、本年新收…") are not headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.audit.findings import Evidence
from gongkai.audit.text import fold_cached
from gongkai.ingest.layout import Row


@dataclass(frozen=True, slots=True)
class Section:
    """One of the six parts: its number, its title on the form, and folded words that
    name it at the start of a heading's title."""

    number: int
    title: str
    keys: tuple[str, ...]


SECTIONS: tuple[Section, ...] = (
    Section(1, "总体情况", ("总体情况", "基本情况", "概述")),
    Section(2, "主动公开政府信息情况", ("主动公开",)),
    Section(3, "收到和处理政府信息公开申请情况", ("收到和处理", "依申请公开", "申请情况")),
    Section(4, "政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼")),
    Section(
        5,
        "存在的主要问题及改进情况",
        ("存在的主要问题", "主要问题", "存在问题", "存在的问题", "改进情况", "改进措施"),
    ),
    Section(6, "其他需要报告的事项", ("其他需要报告", "其他需报告", "需要报告的事项", "其他事项")),
)
# A section's key must begin within this many characters of the title
# ("政府信息公开行政复议…" puts the key after a six-character prefix).
_KEY_WITHIN = 12
# Titles of table-3 rows, which print "一、" to "四、" like headings.
_TABLE_ROWS = ("本年新收", "上年结转", "本年度办理结果", "结转下年", "办理结果")
_SHORT_LINE = 40
_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(rf"(?<![{_NUMERALS}(（第])([{_NUMERALS}]{{1,3}})、")


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading. ``number`` is the value of ``numeral`` (一 = 1); ``section`` the
    statutory section its title names, or None; ``title`` is folded."""

    number: int
    numeral: str
    title: str
    section: int | None
    evidence: Evidence


def numeral_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    digits = [_NUMERALS.index(ch) + 1 for ch in numeral]
    if len(digits) == 1:
        return digits[0]
    if digits[0] == 10:
        return 10 + digits[1]
    return digits[0] * 10 + (digits[2] if len(digits) == 3 else 0)


def section_of(title: str) -> int | None:
    """The statutory section a folded heading title names, if any."""
    best: tuple[int, int] | None = None
    for section in SECTIONS:
        for key in section.keys:
            at = title.find(key)
            if 0 <= at <= _KEY_WITHIN and (best is None or at < best[0]):
                best = (at, section.number)
    return best[1] if best else None


def headings(rows: Sequence[Row]) -> Iterator[Heading]:
    """The numbered headings of the running text, in reading order."""
    for row in rows:
        if row.delimited:
            continue
        yield from _row_headings(row)


def _row_headings(row: Row) -> Iterator[Heading]:
    folded = fold_cached(row.text)
    text = folded.text
    for match in _HEADING.finditer(text):
        title = text[match.end() : match.end() + 30]
        if not title or title.startswith(_TABLE_ROWS):
            continue
        section = section_of(title)
        at_start = match.start() == 0
        if section is None and not (at_start and len(text) <= _SHORT_LINE):
            continue
        if at_start and re.search(r"\d$", text) and section is None:
            continue
        end = len(text) if len(text) <= _SHORT_LINE else min(len(text), match.end() + 16)
        a, b = folded.raw_span(match.start(), end)
        where = row.cells[0].where
        quote = row.text[a:b]
        yield Heading(
            number=numeral_value(match.group(1)),
            numeral=match.group(1),
            title=title,
            section=section,
            evidence=Evidence(
                quote=quote,
                context=quote,
                start=0,
                file=where.file,
                page=where.page,
                line=where.line,
                table=where.table,
                row=where.row,
            ),
        )
