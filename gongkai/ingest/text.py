"""Plain text and markdown, including what other tools extracted from PDF and Word.

Stages: decode → split lines → drop page markers and markdown rules → one row per line.
Pipe-table rows (``| a | b |``) and tab-separated lines keep their cell boundaries
(delimited rows); every other line is running text, which the mapper tokenises.
"""

from __future__ import annotations

import re

from gongkai.errors import UnreadableFile
from gongkai.ingest.decode import decode_with_notes
from gongkai.ingest.layout import MAX_TEXT_CHARS, Cell, Layout, Row, Where, check_size, text_row

# "- 3 -", "— 3 —", "－3－", "第 3 页", "第3页 共7页", "3/7": page furniture inside tables.
_PAGE_MARKER = re.compile(
    r"^\s*(?:[-－—–_]+\s*\d{1,4}\s*[-－—–_]+|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# Matched on the stripped line, so that no two runs of white space meet in the pattern:
# "---" and 20,000 spaces took 10 s when they did (backtracking over every split).
_MD_RULE = re.compile(r"\|?\s*:?-{3,}:?(?:\s*\|\s*:?-{3,}:?)*(?:\s*\|)?\Z")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def read_text(data: bytes, name: str) -> Layout:
    """Read a text or markdown file into rows. Raises UnreadableFile."""
    if len(data) > 4 * MAX_TEXT_CHARS:  # a character takes at most 4 bytes
        raise UnreadableFile(
            name,
            f"文字过多（{len(data)} 字节，超过 {MAX_TEXT_CHARS} 字符的上限），不像一份年度报告",
        )
    decoded = decode_with_notes(data, name)
    text = decoded.text
    check_size(name, rows=0, chars=len(text))
    lines = text.splitlines()  # \r, \x0b, \u2028… end lines too: count what is split
    check_size(name, rows=len(lines), chars=len(text))  # before any row is made
    if not text.strip():
        raise UnreadableFile(name, "文件没有文字内容")
    rows = tuple(lines_to_rows(lines, name))
    return Layout(file=name, rows=rows, notes=decoded.notes)


def lines_to_rows(lines: list[str], name: str) -> list[Row]:
    """One row per meaningful line; page markers, markdown rules and blank lines dropped."""
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _PAGE_MARKER.match(line) or _is_md_rule(line):
            continue
        where = Where(file=name, line=number)
        row = pipe_row(line, where) or tab_row(line, where)
        rows.append(row if row is not None else text_row(_MD_HEADING.sub("", line).strip(), where))
    return rows


def _is_md_rule(line: str) -> bool:
    """A markdown table's rule line ("| --- | :---: |")."""
    stripped = line.strip()
    return not stripped.strip("|-: \t") and bool(_MD_RULE.match(stripped))


def pipe_row(line: str, where: Where) -> Row | None:
    """A markdown table row: ``| a | b |`` (leading and trailing pipes optional, 2+ cells)."""
    stripped = line.strip()
    if stripped.count("|") < 2 or not (stripped.startswith("|") or stripped.endswith("|")):
        return None
    inner = stripped[1:] if stripped.startswith("|") else stripped
    inner = inner[:-1] if inner.endswith("|") else inner
    parts = inner.split("|")
    # Markdown converters pad every row to the widest row with empty cells, so empty
    # cells at the end of a row are padding, not cells printed blank.
    filled = len(parts)
    while filled > 1 and not parts[filled - 1].strip():
        filled -= 1
    return _row(parts, where, filled=filled)


def tab_row(line: str, where: Where) -> Row | None:
    """A tab-separated line (what spreadsheet and Word copies produce)."""
    # A tab at the end counts: "行政强制\t" is a label and an empty (blank) cell.
    if "\t" not in line.rstrip("\r\n") or not line.strip():
        return None
    return _row(line.rstrip("\r\n").split("\t"), where)


def _row(parts: list[str], where: Where, filled: int | None = None) -> Row:
    """Cells of a delimited line; those after the first ``filled`` are padding."""
    cells = tuple(
        Cell(
            part.strip(),
            Where(where.file, line=where.line, col=index),
            padding=filled is not None and index > filled,
        )
        for index, part in enumerate(parts, start=1)
    )
    return Row(cells, delimited=True)
