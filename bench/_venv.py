"""Bench scripts run with the project's .venv python, whichever python started them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def use_project_venv() -> None:
    """Re-run the current script under .venv/bin/python unless already there.

    Without a .venv (``make setup`` not run) the script goes on with the python it has.
    """
    venv = REPO / ".venv"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(python, [str(python), *sys.argv])
