#!/usr/bin/env python3
"""Hostile input: each class of the issue, generated into a temp folder and read in a child.

    bench/hostile.py [--only NAME ...] [--keep DIR] [--no-audit]

Classes: a fee for 10^18 pages and items; a .docx whose cell spans 2^31 columns; a .docx
zip bomb (document.xml of 1 GiB deflated to about 1 MB); a PDF zip bomb (a content stream
of 1 GiB); a PDF followed by 8 MB of junk after %%EOF; 10 MB of short lines; a 10 MB line
of numbers; HTML with a huge colspan on 20,000 rows; HTML nested 60,000 tags deep.

Each class runs in a child process (``gongkai parse FILE``, or the fee functions) and the
script prints per class: the outcome (the one-line message, or the report read), seconds
and peak resident size in MiB (from wait4). The target is 30 s and 1 GiB per class. Then all
the files go through one ``gongkai audit`` (its defaults: 60 s and 1024 MiB per file, in
worker processes) and its one line per file, time and peak RSS (the largest of the
command and its workers) are printed. The
child runs under a safety net of this script (4 GiB address space, 120 s) so that a
regression cannot take the shared machine down: hitting it prints "safety net".
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import io
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx

SAFETY_BYTES = 4 * 1024**3
SAFETY_SECONDS = 120
TARGET_SECONDS = 30
TARGET_MIB = 1024
GIB = 1024**3
REPORT_TITLE = "某县人民政府2024年政府信息公开工作年度报告"


def _docx_bytes() -> bytes:
    doc = docx.Document()
    doc.add_paragraph(REPORT_TITLE)
    doc.add_paragraph("一、总体情况")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = "规章" if c == 0 else str(r + c)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _rewrite_docx(path: Path, change: Callable[[bytes], bytes]) -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data)
            out.writestr(info.filename, data)


def make_docx_gridspan(path: Path) -> None:
    def widen(xml: bytes) -> bytes:
        span = b'<w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>'
        return xml.replace(b"<w:tc><w:tcPr>", b"<w:tc>" + span + b"<w:tcPr>", 1)

    _rewrite_docx(path, widen)


def make_docx_bomb(path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                out.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"<w:body>")
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<w:body>")
                chunk = b" " * (1024 * 1024)
                for _ in range(1024):
                    member.write(chunk)
                member.write(tail)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given object bodies (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_pdf_bomb(path: Path) -> None:
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(b"BT /F1 12 Tf 72 712 Td (2024 report) Tj ET\n")]
    chunk = b" " * (1024 * 1024)
    parts += [squeeze.compress(chunk) for _ in range(1024)]
    parts.append(squeeze.flush())
    stream = b"".join(parts)
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                b" /Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                + stream
                + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )
    )


def make_pdf_junk(path: Path) -> None:
    base = _venv.CORPUS / "szfgs2024.pdf"
    rng = random.Random(9)
    junk = bytes(rng.choice(b"0123456789 obj R<>/[]\n") for _ in range(8 * 1024 * 1024))
    path.write_bytes(base.read_bytes() + junk)


def make_short_lines(path: Path) -> None:
    line = "规章 1 2 3\n"
    count = 10 * 1024 * 1024 // len(line.encode())
    path.write_text(f"{REPORT_TITLE}\n" + line * count, encoding="utf-8")


def make_long_line(path: Path) -> None:
    path.write_text(
        f"{REPORT_TITLE}\n" + "规章 1 2 3 " * (10 * 1024 * 1024 // 16), encoding="utf-8"
    )


def make_html_colspan(path: Path) -> None:
    rows = '<tr><td colspan="1000" rowspan="65534">1</td></tr>' * 20000
    path.write_text(
        f"<html><head><title>{REPORT_TITLE}</title></head><body><table>{rows}</table></body></html>",
        encoding="utf-8",
    )


def make_html_nested(path: Path) -> None:
    depth = 60_000  # below the tag cap, so that the nesting is what is refused
    path.write_text(
        f"<html><head><title>{REPORT_TITLE}</title></head><body>"
        + "<div>" * depth
        + "政府信息公开 1 2 3"
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )


FEE_CODE = """
from gongkai.errors import GongkaiError
from gongkai.fees import per_item_total, per_page_fee
for label, call in (("按量", lambda: per_page_fee(10**18)),
                    ("按件", lambda: per_item_total(0, 10**18))):
    try:
        fee = call()
        print(f"{label}: {str(fee.amount)[:40]} 元（{len(fee.steps)} 行计算过程）")
    except GongkaiError as exc:
        print(f"{label}: {exc}")
