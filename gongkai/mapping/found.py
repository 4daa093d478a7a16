"""What the mapper has found so far: cells with their provenance, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.catalogue.forms import is_money
from gongkai.mapping.tokens import Token
from gongkai.mapping.values import parse_value
from gongkai.report.model import CellEntry, Provenance, ReportWarning


@dataclass(slots=True)
class Found:
    cells: dict[str, CellEntry] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[ReportWarning] = field(default_factory=list)

    def warn(
        self, code: str, message: str, cells: tuple[str, ...] = (), digits: str | None = None
    ) -> None:
        self.warnings.append(ReportWarning(code=code, message=message, cells=cells, digits=digits))

    def put(self, cell_id: str, token: Token) -> None:
        """Record one printed value. A blank cell is recorded as None (blank is not 0)
        and noted; a value already read for the cell is kept and the second one reported."""
        value: CellEntry = None
        if token.blank:
            if cell_id in self.cells or token.padding:
                return  # a blank printed again says nothing new; padding was never printed
            self.warn("blank_cell", f"{cell_id} 为空白单元格，记为空白（不按 0 计）", (cell_id,))
        else:
            parsed = parse_value(token.text, money=is_money(cell_id))
            if parsed.value is None:
                self.warn("bad_value", f"{cell_id}：{parsed.note}", (cell_id,))
                return
            if parsed.note:
                self.warn("unit_converted", f"{cell_id}：{parsed.note}", (cell_id,))
            value = parsed.value
        if cell_id in self.cells:
            self.warn(
                "duplicate_cell",
                f"{cell_id} 出现两次（{self.provenance[cell_id].text} 与 {token.text}），保留第一次",
                (cell_id,),
            )
            return
        w = token.where
        self.cells[cell_id] = value
        self.provenance[cell_id] = Provenance(
            file=w.file,
            page=w.page,
            line=w.line,
            table=w.table,
            row=w.row,
            col=w.col,
            text=token.text,
            ocr=w.ocr,
        )
