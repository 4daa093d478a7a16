"""Tables of the national annual-report form (国务院办公厅政府信息与政务公开办公室 2021 年版
格式模板) filled with cell values, as Word: a pure renderer of cells → .docx that the office's
exports and a full report both use.

The form's own blank (``data/national-form-2021-blank.docx``, as published) is the template:
its tables are filled cell by cell, so the layout — merged heads, widths, fonts — is the
national form's exactly. :func:`render_docx` keeps the parts asked for (``"t2"``, ``"t3"``,
``"t4"``: each with its heading) and drops the rest of the blank.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from importlib import resources

from gongkai.catalogue.forms import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids

TEMPLATE = "national-form-2021-blank.docx"
# Table index in the blank, and the heading paragraph that introduces it.
PARTS = {
    "t2": (0, "二、主动公开政府信息情况"),
    "t3": (1, "三、收到和处理政府信息公开申请情况"),
    "t4": (2, "四、政府信息公开行政复议、行政诉讼情况"),
}
T3_FIRST_ROW = 3  # the three heading rows of table 3
T4_VALUE_ROW = 3
# Table 2's value cells: (row, column) in the blank for each cell id.
T2_CELLS = {
    "t2.rules.made": (2, 1),
    "t2.rules.repealed": (2, 2),
    "t2.rules.in_force": (2, 3),
    "t2.normative.made": (3, 1),
    "t2.normative.repealed": (3, 2),
    "t2.normative.in_force": (3, 3),
    "t2.licensing.decisions": (6, 1),
    "t2.penalty.decisions": (9, 1),
    "t2.enforcement.decisions": (10, 1),
    "t2.fee.amount": (13, 1),
}

Value = int | float | None


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _put(cell: object, value: Value) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(_text(value))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _fill_t3(table: object, cells: Mapping[str, Value]) -> None:
    rows = table.rows  # type: ignore[attr-defined]
    for offset, row_id in enumerate(t3_row_ids(Template.T2021)):
        values = rows[T3_FIRST_ROW + offset].cells[-len(T3_COLUMNS) :]
        for cell, col in zip(values, T3_COLUMNS, strict=True):
            _put(cell, cells.get(f"t3.{row_id}.{col.id}"))


def _fill_t4(table: object, cells: Mapping[str, Value]) -> None:
    values = table.rows[T4_VALUE_ROW].cells  # type: ignore[attr-defined]
    ids = [f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS]
    for cell, cell_id in zip(values, ids, strict=True):
        _put(cell, cells.get(cell_id))


def _fill_t2(table: object, cells: Mapping[str, Value]) -> None:
    for cell_id, (r, c) in T2_CELLS.items():
        if cell_id in cells:
            _put(table.rows[r].cells[c], cells[cell_id])  # type: ignore[attr-defined]


def render_docx(
    cells: Mapping[str, Value], title: str, parts: Iterable[str] = ("t3", "t4")
) -> bytes:
    """The form's tables for ``parts`` filled with ``cells`` (catalogue ids → values; a cell
    not given is left blank), under ``title``; the .docx file's bytes.

    Raises ValueError for an unknown part.
    """
    import docx

    wanted = list(parts)
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown form part(s): {unknown}")
    blank = resources.files("gongkai.report") / "data" / TEMPLATE
    document = docx.Document(io.BytesIO(blank.read_bytes()))
    tables = document.tables
    fill = {"t2": _fill_t2, "t3": _fill_t3, "t4": _fill_t4}
    for part in wanted:
        fill[part](tables[PARTS[part][0]], cells)
    _keep_only(document, wanted, title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _keep_only(document: object, wanted: list[str], title: str) -> None:
    """Drop the blank's other sections; the title paragraph says what the document is."""
    body = document.element.body  # type: ignore[attr-defined]
    keep_tables = {document.tables[PARTS[p][0]]._tbl for p in wanted}  # type: ignore[attr-defined]
    headings = {PARTS[p][1] for p in wanted}
    titled = False
    for element in list(body.iterchildren()):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "sectPr" or element in keep_tables:
            continue
        text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
        if tag == "p" and not titled and text.strip():
            _set_text(element, title)
            titled = True
            continue
        if tag == "p" and text.strip() in headings:
            continue
        body.remove(element)


def _set_text(paragraph: object, text: str) -> None:
    runs = [r for r in paragraph.iterchildren() if r.tag.endswith("}r")]  # type: ignore[attr-defined]
    for run in runs[1:]:
        paragraph.remove(run)  # type: ignore[attr-defined]
    texts = [t for t in runs[0].iter() if t.tag.endswith("}t")] if runs else []
    if texts:
        texts[0].text = text
        for t in texts[1:]:
            t.text = ""
