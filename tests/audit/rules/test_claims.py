"""Figures taken from the narrative: what each counts, and what is left alone."""

from __future__ import annotations

import pytest

from gongkai.audit.rules.claims import Topic, claims
from gongkai.audit.text import sentences
from gongkai.ingest.text import lines_to_rows


def stated(text: str, year: int = 2024) -> list[tuple[str, str, str, float]]:
    rows = lines_to_rows(text.splitlines(), "t.txt")
    return [(c.topic.value, c.part, c.column, c.value) for c in claims(sentences(rows), year)]


def test_it_takes_figures_wrapped_over_lines_and_spaced() -> None:
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，转下一年度办理答复的有 1 件。"
    assert stated(text) == [
        ("received", "", "", 34),
        ("carried_in", "", "", 2),
        ("carried_out", "", "", 1),
    ]


def test_outcomes_and_the_combined_disclosed_figure_are_one_figure_each() -> None:
    text = "其中：予以公开及部分公开42件，占51.85%；不予公开5件；无法提供31件；不予处理1件；其他处理2件。"
    assert [(p, v) for t, p, _, v in stated(text) if t == "outcome"] == [
        ("disclosed_partial", 42),
        ("withheld", 5),
        ("unavailable", 31),
        ("not_processed", 1),
        ("other", 2),
    ]


def test_applicant_types_follow_the_received_figure() -> None:
    text = "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件。"
    assert stated(text, 2025) == [
        ("received", "", "", 749),
        ("received", "natural", "", 741),
        ("received", "legal_persons", "", 8),
        ("handled", "", "", 718),
    ]


def test_review_and_suit_results_follow_their_totals() -> None:
    text = (
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；"
        "政府信息公开行政诉讼46件，其中结果维持25件。"
    )
    got = stated(text)
    assert ("review", "", "", 351) in got and ("review", "corrected", "", 64) in got
    assert ("suits", "", "", 46) in got and ("suits", "upheld", "", 25) in got


def test_a_combined_review_and_suit_figure_is_neither() -> None:
    assert stated("依法做好相关行政复议、行政诉讼案件共74件的应诉工作。") == []


def test_document_columns_come_from_the_words_of_the_clause() -> None:
    text = (
        "清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件，"
        "经清理，已宣布废止规范性文件5件。"
    )
    assert stated(text, 2023) == [
        ("documents", "normative", "in_force", 393),
        ("documents", "normative", "made", 77),
        ("documents", "normative", "repealed", 5),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全年公开政策文件4件。",  # a wider category
        "市政府及市政府办政策性文件11件。",
        "政策、规范性文件类信息80条。",
        "审核规范性文件30件。",  # reviewed, not made
        "2023年受理政府信息公开申请100件，今年有所减少。",  # another year
        "受理政府信息公开申请同比增加20件。",  # a change
        "收到行政复议申请2件。",  # not an application for information
        "其他应主动公开政府信息1053条。",  # a category of items
    ],
)
def test_it_leaves_figures_of_something_else_alone(text: str) -> None:
    assert [c for c in stated(text) if c[0] in ("received", "documents", "proactive")] == []


def test_all_concluded_and_no_applications_are_claims_of_zero() -> None:
    assert stated("所有申请均已按要求办理完成。") == [("all_concluded", "", "", 0)]
    assert stated("全年我局无依申请公开事项。") == [("no_applications", "", "", 0)]


def test_an_outcome_verb_is_not_a_figure_of_applications_concluded() -> None:
    got = stated("所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件。")
    assert [t for t, *_ in got] == ["outcome", "outcome"]


def test_fees_in_yuan_are_taken_in_wan_yuan() -> None:
    assert stated("本年行政事业性收费12500元。") == [("fee", "", "", 1.25)]


def test_the_quote_is_the_words_as_printed() -> None:
    rows = lines_to_rows(["清理并集中发布现行有效行政规范性文件 393 件。"], "t.txt")
    (claim,) = claims(sentences(rows), 2023)
    assert claim.topic is Topic.DOCUMENTS and claim.words == "现行有效行政规范性文件 393 件"


def test_statements_that_there_were_none_are_figures_of_zero() -> None:
    assert stated("本年度未制发规章和规范性文件。") == [
        ("documents", "rules", "made", 0),
        ("documents", "normative", "made", 0),
    ]
    assert stated("全年未发生因政府信息公开引起的行政复议和行政诉讼。") == [
        ("review", "", "", 0),
        ("suits", "", "", 0),
    ]
    # a statement about results, not about cases
    assert stated("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。") == []


# ---- the grammar: subject + count (+ qualifier) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # count before its subject, the qualifier after it
        (
            "经清理，5件规范性文件不再作为规范性文件管理。",
            [("documents", "normative", "repealed", 5)],
        ),
        (
            "本年度制发行政规范性文件3件，2件规章已宣布废止。",
            [
                ("documents", "normative", "made", 3),
                ("documents", "rules", "repealed", 2),
            ],
        ),
        # subject before the count, the qualifier after it
        ("行政规范性文件4件继续有效。", [("documents", "normative", "in_force", 4)]),
        # the qualifier before, as before: 经清理，已宣布废止规范性文件5件 (a real report)
        (
            "经清理，已宣布废止规范性文件5件，拟适时修改3件，实现规范性文件动态管理。",
            [("documents", "normative", "repealed", 5)],
        ),
        # a count of documents reviewed is no figure of the table
        ("审查5件规范性文件。", []),
    ],
)
def test_document_figures_in_either_order_with_their_qualifier(
    text: str, expected: list[tuple[str, str, str, float]]
) -> None:
    assert stated(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全年共收到政府信息公开行政复议申请3件，均获维持。",
            [("review", "", "", 3), ("review", "upheld", "", 3)],
        ),
        (
            "发生政府信息公开行政诉讼案件2件，法院判决均维持原行政行为。",
            [("suits", "", "", 2), ("suits", "upheld", "", 2)],
        ),
        # a breakdown stated is taken as it is, not as "all"
        (
            "行政复议5件，其中维持3件，纠正2件，均已办结。",
            [("review", "", "", 5), ("review", "upheld", "", 3), ("review", "corrected", "", 2)],
        ),
    ],
)
def test_every_case_with_one_result_is_a_figure_of_that_result(
    text: str, expected: list[tuple[str, str, str, float]]
) -> None:
    assert stated(text) == expected
