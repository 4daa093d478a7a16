"""The report as PDF: WeasyPrint prints the HTML rendering, embedding (subsets of) the fonts.

WeasyPrint is imported when a PDF is asked for: reading, auditing and the other formats
work without it. It needs the Debian packages that scripts/setup installs (pango,
harfbuzz-subset, fonts-noto-cjk).
"""

from __future__ import annotations

from gongkai.errors import RenderError
from gongkai.render.html import render_html
from gongkai.render.model import Fonts, FormReport


def html_to_pdf(html: str) -> bytes:
    """Print a page to PDF bytes. Raises RenderError when WeasyPrint is missing."""
    try:
        from weasyprint import HTML
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RenderError("无法生成 PDF：未安装 WeasyPrint（请运行 scripts/setup）") from exc
    pdf = HTML(string=html).write_pdf()
    if not isinstance(pdf, bytes):  # pragma: no cover - WeasyPrint returns bytes without a target
        raise RenderError("无法生成 PDF：排版引擎没有返回文件内容")
    return pdf


def render_pdf(report: FormReport, fonts: Fonts | None = None) -> bytes:
    """The whole report as PDF bytes, GB/T 9704 page set-up, fonts embedded."""
    return html_to_pdf(render_html(report, fonts))
