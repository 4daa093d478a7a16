"""Ruled tables: their grid from the drawn lines, and each cell's text from its glyphs.

pdfplumber finds the cells (rectangles enclosed by ruling lines). Here they are laid on
one grid per table so that a merged cell occupies several positions: its text goes to
the top-left one and the rest are ``COVERED``. Glyphs are dealt to cells by their centre,
so nothing pdfplumber already parsed is extracted a second time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.page import Page

from gongkai.ingest.pdf.glyphs import Glyph, glyphs_to_lines, join_wrapped, line_text

Slot = str | None
COVERED: Slot = None  # a position that a merged cell spans
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Position = tuple[int, int]  # row, column; 0-based

# Cell edges closer than this (points) are the same grid line; pdfplumber snaps
# ruling lines within 3 points, so its cells agree far more closely than that.
_SAME_LINE = 1.0


@dataclass(frozen=True, slots=True)
class Grid:
    """A table's geometry: boundaries of its columns and rows, and which cell covers what.

    ``owner`` maps each position to the top-left position of the cell that covers it;
    a position no cell covers (a notch in an irregular table) is absent.
    """

    bbox: Box
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    owner: dict[Position, Position]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1


def page_grids(page: Page) -> list[Grid]:
    """The ruled tables of a page, top to bottom, as grids.

    Only rules that show on paper count: WPS puts an invisible white box behind every
    line of some paragraphs, which pdfplumber would otherwise take for a table. A grid of
    a single cell is a framed box, not a table: its text is read as running text.
    """
    drawn = page.filter(_shows_on_paper)
    grids = [cells_to_grid(table.cells, table.bbox) for table in drawn.find_tables()]
    return sorted((g for g in grids if g.shape != (1, 1)), key=lambda g: g.bbox[1])


def _shows_on_paper(obj: dict[str, Any]) -> bool:
    if obj["object_type"] not in ("rect", "line", "curve"):
        return True
    stroked = obj.get("stroke") and not _is_white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _is_white(color: object) -> bool:
    """True for white in grey, RGB or CMYK; None means the default, black."""
    if not isinstance(color, tuple | list) or not color:
        return False
    if not all(isinstance(v, int | float) for v in color):
        return False  # a pattern or a named colour space
    if len(color) == 4:
        return all(v == 0 for v in color)
    return all(v == 1 for v in color)


def cells_to_grid(cells: Iterable[Box], bbox: Box) -> Grid:
    """Lay cell rectangles on the grid that their edges make."""
    boxes = list(cells)
    xs = _grid_lines([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _grid_lines([b[1] for b in boxes] + [b[3] for b in boxes])
    owner: dict[Position, Position] = {}
    for x0, top, x1, bottom in boxes:
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), (r0, c0))
    return Grid(bbox, xs, ys, owner)


def _grid_lines(values: list[float]) -> tuple[float, ...]:
    lines: list[float] = []
    for v in sorted(values):
        if not lines or v - lines[-1] > _SAME_LINE:
            lines.append(v)
    return tuple(lines)


def _nearest(lines: Sequence[float], v: float) -> int:
    i = bisect_left(lines, v)
    if i == len(lines) or (i > 0 and v - lines[i - 1] < lines[i] - v):
        return i - 1
    return i


def deal_glyphs(
    glyphs: Iterable[Glyph], grids: Sequence[Grid]
) -> tuple[list[dict[Position, list[Glyph]]], list[Glyph]]:
    """Each glyph to the cell its centre lies in: per grid, cell to glyphs; and the rest."""
    dealt: list[dict[Position, list[Glyph]]] = [{} for _ in grids]
    loose: list[Glyph] = []
    for g in glyphs:
        placed = _place(g, grids)
        if placed is None:
            loose.append(g)
        else:
            index, cell = placed
            dealt[index].setdefault(cell, []).append(g)
    return dealt, loose


def _place(g: Glyph, grids: Sequence[Grid]) -> tuple[int, Position] | None:
    x, y = g.mid_x, g.mid_y
    for index, grid in enumerate(grids):
        x0, top, x1, bottom = grid.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        pos = (bisect_right(grid.ys, y) - 1, bisect_right(grid.xs, x) - 1)
        cell = grid.owner.get(pos)
        if cell is not None:
            return index, cell
    return None


def grid_slots(grid: Grid, glyphs: dict[Position, list[Glyph]]) -> tuple[tuple[Slot, ...], ...]:
    """The table's rows: a cell's text at its top-left position, ``COVERED`` at the others,
    "" where no cell is."""
    rows, cols = grid.shape
    return tuple(tuple(_slot(grid, (r, c), glyphs) for c in range(cols)) for r in range(rows))


def _slot(grid: Grid, pos: Position, glyphs: dict[Position, list[Glyph]]) -> Slot:
    cell = grid.owner.get(pos)
    if cell is None:
        return ""
    if cell != pos:
        return COVERED
    lines = glyphs_to_lines(glyphs.get(pos, ()))
    return join_wrapped(line_text(line, split_wide=False) for line in lines)
