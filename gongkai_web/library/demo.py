"""The library's part of the demo: a region (示范省) whose agencies' published reports
are collected through the same services as an upload, from ``../shared/corpus`` when it
is there (the demo starts without it: the region is then empty and every report missing).
The corpus has no agency with two consecutive years, so the year before one of its reports
is made from it (``EARLIER``: the text with the year moved back, as the library's tests do):
the compare page then has a pair to show, 重复率 included. The files are queued; the workers
``gongkai serve`` starts read them in a few seconds."""

from __future__ import annotations

import io
from pathlib import Path

from gongkai.audit.batch import report_files
from gongkai.cli import default_corpus
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.library.models import Batch
from gongkai_web.library.services import collect

REGION = "示范省人民政府"
# The agencies of the demo region: the bodies the sample reports are from, and one more
# that has published nothing (to show a missing report).
PARTS = (
    ("淮安市人民政府", AgencyKind.GOVERNMENT),
    ("沭阳县人民政府", AgencyKind.GOVERNMENT),  # the reader puts the OCR misreading 沐 right
    ("平潭综合实验区", AgencyKind.GOVERNMENT),
    ("上海市人民政府办公厅", AgencyKind.DEPARTMENT),
    ("上海市科学技术委员会", AgencyKind.DEPARTMENT),
    ("朝阳市科学技术局", AgencyKind.DEPARTMENT),
    ("朔州市科学技术局", AgencyKind.DEPARTMENT),
    ("示范省数据局", AgencyKind.DEPARTMENT),
)

# (corpus file, its year, the year before): the earlier report made from it for the demo.
EARLIER = (("kewei-2024.md", "2024", "2023"),)


def make_region() -> Agency:
    region, _ = Agency.objects.get_or_create(
        short_code="SFS", defaults={"name": REGION, "kind": AgencyKind.GOVERNMENT}
    )
    for n, (name, kind) in enumerate(PARTS, start=1):
        Agency.objects.get_or_create(
            name=name, defaults={"short_code": f"SFS{n:02d}", "kind": kind, "parent": region}
        )
    return region


def seed(corpus: Path | None = None) -> collect.Collected | None:
    """The demo region, and the corpus reports collected into the library (queued)."""
    make_region()
    folder = corpus if corpus is not None else default_corpus()
    if folder is None or Batch.objects.filter(name="演示：样本年报").exists():
        return None
    files, _ = report_files([str(folder)])
    files = [f for f in files if not f.endswith(".json")]
    if not files:
        return None
    batch = collect.new_batch("演示：样本年报", None, None)
    done = collect.Collected(batch)
    for path in files:
        with open(path, "rb") as stream:
            _add(done, collect.collect(batch, [(Path(path).name, stream)]))
    for name, year, before in EARLIER:
        source = folder / name
        if source.is_file():
            text = source.read_text(encoding="utf-8").replace(year, before)
            stem, suffix = Path(name).stem.replace(year, before), Path(name).suffix
            earlier = f"{stem}（演示：据{year}年报改写）{suffix}"
            stream = io.BytesIO(text.encode("utf-8"))
            _add(done, collect.collect(batch, [(earlier, stream)]))
    return done


def _add(done: collect.Collected, part: collect.Collected) -> None:
    done.added += part.added
    done.duplicates += part.duplicates
