"""One page as blocks in reading order: lines of running text and parts of tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.ingest.pdf.cells import Edge
from gongkai.ingest.pdf.glyphs import Glyph, glyphs_to_lines, line_text
from gongkai.ingest.pdf.tables import Position, Slot, deal_glyphs, grid_slots, grids_of

# Page numbers as offices print them: "- 3 -", "— 3 —", "3", "第 3 页", "第3页 共6页",
# "共 6 页 第 3 页", "3/6", "3 / 6". Data, not logic: add a variant here when one turns up.
_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－‐~～·\s]*\d{1,4}[-—–－‐~～·\s]*
      | (?:共\s*\d+\s*页\s*[，,]?\s*)?第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?
      | \d{1,4}\s*/\s*\d{1,4}
      | page\s*\d+(?:\s*of\s*\d+)?
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
# Page numbers sit in the top or bottom margin; this share of the page height counts as
# margin. A lone figure higher up is content.
_MARGIN = 0.15


@dataclass(frozen=True, slots=True)
class TextLine:
    top: float
    bottom: float
    text: str
    confidence: float | None = None  # read by OCR: the least sure character's confidence


@dataclass(frozen=True, slots=True)
class TablePart:
    """The part of a ruled table that lies on one page. Coordinates in points."""

    top: float
    bottom: float
    x0: float
    x1: float
    slots: tuple[tuple[Slot, ...], ...]
    # Read by OCR: each cell's least sure character's confidence, by (row, column).
    confidence: dict[Position, float] | None = None


Block = TextLine | TablePart


@dataclass(frozen=True, slots=True)
class PageContent:
    """A page's blocks top to bottom; glyph counts to judge whether its text decodes."""

    blocks: tuple[Block, ...]
    glyphs: int
    undecodable: int


def page_content(
    glyphs: list[Glyph],
    edges: Iterable[Edge],
    height: float,
    *,
    undecodable: int = 0,
    ocr: bool = False,
) -> PageContent:
    """The page's text lines and tables in reading order, page numbers dropped.

    ``height`` in points; ``ocr``: the glyphs came from OCR and carry its confidence."""
    grids = grids_of(edges)
    dealt, loose = deal_glyphs(glyphs, grids)
    tables = [
        TablePart(
            g.bbox[1],
            g.bbox[3],
            g.bbox[0],
            g.bbox[2],
            grid_slots(g, cells),
            _cell_confidence(cells) if ocr else None,
        )
        for g, cells in zip(grids, dealt, strict=True)
    ]
    lines = [ln for ln in text_lines(loose, ocr=ocr) if not is_page_number(ln, height)]
    blocks: list[Block] = [*lines, *tables]
    blocks.sort(key=lambda b: b.top)
    return PageContent(tuple(blocks), len(glyphs), undecodable)


def _cell_confidence(cells: dict[Position, list[Glyph]]) -> dict[Position, float]:
    return {pos: min(g.confidence for g in glyphs) for pos, glyphs in cells.items() if glyphs}


def text_lines(glyphs: Iterable[Glyph], *, ocr: bool = False) -> list[TextLine]:
    """Running text, one entry per printed line."""
    return [
        TextLine(
            min(g.top for g in line),
            max(g.bottom for g in line),
            line_text(line, split_wide=True),
            min(g.confidence for g in line) if ocr else None,
        )
        for line in glyphs_to_lines(glyphs)
    ]


def is_page_number(line: TextLine, page_height: float) -> bool:
    in_margin = line.bottom < page_height * _MARGIN or line.top > page_height * (1 - _MARGIN)
    return in_margin and _PAGE_NUMBER.match(line.text) is not None
