"""Old Word (.doc) and WPS (.wps) files, read through LibreOffice into the Word adapter."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.errors import UnreadableFile
from gongkai.gold import load_gold, same_value
from gongkai.ingest import oldword
from gongkai.reader import read_report
from tests.formats.render_doc import docx_to_doc
from tests.formats.render_docx import render_docx
from tests.formats.reports import report_blocks, reports_with_blanks

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
BENCH = Path(__file__).resolve().parents[2] / "bench"

needs_libreoffice = pytest.mark.skipif(
    oldword.soffice() is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed"
)


def _filled_form(tmp_path: Path) -> tuple[Path, dict[str, int | float | None]]:
    sys.path.insert(0, str(BENCH))
    try:
        from word_sample import fill_national_form
    finally:
        sys.path.remove(str(BENCH))
    gold = load_gold(CORPUS / "szfgs2024.gold.json")
    out = tmp_path / "filled.docx"
    fill_national_form(CORPUS / "reference" / "national-form-2021-blank.docx", gold, out)
    return out, dict(gold.cells)


@needs_libreoffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_old_word_or_wps_file_reads_like_its_docx(tmp_path: Path, suffix: str) -> None:
    docx, cells = _filled_form(tmp_path)
    old = docx_to_doc(docx, tmp_path / f"report{suffix}")
    assert old.read_bytes().startswith(oldword.OLE_MAGIC)

    report = read_report(old)

    assert report.template.value == "2021"
    wrong = {
        k: (v, report.cells.get(k, "absent"))
        for k, v in cells.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert set(report.cells) == set(cells)
    assert all(p.file == str(old) and p.table is not None for p in report.provenance.values())


@needs_libreoffice
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports_with_blanks())
def test_random_tables_through_word_97_read_back_with_their_blanks(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    docx = tmp_path / "r.docx"
    render_docx(report_blocks(template, year, cells), docx)
    report = read_report(docx_to_doc(docx, tmp_path / "r.doc"))

    assert report.template is template and report.year == year
    assert set(report.cells) == set(cells)
    assert {k: v for k, v in report.cells.items() if not same_value(k, v, cells[k])} == {}


def test_without_libreoffice_it_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oldword, "SOFFICE_NAMES", ("gongkai-no-such-office",))
    path = tmp_path / "old.doc"
    path.write_bytes(oldword.OLE_MAGIC + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    assert "LibreOffice" in caught.value.reason
    assert "libreoffice-writer-nogui" in caught.value.reason


@needs_libreoffice
def test_a_damaged_word_97_file_gets_a_clear_message(tmp_path: Path) -> None:
    docx, _ = _filled_form(tmp_path)
    data = docx_to_doc(docx, tmp_path / "good.doc").read_bytes()
    path = tmp_path / "damaged.doc"
    damaged = bytearray(data)
    damaged[1024 : len(data) // 2] = b"\xff" * (
        len(data) // 2 - 1024
    )  # the streams, not the directory
    path.write_bytes(bytes(damaged))
    started = time.monotonic()
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    assert "损坏" in caught.value.reason
    assert time.monotonic() - started < oldword.TIMEOUT


def test_a_conversion_that_hangs_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice that never returns (and started a helper process) is stopped at the
    time limit, the whole process group with it."""
    pids = tmp_path / "pids"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n")
    fake.chmod(0o755)
    monkeypatch.setattr(oldword, "soffice", lambda: str(fake))
    path = tmp_path / "slow.doc"
    path.write_bytes(oldword.OLE_MAGIC + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    started = time.monotonic()
    with pytest.raises(UnreadableFile) as caught:
        oldword.doc_to_docx(path.read_bytes(), str(path), timeout=1.5)
    assert time.monotonic() - started < 10
    assert "超过" in caught.value.reason
    child = int(pids.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of ours stays a zombie until reaped by init; that is not running.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"
