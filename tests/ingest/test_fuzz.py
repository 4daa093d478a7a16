"""Fuzzing every reader over mutated corpus files: byte flips, truncation, duplicated
slices, and for Word mutated or missing package members.

Each case is read by ``read_report`` in a worker process under the audit's limits (30 s,
1024 MiB): it must give a Report or an UnreadableFile with one Chinese line — never
another exception, never "内部错误", never a timeout or the memory limit. The cases are
seeded (the same in every run); CI runs a few per format, ``GONGKAI_FUZZ_CASES=5000``
runs that many per format (and ``GONGKAI_FUZZ_SEED`` picks another seed).
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.audit.workers import LimitedPool, Limits
from gongkai.errors import UnreadableFile
from gongkai.reader import read_report
from tests.conftest import CORPUS

LIMITS = Limits(seconds=30, memory_mib=1024)
SEED = int(os.environ.get("GONGKAI_FUZZ_SEED", "20261201"))
# Cases per format in CI, chosen to take a few seconds each on two cores.
CI_CASES = {"text": 40, "html": 30, "docx": 30, "pdf": 10}
SOURCES = {
    "text": ["pingtan-2020.txt", "kewei-2024.md", "shuyang-2025.txt"],
    "html": ["pingtan-2023.html"],
    "docx": ["reference/national-form-2021-blank.docx"],
    "pdf": ["szfgs2024.pdf"],
}
_CHINESE = range(0x4E00, 0xA000)

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + piece * rng.randint(1, 8) + data[at:]


BYTE_MUTATIONS: tuple[Mutation, ...] = (flip_bytes, truncate, duplicate)


def mutate_member(data: bytes, rng: random.Random) -> bytes:
    """A .docx with one member mutated as bytes, or dropped, and the package rebuilt."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = source.infolist()
    victim = rng.choice(members).filename
    drop = rng.random() < 0.15
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in members:
            content = source.read(info.filename)
            if info.filename == victim:
                if drop:
                    continue
                if content:
                    content = rng.choice(BYTE_MUTATIONS)(content, rng)
            package.writestr(info.filename, content)
    return out.getvalue()


def mutations(fmt: str) -> tuple[Mutation, ...]:
    if fmt == "docx":
        return (*BYTE_MUTATIONS, mutate_member, mutate_member, mutate_member)
    return BYTE_MUTATIONS


def read_outcome(path: str) -> tuple[str, str]:
    """("report", "") / ("unreadable", reason) / ("exception", type and text): in a worker."""
    try:
        read_report(path)
    except UnreadableFile as exc:
        return "unreadable", exc.reason
    except MemoryError:
        raise
    except BaseException as exc:  # what the test is there to catch
        return "exception", f"{type(exc).__name__}: {exc}"[:300]
    return "report", ""


def _failed(path: str, reason: str) -> tuple[str, str]:
    return "limit", reason


def _cases(fmt: str) -> int:
    wanted = os.environ.get("GONGKAI_FUZZ_CASES")
    return int(wanted) if wanted else CI_CASES[fmt]


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_mutated_files_give_a_report_or_one_chinese_line(fmt: str, tmp_path: Path) -> None:
    sources = [CORPUS / name for name in SOURCES[fmt]]
    if not all(p.is_file() for p in sources):
        pytest.skip(f"sample reports not found at {CORPUS}")
    rng = random.Random(f"{SEED}-{fmt}")
    originals = [(p, p.read_bytes()) for p in sources]
    paths: dict[str, str] = {}
    for i in range(_cases(fmt)):
        source, data = rng.choice(originals)
        mutation = rng.choice(mutations(fmt))
        path = tmp_path / f"case{i:05d}{source.suffix}"
        path.write_bytes(mutation(data, rng))
        paths[str(path)] = f"{mutation.__name__}({source.name})"
    pool = LimitedPool(read_outcome, _failed, 2, LIMITS)
    bad = []
    kinds: dict[str, int] = {}
    for path, (kind, text) in zip(paths, pool.map(list(paths)), strict=True):
        kinds[kind] = kinds.get(kind, 0) + 1
        one_chinese_line = "\n" not in text and any(ord(c) in _CHINESE for c in text)
        if kind in {"exception", "limit"} or (
            kind == "unreadable" and (not one_chinese_line or "内部错误" in text)
        ):
            bad.append(f"{Path(path).name} {paths[path]}: {kind}: {text}")
    assert not bad, f"{len(bad)} of {len(paths)} cases ({kinds}):\n" + "\n".join(bad[:20])
