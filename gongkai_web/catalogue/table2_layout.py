"""Table 2 laid out as the form of its year prints it: sections of rows that share a header
(信息内容 and the column labels), each value cell spanning so every section is as wide as the
widest."""

from __future__ import annotations

from typing import Any

from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS
from gongkai_web.catalogue.table2 import Cells, template_for

WIDTH = 3  # the widest section (规章, 规范性文件) has three columns


def table2_rows(cells: Cells, year: int) -> list[dict[str, Any]]:
    template = template_for(year)
    sections: list[dict[str, Any]] = []
    for row in T2_ROWS:
        if template not in row.templates:
            continue
        columns = T2_COLUMNS[(template, row.id)]
        labels = [c.label for c in columns]
        span = WIDTH // len(columns) if WIDTH % len(columns) == 0 else 1
        if not sections or sections[-1]["labels"] != labels:
            sections.append({"labels": labels, "span": span, "rows": []})
        values = [cells.get(f"t2.{row.id}.{c.id}") for c in columns]
        sections[-1]["rows"].append({"id": row.id, "label": row.label, "values": values})
    return sections
