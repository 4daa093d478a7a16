"""Table 2 laid out as the form of its year prints it: row label, then (column label, value)."""

from __future__ import annotations

from typing import Any

from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS
from gongkai_web.catalogue.table2 import Cells, template_for


def table2_rows(cells: Cells, year: int) -> list[dict[str, Any]]:
    template = template_for(year)
    rows = []
    for row in T2_ROWS:
        if template not in row.templates:
            continue
        columns = T2_COLUMNS[(template, row.id)]
        rows.append(
            {
                "id": row.id,
                "label": row.label,
                "cells": [(c.label, cells.get(f"t2.{row.id}.{c.id}")) for c in columns],
            }
        )
    return rows
