"""The mapper's entry: a layout from any adapter → a Report."""

from __future__ import annotations

from gongkai.catalogue.forms import T3_COLUMNS, Template, cell_ids, t3_row_ids
from gongkai.catalogue.places import correct_place
from gongkai.catalogue.text import normalise
from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Layout
from gongkai.mapping.found import Found
from gongkai.mapping.meta import report_agency, report_year
from gongkai.mapping.regions import Region, assign_regions
from gongkai.mapping.table2 import map_table2, t2_template
from gongkai.mapping.table3 import data_candidates, map_table3
from gongkai.mapping.table4 import map_table4
from gongkai.mapping.tokens import Item, rows_to_items
from gongkai.report.model import Report

_REPORT_WORDS = ("政府信息公开", "政务公开")


def layout_to_report(layout: Layout) -> Report:
    """Map one file's layout to the model. Raises UnreadableFile for a document that is
    not a 政府信息公开 annual report."""
    lines = [row.text for row in layout.rows]
    text = normalise("".join(lines[:400]))
    items = rows_to_items(layout.rows)
    regions = assign_regions(items)
    by_region: dict[Region, list[Item]] = {r: [] for r in Region}
    for item, region in zip(items, regions, strict=True):
        by_region[region].append(item)
    has_tables = any(by_region[r] for r in (Region.T2, Region.T3, Region.T4))
    if not has_tables and not any(w in text for w in _REPORT_WORDS):
        raise UnreadableFile(
            layout.file, "不是政府信息公开工作年度报告（既无统计表格，也无相关字样）"
        )
    year = report_year(lines)
    found = Found()
    for note in layout.notes:
        found.warn("reader_note", note)
    template = choose_template(by_region, year, has_tables)
    if template is not Template.LEGACY:
        map_table2(by_region[Region.T2], template, found)
        map_table3(by_region[Region.T3], template, found)
        map_table4(by_region[Region.T4], found)
        _warn_missing(found, template)
    ordered = _ordered(found)
    return Report(
        source=layout.file,
        agency=_agency(lines, found),
        year=year,
        template=template,
        cells={k: found.cells[k] for k in ordered},
        provenance={k: found.provenance[k] for k in ordered},
        warnings=tuple(found.warnings),
    )


def _agency(lines: list[str], found: Found) -> str | None:
    """The agency as printed, with a place name OCR misread put right (and said so)."""
    printed = report_agency(lines)
    if printed is None:
        return None
    name = correct_place(printed)
    if name != printed:
        found.warn(
            "agency_corrected",
            f"机关名称印作“{printed}”，其中地名与行政区划名称不符，已按行政区划更正为“{name}”",
        )
    return name


def choose_template(
    by_region: dict[Region, list[Item]], year: int | None, has_tables: bool
) -> Template:
    """Table 2's headers decide; then table 3's 其他处理 rows; then the report year."""
    if not has_tables and (year is None or year < 2019):
        return Template.LEGACY
    from_t2 = t2_template(by_region[Region.T2])
    if from_t2 is not None:
        return from_t2
    named = {c.row for c in data_candidates(by_region[Region.T3])}
    if named & {"other.no_correction", "other.no_fee", "other.other"}:
        return Template.T2021
    if "other" in named:
        return Template.T2019
    if year is not None and year < 2019:
        return Template.LEGACY
    return Template.T2021 if year is None or year >= 2021 else Template.T2019


# Every known id in the forms' order, for a stable order of the output.
_ORDER = {
    cid: i
    for i, cid in enumerate(dict.fromkeys(cell_ids(Template.T2019) + cell_ids(Template.T2021)))
}


def _ordered(found: Found) -> list[str]:
    return sorted(found.cells, key=lambda c: _ORDER.get(c, len(_ORDER)))


def _warn_missing(found: Found, template: Template) -> None:
    """Name every cell of the form the report prints that was not read. The 其他处理
    variant is the one the report printed (a 2021 report may print the 2019 single row)."""
    other = [c for c in found.cells if c.startswith("t3.other.")]
    variant: bool | None = None  # the template's own, when the report printed neither
    if other:
        variant = all(c.count(".") == 2 for c in other)
    rows = t3_row_ids(template, single_other=variant)
    expected = [c for c in cell_ids(template) if not c.startswith("t3.")]
    expected += [f"t3.{r}.{col.id}" for r in rows for col in T3_COLUMNS]
    missing = [c for c in expected if c not in found.cells]
    for table, name in (("t2.", "表二"), ("t3.", "表三"), ("t4.", "表四")):
        ids = tuple(c for c in missing if c.startswith(table))
        if ids:
            shown = "、".join(ids[:8]) + ("等" if len(ids) > 8 else "")
            found.warn("cells_missing", f"{name}有 {len(ids)} 个单元格未能读出：{shown}", ids)
