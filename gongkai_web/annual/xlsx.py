"""Tables 3 and 4 as an Excel workbook in the form's layout (merged heads as printed), one
sheet each; the numbers as numbers, so a 公开办 can check the sums in Excel."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _cell(ws: Any, row: int, col: int, value: Any, span: tuple[int, int] = (1, 1)) -> None:
    ws.cell(row=row, column=col, value=value)
    rows, cols = span
    if rows > 1 or cols > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1
        )
    for r in range(row, row + rows):
        for c in range(col, col + cols):
            ws.cell(row=r, column=c).border = BOX
            ws.cell(row=r, column=c).alignment = CENTER


def workbook(
    title: str,
    t3_rows: list[dict[str, Any]],
    t3_people: list[str],
    t4_columns: list[str],
    t4_suits: list[str],
    t4_values: list[int],
) -> bytes:
    """The workbook's bytes. ``t3_rows``: the tables page's rows (heads with their row and
    column spans, values); the other arguments as the page has them."""
    book = Workbook()
    t3 = book.active
    t3.title = "表三"
    t3.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    t3.cell(row=2, column=1, value="三、收到和处理政府信息公开申请情况").font = Font(bold=True)
    top = 3
    _cell(t3, top, 1, T3_CORNER, (3, 3))
    _cell(t3, top, 4, "申请人情况", (1, 7))
    _cell(t3, top + 1, 4, "自然人", (2, 1))
    _cell(t3, top + 1, 5, "法人或其他组织", (1, 5))
    _cell(t3, top + 1, 10, "总计", (2, 1))
    for i, label in enumerate(t3_people):
        _cell(t3, top + 2, 5 + i, label)
    row = top + 3
    for r in t3_rows:
        col = 4 - sum(colspan for _, _, colspan in r["heads"])
        for text, rowspan, colspan in r["heads"]:
            _cell(t3, row, col, text, (rowspan, colspan))
            if rowspan == 1 and colspan >= 1:
                t3.cell(row=row, column=col).alignment = LEFT
            col += colspan
        for i, (value, _) in enumerate(r["values"]):
            _cell(t3, row, 4 + i, value)
        row += 1
    for col, width in zip(range(1, 11), (10, 12, 30, 8, 9, 9, 11, 11, 8, 8), strict=True):
        t3.column_dimensions[get_column_letter(col)].width = width

    t4 = book.create_sheet("表四")
    t4.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    t4.cell(row=2, column=1, value="四、政府信息公开行政复议、行政诉讼情况").font = Font(bold=True)
    _cell(t4, 3, 1, "行政复议", (1, 5))
    _cell(t4, 3, 6, "行政诉讼", (1, 10))
    for i, label in enumerate(t4_columns):
        _cell(t4, 4, 1 + i, label, (2, 1))
    for s, suit in enumerate(t4_suits):
        _cell(t4, 4, 6 + 5 * s, suit, (1, 5))
        for i, label in enumerate(t4_columns):
            _cell(t4, 5, 6 + 5 * s + i, label)
    for i, value in enumerate(t4_values):
        _cell(t4, 6, 1 + i, value)
    for col in range(1, 16):
        t4.column_dimensions[get_column_letter(col)].width = 9
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
