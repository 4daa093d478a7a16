"""From layout rows to items: a label and the values printed after it.

A table row gives one item per label; a line of running text may give several, because
text extracted from web pages can run a whole table into one line
("规章007规范性文件7777166..."). Values are kept as printed; parsing to numbers
happens once the item's cells are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.ingest.layout import Row, Where

# A number as printed: optional sign, digits, optional decimals, optional money unit.
# Thousands may be grouped ("3,119"); a comma between other digits separates cells.
_NUMBER = r"[-－−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:[.．]\d+)?(?:\s*万?元)?"
_NUMBER_RE = re.compile(_NUMBER)
_WHOLE_NUMBER = re.compile(rf"^\s*(?:{_NUMBER})\s*$")
# A number followed by one of these is narrative ("373 条", "2020 年"), not a table value.
# Both are matched at a position (``match(text, pos)``, anchored there), never on a slice:
# slicing the rest of a long line at each number made reading quadratic in its length.
_UNIT_AFTER = re.compile(r"\s*[年月日件条个项人次名家份篇场期页号%％天批户类余多]")
# "1." / "2、" directly before label text: the ordinal of a table row label.
_ORDINAL_AFTER = re.compile(r"[.．、]\s*(?=\D)")
# A cell that is a number with something around it ("13*", "13件", "约13", "13（注）"):
# no plain number, but it holds its column's place. Read as a label, it would let the
# next column's value slide into its place; as a value it fails to parse and is named.
_NEAR_NUMBER = re.compile(
    rf"^\s*(?:约|近|共|计|逾|超过|不足|大约)?\s*(?:{_NUMBER})\s*"
    r"(?:人次|[件个项条次份篇人家户名]|[*＊※#＃△▲☆★]+|[（(][^）)]{0,12}[）)])?\s*$"
)
# Only a short cell is tried: the pattern's runs of white space meet, which costs
# backtracking on long text.
_NEAR_NUMBER_CHARS = 40
# Placeholders some layouts print in an empty cell.
_BLANK_MARKS = {"", "-", "－", "—", "–", "/", "／", "\\"}


@dataclass(frozen=True, slots=True)
class Token:
    """One printed value, or a blank table cell.

    ``run``: digits from running text that may hold several cells run together.
    """

    text: str
    where: Where
    blank: bool = False
    run: bool = False
    padding: bool = False  # blank only because the source padded the row: not recorded


@dataclass(slots=True)
class Item:
    """Label text and the values that follow it."""

    label: str
    values: list[Token] = field(default_factory=list)
    where: Where | None = None
    delimited: bool = False

    @property
    def is_data(self) -> bool:
        return any(not t.blank for t in self.values)

    @property
    def is_blank_row(self) -> bool:
        """A table row that prints cells and leaves every one of them blank."""
        return self.delimited and not self.is_data and any(not t.padding for t in self.values)


def rows_to_items(rows: tuple[Row, ...]) -> list[Item]:
    """Every item of every row, in reading order."""
    items: list[Item] = []
    for row in rows:
        items.extend(delimited_items(row) if row.delimited else text_items(row))
    return join_value_lines(items)


def join_value_lines(items: list[Item]) -> list[Item]:
    """Some extractions print a table row as its label and then one value per line.
    A line holding a single value and nothing else joins the line of text above it,
    together with the single values already joined there."""
    out: list[Item] = []
    joining = False
    for item in items:
        lone = not item.delimited and not item.label.strip() and len(item.values) == 1
        if lone and out and not out[-1].delimited and (joining or not out[-1].values):
            out[-1].values.extend(item.values)
            joining = True
            continue
        joining = False
        out.append(item)
    return out


def is_number(text: str) -> bool:
    return bool(_WHOLE_NUMBER.match(text))


def delimited_items(row: Row) -> list[Item]:
    """Items of a row whose cells the source delimits: a label cell starts a new item
    once the current one has values. Every blank cell keeps its column, those before the
    first value too (a row may start with a blank 自然人 cell); blank cells followed by
    another label cell were the label's own width and are dropped. Blank cells beyond
    the row's columns are trimmed from the front by ``fit_row``."""
    items: list[Item] = []
    current = Item(label="", delimited=True)
    for cell in row.cells:
        if cell.merged:
            continue
        text = cell.text.strip()
        parts = text.split()
        if parts and all(is_number(p) for p in _rejoin_units(parts)):
            current.where = current.where or cell.where
            current.values.extend(
                Token(p, cell.where, run=_looks_run_together(p)) for p in _rejoin_units(parts)
            )
        elif (
            (current.label or current.values)
            and len(text) <= _NEAR_NUMBER_CHARS
            and _NEAR_NUMBER.match(text)
        ):
            current.where = current.where or cell.where
            current.values.append(Token(text, cell.where))
        elif text in _BLANK_MARKS or is_blank_text(text):
            current.values.append(Token(text, cell.where, blank=True, padding=cell.padding))
        else:
            if current.is_data:
                items.append(current)
                current = Item(label="", delimited=True)
            current.values.clear()
            current.label += text
            current.where = current.where or cell.where
    if current.label or current.is_data:
        items.append(current)
    return items


# A table cell with this many digits and nothing between them is taken as cells run
# together (a row flattened into one cell: "10203120001200000"); the form's identities
# then decide whether, and how, it splits (``fit_row``), and nothing is split otherwise.
_RUN_DIGITS = 6


def _looks_run_together(text: str) -> bool:
    return text.isdigit() and len(text) >= _RUN_DIGITS


def is_blank_text(text: str) -> bool:
    """A cell whose text is only spaces of any kind (&nbsp;, the ideographic space)."""
    return not text.replace("\u00a0", "").replace("\u3000", "").replace("\u200b", "").strip()


def _rejoin_units(parts: list[str]) -> list[str]:
    """Put a detached money unit back on its number: ["21.83", "万元"] → ["21.83万元"]."""
    out: list[str] = []
    for part in parts:
        if part in {"万元", "元"} and out:
            out[-1] += part
        else:
            out.append(part)
    return out


def text_items(row: Row) -> list[Item]:
    """Items of a line of running text: label text, then a group of numbers, repeated."""
    cell = row.cells[0]
    text = cell.text
    items: list[Item] = []
    current = Item(label="", where=cell.where)
    pos = 0
    for match in _NUMBER_RE.finditer(text):
        start, end = match.span()
        between = text[pos:start]
        if between.strip() and current.values:
            items.append(current)
            current = Item(label="", where=cell.where)
        if not (current.values and not between.strip()):
            current.label += between
        printed = match.group(0)
        if _UNIT_AFTER.match(text, end):
            current.label += printed
            pos = end
            continue
        if _ORDINAL_AFTER.match(text, end) and "." not in printed and "．" not in printed:
            # "…00000002.其他…": the last digit is the next label's ordinal.
            value, ordinal = printed[:-1], printed[-1]
            if value.strip("-－− "):
                current.values.append(Token(value, cell.where, run=True))
                items.append(current)
                current = Item(label="", where=cell.where)
            current.label += ordinal
            pos = end
            continue
        current.values.append(Token(printed, cell.where, run=True))
        pos = end
    current.label += text[pos:]
    if current.label.strip() or current.values:
        items.append(current)
    return items
