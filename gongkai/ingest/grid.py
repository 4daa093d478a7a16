"""Tables as rectangular grids, shared by the adapters whose sources draw real tables.

An adapter describes a table as rows of slots: a string is a cell's text at its
top-left position, ``COVERED`` (None) a position that a merged cell spans. HTML gives
spans as rowspan/colspan, which ``expand_spans`` turns into slots; Word marks covered
positions itself. ``table_rows`` pads the slots to a rectangle and makes layout rows.

Cell text is cleaned here too, so that the HTML and Word adapters agree on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Cell, Row, Where

Slot = str | None
COVERED: Slot = None

# The HTML table model's own limits (WHATWG 4.9.11): larger values are clamped. Word's
# w:gridSpan is clamped to the same 1000 (Word itself allows 63 columns).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
# Grid positions (merged ones included) of all the tables of one document. The national
# form's three tables have about 500; a page of layout tables a few thousand. A file past
# this is refused rather than laid out: spans can make a small file a huge grid.
MAX_GRID_CELLS = 200_000


class GridBudget:
    """Counts the grid positions one document's tables take, refusing the file past
    MAX_GRID_CELLS (or ``limit``) before the positions are made."""

    def __init__(self, name: str, limit: int = MAX_GRID_CELLS) -> None:
        self.name = name
        self.limit = limit
        self.used = 0

    def take(self, count: int) -> None:
        """Account for ``count`` more positions. Raises UnreadableFile past the limit."""
        self.used += count
        if self.used > self.limit:
            raise UnreadableFile(
                self.name,
                f"表格过大：合并单元格展开后超过 {self.limit} 格（文件可能已损坏或被恶意构造）",
            )


# White space that str.split() does not know: zero-width spaces and the BOM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CJK = (
    r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
# A space next to a CJK character is an artefact of line wrapping in the source:
# Chinese text puts no spaces between words.
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class SpanCell:
    """A cell as HTML writes it: its text and how many rows and columns it spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class TableRows:
    """Consecutive rows of one table; ``first_row`` is the 1-based row of ``slots[0]``.

    A table that holds a nested table is cut in two around it, so that the nested
    table's rows come in document order; both parts keep the table's number.
    """

    number: int
    first_row: int
    slots: tuple[tuple[Slot, ...], ...]


Inner = TypeVar("Inner")
Block = TypeVar("Block")


def cut_around_nested(
    number: int,
    slots: Sequence[tuple[Slot, ...]],
    nested: Sequence[Sequence[Inner]],
    walk: Callable[[Inner], Iterator[Block]],
) -> Iterator[TableRows | Block]:
    """A table's rows in parts, each row that holds nested tables followed by what
    ``walk`` makes of them, so that every row comes in document order.
    ``nested[i]``: the tables nested in row i."""
    start = 0
    for i, inner in enumerate(nested):
        if not inner:
            continue
        yield TableRows(number, start + 1, tuple(slots[start : i + 1]))
        start = i + 1
        for table in inner:
            yield from walk(table)
    if start < len(slots):
        yield TableRows(number, start + 1, tuple(slots[start:]))


def clean_text(text: str) -> str:
    """Collapse white space (non-breaking and ideographic spaces included) and trim it.

    Spaces next to CJK characters are dropped.
    """
    collapsed = " ".join(_INVISIBLE.sub("", text).split())
    return _SPACE_BY_CJK.sub("", collapsed)


def join_lines(lines: Iterable[str]) -> str:
    """Join the cleaned lines of one cell or paragraph.

    Nothing goes between them unless both neighbours are ASCII letters or digits: a
    label broken over lines ("结果" / "纠正") must read as one word, while "2" / "0"
    on two lines stays two figures.
    """
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def expand_spans(
    rows: Sequence[Sequence[SpanCell]], budget: GridBudget | None = None
) -> list[list[Slot]]:
    """Lay HTML-style cells out on a grid, following the HTML table model.

    Each cell takes the first free column of its row; its text goes to the top-left
    position of its span and ``COVERED`` to the others. A rowspan is clamped to the
    table's last row (rowspan 0 means "to the end"). Where cells overlap (a malformed
    table) the earlier cell keeps the position. Rows are not padded: see ``table_rows``.
    Each span is counted in ``budget`` (UnreadableFile past it) before it is laid out.
    """
    height = len(rows)
    grid: list[dict[int, Slot]] = [{} for _ in range(height)]
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while col in grid[r]:
                col += 1
            colspan = min(max(cell.colspan, 1), MAX_COLSPAN)
            rowspan = cell.rowspan if cell.rowspan > 0 else height - r
            rowspan = min(rowspan, MAX_ROWSPAN, height - r)
            if budget is not None:
                budget.take(rowspan * colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    slot = cell.text if dr == 0 and dc == 0 else COVERED
                    grid[r + dr].setdefault(col + dc, slot)
            col += colspan
    return [_row_slots(positions) for positions in grid]


def _row_slots(positions: dict[int, Slot]) -> list[Slot]:
    """A row's slots in column order; a column nothing reached is an empty cell."""
    width = max(positions, default=-1) + 1
    return [positions.get(c, "") for c in range(width)]


def pad_grid(
    slots: Sequence[Sequence[Slot]], width: int = 0, budget: GridBudget | None = None
) -> list[tuple[Slot, ...]]:
    """Pad every row with empty cells to the widest row (or ``width``, if wider).

    The padding is counted in ``budget`` (UnreadableFile past it) before it is made."""
    full = max([width, *(len(row) for row in slots)])
    if budget is not None:
        budget.take(sum(full - len(row) for row in slots))
    return [tuple(row) + ("",) * (full - len(row)) for row in slots]


def table_rows(part: TableRows, file: str) -> list[Row]:
    """Layout rows for part of a table: delimited, covered positions marked merged."""
    rows = []
    for i, slots in enumerate(part.slots):
        row_no = part.first_row + i
        cells = tuple(
            Cell(
                "" if slot is None else slot,
                Where(file, table=part.number, row=row_no, col=c),
                merged=slot is None,
            )
            for c, slot in enumerate(slots, start=1)
        )
        rows.append(Row(cells, delimited=True))
    return rows
