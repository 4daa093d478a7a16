"""Fixtures shared by the tests: where the sample reports and their gold answers live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The corpus is not in this repository: it sits beside it, as ../shared/corpus (CI too).
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def corpus_dir() -> Path:
    """The folder of real reports with their ``NAME.gold.json``; skips when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"sample reports not found at {CORPUS}")
    return CORPUS
