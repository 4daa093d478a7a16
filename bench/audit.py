#!/usr/bin/env python3
"""How long ``gongkai audit DIR --json > /dev/null`` takes on a folder of 1,000 reports.

    bench/audit.py [--files N] [--pdf-share S] [--jobs N] [--corpus DIR] [--keep DIR]

The folder is made in a temporary directory from the sample reports:
  - copies of the text, markdown and web-page reports (every one of them in turn), each
    titled for an agency of its own; every agency has two reports of consecutive years
    (the same source under two years), so that the year-against-year rules run;
  - a share of copies of the PDF (szfgs2024.pdf; default 3 %). Reading a PDF takes far
    longer than a text file; real folders of published reports hold many PDFs, so the
    share changes the figure most: raise it with --pdf-share to see by how much.
The command runs as a subprocess on all cores (or --jobs N). Printed: the folder's
make-up, wall time, files per second, the CPU time of the command's processes, and
whether it met the target (1,000 files in under 2 minutes on 2 cores).
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from gongkai.audit.batch import available_cores

# Sources copied into the folder, and where a new title goes in each kind of file.
TEXT_SOURCES = (
    "000_10aa32e643ba6c08.txt",
    "002_4c4c59ed5f5017a7.txt",
    "kewei-2024.md",
    "pingtan-2020.txt",
    "pingtan-2023-flat.txt",
    "shanghai-office-2025.md",
    "shuyang-2025.txt",
    "pingtan-2023.html",
)
PDF_SOURCE = "szfgs2024.pdf"
TARGET_SECONDS, TARGET_FILES, TARGET_CORES = 120.0, 1000, 2


def titled(source: Path, agency: str, year: int) -> bytes:
    """The source with a title line naming ``agency`` and ``year`` put first (in a web
    page, first in its body): the reader takes a report's agency and year from its title."""
    title = f"{agency}{year}年政府信息公开工作年度报告"
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        at = text.find(">", text.find("<body")) + 1
        return (text[:at] + f"<h1>{title}</h1>" + text[at:]).encode("utf-8")
    return (title + "\n" + text).encode("utf-8")


def make_folder(corpus: Path, folder: Path, files: int, pdf_share: float) -> Counter[str]:
    """Write ``files`` reports into ``folder``; returns how many of each kind."""
    pdfs = round(files * pdf_share)
    kinds: Counter[str] = Counter()
    for i in range(pdfs):
        shutil.copyfile(corpus / PDF_SOURCE, folder / f"pdf-{i:04d}.pdf")
        kinds[".pdf"] += 1
    for j in range(files - pdfs):
        pair = j // 2
        source = corpus / TEXT_SOURCES[pair % len(TEXT_SOURCES)]
        year = 2024 - j % 2
        agency = f"样例{pair:04d}市科学技术局"
        target = folder / f"r{j:04d}-{year}{source.suffix}"
        target.write_bytes(titled(source, agency, year))
        kinds[source.suffix] += 1
    return kinds


PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


def _adopt_orphans() -> bool:
    """Become the subreaper of the command's descendants (Linux), so that the CPU time of
    the fork server and of the workers it forks — orphaned when the command exits — is
    counted in RUSAGE_CHILDREN once they are reaped here. False where that is not possible."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _reap_orphans(seconds: float = 30.0) -> None:
    """Wait for adopted descendants (the fork server exits when its parent has gone)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def run_audit(folder: Path, jobs: int | None) -> tuple[float, float, int, dict[str, int]]:
    """Wall seconds, CPU seconds of the command's processes, exit status, and the counts
    of reports and findings it printed."""
    command = [sys.executable, "-m", "gongkai", "audit", str(folder), "--json"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    adopts = _adopt_orphans()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    if adopts:
        _reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    counts: dict[str, int] = {"reports": 0, "unreadable": 0}
    if done.stdout:
        data = json.loads(done.stdout)
        counts["reports"] = len(data["reports"])
        counts["unreadable"] = len(data["unreadable"])
        weights = Counter(f["severity"] for r in data["reports"] for f in r["findings"])
        counts.update(weights)
    return wall, cpu, done.returncode, counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gongkai audit on a folder of many reports")
    parser.add_argument("--files", type=int, default=TARGET_FILES, help="reports in the folder")
    parser.add_argument("--pdf-share", type=float, default=0.03, help="share of PDFs (0-1)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument("--corpus", type=Path, default=_venv.CORPUS, metavar="DIR")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="make it here")
    args = parser.parse_args(argv)
    if not 0 <= args.pdf_share <= 1 or args.files < 1:
        parser.error("--files must be positive and --pdf-share between 0 and 1")
    cores = args.jobs or available_cores()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        kinds = make_folder(args.corpus, folder, args.files, args.pdf_share)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        makeup = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        print(f"folder: {args.files} files ({makeup}), {size:.0f} MiB")
        print(f"cores: {cores} of {os.cpu_count()} (gongkai audit --jobs {cores})")
        wall, cpu, status, counts = run_audit(folder, args.jobs)
    print(f"exit status: {status}")
    print(
        f"reports audited: {counts['reports']}, unreadable: {counts['unreadable']}; findings: "
        f"{counts.get('error', 0)} error, {counts.get('warning', 0)} warning, "
        f"{counts.get('info', 0)} info"
    )
    print(
        f"wall time: {wall:.1f} s ({args.files / wall:.1f} files/s, {1000 * wall / args.files:.1f} ms/file)"
    )
    print(
        f"CPU time of the command's processes: {cpu:.1f} s ({cpu / wall:.2f} cores busy on average)"
    )
    if args.files >= TARGET_FILES and cores <= TARGET_CORES:
        met = "met" if wall < TARGET_SECONDS else "NOT met"
        print(
            f"target ({TARGET_FILES} files under {TARGET_SECONDS:.0f} s on {TARGET_CORES} cores): {met}"
        )
    return 0 if status in (0, 3) else 1


if __name__ == "__main__":
    raise SystemExit(main())
