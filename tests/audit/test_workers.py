"""Worker processes under a time and memory limit: a file past them is one line, a
killed or dead worker is replaced, and the other files carry on in order."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from gongkai.audit.batch import Unreadable, audit_files
from gongkai.audit.workers import LimitedPool, Limits
from gongkai.cli import main


def _task(path: str) -> str:
    """Behaves by the file's name: hang, hog memory, die, or answer."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        hog = bytearray(2 * 1024**3)  # past a 256 MiB address space at once
        return str(len(hog))
    if name.startswith("die"):
        os._exit(7)
    return f"read {name}"


def _failed(path: str, reason: str) -> str:
    return f"failed {Path(path).name}: {reason}"


def _run(names: list[str], workers: int, limits: Limits) -> list[str]:
    pool = LimitedPool(_task, _failed, workers, limits)  # the fork server: _task by name
    return list(pool.map(names))


def test_a_worker_is_capped_on_its_own_memory_not_the_parents() -> None:
    held = bytearray(400 * 1024**2)  # the parent holds more than the workers may
    got = _run(["a", "b"], 1, Limits(seconds=60, memory_mib=256))
    assert got == ["read a", "read b"] and len(held)


def test_fork_takes_a_task_that_is_not_importable() -> None:
    pool = LimitedPool(lambda p: p.upper(), _failed, 1, Limits(), start_method="fork")
    assert list(pool.map(["a", "b"])) == ["A", "B"]


def test_a_file_past_the_time_limit_is_one_line_and_the_rest_are_read() -> None:
    started = time.monotonic()
    got = _run(["a", "hang1", "b", "c"], 2, Limits(seconds=0.5, memory_mib=512))
    assert time.monotonic() - started < 10
    assert got[0] == "read a" and got[2:] == ["read b", "read c"]
    assert got[1].startswith("failed hang1: 读取超时：超过 0.5 秒")


def test_a_file_past_the_memory_limit_is_one_line_and_the_worker_replaced() -> None:
    got = _run(["hog", "a", "hog2", "b"], 1, Limits(seconds=30, memory_mib=256))
    assert got[1] == "read a" and got[3] == "read b"
    assert got[0].startswith("failed hog: 内存超限：读取时超过 256 MiB")
    assert got[2].startswith("failed hog2: 内存超限")


def test_a_worker_that_dies_is_replaced() -> None:
    got = _run(["die", "a", "die2", "b", "c"], 2, Limits(seconds=30, memory_mib=512))
    assert [g for g in got if g.startswith("read")] == ["read a", "read b", "read c"]
    assert got[0].startswith("failed die: 读取进程异常退出（退出码 7")


def test_results_come_in_the_order_given_whatever_finishes_first() -> None:
    names = [f"f{i}" for i in range(12)]
    assert _run(names, 3, Limits()) == [f"read {n}" for n in names]


def test_audit_files_reports_a_hung_reader_and_audits_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.audit import batch

    real = batch.read_for_audit

    def slow_for_one(path: str, *, ocr: bool = True) -> object:
        if path.endswith("slow.txt"):
            time.sleep(3600)
        return real(path, ocr=ocr)

    monkeypatch.setattr(batch, "read_for_audit", slow_for_one)
    monkeypatch.setattr(batch, "START_METHOD", "fork")  # workers see the patch
    report = "2024年某市人民政府政府信息公开工作年度报告\n一、总体情况\n全年收到申请 3 件。\n"
    files = []
    for name in ("a.txt", "slow.txt", "b.txt"):
        (tmp_path / name).write_text(report, encoding="utf-8")
        files.append(str(tmp_path / name))
    result = audit_files(files, workers=2, limits=Limits(seconds=1, memory_mib=1024))
    assert [a.source for a in result.audits] == [files[0], files[2]]
    assert result.unreadable == (
        Unreadable(files[1], Limits(seconds=1, memory_mib=1024).timeout_reason()),
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "0", "时限应为"),
        ("--timeout", "nan", "时限应为"),
        ("--timeout", "1e9", "时限应为"),
        ("--max-memory", "10", "内存上限应为"),
        ("--max-memory", "99999999999", "内存上限应为"),
        ("--jobs", "100000", "进程数应为"),
    ],
)
def test_limits_out_of_bounds_are_usage_errors(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "x.txt", option, value]) == 2
    assert message in capsys.readouterr().err


def test_the_limits_are_taken_from_the_command_line(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus_dir / "kewei-2024.md")
    assert main(["audit", source, "--timeout", "0.001", "--max-memory", "2048"]) == 1
    assert "读取超时：超过 0.001 秒" in capsys.readouterr().err
