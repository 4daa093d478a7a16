"""Cells the reader left out because their digits ran together ("77132470").

The reader names such cells in a ``split_ambiguous`` warning that carries the printed run
(``ReportWarning.digits``).
No split can be trusted as a value, but every split is a bound: when no way of cutting
the run gives a cell the figure the narrative states, the narrative contradicts what was
printed, whichever split is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gongkai.catalogue.forms import is_money
from gongkai.mapping.values import parse_value
from gongkai.report.model import CellValue, Report

AMBIGUOUS = "split_ambiguous"
_TOKEN = re.compile(r"^(?P<sign>[-－−]?)(?P<digits>\d+)(?P<tail>(?:[.．]\d+)?(?:万?元)?)$")
# Cutting more digits than this is not worth it (2^17 ways at most).
MAX_DIGITS = 18


def printed_run(report: Report, cell: str) -> tuple[str, int, int] | None:
    """The run a left-out cell was printed in: (run, the cell's place, cells in the row)."""
    for warning in report.warnings:
        if warning.code == AMBIGUOUS and cell in warning.cells and warning.digits:
            return warning.digits, warning.cells.index(cell), len(warning.cells)
    return None


def possible_values(report: Report, cell: str) -> frozenset[CellValue] | None:
    """Every value the cell has under some split of its printed run; None when the cell
    was not left out for a run, or the run is too long to cut."""
    found = printed_run(report, cell)
    if found is None:
        return None
    run, place, count = found
    tokens = run.split()
    if sum(len(t) for t in tokens) > MAX_DIGITS or not all(_TOKEN.match(t) for t in tokens):
        return None
    values: set[CellValue] = set()
    for pieces in _splits(tuple(tokens), count):
        parsed = parse_value(pieces[place], money=is_money(cell))
        if parsed.value is not None:
            values.add(parsed.value)
    return frozenset(values)


def _splits(tokens: tuple[str, ...], count: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut the tokens, in order, into ``count`` pieces."""
    if not tokens:
        if count == 0:
            yield ()
        return
    for n in range(1, count - len(tokens) + 2):
        for head in _cuts(tokens[0], n):
            for rest in _splits(tokens[1:], count - n):
                yield head + rest


@lru_cache(maxsize=256)
def _cuts(token: str, pieces: int) -> tuple[tuple[str, ...], ...]:
    """The ways to cut one token into ``pieces`` numbers without leading zeros; the sign
    stays on the first, decimals and unit on the last."""
    match = _TOKEN.match(token)
    if match is None:
        return ()
    sign, digits, tail = match["sign"], match["digits"], match["tail"]
    out: list[tuple[str, ...]] = []

    def cut(start: int, left: int, acc: tuple[str, ...]) -> None:
        if left == 1:
            piece = digits[start:]
            if piece and not (len(piece) > 1 and piece.startswith("0")):
                out.append((*acc, piece))
            return
        for end in range(start + 1, len(digits) - left + 2):
            piece = digits[start:end]
            if len(piece) > 1 and piece.startswith("0"):
                break
            cut(end, left - 1, (*acc, piece))

    cut(0, pieces, ())
    return tuple(
        (sign + p[0], *p[1:-1], p[-1] + tail) if len(p) > 1 else (sign + p[0] + tail,) for p in out
    )
