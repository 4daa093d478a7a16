"""The six sections of the report (form 国办公开办函〔2021〕30号 under 条例第五十条):
each present, in order, numbered once. Warnings.

Only headings whose title names one of the six sections are considered, so that a
report numbering its sub-items 一、二、… inside a section is not taken for a restart.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.sections import SECTIONS, Heading

_NUMERALS = "一二三四五六七八九十"


def _named(doc: Document) -> list[Heading]:
    return [h for h in doc.headings if h.section is not None]


def sections(doc: Document) -> Iterator[Outcome]:
    """Each of the six sections has a heading, and they come in the form's order."""
    named = _named(doc)
    if not named:
        yield Skip((), "正文中未识别出任何部分标题（可能是文字提取丢失），无法核对六个部分")
        return
    first: dict[int, Heading] = {}
    for heading in named:
        first.setdefault(heading.section or 0, heading)
    absent = [s for s in SECTIONS if s.number not in first]
    if absent:
        shown = "、".join(f"{_NUMERALS[s.number - 1]}、{s.title}" for s in absent)
        around = [
            h for h in first.values() if any(abs((h.section or 0) - s.number) == 1 for s in absent)
        ]
        yield Flag(
            (),
            f"年度报告应有六个部分，未找到：{shown}",
            tuple(h.evidence for h in around),
        )
    order = [h.section or 0 for h in first.values()]
    if order != sorted(order):
        late = next(
            h for i, h in enumerate(first.values()) if (h.section or 0) < max(order[:i] or [0])
        )
        yield Flag(
            (),
            f"六个部分顺序错乱：“{late.evidence.quote}”出现在后面部分的标题之后",
            (late.evidence,),
        )


def numbering(doc: Document) -> Iterator[Outcome]:
    """The section headings are numbered 一 to 六 once each: a number that does not
    follow the previous one's means the report numbers two sequences, or a number twice."""
    previous: Heading | None = None
    used: set[int] = set()
    for heading in _named(doc):
        if previous is not None and heading.number <= previous.number:
            what = "重复使用" if heading.number in used else "倒退"
            yield Flag(
                (),
                f"部分编号重新开始：“{previous.evidence.quote}”之后又出现"
                f"“{heading.evidence.quote}”，编号“{heading.numeral}”{what}",
                (previous.evidence, heading.evidence),
            )
        used.add(heading.number)
        previous = heading
