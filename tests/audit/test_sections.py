"""Numbered headings and the statutory section each names."""

from __future__ import annotations

import pytest

from gongkai.audit.sections import headings, numeral_value, section_of
from gongkai.ingest.text import lines_to_rows


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("六", 6), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)],
)
def test_numerals(numeral: str, value: int) -> None:
    assert numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("title", "section"),
    [
        ("总体情况", 1),
        ("主动公开政府信息情况", 2),
        ("收到和处理政府信息公开申请情况", 3),
        ("政府信息公开行政复议、行政诉讼情况", 4),
        ("政府信息公开工作存在的主要问题及改进情况", 5),
        ("其他需要报告的事项", 6),
        ("工作中存在的问题和改进措施", 5),
        ("其他事项", 6),
        ("工作机制保障", None),
    ],
)
def test_section_titles(title: str, section: int | None) -> None:
    assert section_of(title) == section


def test_only_short_lines_or_section_titles_are_headings() -> None:
    rows = lines_to_rows(
        [
            "一、加强领导",
            "二、这是一段很长的文字而不是标题，它说了很多事情，一直说到超过四十个字为止的那种长句子。",
            "三、主动公开政府信息情况",
        ],
        "a.txt",
    )
    assert [(h.number, h.section) for h in headings(rows)] == [(1, None), (3, 2)]
