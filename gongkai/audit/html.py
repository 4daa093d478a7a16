"""The audit as one HTML page a person reads: per report, per table, each finding with
its evidence, the quoted text highlighted where it was printed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from gongkai.audit.batch import Unreadable
from gongkai.audit.findings import Evidence, Finding, Severity
from gongkai.audit.names import table_of
from gongkai.audit.registry import BY_ID
from gongkai.audit.run import ReportAudit

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
# Errors and warnings are shown under the table their first cell belongs to, those about
# no cell under the text or the comparison of years; notes come last, together.
GROUPS = (
    ("t2", "表二　主动公开政府信息情况"),
    ("t3", "表三　收到和处理政府信息公开申请情况"),
    ("t4", "表四　政府信息公开行政复议、行政诉讼情况"),
    ("text", "正文与结构"),
    ("year", "与上一年度报告比较"),
    ("info", "读取提示"),
)
_STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 60em; line-height: 1.6; color: #222; }
h2 { border-bottom: 2px solid #444; margin-top: 2.5em; }
h3 { margin: 1.5em 0 0.5em; color: #333; }
.finding { border-left: 5px solid #999; padding: 0.3em 0.8em; margin: 0.8em 0; background: #fafafa; }
.finding.error { border-color: #c62828; } .finding.warning { border-color: #ef8f00; }
.finding.info { border-color: #1e88e5; }
.badge { display: inline-block; padding: 0 0.5em; border-radius: 3px; color: #fff; font-size: 0.85em; }
.error .badge { background: #c62828; } .warning .badge { background: #ef8f00; }
.info .badge { background: #1e88e5; }
.rule { color: #666; font-size: 0.9em; } .basis { color: #888; font-size: 0.85em; }
.evidence { margin: 0.3em 0 0.3em 1em; padding: 0; list-style: none; font-size: 0.92em; }
.where { color: #555; margin-right: 0.5em; } .source { font-family: monospace; }
mark { background: #ffe082; padding: 0 0.1em; }
.counts span { margin-right: 1.2em; } details { margin-top: 1em; color: #555; }
"""


def _group(finding: Finding) -> str:
    if finding.severity is Severity.INFO:
        return "info"
    if finding.rule.startswith("year."):
        return "year"
    first = table_of(finding.cells[0]) if finding.cells else ""
    return first or "text"


def _highlighted(evidence: Evidence) -> str:
    """The context with the quote marked; the quote alone when it is not placed in it."""
    start, quote, context = evidence.start, evidence.quote, evidence.context
    if start >= 0 and context[start : start + len(quote)] == quote:
        return (
            escape(context[:start])
            + f"<mark>{escape(quote)}</mark>"
            + escape(context[start + len(quote) :])
        )
    return f"<mark>{escape(quote)}</mark>" + (f"（{escape(context)}）" if context != quote else "")


def _evidence(evidence: Evidence, source: str) -> str:
    where = escape(evidence.location())
    if evidence.file != source:
        where = f'<span class="source">{escape(evidence.file)}</span> {where}'
    return f'<li><span class="where">{where}</span>{_highlighted(evidence)}</li>'


def _finding(finding: Finding, source: str) -> str:
    rule = BY_ID.get(finding.rule)
    title = escape(rule.title) if rule else ""
    basis = f'<div class="basis">依据：{escape(rule.enforces)}</div>' if rule else ""
    items = "".join(_evidence(e, source) for e in finding.evidence)
    evidence = f'<ul class="evidence">{items}</ul>' if items else ""
    return (
        f'<div class="finding {finding.severity.value}">'
        f'<div><span class="badge">{SEVERITY_NAMES[finding.severity]}</span> '
        f'{title} <span class="rule">{escape(finding.rule)}</span></div>'
        f"<div>{escape(finding.message)}</div>{evidence}{basis}</div>"
    )


def _counts(audit: ReportAudit) -> str:
    parts = [f"<span>{SEVERITY_NAMES[s]} {audit.count(s)}</span>" for s in Severity]
    parts.append(f"<span>未能核对 {len(audit.not_checked)}</span>")
    return f'<p class="counts">{"".join(parts)}</p>'


def _report(index: int, audit: ReportAudit) -> str:
    name = f"{audit.agency or '机关未识别'} {audit.year or '年度未识别'} 年度"
    out = [f'<section id="r{index}"><h2>{escape(name)}</h2>']
    out.append(f'<p class="source">{escape(audit.source)}</p>{_counts(audit)}')
    for key, heading in GROUPS:
        shown = [f for f in audit.findings if _group(f) == key]
        if shown:
            out.append(f"<h3>{escape(heading)}</h3>")
            out += [_finding(f, audit.source) for f in shown]
    if not audit.findings:
        out.append("<p>未发现问题。</p>")
    if audit.not_checked:
        items = "".join(
            f'<li><span class="rule">{escape(n.rule)}</span> {escape(n.reason)}</li>'
            for n in audit.not_checked
        )
        out.append(f"<details><summary>未能核对的检查（{len(audit.not_checked)}）</summary>")
        out.append(f"<ul>{items}</ul></details>")
    out.append("</section>")
    return "\n".join(out)


def _index(audits: Sequence[ReportAudit]) -> str:
    rows = []
    for i, a in enumerate(audits, start=1):
        name = escape(f"{a.agency or '机关未识别'} {a.year or ''}")
        counts = " / ".join(str(a.count(s)) for s in Severity)
        rows.append(f'<li><a href="#r{i}">{name}</a> <span class="rule">{counts}</span></li>')
    return f"<ol>{''.join(rows)}</ol>"


def render_html(audits: Sequence[ReportAudit], unreadable: Iterable[Unreadable] = ()) -> str:
    """The whole page: a summary, an index, then each report."""
    failed = list(unreadable)
    total = {s: sum(a.count(s) for a in audits) for s in Severity}
    head = (
        f"共审核 {len(audits)} 份报告：错误 {total[Severity.ERROR]} 项，"
        f"警告 {total[Severity.WARNING]} 项，提示 {total[Severity.INFO]} 项"
        + (f"；无法读取 {len(failed)} 个文件" if failed else "")
    )
    body = [f"<h1>政府信息公开工作年度报告审核结果</h1><p>{escape(head)}</p>"]
    if len(audits) > 1:
        body.append(_index(audits))
    body += [_report(i, a) for i, a in enumerate(audits, start=1)]
    if failed:
        items = "".join(f"<li>{escape(u.source)}：{escape(u.reason)}</li>" for u in failed)
        body.append(f"<section><h2>无法读取的文件</h2><ul>{items}</ul></section>")
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>年度报告审核结果</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
