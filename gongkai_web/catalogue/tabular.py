"""Reading an uploaded table (CSV or XLSX) into rows of text keyed by header, with the row
number a person sees in the file. Bounded: at most MAX_BYTES and MAX_ROWS."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from gongkai_web.catalogue.errors import CatalogueError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
Row = tuple[int, dict[str, str]]  # (row number in the file, header → text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueError("无法识别 CSV 文件的编码：请另存为 UTF-8 或 GB18030 编码")


def _grid(name: str, data: bytes) -> list[list[str]]:
    ext = Path(name).suffix.lower()
    if ext == ".csv":
        return [[_text(c) for c in row] for row in csv.reader(io.StringIO(_decode(data)))]
    if ext == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise CatalogueError("无法读取 XLSX 文件：文件已损坏或不是 Excel 工作簿") from None
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_text(c) for c in row])
            if len(rows) > MAX_ROWS + 1:
                break
        book.close()
        return rows
    raise CatalogueError(f"不支持的文件类型“{ext or '无扩展名'}”：请上传 .csv 或 .xlsx 文件")


def read_table(name: str, data: bytes) -> tuple[list[str], list[Row]]:
    """Headers and non-empty rows of the file's first sheet. Raises CatalogueError for a file
    too big, unreadable, empty or with too many rows."""
    if len(data) > MAX_BYTES:
        raise CatalogueError(f"文件过大：最大 {MAX_BYTES // (1024 * 1024)} MB")
    grid = _grid(name, data)
    if not grid or not any(grid[0]):
        raise CatalogueError("文件为空：第 1 行应为表头")
    if len(grid) > MAX_ROWS + 1:
        raise CatalogueError(f"行数过多：一次最多导入 {MAX_ROWS} 行")
    headers = [h.strip() for h in grid[0]]
    rows: list[Row] = []
    for number, cells in enumerate(grid[1:], start=2):
        if not any(cells):
            continue
        rows.append(
            (number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h})
        )
    return headers, rows


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    """2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日 (a time after it is ignored)."""
    found = _DATE.match(text.strip().split(" ")[0] if "年" not in text else text.strip())
    if not found:
        raise ValueError(f"日期“{text}”无法识别，应为 2025-03-01 或 2025年3月1日")
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在") from None
