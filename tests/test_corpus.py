"""The regression suite: every real report in shared/corpus, cell by cell against its gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.gold import load_gold, same_value, score
from gongkai.reader import read_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLDS = sorted(CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.name.removesuffix(".gold.json") for p in GOLDS])
def test_it_reads_every_gold_cell(gold_path: Path) -> None:
    """Exactly the gold: every cell with its value (a blank one as None), nothing more;
    the cells the file cannot settle (``undetermined``) absent and named in a warning."""
    gold = load_gold(gold_path)
    report = read_report(CORPUS / gold.source)

    assert (report.agency, report.year, report.template) == (
        gold.agency,
        gold.year,
        gold.template,
    )
    wrong = {
        k: (v, report.cells.get(k, "absent"))
        for k, v in gold.cells.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert sorted(set(report.cells) - set(gold.cells)) == []
    warned = {c for w in report.warnings for c in w.cells}
    assert set(gold.undetermined) - warned == set()
    assert score(report, gold).perfect


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
    # Table 3's values come in reading order with the labels elsewhere, several rows
    # after one label: every seven that add up along the row are a row, placed in order.
    assert {c for c in gold["cells"] if c.startswith("t3.")} <= set(report.cells)
    warned = {c for w in report.warnings for c in w.cells}
    assert set(gold["cells"]) - set(report.cells) <= warned
