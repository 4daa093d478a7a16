"""Folding and sentences of the running text."""

from __future__ import annotations

from gongkai.audit.text import fold, sentences
from gongkai.ingest.layout import Cell, Row, Where
from gongkai.ingest.text import lines_to_rows


def test_folding_removes_spaces_and_thousands_separators_and_remembers_the_raw_text() -> None:
    folded = fold("共受理 3,119 件（含结转）")
    assert folded.text == "共受理3119件(含结转)"
    a, b = folded.raw_span(3, 7)
    assert folded.raw[a:b] == "3,119"


def test_a_comma_between_cells_is_not_a_thousands_separator() -> None:
    assert fold("1,2,3").text == "1,2,3"


def test_wrapped_lines_join_into_one_sentence_that_knows_each_line() -> None:
    rows = lines_to_rows(
        ["全年收到政府信息公开申请 34 件，上年结转政府信息公开", "申请 2 件。下一句。"], "a.txt"
    )
    first, second = sentences(rows)
    assert first.text == "全年收到政府信息公开申请34件,上年结转政府信息公开申请2件。"
    assert first.where_at(first.raw.index("申请 2")).line == 2
    assert first.where_at(0).line == 1 and second.text == "下一句。"


def test_headings_and_blank_lines_end_paragraphs() -> None:
    rows = lines_to_rows(
        ["一、总体情况", "全年收到政府信息公开申请 34 件，上年结转政府", "", "申请 2 件。"], "a.txt"
    )
    assert [s.text for s in sentences(rows)] == [
        "一、总体情况",
        "全年收到政府信息公开申请34件,上年结转政府",
        "申请2件。",
    ]


def test_table_rows_are_not_running_text() -> None:
    where = Where("a.html", table=1, row=1)
    table = Row((Cell("规章", where), Cell("1", where)), delimited=True)
    rows = [*lines_to_rows(["正文。"], "a.html"), table]
    assert [s.text for s in sentences(rows)] == ["正文。"]


def test_evidence_quotes_the_words_as_printed_in_their_context() -> None:
    (sentence,) = sentences(lines_to_rows(["全年收到政府信息公开申请 34 件。"], "a.txt"))
    start = sentence.text.index("34")
    evidence = sentence.evidence(start, start + 3)
    assert evidence.quote == "34 件" and evidence.line == 1
    assert evidence.context[evidence.start :].startswith("34 件")
