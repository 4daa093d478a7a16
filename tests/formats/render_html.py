"""Write a small document as a web page, for round-trip tests of the HTML adapter.

A block is a paragraph (str) or a table (a grid of cell strings). ``merges`` maps the
index of a table block to its merged regions, each ``(row, col, rowspan, colspan)``,
0-based: the region's top-left text is written with rowspan/colspan, the text of the
positions it covers is not written at all (as in real pages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Literal

from hypothesis import strategies as st

from gongkai.ingest.layout import Layout

Block = str | list[list[str]]
Merge = tuple[int, int, int, int]
# How a cell's text is marked up: bare, in a <p> (as the TRS editor writes it), or one
# <span> per character on lines of their own (as Word's HTML export splits figures).
CellStyle = Literal["plain", "p", "spans"]


def render_html(
    blocks: list[Block],
    path: Path,
    *,
    merges: Mapping[int, Sequence[Merge]] | None = None,
    title: str | None = None,
    cell_style: CellStyle = "plain",
) -> None:
    """Write ``blocks`` to ``path`` as a UTF-8 page: <p> paragraphs, bordered tables."""
    parts = []
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            parts.append(f"<p>{escape(block)}</p>")
        else:
            parts.append(_table(block, (merges or {}).get(i, ()), cell_style))
    head = f"<title>{escape(title)}</title>" if title else ""
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"{head}</head>\n<body>\n{chr(10).join(parts)}\n</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")


def covered_positions(merges: Sequence[Merge]) -> set[tuple[int, int]]:
    """The positions merged regions cover, their top-left positions excepted."""
    return {
        (row + dr, col + dc)
        for row, col, rowspan, colspan in merges
        for dr in range(rowspan)
        for dc in range(colspan)
        if dr or dc
    }


def _table(grid: list[list[str]], merges: Sequence[Merge], style: CellStyle) -> str:
    covered = covered_positions(merges)
    spans = {(row, col): (rowspan, colspan) for row, col, rowspan, colspan in merges}
    rows = []
    for r, cells in enumerate(grid):
        tds = []
        for c, text in enumerate(cells):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                f' colspan="{colspan}"' if colspan > 1 else ""
            )
            tds.append(f"<td{attrs}>{_cell(text, style)}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    body = "\n".join(rows)
    return f'<table border="1" cellspacing="0">\n<tbody>\n{body}\n</tbody>\n</table>'


def _cell(text: str, style: CellStyle) -> str:
    if style == "p":
        return f"<p>{escape(text)}</p>"
    if style == "spans":
        spans = "\n  ".join(f"<span>{escape(ch)}</span>" for ch in text)
        return f"<p>\n  {spans}\n</p>"
    return escape(text)


# ---- Random documents for the round-trip property tests ------------------------------

_LABEL_CHARS = "申请公开政府信息本年新收上结转予以部分不处理其他总计自然人法律机构（）一二三四、.“”"
_cell_texts = st.one_of(
    st.text(alphabet=_LABEL_CHARS, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.just(""),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[str]], list[Merge]]:
    """A grid of Chinese labels, figures and blanks, with non-overlapping merged regions."""
    height = draw(st.integers(min_value=1, max_value=7))
    width = draw(st.integers(min_value=1, max_value=6))
    grid = [[draw(_cell_texts) for _ in range(width)] for _ in range(height)]
    merges: list[Merge] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        row = draw(st.integers(min_value=0, max_value=height - 1))
        col = draw(st.integers(min_value=0, max_value=width - 1))
        rowspan = draw(st.integers(min_value=1, max_value=height - row))
        colspan = draw(st.integers(min_value=1, max_value=width - col))
        region = {(row + i, col + j) for i in range(rowspan) for j in range(colspan)}
        if len(region) > 1 and not region & taken:
            taken |= region
            merges.append((row, col, rowspan, colspan))
    return grid, merges


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Block], dict[int, list[Merge]]]:
    """Paragraphs and tables in random order, with each table's merged regions."""
    blocks: list[Block] = []
    merges: dict[int, list[Merge]] = {}
    for i in range(draw(st.integers(min_value=1, max_value=4))):
        if draw(st.booleans()):
            blocks.append(draw(st.text(alphabet=_LABEL_CHARS, min_size=1, max_size=30)))
        else:
            grid, merges[i] = draw(tables())
            blocks.append(grid)
    return blocks, merges


def expected_cells(grid: list[list[str]], merges: Sequence[Merge]) -> list[list[tuple[str, bool]]]:
    """What an adapter should read back: (text, merged) per position, covered ones empty."""
    covered = covered_positions(merges)
    return [
        [("", True) if (r, c) in covered else (text, False) for c, text in enumerate(cells)]
        for r, cells in enumerate(grid)
    ]


def read_back(layout: Layout) -> list[str | list[list[tuple[str, bool]]]]:
    """A layout as blocks again: text rows as str, each table as (text, merged) rows."""
    out: list[str | list[list[tuple[str, bool]]]] = []
    table = None
    for row in layout.rows:
        if not row.delimited:
            out.append(row.text)
            table = None
            continue
        number = row.cells[0].where.table
        if number != table:
            out.append([])
            table = number
        grid = out[-1]
        assert isinstance(grid, list)
        grid.append([(cell.text, cell.merged) for cell in row.cells])
    return out
