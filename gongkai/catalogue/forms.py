"""The two national table formats (国办公开办函〔2019〕60号 and 〔2021〕30号) as data.

Every label key below is written in normalised form (see ``gongkai.catalogue.text``):
full-width characters folded to half-width, white space and punctuation removed.
A key is a fragment distinctive enough to name its row even when the printed label
was broken over several lines or cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Template(StrEnum):
    """Which national format a report follows."""

    T2019 = "2019"
    T2021 = "2021"
    LEGACY = "legacy"


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    label: str
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One printed row of a table.

    ``keys``: normalised fragments that identify the row; ``weak`` marks a row whose key
    is a group heading that other rows' labels contain too (其他处理, 总计), so any other
    match wins over it.
    """

    id: str
    label: str
    keys: tuple[str, ...]
    templates: frozenset[Template]
    columns: tuple[Column, ...] = ()
    weak: bool = False


BOTH = frozenset({Template.T2019, Template.T2021})
ONLY_2019 = frozenset({Template.T2019})
ONLY_2021 = frozenset({Template.T2021})

# ---- Table 2: 主动公开政府信息情况 -------------------------------------------------

_MADE_2019 = (
    Column("made", "本年新制作数量", ("新制作",)),
    Column("published", "本年新公开数量", ("新公开",)),
    Column("total", "对外公开总数量", ("公开总数",)),
)
_MADE_2021 = (
    Column("made", "本年制发件数", ("制发",)),
    Column("repealed", "本年废止件数", ("废止",)),
    Column("in_force", "现行有效件数", ("现行有效",)),
)
_ITEMS_2019 = (
    Column("prev", "上一年项目数量", ("上一年",)),
    Column("delta", "本年增/减", ("增减", "增/减")),
    Column("decisions", "处理决定数量", ("处理决定",)),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量", ("处理决定",)),)

T2_ROWS: tuple[RowSpec, ...] = (
    RowSpec("rules", "规章", ("规章",), BOTH),
    RowSpec("normative", "规范性文件", ("规范性文件",), BOTH),
    RowSpec("license", "行政许可", ("行政许可",), BOTH),
    RowSpec(
        "other_mgmt", "其他对外管理服务事项", ("其他对外管理服务事项", "对外管理服务"), ONLY_2019
    ),
    RowSpec("penalty", "行政处罚", ("行政处罚",), BOTH),
    RowSpec("coercion", "行政强制", ("行政强制",), BOTH),
    RowSpec("fee", "行政事业性收费", ("行政事业性收费", "事业性收费"), BOTH),
    RowSpec("procurement", "政府集中采购", ("政府集中采购", "集中采购"), ONLY_2019),
)

T2_COLUMNS: dict[tuple[Template, str], tuple[Column, ...]] = {
    (Template.T2019, "rules"): _MADE_2019,
    (Template.T2019, "normative"): _MADE_2019,
    (Template.T2019, "license"): _ITEMS_2019,
    (Template.T2019, "other_mgmt"): _ITEMS_2019,
    (Template.T2019, "penalty"): _ITEMS_2019,
    (Template.T2019, "coercion"): _ITEMS_2019,
    (Template.T2019, "fee"): _ITEMS_2019[:2],
    (Template.T2019, "procurement"): (
        Column("items", "采购项目数量", ("采购项目数量",)),
        Column("amount", "采购总金额", ("采购总金额",)),
    ),
    (Template.T2021, "rules"): _MADE_2021,
    (Template.T2021, "normative"): _MADE_2021,
    (Template.T2021, "license"): _DECISIONS_2021,
    (Template.T2021, "penalty"): _DECISIONS_2021,
    (Template.T2021, "coercion"): _DECISIONS_2021,
    (Template.T2021, "fee"): (Column("amount", "本年收费金额（单位：万元）", ("收费金额",)),),
}

# Header words that tell the two table-2 formats apart.
T2_HEADER_KEYS: dict[Template, tuple[str, ...]] = {
    Template.T2019: ("新制作", "新公开", "公开总数", "上一年项目", "采购项目"),
    Template.T2021: ("制发件数", "废止件数", "现行有效", "本年收费金额"),
}

MONEY_CELLS = frozenset({"t2.procurement.amount", "t2.fee.amount"})

# ---- Table 3: 收到和处理政府信息公开申请情况 -------------------------------------------

T3_COLUMNS: tuple[Column, ...] = (
    Column("natural", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)

T3_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量", ("本年新收", "新收政府信息"), BOTH),
    RowSpec("carried_in", "二、上年结转政府信息公开申请数量", ("上年结转",), BOTH),
    RowSpec("disclosed", "（一）予以公开", ("予以公开",), BOTH),
    RowSpec("partial", "（二）部分公开", ("部分公开", "区分处理"), BOTH),
    RowSpec("withheld.secret", "1.属于国家秘密", ("国家秘密",), BOTH),
    RowSpec("withheld.law", "2.其他法律行政法规禁止公开", ("法律行政法规", "行政法规禁止"), BOTH),
    RowSpec("withheld.security", "3.危及“三安全一稳定”", ("三安全", "一稳定"), BOTH),
    RowSpec("withheld.third_party", "4.保护第三方合法权益", ("第三方合法", "保护第三方"), BOTH),
    RowSpec("withheld.internal", "5.属于三类内部事务信息", ("内部事务",), BOTH),
    RowSpec("withheld.process", "6.属于四类过程性信息", ("过程性信息", "四类过程"), BOTH),
    RowSpec("withheld.enforcement", "7.属于行政执法案卷", ("行政执法案卷", "执法案卷"), BOTH),
    RowSpec("withheld.inquiry", "8.属于行政查询事项", ("行政查询", "查询事项"), BOTH),
    RowSpec("unavailable.not_held", "1.本机关不掌握相关政府信息", ("不掌握", "本机关不掌"), BOTH),
    RowSpec(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        ("另行制作", "没有现成"),
        BOTH,
    ),
    RowSpec("unavailable.unclear", "3.补正后申请内容仍不明确", ("仍不明确", "补正后申请"), BOTH),
    RowSpec("not_processed.petition", "1.信访举报投诉类申请", ("信访", "举报投诉"), BOTH),
    RowSpec("not_processed.duplicate", "2.重复申请", ("重复申请",), BOTH),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", ("出版物", "公开出版"), BOTH),
    RowSpec(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        ("大量反复", "反复申请", "无正当理由大量"),
        BOTH,
    ),
    RowSpec(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        ("重新出具", "确认或重新", "已获取信息", "要求行政机关确认"),
        BOTH,
    ),
    RowSpec("other", "（六）其他处理", ("其他处理",), ONLY_2019, weak=True),
    RowSpec(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正", "无正当理由逾期", "申请人无正当理由"),
        ONLY_2021,
    ),
    RowSpec(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("缴纳费用", "收费通知", "申请人逾期未按", "逾期未按收费"),
        ONLY_2021,
    ),
    RowSpec("other.other", "3.其他", ("3其他",), ONLY_2021),
    RowSpec("results_total", "（七）总计", ("总计",), BOTH, weak=True),
    RowSpec("carried_out", "四、结转下年度继续办理", ("结转下年", "下年度继续"), BOTH),
)

# ---- Table 4: 政府信息公开行政复议、行政诉讼情况 ------------------------------------------

T4_GROUPS: tuple[Column, ...] = (
    Column("review", "行政复议", ("行政复议",)),
    Column("suit_direct", "行政诉讼／未经复议直接起诉", ("未经复议", "直接起诉")),
    Column("suit_after_review", "行政诉讼／复议后起诉", ("复议后起诉",)),
)
T4_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


def t3_row_ids(template: Template, *, single_other: bool | None = None) -> tuple[str, ...]:
    """Row ids of table 3 in the form's order.

    ``single_other``: True for the 2019 single 其他处理 row, False for the three 2021
    sub-rows; None takes the template's own choice.
    """
    if single_other is None:
        single_other = template is Template.T2019
    wanted = ONLY_2019 if single_other else ONLY_2021
    return tuple(r.id for r in T3_ROWS if r.templates == BOTH or r.templates == wanted)


def t2_cell_ids(template: Template) -> tuple[str, ...]:
    return tuple(
        f"t2.{row.id}.{col.id}"
        for row in T2_ROWS
        if template in row.templates
        for col in T2_COLUMNS[(template, row.id)]
    )


def cell_ids(template: Template) -> tuple[str, ...]:
    """Every cell id of a template's three tables, in the form's order (none for legacy)."""
    if template is Template.LEGACY:
        return ()
    t3 = tuple(f"t3.{r}.{c.id}" for r in t3_row_ids(template) for c in T3_COLUMNS)
    t4 = tuple(f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS)
    return t2_cell_ids(template) + t3 + t4


def all_cell_ids() -> frozenset[str]:
    """Every id the catalogue knows, both templates and both 其他处理 variants."""
    ids = set(cell_ids(Template.T2019)) | set(cell_ids(Template.T2021))
    return frozenset(ids)


def is_money(cell_id: str) -> bool:
    """True for the cells the form takes in 万元 (decimals); all others are counts."""
    return cell_id in MONEY_CELLS
