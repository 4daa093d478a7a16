"""The intermediate form every format adapter produces and the mapper consumes.

A document is a sequence of rows in reading order. A row is either a line of running
text (one cell, ``delimited=False``), or a row whose cell boundaries the source itself
draws (a table row, a tab- or pipe-separated line: ``delimited=True``). Merged table
cells appear once, at the top-left position of their span; the other positions they
cover are empty cells with ``merged=True``. Empty cells are kept so that a blank
table cell keeps its column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.errors import UnreadableFile

# What one document may hold, whatever its format. A real annual report has a few
# thousand lines and under 200,000 characters; these leave a wide margin and keep the
# mapper's work (linear, but not cheap per row) within seconds.
MAX_ROWS = 50_000
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Where:
    """Where a piece of text sits in its file. All numbers are 1-based; None: not known."""

    file: str
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    # Read by OCR from a page image: the engine's confidence (0 to 1) in the least sure
    # character; None: the text was in the file (text layer, markup, plain text).
    ocr: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """``padding``: an empty cell that only fills the row out to the table's width (as
    markdown converters pad rows): it keeps the columns, but was not printed blank."""

    text: str
    where: Where
    merged: bool = False
    padding: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    delimited: bool

    @property
    def text(self) -> str:
        """The row's text with cells joined by a space."""
        return " ".join(c.text for c in self.cells if c.text)


@dataclass(frozen=True, slots=True)
class Layout:
    """What an adapter read from one file."""

    file: str
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = field(default=())  # adapter remarks that become report warnings

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows)


def text_row(text: str, where: Where) -> Row:
    """A row of running text."""
    return Row((Cell(text, where),), delimited=False)


def check_size(name: str, *, rows: int, chars: int) -> None:
    """Refuse a document past MAX_ROWS rows (lines) or MAX_TEXT_CHARS characters.
    Raises UnreadableFile naming the bound."""
    if rows > MAX_ROWS:
        raise UnreadableFile(
            name, f"文本行数过多（{rows} 行，上限 {MAX_ROWS} 行），不像一份年度报告"
        )
    if chars > MAX_TEXT_CHARS:
        raise UnreadableFile(
            name, f"文字过多（{chars} 字符，上限 {MAX_TEXT_CHARS} 字符），不像一份年度报告"
        )


def check_layout(layout: Layout) -> Layout:
    """The layout, if within MAX_ROWS and MAX_TEXT_CHARS. Raises UnreadableFile."""
    chars = sum(len(cell.text) for row in layout.rows for cell in row.cells)
    check_size(layout.file, rows=len(layout.rows), chars=chars)
    return layout
