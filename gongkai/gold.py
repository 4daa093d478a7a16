"""Hand-checked answers (``NAME.gold.json``, format in ``shared/spec/cells.md``) and scoring.

A gold file sits beside the report it answers. Scoring compares what a reader read with
the gold cell by cell; it is used by ``gongkai corpus`` and ``bench/accuracy.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from gongkai.catalogue.forms import Template, is_money
from gongkai.report.model import CellValue, Report

GOLD_SUFFIX = ".gold.json"

# Money cells are decimals in 万元; two readings that differ by less than this are the same.
MONEY_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Gold:
    """The answer for one report. ``year`` None: the gold gives no year."""

    source: str
    agency: str | None
    year: int | None
    template: Template
    cells: dict[str, CellValue]


@dataclass(frozen=True, slots=True)
class Score:
    """How a read report compares with its gold.

    ``exact``: ids read with the gold's value; ``in_gold``: ids the gold has;
    ``read``: ids read; ``spurious``: ids read that the gold does not have;
    ``wrong``: ids in both whose values differ; ``missed``: gold ids not read.
    """

    exact: int
    in_gold: int
    read: int
    spurious: tuple[str, ...]
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    year_ok: bool
    template_ok: bool


def gold_path(report_path: Path) -> Path:
    """Where the gold of a report file would be: ``NAME.gold.json`` beside ``NAME.ext``."""
    return report_path.with_name(report_path.stem + GOLD_SUFFIX)


def is_gold_file(path: Path) -> bool:
    return path.name.endswith(GOLD_SUFFIX)


def load_gold(path: Path) -> Gold:
    """Read one gold file.

    Cells whose value is null (blank in the report) are left out: a reader records a blank
    cell by not reading it. Raises OSError, ValueError (bad JSON, unknown template) or
    KeyError (a required key missing).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    cells = {k: v for k, v in data["cells"].items() if v is not None}
    return Gold(
        source=data["source"],
        agency=data.get("agency"),
        year=data.get("year"),
        template=Template(data["template"]),
        cells=cells,
    )


def same_value(cell_id: str, read: CellValue, gold: CellValue) -> bool:
    """Equal counts; money within ``MONEY_TOLERANCE`` 万元."""
    if is_money(cell_id):
        return abs(float(read) - float(gold)) <= MONEY_TOLERANCE
    return read == gold


def score(report: Report, gold: Gold) -> Score:
    """Compare a read report with its gold, cell by cell."""
    read_ids = set(report.cells)
    gold_ids = set(gold.cells)
    both = read_ids & gold_ids
    wrong = sorted(i for i in both if not same_value(i, report.cells[i], gold.cells[i]))
    return Score(
        exact=len(both) - len(wrong),
        in_gold=len(gold_ids),
        read=len(read_ids),
        spurious=tuple(sorted(read_ids - gold_ids)),
        wrong=tuple(wrong),
        missed=tuple(sorted(gold_ids - read_ids)),
        year_ok=report.year == gold.year,
        template_ok=report.template == gold.template,
    )
