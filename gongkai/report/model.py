"""The typed model of one annual report, with JSON in and out and a JSON Schema."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gongkai.catalogue.forms import Template

# A count, or a decimal amount in 万元 for the money cells.
CellValue = int | float
# A cell as read: its value, or None for a cell the report prints blank (blank is not 0,
# and not "not found": a cell not found is absent from ``Report.cells``).
CellEntry = CellValue | None


class Provenance(BaseModel):
    """Where one cell's value was printed."""

    model_config = ConfigDict(frozen=True)

    file: str
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    text: str = Field(description="the text as printed, before any conversion")
    ocr: float | None = Field(
        default=None,
        description="read by OCR from a page image: the engine's confidence, 0 to 1 "
        "(absent or null: the text was in the file)",
    )


class ReportWarning(BaseModel):
    """Something the reader wants a person to look at. ``code`` is stable; ``message`` is Chinese."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    cells: tuple[str, ...] = ()
    digits: str | None = Field(
        default=None,
        description="split_ambiguous: the run-together digits as printed (tokens separated"
        " by a space), which ``cells`` share in order",
    )


class Report(BaseModel):
    """One annual report as read from one file."""

    model_config = ConfigDict(frozen=True)

    source: str
    agency: str | None = None
    year: int | None = Field(default=None, description="the report year, not the publication year")
    template: Template
    cells: dict[str, CellEntry] = Field(
        default_factory=dict,
        description="cell id → value as printed; null: printed blank (not 0); absent: not read",
    )
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    warnings: tuple[ReportWarning, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """A plain dict ready for ``json.dumps``."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, text: str) -> Report:
        """Read a report back from its JSON form (raises pydantic.ValidationError)."""
        return cls.model_validate_json(text)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of a report."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://gongkai.example/schema/report.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
