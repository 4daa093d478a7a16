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


# ---- agency and year from the body, when an extraction lost the title ------------------
# The sentences are as real reports print them (shuyang-2025, 002 朔州, szfgs2024 wording).


@pytest.mark.parametrize(
    ("preface", "agency", "year"),
    [
        (
            "依据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定，编制本报告。"
            "本报告所列数据统计期限从2025年1月1日至2025年12月31日止。"
            "现将沐阳县人民政府2025年政府信息公开年度报告向社会公布。",
            "沐阳县人民政府",
            2025,
        ),
        (
            "根据《条例》和国办公开办函〔2019〕60 号要求，综合本年度科技工作实际，"
            "编制完成了朔州市科技局 2020 年政府信息公开工作年度报告。",
            "朔州市科技局",
            2020,
        ),
        (
            "根据《条例》规定，淮安市人民政府办公室编制了本报告。"
            "本报告所列数据的统计期限自２０２４年１月１日起至２０２４年１２月３１日止。",
            "淮安市人民政府办公室",
            2024,
        ),
        (
            "本报告由某市住房和城乡建设局编制，所列数据统计期限自2023年1月1日起。",
            "某市住房和城乡建设局",
            2023,
        ),
        (
            "按照要求，将乐县人民政府2022年政府信息公开工作年度报告现予公布。",
            "将乐县人民政府",
            2022,
        ),
    ],
)
def test_the_preface_gives_agency_and_year_without_the_words_before_the_name(
    preface: str, agency: str, year: int
) -> None:
    lines = ["一、总体情况", preface, "全年主动公开政府信息 120 条。"]
    assert report_agency(lines) == agency
    assert report_year(lines) == year


def test_a_preface_that_names_no_agency_gives_none_not_its_verb() -> None:
    lines = ["现将本机关2023年度政府信息公开工作年度报告公布如下。", "一、总体情况"]
    assert report_agency(lines) is None
    assert report_year(lines) == 2023


def test_a_signature_beside_its_date_gives_agency_and_year() -> None:
    lines = ["一、总体情况", "本年度……", "上海市发展和改革委员会　２０２４年１月２０日"]
    assert report_agency(lines) == "上海市发展和改革委员会"
    assert report_year(lines) == 2023


def test_a_real_report_without_its_title_still_names_agency_and_year() -> None:
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    lines = (corpus / "shuyang-2025.txt").read_text(encoding="utf-8").splitlines()
    body = [ln for ln in lines if "年度报告" not in ln or "。" in ln]  # the title lines gone
    assert body != lines
    assert report_agency(body) == report_agency(lines) == "沐阳县人民政府"  # as the OCR printed it
    assert report_year(body) == 2025
    no_signature = body[:-3]
    assert report_agency(no_signature) == "沐阳县人民政府"
