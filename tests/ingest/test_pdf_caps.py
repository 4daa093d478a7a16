"""Hostile PDFs: each is refused with one Chinese line, within 30 s and 1 GiB."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.errors import UnreadableFile
from gongkai.ingest.pdf import PdfLimits, read_pdf
from gongkai.ingest.pdf.caps import MiB, check_inflated_size, cut_after_eof
from tests.formats import hostile_pdf

CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "zip bomb": (lambda: hostile_pdf.zip_bomb(300 * MiB), "压缩炸弹"),
    "compressed twice": (hostile_pdf.doubly_compressed, "多重压缩"),
    "too many pages": (lambda: hostile_pdf.many_pages(1001), "页数过多"),
    "too many objects": (lambda: hostile_pdf.many_objects(600_000), "对象过多"),
    "too many lines on a page": (lambda: hostile_pdf.many_lines(150_000), "过于复杂"),
    "too many objects on a page": (lambda: hostile_pdf.many_lines(250_000), "过多"),
    "gigapixel image": (hostile_pdf.huge_image, "图片过大"),
}

# Runs one file through the reader in a fresh process (address space capped at 2 GiB so
# a failure cannot take the machine) and reports the reason, the time and the peak size.
_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from gongkai.errors import UnreadableFile
from gongkai.reader import read_report
start = time.monotonic()
try:
    read_report(sys.argv[1])
    reason = None
except UnreadableFile as exc:
    reason = exc.reason
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"reason": reason, "seconds": time.monotonic() - start, "peak": peak}))
"""


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_pdf_gets_one_line_within_30_s_and_1_gib(case: str, tmp_path: Path) -> None:
    make, expected = CASES[case]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(make())
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["reason"] is not None and expected in result["reason"]
    assert "\n" not in result["reason"]
    assert result["seconds"] < 30
    assert result["peak"] < 1 << 30


def test_a_file_too_small_to_be_a_bomb_is_not_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile_pdf.text_page()
    called = []
    monkeypatch.setattr("gongkai.ingest.pdf.caps.check_inflated_size", lambda *a: called.append(a))
    read_pdf(data, "x.pdf")
    assert called == []


def test_inflated_size_counts_flate_streams_only_up_to_the_limit() -> None:
    data = hostile_pdf.zip_bomb(64 * MiB)
    check_inflated_size(data, "x.pdf", 65 * MiB, 65 * MiB)  # within: no error
    with pytest.raises(UnreadableFile, match="压缩炸弹"):
        check_inflated_size(data, "x.pdf", 63 * MiB, 65 * MiB)


def test_junk_after_eof_is_cut_and_costs_linear_time() -> None:
    page = hostile_pdf.text_page()
    assert cut_after_eof(page) == page
    timings = []
    for size in (4 * MiB, 16 * MiB):
        data = page + bytes(range(256)) * (size // 256)
        start = time.perf_counter()
        layout = read_pdf(data, "junk.pdf")
        timings.append(time.perf_counter() - start)
        assert layout.rows[0].text == "2024 annual report"
    assert timings[1] < 1.0  # 16 MiB of junk: a scan for %%EOF, nothing quadratic


def test_reading_stops_at_the_deadline() -> None:
    with pytest.raises(UnreadableFile, match="超时"):
        read_pdf(hostile_pdf.text_page(), "x.pdf", limits=PdfLimits(seconds=-1))


def test_too_many_pages_for_ocr_is_refused_before_any_ocr(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    pages = [Image.new("L", (60, 80), 255) for _ in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    with pytest.raises(UnreadableFile, match="OCR 的上限"):
        read_pdf(path.read_bytes(), "scan.pdf", limits=PdfLimits(max_ocr_pages=2))
