"""What an audit says about a report: findings, and the checks it could not make.

A finding is an error, a warning or a note about one report, with the cells it is about
and the evidence quoted from the source. A check whose operands the report does not give
(a cell left out, a table that could not be read, no report of the year before) is never a
pass and never a failure: it is recorded as ``NotChecked``, listed apart from the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding weighs.

    ``error``: the form's own arithmetic is broken (cells.md, "The identities"), or a count
    is negative. ``warning``: the report contradicts itself, its earlier report, or what
    the law allows. ``info``: something a reader should know (a blank cell, a unit
    converted, a row not printed).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Source text that shows a finding.

    ``quote`` is the text as printed (a cell's value, or the words of a sentence);
    ``context`` is the line or sentence around it, with the quote at ``start``
    (``context[start:start + len(quote)] == quote``), or -1 when the quote could not be
    placed in it. ``cell`` names the catalogue cell the quote is the value of, if any.
    Location numbers are 1-based; None means the source does not give them.
    """

    quote: str
    context: str
    start: int
    file: str
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    cell: str | None = None

    def location(self) -> str:
        """Where the quote is, in Chinese: "第 3 页 表 1 第 4 行 第 2 列"."""
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.table is not None:
            parts.append(f"表 {self.table}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        elif self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.col is not None:
            parts.append(f"第 {self.col} 列")
        return " ".join(parts) or "位置不明"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "quote": self.quote,
            "context": self.context,
            "where": self.location(),
            "file": self.file,
            "page": self.page,
            "line": self.line,
            "table": self.table,
            "row": self.row,
            "col": self.col,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with (or worth knowing about) a report. ``message`` is Chinese and
    names the cells and the numbers; ``cells`` are catalogue ids."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    message: str
    evidence: tuple[Evidence, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "cells": list(self.cells),
            "message": self.message,
            "evidence": [e.to_json_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class NotChecked:
    """A check that could not be made; ``cells`` are the operands the report lacks."""

    rule: str
    cells: tuple[str, ...]
    reason: str

    def to_json_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "cells": list(self.cells), "reason": self.reason}


# ---- what a check function yields, before the registry adds the rule's id and severity


@dataclass(frozen=True, slots=True)
class Flag:
    """What a check flags: the cells, the Chinese message, the evidence."""

    cells: tuple[str, ...]
    message: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Skip:
    """A check could not be made: the missing operands and why."""

    cells: tuple[str, ...]
    reason: str


Outcome = Flag | Skip
