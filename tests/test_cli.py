"""The ``gongkai`` command: exit codes, one-line errors, JSON shape, readable tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import cli
from gongkai.catalogue.forms import Template
from gongkai.cli import display_width, main
from gongkai.errors import UnreadableFile
from gongkai.report.model import Provenance, Report, ReportWarning, json_schema_text

JSON_KEYS = {"source", "agency", "year", "template", "cells", "provenance", "warnings"}


def sample_report(source: str) -> Report:
    return Report(
        source=source,
        agency="淮安市人民政府",
        year=2024,
        template=Template.T2021,
        cells={
            "t2.rules.made": 1,
            "t2.fee.amount": 96171.6,
            "t3.new.natural": 3001,
            "t3.new.total": 3119,
            "t3.results_total.natural": 12,
            "t4.review.upheld": 7,
        },
        provenance={"t2.rules.made": Provenance(file=source, line=3, text="1")},
        warnings=(
            ReportWarning(code="blank_cell", message="表三有空白单元格", cells=("t3.new.other",)),
        ),
    )


@pytest.fixture
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files whose name starts with ``good`` read as a sample report; others as the real
    reader would for a missing file. Keeps these tests independent of the readers."""

    def read(path: str | Path) -> Report:
        if Path(path).name.startswith("good"):
            return sample_report(str(path))
        raise UnreadableFile(str(path), "文件不存在")

    monkeypatch.setattr(cli, "read_report", read)


def err_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


# ---- errors ---------------------------------------------------------------------------


def test_a_missing_file_gives_exit_1_and_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.pdf"
    assert main(["parse", str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err_lines(err) == [f"gongkai: {missing}: 文件不存在"]


def test_an_empty_file_gives_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)]) == 1
    assert err_lines(capsys.readouterr().err) == [f"gongkai: {empty}: 空文件"]


def test_an_unexpected_error_becomes_one_line_naming_the_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: str | Path) -> Report:
        raise RuntimeError("first line\nsecond line")

    monkeypatch.setattr(cli, "read_report", broken)
    assert main(["parse", "report.pdf"]) == 1
    lines = err_lines(capsys.readouterr().err)
    assert lines == ["gongkai: report.pdf: 内部错误：RuntimeError: first line second line"]


def test_it_goes_on_after_a_file_that_failed(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "missing.txt", "good.txt"]) == 1
    out, err = capsys.readouterr()
    assert err_lines(err) == ["gongkai: missing.txt: 文件不存在"]
    assert "文件：good.txt" in out


def test_all_files_read_gives_exit_0(fake_reader: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "good-1.txt", "good-2.txt"]) == 0
    assert capsys.readouterr().err == ""


BAD_INPUTS = {
    "missing.pdf": None,
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "broken.pdf": b"%PDF-1.7\n this is no pdf at all",
    "archive.docx": b"PK\x03\x04" + b"\x00" * 200,
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "page.html": b"<html><body><p>\xff\xfe\xfa not a report</p></body></html>",
}


def test_no_traceback_ever_reaches_stderr(tmp_path: Path) -> None:
    paths = []
    for name, data in BAD_INPUTS.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        paths.append(str(path))
    (tmp_path / "folder").mkdir()
    paths.append(str(tmp_path / "folder"))
    run = subprocess.run(
        [sys.executable, "-m", "gongkai", "parse", *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in run.stderr
    # Every file is either read or named on exactly one line of its own.
    failed = err_lines(run.stderr)
    assert all(line.startswith("gongkai: ") for line in failed)
    assert len(failed) == len({line.split(": ")[1] for line in failed})
    assert run.returncode == (1 if failed else 0)
    assert f"gongkai: {tmp_path / 'missing.pdf'}: 文件不存在" in failed


# ---- usage ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [[], ["parse"], ["parse", "--bogus", "x.txt"], ["frobnicate"], ["corpus", "a", "b"]],
)
def test_a_usage_error_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "用法错误" in err
    assert "Traceback" not in err


def test_the_module_runs_as_a_command_with_usage_exit_2() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "gongkai"], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


# ---- JSON -----------------------------------------------------------------------------


