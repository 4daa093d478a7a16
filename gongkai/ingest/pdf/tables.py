"""Ruled tables: their grid from the drawn lines, and each cell's text from its glyphs.

``cells`` finds the cells (rectangles enclosed by ruling lines). Here they are laid on
one grid per table so that a merged cell occupies several positions: its text goes to
the top-left one and the rest are ``COVERED``. Glyphs are dealt to cells by their centre,
so each character is read once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongkai.ingest.pdf.cells import Box, Edge, tables_of
from gongkai.ingest.pdf.glyphs import Glyph, glyphs_to_lines, join_wrapped, line_text

Slot = str | None
COVERED: Slot = None  # a position that a merged cell spans
Position = tuple[int, int]  # row, column; 0-based

# Cell edges closer than this (points) are the same grid line; ``cells`` snaps ruling
# lines within 3 points, so its cells agree far more closely than that.
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


def grids_of(edges: Iterable[Edge]) -> list[Grid]:
    """The ruled tables the rules make, top to bottom, as grids. A grid of a single cell
    is a framed box, not a table: its text is read as running text."""
    grids = []
    for cells in tables_of(edges):
        bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        grid = cells_to_grid(cells, bbox)
        if grid.shape != (1, 1):
            grids.append(grid)
    return grids


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
    if not grids:
        return dealt, list(glyphs)
    for g in glyphs:
        placed = _place((g.x0 + g.x1) / 2, (g.top + g.bottom) / 2, grids)
        if placed is None:
            loose.append(g)
        else:
            index, cell = placed
            dealt[index].setdefault(cell, []).append(g)
    return dealt, loose


def _place(x: float, y: float, grids: Sequence[Grid]) -> tuple[int, Position] | None:
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
