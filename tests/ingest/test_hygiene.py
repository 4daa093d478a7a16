"""Input hygiene: stray bytes read with a note naming their places; cells that are not
plain numbers named, never shifting another column's value into their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import UnreadableFile
from gongkai.ingest.decode import MAX_BAD_PLACES, decode_with_notes
from gongkai.reader import read_report

TITLE = "某县人民政府2024年政府信息公开工作年度报告"
T2 = """二、主动公开政府信息情况
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| --- | --- | --- | --- |
"""


def test_a_few_stray_bytes_are_replaced_and_their_places_named(tmp_path: Path) -> None:
    good = f"# {TITLE}\n{T2}| 规章 | 1 | 0 | 11 |\n".encode()
    data = good.replace("规章".encode(), b"\xff\xfe" + "规章".encode())
    path = tmp_path / "stray.md"
    path.write_bytes(data)
    report = read_report(path)
    assert report.cells["t2.rules.made"] == 1 and report.cells["t2.rules.in_force"] == 11
    (note,) = [w.message for w in report.warnings if w.code == "reader_note"]
    offset = data.index(b"\xff")
    assert f"第 5 行（第 {offset} 字节）" in note and f"第 {offset + 1} 字节" in note
    assert "UTF-8" in note and "共 2 处" in note


def test_a_stray_byte_in_a_gbk_file_is_replaced(tmp_path: Path) -> None:
    text = f"{TITLE}\n一、总体情况\n本年度无依申请公开。\n" * 5
    data = text.encode("gbk")
    path = tmp_path / "gbk.txt"
    path.write_bytes(data[:40] + b"\x80" + data[40:])
    report = read_report(path)
    assert report.agency == "某县人民政府"
    assert any("GB18030" in w.message and "第 40 字节" in w.message for w in report.warnings)


def test_many_undecodable_bytes_are_still_refused() -> None:
    data = ("政府信息公开" * 10).encode() + b"\xff" * (MAX_BAD_PLACES + 1)
    with pytest.raises(UnreadableFile) as caught:
        decode_with_notes(data, "x.txt")
    assert "编码无法识别" in caught.value.reason


def test_clean_text_has_no_note() -> None:
    assert decode_with_notes("政府信息公开".encode(), "x.txt").notes == ()
    assert decode_with_notes("政府信息公开".encode("utf-16"), "x.txt").notes == ()


@pytest.mark.parametrize("printed", ["13*", "13件", "约13", "13（注1）", "13 ※"])
def test_a_cell_that_is_not_a_plain_number_keeps_its_column(printed: str, tmp_path: Path) -> None:
    path = tmp_path / "cells.md"
    path.write_text(f"# {TITLE}\n{T2}| 规章 | {printed} | 0 | 11 |\n", encoding="utf-8")
    report = read_report(path)
    assert "t2.rules.made" not in report.cells
    assert report.cells["t2.rules.repealed"] == 0 and report.cells["t2.rules.in_force"] == 11
    (warning,) = [w for w in report.warnings if w.code == "bad_value"]
    assert warning.cells == ("t2.rules.made",) and f"“{printed}”" in warning.message


def test_the_same_holds_in_tab_separated_rows(tmp_path: Path) -> None:
    path = tmp_path / "cells.txt"
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    path.write_text(
        f"{TITLE}\n二、主动公开政府信息情况\n{header}\n规章\t13件\t0\t11\n", encoding="utf-8"
    )
    report = read_report(path)
    assert "t2.rules.made" not in report.cells
    assert (report.cells["t2.rules.repealed"], report.cells["t2.rules.in_force"]) == (0, 11)


def test_control_characters_in_a_page_are_dropped(tmp_path: Path) -> None:
    # lxml parses them, then refuses them when a dropped script's tail is moved
    path = tmp_path / "controls.html"
    page = f"<html><title>{TITLE}</title><body><p>政府信息公开<script>x</script>\x01尾\x0b</p></body></html>"
    path.write_text(page, encoding="utf-8")
    assert read_report(path).agency == "某县人民政府"


def test_a_table_4_group_cut_short_is_not_checked_as_a_group() -> None:
    from gongkai.ingest.layout import Where
    from gongkai.mapping.table4 import _groups_add_up
    from gongkai.mapping.tokens import Token

    tokens = [Token(str(v), Where("x.txt")) for v in (1, 0, 0, 0, 1, 2, 0)]
    assert _groups_add_up(tokens) is False
    assert _groups_add_up(tokens[:5]) is True
