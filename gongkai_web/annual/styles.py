"""The annual report's stylesheet for the site's pages, served as a file (the site's content
security policy allows no inline styles): the renderer's own CSS for the report (one source
for the page, the exported HTML and the PDF) and the rules of the draft's page."""

from __future__ import annotations

from functools import cache

from gongkai.render.html import stylesheet
from gongkai.render.model import Fonts

PAGE_RULES = """
.gk-report { max-width: none; font-size: 12pt; }
.gk-report table { font-size: 10.5pt; }
article.gk-page .gk-report { font-size: 14pt; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
@media (max-width: 700px) {
  .side-by-side { grid-template-columns: 1fr; }
  article.gk-page .gk-report { font-size: 12pt; }
  article.gk-page .gk-report h1 { font-size: 16pt; }
}
.last-year { background: #f6f6f2; padding: .5rem .75rem; white-space: pre-wrap; font-size: .95em;
  max-height: 20rem; overflow: auto; }
.pre { white-space: pre-wrap; }
.finding { margin: .5rem 0; padding: .5rem .75rem; border-left: 4px solid #999; background: #fafafa; }
.finding.error { border-color: #b00020; }
.finding.warning { border-color: #c77700; }
.table-wrap { overflow-x: auto; max-width: 100%; }
.table-wrap table { min-width: 640px; }
.card { min-width: 0; overflow-wrap: anywhere; }
.t2-input input { width: 7rem; }
button[disabled] { opacity: .45; cursor: not-allowed; }
"""


@cache
def report_css() -> str:
    return stylesheet(Fonts(), page=False) + PAGE_RULES
