"""The page a person reads."""

from __future__ import annotations

from gongkai.audit.batch import Unreadable
from gongkai.audit.findings import Evidence, Finding, Severity
from gongkai.audit.html import render_html
from gongkai.audit.run import ReportAudit
from gongkai.catalogue.forms import Template


def _audit(context: str, quote: str, start: int) -> ReportAudit:
    evidence = Evidence(
        quote=quote, context=context, start=start, file="a.txt", line=3, cell="t4.review.total"
    )
    finding = Finding(
        "t4.group_total", Severity.ERROR, ("t4.review.total",), "表四 <总计> 不符", (evidence,)
    )
    return ReportAudit("a.txt", "某局", 2024, Template.T2021, (finding,))


def test_the_quote_is_highlighted_in_its_context_and_everything_is_escaped() -> None:
    context = "复议 <b>10 1</b> 0"
    page = render_html(
        [_audit(context, "0", context.rindex("0"))], [Unreadable("x<y>.pdf", "无法读取")]
    )
    assert "复议 &lt;b&gt;10 1&lt;/b&gt; <mark>0</mark>" in page
    assert "表四 &lt;总计&gt; 不符" in page and "x&lt;y&gt;.pdf" in page
    assert "<b>" not in page and "表四　政府信息公开行政复议、行政诉讼情况" in page


def test_a_quote_not_placed_in_its_context_is_shown_on_its_own() -> None:
    page = render_html([_audit("别的文字", "20", -1)])
    assert "<mark>20</mark>（别的文字）" in page
