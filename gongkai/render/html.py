"""The report as a web page (the portal's copy, and the source WeasyPrint prints to PDF).

The page is a GB/T 9704 document in CSS: A4, margins 37/26/35/28 mm (版心 156 × 225 mm),
title 二号小标宋, headings 三号黑体, body 三号仿宋, page numbers "— N —" at the foot.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from gongkai.catalogue.forms import Template
from gongkai.render.layout import WIDTHS, FormTable, Kind, table3, table4, tables
from gongkai.render.model import (
    BODY_PT,
    SECTION_TITLES,
    TABLE_PT,
    TITLE_PT,
    CellValue,
    Fonts,
    FormReport,
    Section,
)

# Which table follows which section's text.
_TABLE_OF = {Section.PROACTIVE: 0, Section.APPLICATIONS: 1, Section.REVIEWS: 2}


_PAGE = """
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {number}; font-size: 14pt; }} }}
"""


def _families(names: tuple[str, ...], generic: str) -> str:
    return ", ".join([*(f'"{n}"' for n in names), generic])


def stylesheet(fonts: Fonts, *, page: bool = True) -> str:
    """CSS for the report, scoped under ``.gk-report`` so the portal can embed it;
    ``page``: with the printed page's set-up (@page), for a standalone document."""
    return (
        (_PAGE.format(number=_families(fonts.table, "serif")) if page else "")
        + f"""
.gk-report {{ font-family: {_families(fonts.body, "serif")}; font-size: {BODY_PT}pt;
  line-height: 1.75; color: #000; max-width: 156mm; margin: 0 auto; }}
.gk-report h1 {{ font-family: {_families(fonts.title, "serif")}; font-size: {TITLE_PT}pt;
  font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }}
.gk-report h2 {{ font-family: {_families(fonts.heading, "sans-serif")}; font-size: {BODY_PT}pt;
  font-weight: normal; margin: 0.5em 0 0; text-indent: 2em; }}
.gk-report p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.gk-report p.gk-sign {{ text-align: right; text-indent: 0; }}
.gk-report table {{ border-collapse: collapse; width: 100%; table-layout: fixed;
  margin: 0.5em 0 1em; font-family: {_families(fonts.table, "serif")}; font-size: {TABLE_PT}pt;
  line-height: 1.3; page-break-inside: auto; }}
.gk-report td {{ border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center;
  vertical-align: middle; word-break: break-all; }}
.gk-report td.gk-label {{ text-align: left; }}
.gk-report tr {{ page-break-inside: avoid; }}
"""
        + column_widths()
    )


def table_html(table: FormTable) -> str:
    """One table with rowspan/colspan; header rows in <thead> (repeated on each page)."""
    cols = "<col>" * len(table.widths)  # widths in the stylesheet (no inline styles)
    rows = []
    for cells in table.by_row():
        tds = []
        for cell in cells:
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            if cell.cell_id:
                attrs += f' data-cell="{cell.cell_id}"'
            elif cell.kind is Kind.HEAD and cell.col in (1, 2) and table.name == "table3":
                attrs += ' class="gk-label"'
            tds.append(f"<td{attrs}>{escape(cell.text)}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    head = "".join(rows[: table.header_rows])
    body = "".join(rows[table.header_rows :])
    thead = f"<thead>{head}</thead>" if head else ""
    return f'<table class="gk-{table.name}"><colgroup>{cols}</colgroup>{thead}<tbody>{body}</tbody></table>'


def report_body(report: FormReport) -> str:
    """The report's content (title, six sections with their tables, signature) as HTML."""
    drawn = tables(report.template, report.cells)
    parts = [f"<h1>{escape(report.title)}</h1>"]
    for section, heading in SECTION_TITLES.items():
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts += [f"<p>{escape(p)}</p>" for p in report.paragraphs(section)]
        if section in _TABLE_OF:
            parts.append(table_html(drawn[_TABLE_OF[section]]))
    for line in (report.issuer, report.issued):
        if line:
            parts.append(f'<p class="gk-sign">{escape(line)}</p>')
    return f'<div class="gk-report">{"".join(parts)}</div>'


def column_widths() -> str:
    """The form's column proportions as CSS rules, one per column of each table."""
    rules = []
    for name, widths in WIDTHS.items():
        total = sum(widths)
        rules += [
            f".gk-report table.gk-{name} col:nth-child({i}) {{ width: {w * 100 / total:.2f}%; }}"
            for i, w in enumerate(widths, start=1)
        ]
    return "\n".join(rules) + "\n"


def _page(title: str, body: str, fonts: Fonts) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{stylesheet(fonts)}</style></head>\n"
        f"<body>{body}</body></html>\n"
    )


def render_html(report: FormReport, fonts: Fonts | None = None) -> str:
    """The whole report as a standalone UTF-8 web page."""
    fonts = fonts or Fonts()
    return _page(report.title, report_body(report), fonts)


def render_tables_html(
    template: Template, cells: Mapping[str, CellValue], fonts: Fonts | None = None
) -> str:
    """Just tables 3 and 4 with their section headings, as a standalone page."""
    fonts = fonts or Fonts()
    body = (
        f"<h2>{SECTION_TITLES[Section.APPLICATIONS]}</h2>{table_html(table3(template, cells))}"
        f"<h2>{SECTION_TITLES[Section.REVIEWS]}</h2>{table_html(table4(cells))}"
    )
    return _page("政府信息公开工作年度报告表格", f'<div class="gk-report">{body}</div>', fonts)
