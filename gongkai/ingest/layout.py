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


@dataclass(frozen=True, slots=True)
class Where:
    """Where a piece of text sits in its file. All numbers are 1-based; None: not known."""

    file: str
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


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
