"""Hand-checked answers (``NAME.gold.json``, format in ``shared/spec/cells.md``) and scoring.

A gold file sits beside the report it answers. Scoring compares what a reader read with
the gold cell by cell; it is used by ``gongkai corpus`` and ``bench/accuracy.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.catalogue.forms import Template, is_money
from gongkai.report.model import CellEntry, CellValue, Report

GOLD_SUFFIX = ".gold.json"

# Money cells are decimals in 万元; two readings that differ by less than this are the same.
MONEY_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Gold:
    """The answer for one report. ``year`` None: the gold gives no year.

    ``cells``: every cell the report prints, None for one printed blank;
    ``undetermined``: cells the file prints but cannot settle (a reader must leave them
    out and name them in a warning), with the value of the original page for information.
    """

    source: str
    agency: str | None
    year: int | None
    template: Template
    cells: dict[str, CellEntry]
    undetermined: dict[str, CellValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Score:
    """How a read report compares with its gold.

    ``exact``: ids read with the gold's value (a blank cell read as blank, None);
    ``in_gold``: ids the gold has in ``cells``; ``read``: ids read;
    ``spurious``: ids read that the gold does not have in ``cells`` (an undetermined cell
    read is spurious: its value is a guess); ``wrong``: ids in both whose values differ;
    ``missed``: gold ids not read; ``undetermined``: how many undetermined cells the gold
    names; ``unwarned``: undetermined cells left out but named in no warning.
    ``agency_ok`` is True when the gold gives no agency.
    """

    exact: int
    in_gold: int
    read: int
    spurious: tuple[str, ...]
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    year_ok: bool
    template_ok: bool
    agency_ok: bool = True
    undetermined: int = 0
    unwarned: tuple[str, ...] = ()

    @property
    def perfect(self) -> bool:
        """Every gold cell exact, nothing more read, undetermined cells left out and
        named, agency, year and template right."""
        return (
            self.exact == self.in_gold
            and not self.spurious
            and not self.unwarned
            and self.agency_ok
            and self.year_ok
            and self.template_ok
        )


def gold_path(report_path: Path) -> Path:
    """Where the gold of a report file would be: ``NAME.gold.json`` beside ``NAME.ext``."""
    return report_path.with_name(report_path.stem + GOLD_SUFFIX)


def is_gold_file(path: Path) -> bool:
    return path.name.endswith(GOLD_SUFFIX)


def load_gold(path: Path) -> Gold:
    """Read one gold file.

    A cell whose value is null was printed blank: a reader must give it as None too.
    Raises OSError, ValueError (bad JSON, unknown template, a value that is no number)
    or KeyError (a required key missing).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    cells = {k: _entry(k, v) for k, v in data["cells"].items()}
    undetermined = {k: _entry(k, v) for k, v in data.get("undetermined", {}).items()}
    return Gold(
        source=data["source"],
        agency=data.get("agency"),
        year=data.get("year"),
        template=Template(data["template"]),
        cells=cells,
        undetermined={k: v for k, v in undetermined.items() if v is not None},
    )


def _entry(cell_id: str, value: object) -> CellEntry:
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{cell_id}: {value!r} is neither a number nor null")


def same_value(cell_id: str, read: CellEntry, gold: CellEntry) -> bool:
    """Equal counts; money within ``MONEY_TOLERANCE`` 万元; blank (None) equals only blank."""
    if read is None or gold is None:
        return read is None and gold is None
    if is_money(cell_id):
        return abs(float(read) - float(gold)) <= MONEY_TOLERANCE
    return read == gold


def score(report: Report, gold: Gold) -> Score:
    """Compare a read report with its gold, cell by cell."""
    read_ids = set(report.cells)
    gold_ids = set(gold.cells)
    both = read_ids & gold_ids
    wrong = sorted(i for i in both if not same_value(i, report.cells[i], gold.cells[i]))
    warned = {c for w in report.warnings for c in w.cells}
    left_out = set(gold.undetermined) - read_ids
    return Score(
        exact=len(both) - len(wrong),
        in_gold=len(gold_ids),
        read=len(read_ids),
        spurious=tuple(sorted(read_ids - gold_ids)),
        wrong=tuple(wrong),
        missed=tuple(sorted(gold_ids - read_ids)),
        year_ok=report.year == gold.year,
        template_ok=report.template == gold.template,
        agency_ok=gold.agency is None or report.agency == gold.agency,
        undetermined=len(gold.undetermined),
        unwarned=tuple(sorted(left_out - warned)),
    )
