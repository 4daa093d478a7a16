"""Every audit rule, in one list: its stable id, severity, Chinese title, the form or
article it enforces, and the check that runs it.

A rule checks one report (``check``) or a report against the same agency's report of
the year before (``compare``). Rules marked ``since_2019`` enforce the national format
(its tables and its six sections) and do not apply to reports before 2019 (``legacy``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.audit.document import Document
from gongkai.audit.findings import Outcome, Severity
from gongkai.audit.rules import (
    copied,
    cross_year,
    identities,
    info,
    narrative,
    plausibility,
    structure,
)

ReportCheck = Callable[[Document], Iterable[Outcome]]
YearCheck = Callable[[Document, Document], Iterable[Outcome]]

FORM = "年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）"
FORM_2019 = "年度报告格式（试行）（国办公开办函〔2019〕60号）"
FORM_2021 = "年度报告格式（国办公开办函〔2021〕30号）"
ARTICLE_50 = "《政府信息公开条例》第五十条"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str
    enforces: str
    check: ReportCheck | None = None
    compare: YearCheck | None = None
    since_2019: bool = True


ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[Rule, ...] = (
    # -- the form's identities (cells.md)
    Rule("t3.balance", ERROR, "表三每栏：新收 + 上年结转 = 办理结果总计 + 结转下年度",
         f"{FORM} 表三表头注明的勾稽关系", identities.t3_balance),
    Rule("t3.results_sum", ERROR, "表三每栏：办理结果总计 = 各项办理结果之和",
         f"{FORM} 表三（七）总计", identities.t3_results_sum),
    Rule("t3.row_total", ERROR, "表三每行：总计 = 六类申请人之和",
         f"{FORM} 表三“总计”栏", identities.t3_row_total),
    Rule("t4.group_total", ERROR, "表四每组：总计 = 维持 + 纠正 + 其他 + 尚未审结",
         f"{FORM} 表四“总计”栏", identities.t4_group_total),
    Rule("cells.negative", ERROR, "件数和金额不能为负（本年增/减除外）",
         FORM, identities.negative_counts),
    # -- values that cannot be right
    Rule("t2.rules_by_department", WARNING, "无权制定规章的机关报告制定了规章",
         "《立法法》第九十一条、第九十三条", plausibility.rules_by_department),
    Rule("t2.unpublished", WARNING, "规章、规范性文件制作而未公开",
         f"《政府信息公开条例》第二十条第（一）项；{FORM_2019} 表二", plausibility.documents_unpublished),
    Rule("t2.total_below_published", WARNING, "对外公开总数量小于本年新公开数量",
         f"{FORM_2019} 表二", plausibility.published_over_total),
    Rule("t2.money_unit", WARNING, "收费金额不是以万元填报",
         f"{FORM_2021} 表二第二十条第（八）项“本年收费金额（单位：万元）”", plausibility.money_unit),
    # -- the narrative against the tables
    Rule("text.applications", WARNING, "正文所述依申请公开数字与表三不符",
         f"{ARTICLE_50}第（二）项；{FORM} 表三", narrative.applications),
    Rule("text.all_concluded", WARNING, "正文称申请全部办结，表三却有结转",
         f"{ARTICLE_50}第（二）项；{FORM} 表三第四项", narrative.all_concluded),
    Rule("text.reviews", WARNING, "正文所述行政复议、行政诉讼数字与表四不符",
         f"{ARTICLE_50}第（三）项；{FORM} 表四", narrative.reviews),
    Rule("text.documents", WARNING, "正文所述规章、规范性文件数字与表二不符",
         f"{ARTICLE_50}第（一）项；{FORM} 表二第二十条第（一）项", narrative.documents),
    Rule("text.proactive", WARNING, "正文所述主动公开信息数少于表二公开的文件数",
         f"{ARTICLE_50}第（一）项；{FORM} 表二", narrative.proactive),
    Rule("text.fees", WARNING, "正文所述行政事业性收费金额与表二不符",
         f"{FORM_2021} 表二第二十条第（八）项", narrative.fees),
    # -- the six sections
    Rule("structure.sections", WARNING, "六个部分缺失或顺序错乱",
         f"{ARTICLE_50}；{FORM}", structure.sections),
    Rule("structure.numbering", WARNING, "部分编号重复或重新开始",
         f"{ARTICLE_50}；{FORM}", structure.numbering),
    # -- year against year
    Rule("year.carry_over", WARNING, "上年结转与上一年度报告的结转下年度不符",
         f"{FORM} 表三第二项、第四项", compare=cross_year.carry_over),
    Rule("year.in_force", WARNING, "现行有效件数与上一年度报告不衔接",
         f"{FORM_2021} 表二第二十条第（一）项", compare=cross_year.in_force),
    Rule("year.prev_items", WARNING, "上一年项目数量与上一年度报告不衔接",
         f"{FORM_2019} 表二第二十条第（五）（六）（八）项", compare=cross_year.prev_items),
    Rule("year.copied_text", WARNING, "正文大部分照搬上一年度报告",
         f"{FORM_2021}（年度报告不得内容雷同）", compare=copied.copied_text, since_2019=False),
    # -- notes
    Rule("info.blank_cells", NOTE, "空白单元格", FORM, info.blank_cells, since_2019=False),
    Rule("info.missing_cells", NOTE, "报告未印出或未能读出的单元格", FORM, info.missing_cells, since_2019=False),
    Rule("info.unit_converted", NOTE, "金额单位已换算为万元", FORM, info.unit_converted, since_2019=False),
    Rule("info.reader_notes", NOTE, "读取时的其他提示", FORM, info.reader_notes, since_2019=False),
)  # fmt: skip

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
REPORT_RULES = tuple(r for r in RULES if r.check is not None)
YEAR_RULES = tuple(r for r in RULES if r.compare is not None)


def rule(rule_id: str) -> Rule:
    """The rule with this id (raises KeyError for an unknown id)."""
    return BY_ID[rule_id]
