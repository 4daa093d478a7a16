"""The audit on the real reports: every finding the gold expects is reported, and no report
gets an ``error`` the gold does not list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.audit.batch import audit_files
from gongkai.audit.findings import Severity
from gongkai.audit.run import ReportAudit

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GOLDS = sorted(CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []
IDS = [p.name.removesuffix(".gold.json") for p in GOLDS]


@pytest.fixture(scope="module")
def audits() -> dict[str, ReportAudit]:
    """Every corpus report audited together, as a batch (so years can be compared)."""
    if not CORPUS.is_dir():
        pytest.skip(f"sample reports not found at {CORPUS}")
    files = [str(CORPUS / json.loads(p.read_text(encoding="utf-8"))["source"]) for p in GOLDS]
    result = audit_files(files, workers=2)
    assert result.unreadable == ()
    return {Path(a.source).name: a for a in result.audits}


def _gold(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("gold_path", GOLDS, ids=IDS)
def test_every_expected_finding_is_reported(
    gold_path: Path, audits: dict[str, ReportAudit]
) -> None:
    gold = _gold(gold_path)
    audit = audits[str(gold["source"])]
    for expected in gold["expected_findings"]:  # type: ignore[attr-defined]
        cells = set(expected["cells"])
        if cells:
            hits = [
                f
                for f in audit.findings
                if cells & set(f.cells) and f.severity is not Severity.INFO
            ]
        else:
            hits = [f for f in audit.findings if f.rule.startswith(expected["rule"] + ".")]
        assert hits, expected


@pytest.mark.parametrize("gold_path", GOLDS, ids=IDS)
def test_no_error_the_gold_does_not_list(gold_path: Path, audits: dict[str, ReportAudit]) -> None:
    gold = _gold(gold_path)
    audit = audits[str(gold["source"])]
    listed = {c for e in gold["expected_findings"] for c in e["cells"]}  # type: ignore[attr-defined]
    errors = [f for f in audit.findings if f.severity is Severity.ERROR]
    assert [f.message for f in errors if not listed & set(f.cells)] == []
    if not gold["expected_findings"]:
        assert errors == []


@pytest.mark.parametrize("gold_path", GOLDS, ids=IDS)
def test_no_rule_failed_inside(gold_path: Path, audits: dict[str, ReportAudit]) -> None:
    audit = audits[str(_gold(gold_path)["source"])]
    assert [n for n in audit.not_checked if "内部错误" in n.reason] == []


def test_the_known_findings_of_the_corpus(audits: dict[str, ReportAudit]) -> None:
    """What the corpus gives beyond the gold's list is pinned here, so that a change shows."""
    shown = {
        name: sorted({f.rule for f in a.findings if f.severity is not Severity.INFO})
        for name, a in audits.items()
    }
    assert shown == {
        "000_10aa32e643ba6c08.txt": ["structure.sections", "t2.unpublished"],  # no section 六
        "002_4c4c59ed5f5017a7.txt": [],
        "004_a15c1d0bfa9d8476.txt": [],
        "kewei-2024.md": ["structure.numbering", "structure.sections", "text.all_concluded"],
        "pingtan-2020.txt": ["t3.results_sum"],
        "pingtan-2023-flat.txt": ["text.documents"],
        "pingtan-2023.html": ["text.documents"],
        "shanghai-office-2025.md": ["structure.sections"],  # its 五 heading was lost in extraction
        "shuyang-2025.txt": [],
        "szfgs2024.pdf": [],
    }
