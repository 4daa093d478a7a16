"""An agency's place name put right where OCR misread one character of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.catalogue.places import correct_place, divisions
from gongkai.reader import read_report

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def test_the_division_names_are_there() -> None:
    assert {"沭阳县", "淮安市", "平潭县", "上海市", "亳州市"} <= divisions()
    assert len(divisions()) > 3000


@pytest.mark.parametrize(
    ("printed", "right"),
    [
        ("沐阳县人民政府", "沭阳县人民政府"),  # shuyang-2025: the OCR read 沭 as 沐 throughout
        ("毫州市人民政府办公室", "亳州市人民政府办公室"),
    ],
)
def test_a_misread_place_character_is_put_right(printed: str, right: str) -> None:
    assert correct_place(printed) == right


@pytest.mark.parametrize(
    "name",
    [
        "沐川县人民政府",  # 沐 is right here: 沐川县 is a county
        "平潭综合实验区",  # the stem of 平潭县
        "上海市科学技术委员会",
        "测试市人民政府",  # no known place, nothing to swap: as printed
        "国家税务总局",
    ],
)
def test_a_name_that_is_no_misreading_stays_as_printed(name: str) -> None:
    assert correct_place(name) == name


def test_the_ocr_report_names_its_agency_rightly_and_says_it_corrected_it() -> None:
    report = read_report(CORPUS / "shuyang-2025.txt")
    assert report.agency == "沭阳县人民政府"
    (note,) = [w for w in report.warnings if w.code == "agency_corrected"]
    assert "沐阳县人民政府" in note.message and "沭阳县人民政府" in note.message
