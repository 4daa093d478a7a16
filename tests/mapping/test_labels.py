import pytest

from gongkai.mapping.labels import t2_row_named, t3_row_named, t3_rows_named, t4_group_named


@pytest.mark.parametrize(
    ("label", "row"),
    [
        ("三\n、\n本\n年\n度\n办\n理\n结\n果\n（一）予以公开", "disclosed"),
        ("（三）不予公开1.属于国家秘密", "withheld.secret"),
        ("2.其他法律行政法规\n禁止公开", "withheld.law"),
        ("（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理", "other.no_correction"),
        ("缴纳费用、行政机关不再处理其政", "other.no_fee"),
        ("（六）其他处理", "other"),
        ("3. 其他", "other.other"),
        ("（七）总计", "results_total"),
        ("申请人情况自然人总计一、本年新收政府信息公开申请数量", "new"),
        ("4.无正当理由大量反", "not_processed.excessive"),
        ("2. 重复申请", "not_processed.duplicate"),
    ],
)
def test_it_names_table3_rows_from_broken_labels(label: str, row: str) -> None:
    assert t3_row_named(label) == row


def test_a_label_naming_two_rows_names_none() -> None:
    label = "（三）不予公开5.属于三类内部事务信息1.本机关不掌握相关政府信息"
    assert t3_rows_named(label) == {"withheld.internal", "unavailable.not_held"}
    assert t3_row_named(label) is None


def test_a_fragment_common_to_two_rows_names_none() -> None:
    assert t3_row_named("行政机关不再处理其政府信息公") is None


@pytest.mark.parametrize(
    ("label", "row"),
    [("规章", "rules"), ("行政规范性文件", "normative"), ("…处理决定数量行政许可", "license")],
)
def test_table2_rows_are_named_by_the_label_end(label: str, row: str) -> None:
    assert t2_row_named(label) == row


def test_table2_ignores_a_row_name_inside_narrative() -> None:
    assert t2_row_named("规章制度建设情况良好") is None


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("行政复议", "review"),
        ("行政诉讼（未经复议直接起诉）", "suit_direct"),
        ("行政诉讼（复议后起诉）", "suit_after_review"),
    ],
)
def test_table4_groups(label: str, group: str) -> None:
    assert t4_group_named(label) == group
