"""The narrative against the tables: agreeing figures pass, contradicted ones are flagged
with the sentence and the cells, figures about cells not read cannot be checked."""

from __future__ import annotations

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import narrative
from gongkai.catalogue.forms import Template
from gongkai.report.model import ReportWarning
from tests.audit.builders import consistent_t3, document

TEXT = "（二）依申请公开情况\n全年收到政府信息公开申请 {new} 件，上年结转政府信息公开申请 {into} 件。\n"


def test_figures_that_agree_pass() -> None:
    cells = consistent_t3()
    text = TEXT.format(new=cells["t3.new.total"], into=cells["t3.carried_in.total"])
    assert list(narrative.applications(document(cells, text=text))) == []


def test_received_may_count_the_applications_carried_in() -> None:
    cells = consistent_t3()
    both = cells["t3.new.total"] + cells["t3.carried_in.total"]
    text = f"全年共受理政府信息公开申请{both}件。"
    assert list(narrative.applications(document(cells, text=text))) == []


def test_a_contradicted_figure_names_the_cell_and_quotes_the_sentence() -> None:
    cells = consistent_t3()
    text = TEXT.format(new=cells["t3.new.total"] + 1, into=cells["t3.carried_in.total"])
    (flag,) = narrative.applications(document(cells, text=text))
    assert isinstance(flag, Flag)
    assert flag.cells[0] == "t3.new.total"
    quote, *cells_shown = flag.evidence
    assert quote.line == 2 and "收到政府信息公开申请" in quote.quote
    assert quote.context[quote.start : quote.start + len(quote.quote)] == quote.quote
    assert cells_shown[0].cell == "t3.new.total"


def test_a_figure_about_a_cell_not_read_cannot_be_checked() -> None:
    cells = consistent_t3()
    del cells["t3.carried_in.total"]
    del cells["t3.carried_in.natural"]  # the total cannot be summed either
    text = TEXT.format(new=cells["t3.new.total"], into=99)
    (skip,) = narrative.applications(document(cells, text=text))
    assert isinstance(skip, Skip) and skip.cells == ("t3.carried_in.total",)


def test_a_total_not_printed_is_the_sum_of_its_row() -> None:
    cells = consistent_t3()
    del cells["t3.carried_out.total"]
    out = sum(
        cells[f"t3.carried_out.{c}"]
        for c in ("natural", "commercial", "research", "nonprofit", "legal", "other")
    )
    text = f"结转下年度继续办理{out}件。"
    assert list(narrative.applications(document(cells, text=text))) == []


def test_all_concluded_while_carrying_over_is_flagged_on_the_carried_cells() -> None:
    cells = consistent_t3()
    text = "全年收到申请若干，所有申请均已按要求办理完成。"
    (flag,) = narrative.all_concluded(document(cells, text=text))
    assert isinstance(flag, Flag) and "t3.carried_out.natural" in flag.cells
    assert flag.evidence[0].quote == "所有申请均已按要求办理完成"


def test_all_concluded_with_nothing_carried_over_passes() -> None:
    cells = {f"t3.carried_out.{c}": 0 for c in ("natural", "total")}
    assert list(narrative.all_concluded(document(cells, text="所有申请均已办结。"))) == []


def test_documents_in_force_against_table_2() -> None:
    cells = {"t2.normative.made": 77, "t2.normative.repealed": 132, "t2.normative.in_force": 470}
    text = "清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。"
    (flag,) = narrative.documents(document(cells, text=text, year=2023))
    assert isinstance(flag, Flag) and flag.cells == ("t2.normative.in_force",)
    assert "393" in flag.message and "470" in flag.message


def test_digits_run_together_rule_out_a_figure_whatever_their_split() -> None:
    warning = ReportWarning(
        code="split_ambiguous",
        message="“77132470”数字连写，无法唯一拆分为 3 栏（有 21 种拆法都符合表内关系），该行未记录",
        cells=("t2.normative.made", "t2.normative.repealed", "t2.normative.in_force"),
        digits="77132470",
    )
    text = "清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。"
    doc = document({}, text=text, year=2023, warnings=[warning])
    outcomes = list(narrative.documents(doc))
    flags = [o for o in outcomes if isinstance(o, Flag)]
    assert [f.cells for f in flags] == [("t2.normative.in_force",)]
    assert "77132470" in flags[0].message
    # 77 is one of the splits of the run: it cannot be checked, not flagged
    assert [o.cells for o in outcomes if isinstance(o, Skip)] == [("t2.normative.made",)]


