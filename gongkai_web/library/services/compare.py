"""A report against its agency's report of the year before: cell by cell, section by
section (the share of text repeated: 重复率), and the year rules' findings."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from gongkai.audit.sections import SECTIONS
from gongkai_web.library.models import Report
from gongkai_web.library.services.processing import same_agency
from gongkai_web.library.services.tables import all_cells, label

# Characters of each section compared (difflib is quadratic on dissimilar text).
COMPARED_CHARS = 6000
_TITLES = {0: "标题与前言", **{s.number: f"{s.number}、{s.title}" for s in SECTIONS}}


@dataclass(frozen=True)
class CellChange:
    cell: str
    label: str
    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class SectionSimilarity:
    number: int
    title: str
    ratio: float | None  # None: the section is missing in one of the two reports
    chars: tuple[int, int]


@dataclass(frozen=True)
class Comparison:
    before: Report
    after: Report
    cells: list[CellChange]
    sections: list[SectionSimilarity]

    @property
    def changed(self) -> list[CellChange]:
        return [c for c in self.cells if c.changed]

    @property
    def unchanged(self) -> list[CellChange]:
        return [c for c in self.cells if not c.changed]

    @property
    def repeated(self) -> float | None:
        """The repeat rate of the running text, weighted by the later report's sections."""
        pairs = [(s.ratio, s.chars[1]) for s in self.sections if s.ratio is not None and s.number]
        weight = sum(w for _, w in pairs)
        return sum(r * w for r, w in pairs) / weight if weight else None


def previous(report: Report) -> Report | None:
    if report.year is None:
        return None
    earlier = same_agency(report, report.year - 1)
    return earlier[0] if earlier else None


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a[:COMPARED_CHARS], b[:COMPARED_CHARS]).ratio()


def compare(before: Report, after: Report) -> Comparison:
    cells = [
        CellChange(c, label(c), before.cells.get(c), after.cells.get(c))
        for c in all_cells()
        if c in before.cells or c in after.cells
    ]
    sections = []
    for number in sorted({int(n) for n in (*before.sections, *after.sections)}):
        a, b = before.sections.get(str(number), ""), after.sections.get(str(number), "")
        ratio = similarity(a, b) if a and b else None
        sections.append(
            SectionSimilarity(number, _TITLES.get(number, str(number)), ratio, (len(a), len(b)))
        )
    return Comparison(before, after, cells, sections)
