"""The six sections: present, in order, numbered once."""

from __future__ import annotations

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import structure
from tests.audit.builders import document

SIX = """一、总体情况
全年工作情况如下。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
（一）主要问题
六、其他需要报告的事项
无。
"""


def test_six_sections_in_order_pass() -> None:
    doc = document(text=SIX)
    assert list(structure.sections(doc)) == []
    assert list(structure.numbering(doc)) == []


def test_a_missing_section_is_named() -> None:
    doc = document(text=SIX.replace("五、存在的主要问题及改进情况\n", ""))
    (flag,) = structure.sections(doc)
    assert isinstance(flag, Flag) and "五、存在的主要问题及改进情况" in flag.message
    assert [e.line for e in flag.evidence] == [5, 7]  # the headings either side


def test_sections_out_of_order() -> None:
    text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n"
    text += "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
    outcomes = list(structure.sections(document(text=text)))
    assert any(isinstance(o, Flag) and "顺序" in o.message for o in outcomes)


def test_numbering_that_restarts_is_flagged_once() -> None:
    text = (
        "一、总体情况\n二、工作机制保障\n三、主动公开工作情况\n四、政府信息公开申请情况\n"
        "一、主动公开政府信息情况\n二、收到和处理政府信息公开申请情况\n"
        "三、政府信息公开行政复议、行政诉讼情况\n五、其他需要报告的事项\n"
    )
    (flag,) = structure.numbering(document(text=text))
    assert isinstance(flag, Flag)
    assert [e.quote for e in flag.evidence] == [
        "四、政府信息公开申请情况",
        "一、主动公开政府信息情况",
    ]


def test_sub_items_numbered_inside_a_section_are_not_a_restart() -> None:
    text = SIX.replace("全年工作情况如下。", "一、加强组织领导\n二、完善制度")
    assert list(structure.numbering(document(text=text))) == []


def test_table_rows_are_not_headings() -> None:
    text = (
        SIX
        + "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0\n四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    )
    assert list(structure.numbering(document(text=text))) == []


def test_a_page_flattened_to_one_line_still_shows_its_sections() -> None:
    line = "。".join(
        ["前言", "一、总体情况2020年，我区……", "二、主动公开政府信息情况 第二十条规章007",
         "三、收到和处理政府信息公开申请情况（本列数据）四、结转下年度继续办理 0 0",
         "四、政府信息公开行政复议、行政诉讼情况000", "五、存在的主要问题及改进情况（一）问题",
         "六、其他需要报告的事项 无"]
    )  # fmt: skip
    doc = document(text=line)
    assert [h.number for h in doc.headings] == [1, 2, 3, 4, 5, 6]
    assert list(structure.sections(doc)) == list(structure.numbering(doc)) == []


def test_no_heading_at_all_cannot_be_checked() -> None:
    (skip,) = structure.sections(document(text="只有一段文字。"))
    assert isinstance(skip, Skip)
