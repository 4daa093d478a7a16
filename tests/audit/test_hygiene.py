"""Output hygiene of ``gongkai audit`` and ``gongkai parse``: valid UTF-8 whatever the file
names, folders that cannot be entered named, OS errors in Chinese."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.audit import batch
from gongkai.cli import main
from gongkai.errors import UnreadableFile
from gongkai.ingest.sniff import os_reason
from gongkai.reader import read_report

REPORT = """2024年某市人民政府政府信息公开工作年度报告
一、总体情况
全年收到政府信息公开申请 3 件。
"""


def _odd_name(folder: Path) -> Path:
    """A report whose file name has bytes that are not UTF-8 (GBK 政府 and a stray byte)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/\xd5\xfe\xb8\xae\xff.txt"))
    path.write_text(REPORT, encoding="utf-8")
    return path


def _gongkai(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args], capture_output=True, timeout=120, check=False
    )


def test_audit_json_is_valid_utf8_with_undecodable_file_names(tmp_path: Path) -> None:
    _odd_name(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    _odd_name(tmp_path).with_suffix(".md").write_bytes(b"")
    done = _gongkai("audit", str(tmp_path), "--json")
    data = json.loads(done.stdout.decode("utf-8"))  # strict: fails on invalid UTF-8
    (report,) = data["reports"]
    assert report["source"].endswith("/\\xd5\\xfe\\xb8\\xae\\xff.txt")
    assert {Path(u["source"]).name for u in data["unreadable"]} == {
        "empty.txt",
        "\\xd5\\xfe\\xb8\\xae\\xff.md",
    }
    stderr = done.stderr.decode("utf-8")
    assert "\\xd5\\xfe\\xb8\\xae\\xff.md: 空文件" in stderr


def test_parse_json_and_text_are_valid_utf8_with_undecodable_file_names(tmp_path: Path) -> None:
    path = _odd_name(tmp_path)
    as_json = _gongkai("parse", str(path), "--json")
    assert json.loads(as_json.stdout.decode("utf-8"))["source"].endswith("\\xff.txt")
    as_text = _gongkai("parse", str(path))
    assert as_text.returncode == 0 and "\\xff.txt" in as_text.stdout.decode("utf-8")


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Folders named ``locked`` cannot be listed (tests run as root, where chmod won't do)."""
    real = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield


def test_a_subfolder_that_cannot_be_entered_is_named(
    tmp_path: Path, locked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    files, problems = batch.report_files([str(tmp_path)])
    assert files == [str(tmp_path / "a.txt")]
    assert problems == [batch.Unreadable(str(tmp_path / "locked"), "无法进入目录（没有读取权限）")]
    assert main(["audit", str(tmp_path)]) == 1
    assert f"{tmp_path / 'locked'}: 无法进入目录（没有读取权限）" in capsys.readouterr().err


def test_os_errors_are_said_in_chinese() -> None:
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有读取权限"
    assert os_reason(OSError(errno.EIO, "I/O error")).startswith("读写错误")
    assert os_reason(OSError(errno.EBUSY, "busy")) == "系统错误 EBUSY"


def test_parse_names_a_file_it_may_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(REPORT, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    assert caught.value.reason == "无法读取文件（没有读取权限）"


def test_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile) as caught:
        read_report(fifo)
    assert "不是普通文件" in caught.value.reason
