import pytest

from gongkai.mapping.meta import report_agency, report_year


@pytest.mark.parametrize(
    ("lines", "year", "agency"),
    [
        (["2024 年上海市科委政府信息公开工作", "年度报告"], 2024, "上海市科学技术委员会"),
        (["标题: 平潭综合实验区2020年度政府信息公开工作年度报告"], 2020, "平潭综合实验区"),
        (["朝阳市科技局2012年度政府信息公开工作报告"], 2012, "朝阳市科技局"),
        (["# 某县人民政府 2025 年 政府信息公开工作年度报告"], 2025, "某县人民政府"),
        (["某市司法局关于2023年政府信息公开工作年度报告"], 2023, "某市司法局"),
    ],
)
def test_the_title_gives_year_and_agency(lines: list[str], year: int, agency: str) -> None:
    assert report_year(lines) == year
    assert report_agency(lines) == agency


def test_without_a_title_the_signature_gives_both() -> None:
    lines = ["一、总体情况", "2020 年，我局……", "朝阳市科学技术局", "2021 年 1 月 9 日"]
    assert report_year(lines) == 2020
    assert report_agency(lines) == "朝阳市科学技术局"


def test_the_statistics_period_gives_the_year() -> None:
    lines = ["正文", "本年度报告中所列数据的统计期限为 2025 年 1 月 1 日至 12 月 31 日。"]
    assert report_year(lines) == 2025


def test_nothing_to_go_on_gives_none() -> None:
    assert report_year(["没有年份的文字"]) is None
    assert report_agency(["没有机关的文字"]) is None
