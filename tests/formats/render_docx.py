"""Write a small document as a Word file, for round-trip tests of the Word adapter.

A block is a paragraph (str) or a table (a grid of cell strings). ``merges`` maps the
index of a table block to its merged regions, each ``(row, col, rowspan, colspan)``,
0-based; python-docx merges them as Word does (w:gridSpan, w:vMerge), and only the
region's top-left text is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docx

from tests.formats.render_html import Block, Merge, covered_positions


def render_docx(
    blocks: list[Block],
    path: Path,
    *,
    merges: Mapping[int, Sequence[Merge]] | None = None,
) -> None:
    """Write ``blocks`` to ``path`` as a .docx: paragraphs and gridded tables, in order."""
    document = docx.Document()
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            _add_table(document, block, (merges or {}).get(i, ()))
    document.save(str(path))


def _add_table(document: Any, grid: list[list[str]], merges: Sequence[Merge]) -> None:
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for row, col, rowspan, colspan in merges:
        table.cell(row, col).merge(table.cell(row + rowspan - 1, col + colspan - 1))
    covered = covered_positions(merges)
    for r, cells in enumerate(grid):
        for c, text in enumerate(cells):
            if (r, c) not in covered:
                table.cell(r, c).text = text
