"""Render a small document to a real PDF, for round-trip tests of the PDF adapter.

A block is a paragraph (str) or a table (a grid of cell strings), drawn with ruling
lines round every cell. ``merges`` maps the index of a table block to its merged
regions, each ``(row, col, rowspan, colspan)``, 0-based: the region's top-left text is
written with rowspan/colspan, the positions it covers are not written. WeasyPrint lays
it out (HTML to PDF) with a Noto CJK font, so the PDF holds real embedded Chinese text,
as office software writes it.

Needs WeasyPrint and the Debian packages fonts-noto-cjk, libpango-1.0-0,
libpangoft2-1.0-0 and libharfbuzz-subset0 (without the last, font subsetting is slow).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

Block = str | list[list[str]]
Merge = tuple[int, int, int, int]

_STYLE = """
@page {{ size: A4; margin: 2.5cm 2cm; {footer} }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; }}
p {{ margin: 0 0 6pt 0; }}
table {{ border-collapse: collapse; margin: 6pt 0; }}
td {{ border: 0.75pt solid black; padding: 3pt 5pt; }}
"""


def render_pdf(
    blocks: list[Block],
    path: Path,
    *,
    footer: str | None = None,
    header_rows: int = 0,
    merges: Mapping[int, Sequence[Merge]] | None = None,
) -> None:
    """Write ``blocks`` (paragraphs and tables, in order) to ``path`` as a PDF.

    ``footer``: a CSS ``content`` value printed at the foot of every page, such as
    ``"- " counter(page) " -"``. ``header_rows``: that many first rows of each table form
    its head, which WeasyPrint repeats on every page the table runs on to.
    """
    from weasyprint import HTML  # imported here: only the round-trip tests need it

    html = document_html(blocks, footer=footer, header_rows=header_rows, merges=merges or {})
    HTML(string=html).write_pdf(path)


def document_html(
    blocks: list[Block],
    *,
    footer: str | None,
    header_rows: int,
    merges: Mapping[int, Sequence[Merge]],
) -> str:
    parts = []
    for index, block in enumerate(blocks):
        if isinstance(block, str):
            parts.append(f"<p>{escape(block)}</p>")
            continue
        trs = _table_rows(block, merges.get(index, ()))
        head, body = "".join(trs[:header_rows]), "".join(trs[header_rows:])
        parts.append(f"<table><thead>{head}</thead><tbody>{body}</tbody></table>")
    page_footer = f"@bottom-center {{ content: {footer}; }}" if footer else ""
    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
        f"<style>{_STYLE.format(footer=page_footer)}</style><body>{''.join(parts)}</body></html>"
    )


def _table_rows(grid: list[list[str]], merges: Sequence[Merge]) -> list[str]:
    spans = {(r, c): (rs, cs) for r, c, rs, cs in merges}
    covered = {
        (r + dr, c + dc)
        for r, c, rs, cs in merges
        for dr in range(rs)
        for dc in range(cs)
        if dr or dc
    }
    rows = []
    for r, row in enumerate(grid):
        tds = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            tds.append(f'<td rowspan="{rs}" colspan="{cs}">{escape(text)}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return rows