def test_json_of_one_file_is_one_object_with_the_report_keys(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "--json", "good.txt"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert data["cells"]["t3.new.natural"] == 3001
    assert data["template"] == "2021"
    assert "淮安市人民政府" in out  # not \u escapes


def test_json_of_two_files_is_a_list(fake_reader: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "good-1.txt", "--json", "good-2.txt"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    assert [d["source"] for d in data] == ["good-1.txt", "good-2.txt"]
    assert all(set(d) == JSON_KEYS for d in data)


def test_json_list_leaves_out_files_that_failed(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "--json", "good.txt", "missing.txt"]) == 1
    out, err = capsys.readouterr()
    assert [d["source"] for d in json.loads(out)] == ["good.txt"]
    assert err_lines(err) == ["gongkai: missing.txt: 文件不存在"]


def test_json_on_two_real_reports_is_a_list(corpus_dir: Path) -> None:
    files = [str(corpus_dir / "kewei-2024.md"), str(corpus_dir / "shuyang-2025.txt")]
    run = subprocess.run(
        [sys.executable, "-m", "gongkai", "parse", "--json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [d["year"] for d in data] == [2024, 2025]
    assert all(set(d) == JSON_KEYS and d["cells"] for d in data)


# ---- readable tables ------------------------------------------------------------------


def test_the_table_has_a_header_line_the_three_tables_and_the_warnings(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "good.txt"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    for part in ("good.txt", "淮安市人民政府", "2024", "2021"):
        assert part in header
    for title in ("表二", "表三", "表四", "提示："):
        assert title in out
    assert "[blank_cell] 表三有空白单元格" in out
    assert "96171.6" in out


def table_lines(out: str, title: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = lines.index("", start)
    return lines[start + 1 : end]


def test_table_3_rows_are_in_the_forms_order_with_absent_cells_as_dashes(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["parse", "good.txt"])
    rows = table_lines(capsys.readouterr().out, "表三")
    labels = [r.split()[0] for r in rows[1:]]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[-1] == "四、结转下年度继续办理"
    assert labels.index("（七）总计") < labels.index("四、结转下年度继续办理")
    first = rows[1].split()
    assert first[1:] == ["3001", "—", "—", "—", "—", "—", "3119"]
    assert rows[-1].split()[1:] == ["—"] * 7


def test_table_columns_line_up_in_display_width(
    fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["parse", "good.txt"])
    out = capsys.readouterr().out
    for title in ("表三", "表四"):
        rows = table_lines(out, title)
        # every line with values ends under the last header label (总计)
        with_values = [r for r in rows if len(r.split()) > 2]
        assert len({display_width(r) for r in with_values}) == 1, with_values


def test_display_width_counts_chinese_as_two_columns() -> None:
    assert display_width("表二") == 4
    assert display_width("ab 12") == 5
    assert display_width("（一）") == 6


def test_a_2021_report_printing_the_single_other_row_shows_that_row(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = Report(source="x", template=Template.T2021, cells={"t3.other.natural": 4})
    monkeypatch.setattr(cli, "read_report", lambda path: report)
    main(["parse", "x"])
    rows = table_lines(capsys.readouterr().out, "表三")
    assert any(r.split()[:2] == ["（六）其他处理", "4"] for r in rows)
    assert not any("逾期不补正" in r for r in rows)


def test_cells_outside_the_template_are_still_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = Report(source="x", template=Template.T2021, cells={"t2.procurement.items": 2})
    monkeypatch.setattr(cli, "read_report", lambda path: report)
    main(["parse", "x"])
    assert "t2.procurement.items = 2" in capsys.readouterr().out


# ---- schema and corpus ----------------------------------------------------------------


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == json_schema_text()


def test_corpus_reads_every_report_and_scores_it_against_its_gold(
    tmp_path: Path, fake_reader: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text("…", encoding="utf-8")
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    gold = {
        "source": "good.txt",
        "agency": "淮安市人民政府",
        "year": 2024,
        "template": "2021",
        # t2.rules.made right, t2.fee.amount right within 1e-6, t3.new.natural wrong,
        # t3.carried_in.natural missed; the other three read cells are spurious.
        "cells": {
            "t2.rules.made": 1,
            "t2.fee.amount": 96171.6000001,
            "t3.new.natural": 3000,
            "t3.carried_in.natural": 5,
        },
    }
    (tmp_path / "good.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    summary = out.split("汇总：", 1)[1].strip().splitlines()
    assert len(summary) == 1
    assert "读出 6 格" in summary[0]
    assert "一致 2/4" in summary[0]
    assert "值不同 1" in summary[0]
    assert "多读 3" in summary[0]


def test_corpus_with_a_missing_folder_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", str(tmp_path / "nope")]) == 1
    assert err_lines(capsys.readouterr().err) == [f"gongkai: {tmp_path / 'nope'}: 目录不存在"]


def test_corpus_on_the_sample_reports_summarises_each_file(corpus_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "gongkai", "corpus", str(corpus_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in run.stderr
    reports = cli.corpus_files(corpus_dir)
    summary = run.stdout.split("汇总：", 1)[1].strip().splitlines()
    assert [line.split()[0] for line in summary] == [p.name for p in reports]
    assert run.returncode == (1 if run.stderr.strip() else 0)


def test_blank_cells_print_as_blank_and_are_null_in_json(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = str(corpus_dir / "reference" / "national-form-2021-blank.docx")
    assert main(["parse", form]) == 0
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if "一、本年新收" in line)
    assert row.split()[1:] == ["空白"] * 7
    assert "—" in table  # table 4 has no row of cells: absent, not blank
    assert main(["parse", "--json", form]) == 0
    cells = json.loads(capsys.readouterr().out)["cells"]
    assert cells["t3.new.total"] is None and "t4.review.total" not in cells
