"""Random annual reports as documents: title, narrative and the three tables in the
official layout, for end-to-end property tests (render → read_report → same cells)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    is_money,
    t3_row_ids,
)

Block = str | list[list[str]]
_T3_LABELS = {r.id: r.label for r in T3_ROWS}
_GROUP_OF = {
    "disclosed": "三、本年度办理结果",
    "withheld.secret": "（三）不予公开",
    "unavailable.not_held": "（四）无法提供",
    "not_processed.petition": "（五）不予处理",
    "other.no_correction": "（六）其他处理",
}


@st.composite
def reports(draw: st.DrawFn) -> tuple[Template, int, dict[str, int | float]]:
    """A template, a report year, and a value for every cell, obeying the identities and
    the bounds every real table 2 keeps (the reader relies on them to split run-together
    digits): a stock never falls below zero, the total published is not below the new."""
    template = draw(st.sampled_from([Template.T2019, Template.T2021]))
    year = draw(st.integers(2019, 2020) if template is Template.T2019 else st.integers(2021, 2025))
    small = st.integers(0, 60)
    cells: dict[str, int | float] = {}
    for row in T2_ROWS:
        if template not in row.templates:
            continue
        for col in T2_COLUMNS[(template, row.id)]:
            cid = f"t2.{row.id}.{col.id}"
            if is_money(cid):
                cents = draw(st.integers(0, 10_000_000))
                cells[cid] = float(Decimal(cents) / 100)
            elif col.id == "delta":  # a stock never falls below zero: prev + delta >= 0
                prev = int(cells.get(f"t2.{row.id}.prev", 50))
                cells[cid] = draw(st.integers(-min(50, prev), 500))
            elif col.id == "total" and f"t2.{row.id}.published" in cells:
                # the number published in all is at least this year's newly published
                cells[cid] = draw(st.integers(int(cells[f"t2.{row.id}.published"]), 5000))
            else:
                cells[cid] = draw(st.integers(0, 5000))
    rows = t3_row_ids(template)
    results = [r for r in rows if r not in {"new", "carried_in", "results_total", "carried_out"}]
    for col in T3_COLUMNS[:6]:
        for r in [*results, "carried_in", "carried_out"]:
            cells[f"t3.{r}.{col.id}"] = draw(small)
        done = sum(int(cells[f"t3.{r}.{col.id}"]) for r in results)
        cells[f"t3.results_total.{col.id}"] = done
        new = done + int(cells[f"t3.carried_out.{col.id}"]) - int(cells[f"t3.carried_in.{col.id}"])
        if new < 0:
            cells[f"t3.carried_in.{col.id}"] = int(cells[f"t3.carried_in.{col.id}"]) + new
            new = 0
        cells[f"t3.new.{col.id}"] = new
    for r in rows:
        cells[f"t3.{r}.total"] = sum(int(cells[f"t3.{r}.{c.id}"]) for c in T3_COLUMNS[:6])
    for g in T4_GROUPS:
        parts = [draw(st.integers(0, 30)) for _ in range(4)]
        for col, v in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True):
            cells[f"t4.{g.id}.{col.id}"] = v
    return template, year, cells


# How reports print blank cells: the five 法人或其他组织 sub-columns left empty, the
# 总计 column left empty, or blanks scattered over the tables (first columns included).
BLANK_PATTERNS = ("legal_person", "total_column", "scattered")


@st.composite
def reports_with_blanks(
    draw: st.DrawFn,
) -> tuple[Template, int, dict[str, int | float | None]]:
    """A report as ``reports`` draws it, with some cells printed blank (None)."""
    template, year, filled = draw(reports())
    cells: dict[str, int | float | None] = dict(filled)
    pattern = draw(st.sampled_from(BLANK_PATTERNS))
    t3 = [c for c in cells if c.startswith("t3.")]
    if pattern == "legal_person":
        legal = {c.id for c in T3_COLUMNS[1:6]}
        blank = [c for c in t3 if c.rpartition(".")[2] in legal]
    elif pattern == "total_column":
        blank = [c for c in t3 if c.endswith(".total")]
    else:
        blank = draw(st.lists(st.sampled_from(sorted(cells)), min_size=1, max_size=12))
    for cell in blank:
        cells[cell] = None
    return template, year, cells


def show(cell_id: str, value: int | float | None) -> str:
    if value is None:
        return ""
    if is_money(cell_id):
        return f"{Decimal(str(value)):f}"
    return str(value)


def report_blocks(
    template: Template, year: int, cells: Mapping[str, int | float | None]
) -> list[Block]:
    """The document: title, a narrative paragraph, then tables 2, 3 and 4."""
    blocks: list[Block] = [
        f"测试市人民政府{year}年政府信息公开工作年度报告",
        "一、总体情况",
        f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息 120 条。",
        "二、主动公开政府信息情况",
        *table2(template, cells),
        "三、收到和处理政府信息公开申请情况",
        table3(template, cells),
        "四、政府信息公开行政复议、行政诉讼情况",
        table4(cells),
        "五、存在的主要问题及改进情况",
        "工作仍有不足，下一步将继续改进。",
    ]
    return blocks


def table2(template: Template, cells: Mapping[str, int | float | None]) -> list[Block]:
    out: list[Block] = []
    for row in T2_ROWS:
        if template not in row.templates:
            continue
        cols = T2_COLUMNS[(template, row.id)]
        label = (
            "行政规范性文件" if row.id == "normative" and template is Template.T2021 else row.label
        )
        out.append(
            [
                ["信息内容", *(c.label for c in cols)],
                [label, *(show(f"t2.{row.id}.{c.id}", cells[f"t2.{row.id}.{c.id}"]) for c in cols)],
            ]
        )
    return out


def table3(template: Template, cells: Mapping[str, int | float | None]) -> list[list[str]]:
    header = [
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "申请人情况",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    grid = header
    for r in t3_row_ids(template):
        label = _T3_LABELS[r]
        values = [show(f"t3.{r}.{c.id}", cells[f"t3.{r}.{c.id}"]) for c in T3_COLUMNS]
        if "." in r or r in {"disclosed", "partial", "other", "results_total"}:
            grid.append(
                [
                    _GROUP_OF.get(r, ""),
                    label if "." not in r else "",
                    label if "." in r else "",
                    *values,
                ]
            )
        else:
            grid.append([label, "", "", *values])
    return grid


def table4(cells: Mapping[str, int | float | None]) -> list[list[str]]:
    return [
        ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [c.label for c in T4_COLUMNS] * 3,
        [
            show(f"t4.{g.id}.{c.id}", cells[f"t4.{g.id}.{c.id}"])
            for g in T4_GROUPS
            for c in T4_COLUMNS
        ],
    ]


def as_text(blocks: list[Block], style: str) -> str:
    """Plain-text renderings other tools produce: tab, pipe or space separated cells,
    labels wrapped one short line at a time, or everything run together."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
            continue
        for row in block:
            lines.extend(_text_row(row, style))
    return ("" if style == "flat" else "\n").join(lines) + "\n"


def _text_row(row: list[str], style: str) -> list[str]:
    if style == "tab":
        return ["\t".join(row)]
    if style == "pipe":
        return ["| " + " | ".join(row) + " |"]
    labels = "".join(c for c in row if c and not _is_value(c))
    values = [c for c in row if c and _is_value(c)]
    if style == "spaces":
        return [" ".join([labels, *values]).strip()]
    if style == "wrapped":
        pieces = [labels[i : i + 7] for i in range(0, len(labels), 7)]
        return [*pieces, " ".join(values)] if values else pieces
    return [labels + "".join(values)]  # flat


def _is_value(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
