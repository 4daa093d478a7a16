"""The regression suite: every real report in shared/corpus, cell by cell against its gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.gold import same_value
from gongkai.reader import read_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLDS = sorted(CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []

# Cells a file prints in a way the text alone cannot settle. Each must be absent (never a
# wrong value) and named in a warning with the given code.
# Table 2 has no identities, so where a flattened page ran its cells together
# ("规范性文件7777166" is 77/77/166 or 7/777/166 or …) the text alone cannot settle them;
# the gold was read from the web page itself.
_T2_2019 = ("normative", "license", "other_mgmt", "penalty", "coercion")
KNOWN_GAPS: dict[str, tuple[str, set[str]]] = {
    "pingtan-2020.txt": (
        "split_ambiguous",
        {
            f"t2.{r}.{c}"
            for r in _T2_2019
            for c in ("made", "published", "total", "prev", "delta", "decisions")
            if (c in ("made", "published", "total")) == (r == "normative")
        }
        | {"t2.procurement.items", "t2.procurement.amount"},
    ),
    "pingtan-2023-flat.txt": (
        "split_ambiguous",
        {"t2.normative.made", "t2.normative.repealed", "t2.normative.in_force"},
    ),
}


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.name.removesuffix(".gold.json") for p in GOLDS])
def test_it_reads_every_gold_cell(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = read_report(CORPUS / gold["source"])

    assert report.year == gold["year"]
    assert report.template.value == gold["template"]
    code, gaps = KNOWN_GAPS.get(gold["source"], ("", set()))
    expected = {k: v for k, v in gold["cells"].items() if k not in gaps}
    wrong = {
        k: (v, report.cells.get(k))
        for k, v in expected.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert sorted(set(report.cells) - set(expected)) == []
    for cell in gaps:
        assert any(cell in w.cells and w.code == code for w in report.warnings), cell


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.name.removesuffix(".gold.json") for p in GOLDS])
def test_every_cell_names_where_it_was_printed(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = read_report(CORPUS / gold["source"])

    assert set(report.provenance) == set(report.cells)
    for cell, where in report.provenance.items():
        assert where.file.endswith(gold["source"])
        assert where.text.strip(), cell
        assert where.line is not None or where.page is not None or where.table is not None


def test_the_corpus_is_there() -> None:
    assert len(GOLDS) >= 10, f"expected the sample reports in {CORPUS}"


def _pdftotext(pdf: Path, out: Path, *flags: str) -> Path:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    subprocess.run(["pdftotext", *flags, str(pdf), str(out)], check=True)
    return out


@pytest.mark.parametrize("flags", [("-layout",), ("-raw",)])
def test_text_that_poppler_extracted_from_a_corpus_pdf_reads_whole(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    """Other tools' extractions of a real PDF are reports we have not seen."""
    gold = json.loads((CORPUS / "szfgs2024.gold.json").read_text(encoding="utf-8"))
    report = read_report(_pdftotext(CORPUS / "szfgs2024.pdf", tmp_path / "sz.txt", *flags))
    assert report.cells == pytest.approx(gold["cells"])
    assert report.template.value == gold["template"] and report.year == gold["year"]


def test_column_by_column_extraction_never_gives_a_wrong_value(tmp_path: Path) -> None:
    """pdftotext's default mode prints table 4 a column at a time: values whose place
    cannot be known are left out and named, never put in the wrong cell."""
    gold = json.loads((CORPUS / "szfgs2024.gold.json").read_text(encoding="utf-8"))
    report = read_report(_pdftotext(CORPUS / "szfgs2024.pdf", tmp_path / "sz.txt"))
    assert {k: v for k, v in report.cells.items() if not same_value(k, v, gold["cells"][k])} == {}
    assert len(report.cells) > 100
    warned = {c for w in report.warnings for c in w.cells}
    assert set(gold["cells"]) - set(report.cells) <= warned