def test_the_2019_form_accepts_new_documents_made_or_published() -> None:
    cells = {"t2.normative.made": 42, "t2.normative.published": 16}
    doc = document(cells, text="全年公开行政规范性文件16件。", template=Template.T2019, year=2020)
    assert list(narrative.documents(doc)) == []


def test_reviews_and_suits_against_table_4() -> None:
    cells = {
        "t4.review.total": 2,
        "t4.suit_direct.total": 5,
        "t4.suit_after_review.total": 2,
        "t4.review.corrected": 1,
    }
    agree = "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"
    assert list(narrative.reviews(document(cells, text=agree))) == []
    disagree = "行政复议3件，其中结果纠正1件；行政诉讼案件7件。"
    (flag,) = narrative.reviews(document(cells, text=disagree))
    assert isinstance(flag, Flag) and flag.cells == ("t4.review.total",)


def test_items_proactively_published_are_at_least_the_documents_published() -> None:
    cells = {"t2.rules.made": 1, "t2.normative.made": 20}
    assert list(narrative.proactive(document(cells, text="主动公开政府信息5500余条。"))) == []
    (flag,) = narrative.proactive(document(cells, text="主动公开政府信息12条。"))
    assert isinstance(flag, Flag) and "21" in flag.message


def test_the_same_figure_stated_twice_is_one_finding_with_two_quotes() -> None:
    cells = consistent_t3()
    wrong = cells["t3.results_total.total"] + 3
    text = f"全年办结{wrong}件。\n\n（二）依申请公开\n共办结{wrong}件。"
    (flag,) = narrative.applications(document(cells, text=text))
    assert isinstance(flag, Flag) and len([e for e in flag.evidence if e.cell is None]) == 2


def test_text_saying_no_documents_were_made_while_the_table_says_one_and_one() -> None:
    cells = {"t2.rules.made": 1, "t2.normative.made": 1}
    flags = list(narrative.documents(document(cells, text="本局本年度未制发规章和规范性文件。")))
    assert [f.cells for f in flags if isinstance(f, Flag)] == [
        ("t2.rules.made",),
        ("t2.normative.made",),
    ]


def test_a_repeal_the_table_does_not_show_is_flagged() -> None:
    cells = {"t2.normative.made": 3, "t2.normative.repealed": 0, "t2.normative.in_force": 40}
    text = "本年度制发行政规范性文件3件；经清理，5件规范性文件不再作为规范性文件管理。"
    (flag,) = narrative.documents(document(cells, text=text, year=2024))
    assert isinstance(flag, Flag) and flag.cells == ("t2.normative.repealed",)
    assert "不再作为规范性文件管理" in flag.evidence[0].quote


def test_all_reviews_upheld_while_table_4_has_cases_pending_is_flagged() -> None:
    cells = {
        "t4.review.upheld": 2, "t4.review.corrected": 0, "t4.review.other": 0,
        "t4.review.pending": 1, "t4.review.total": 3,
    }  # fmt: skip
    text = "全年共收到政府信息公开行政复议申请3件，均获维持。"
    (flag,) = narrative.reviews(document(cells, text=text, year=2024))
    assert isinstance(flag, Flag) and flag.cells == ("t4.review.upheld",)
    assert "均获维持" in flag.message


def test_all_reviews_upheld_agreeing_with_table_4_passes() -> None:
    cells = {
        "t4.review.upheld": 3, "t4.review.corrected": 0, "t4.review.other": 0,
        "t4.review.pending": 0, "t4.review.total": 3,
    }  # fmt: skip
    text = "全年共收到政府信息公开行政复议申请3件，均获维持。"
    assert list(narrative.reviews(document(cells, text=text, year=2024))) == []
