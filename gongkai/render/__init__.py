"""Rendering an annual report in the national form's official layout: .docx, HTML and PDF.

Framework-free: give it a ``FormReport`` (agency, year, template, cells in the catalogue's ids,
section texts) and it returns bytes or text. ``layout`` holds the three tables as data (cells
with their merged regions, exactly as the blank national forms print them); each format's
module only draws that layout.
"""

from gongkai.render.docx import render_docx, render_tables_docx
from gongkai.render.html import render_html, render_tables_html
from gongkai.render.model import SECTION_TITLES, Fonts, FormReport, Section
from gongkai.render.pdf import render_pdf

__all__ = [
    "SECTION_TITLES",
    "Fonts",
    "FormReport",
    "Section",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_tables_docx",
    "render_tables_html",
]