"""


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    suffix: str
    make: Callable[[Path], None] | None  # None: not a file (the fee)


CASES = (
    Case("fee-10^18", "", None),
    Case("docx-gridspan", ".docx", make_docx_gridspan),
    Case("docx-zip-bomb", ".docx", make_docx_bomb),
    Case("pdf-zip-bomb", ".pdf", make_pdf_bomb),
    Case("pdf-junk-after-eof", ".pdf", make_pdf_junk),
    Case("text-10MB-short-lines", ".txt", make_short_lines),
    Case("text-10MB-one-line", ".txt", make_long_line),
    Case("html-huge-colspan", ".html", make_html_colspan),
    Case("html-deep-nesting", ".html", make_html_nested),
)


def _safety_net() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_BYTES, SAFETY_BYTES))


def run_child(argv: list[str]) -> tuple[str, float, float]:
    """Run argv; its outcome (stdout's first lines or stderr), seconds and peak RSS (MiB)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_safety_net,
        start_new_session=True,
    )
    timer_fired = False

    def _kill(*_: object) -> None:
        nonlocal timer_fired
        timer_fired = True
        os.killpg(child.pid, signal.SIGKILL)

    signal.signal(signal.SIGALRM, _kill)
    signal.alarm(SAFETY_SECONDS)
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    signal.alarm(0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    mib = usage.ru_maxrss / 1024
    if timer_fired:
        return f"safety net: killed after {SAFETY_SECONDS} s", seconds, mib
    if argv[1] == "-c" and child.returncode == 0:
        return "；".join(out.decode("utf-8", "replace").splitlines()), seconds, mib
    return _outcome(out, err, child.returncode), seconds, mib


def _outcome(out: bytes, err: bytes, code: int) -> str:
    text = err.decode("utf-8", "replace").strip()
    if code < 0:
        return f"safety net: killed by signal {-code}"
    if "MemoryError" in text:
        return "safety net: MemoryError (4 GiB)"
    lines = out.decode("utf-8", "replace").splitlines()
    if lines and code == 0:
        cells = sum(1 for line in lines if line.startswith("  ") and any(c.isdigit() for c in line))
        return f"report: {lines[0][:70]} ({cells} table lines)"
    return "message: " + (text.splitlines()[-1] if text else f"exit {code}, no output")[:110]


class PeakWatcher(threading.Thread):
    """Samples the peak resident size (VmHWM) of a process's descendants: the audit's
    workers are children of its fork server, which wait4 on the command does not count."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            for pid in self._descendants():
                self.peak_kib = max(self.peak_kib, _vm_hwm_kib(pid))

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _descendants(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [], [self.root]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            found += children
            frontier += children
        return found


def _vm_hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def audit_all(python: str, files: list[str]) -> None:
    """All the files through one ``gongkai audit --jobs 2``: its lines, time, peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [python, "-m", "gongkai", "audit", "--jobs", "2", *files],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_safety_net,
    )
    assert child.stderr is not None
    watcher = PeakWatcher(child.pid)
    watcher.start()
    err = child.stderr.read()
    watcher.stop()
    # wait4 gives the command's usage with that of the workers it waited for
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    mib = max(usage.ru_maxrss, watcher.peak_kib) / 1024
    print(f"\ngongkai audit --jobs 2 of the {len(files)} files: {seconds:.1f} s, exit {code},")
    print(f"peak RSS of the command and of any worker (sampled every 50 ms): {mib:.0f} MiB")
    for line in err.decode("utf-8", "replace").splitlines():
        print("  " + line[:150])


def main() -> int:
    parser = argparse.ArgumentParser(description="Hostile input classes: outcome, time, memory")
    parser.add_argument("--only", nargs="*", help="class names to run")
    parser.add_argument("--keep", help="write the files here and keep them")
    parser.add_argument("--no-audit", action="store_true", help="skip the gongkai audit run")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="gongkai-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    print(f"{'class':24} {'seconds':>8} {'peak MiB':>9}  ok  outcome")
    worst = 0
    files: list[str] = []
    try:
        for case in CASES:
            if args.only and case.name not in args.only:
                continue
            if case.make is None:
                argv = [python, "-c", FEE_CODE]
            else:
                path = folder / f"{case.name}{case.suffix}"
                case.make(path)
                argv = [python, "-m", "gongkai", "parse", str(path)]
                files.append(str(path))
            outcome, seconds, mib = run_child(argv)
            ok = seconds <= TARGET_SECONDS and mib <= TARGET_MIB and "safety" not in outcome
            worst = worst or (0 if ok else 1)
            mark = "yes" if ok else "NO"
            print(f"{case.name:24} {seconds:8.2f} {mib:9.0f}  {mark:3} {outcome}", flush=True)
        if files and not args.no_audit:
            audit_all(python, files)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
