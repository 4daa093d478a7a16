#!/usr/bin/env python3
"""Drafting and exporting one agency's annual report: target under 3 s for all four formats.

    bench/annual_report.py [--cases N] [--runs R]

Builds the demo office (N cases, default 600, through the real services; its catalogue
and registers give table 2) on SQLite in a
fresh temporary folder, then for each demo agency, R times (default 3): recompute the 2025
draft from the records (tables 2–4, section 一), run the checks (every audit rule on the
rendered draft), and export .docx, PDF, HTML and JSON. Prints each step's median and the
total per agency against the target. The first PDF of a process loads the fonts: it is
printed apart (cold) and left out of the medians.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import datetime as dt
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from typing import Any

TARGET_S = 3.0
YEAR = 2025
TODAY = dt.date(2026, 11, 20)


def _timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["GONGKAI_DATA"] = tempfile.mkdtemp(prefix="gongkai-bench-annual-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.catalogue.forms import Template, t2_cell_ids
    from gongkai_web.accounts.models import Agency
    from gongkai_web.annual import drafting, exports

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command(
        "seed_demo", "--cases", str(args.cases), "--today", TODAY.isoformat(), stdout=io.StringIO()
    )
    print(f"demo office: {args.cases} cases in {time.perf_counter() - start:.1f} s (SQLite)")
    cold = _timed(lambda: exports.render(_warm_report(), exports.Format.PDF))
    print(f"first PDF of the process (fonts loaded): {cold:.2f} s — not in the figures below")
    steps = ("draft", "check", *(f.value for f in exports.Format))
    print(
        f"{'agency':<8}"
        + "".join(f"{s:>8}" for s in steps)
        + f"{'total':>9}  target {TARGET_S:.0f} s"
    )
    for agency in Agency.objects.order_by("short_code"):
        report = drafting.get_or_create(agency, YEAR)
        if report.table2_source == "manual":  # no catalogue app: type a table 2
            raw = {cid: "1" for cid in t2_cell_ids(Template(report.template))}
            drafting.save_table2(report, raw, None)
        medians = _measure(report, steps, args.runs)
        total = sum(medians.values())
        verdict = "ok" if total < TARGET_S else "OVER"
        print(
            f"{agency.short_code:<8}"
            + "".join(f"{medians[s]:>8.3f}" for s in steps)
            + f"{total:>9.3f}  {verdict}"
        )


def _measure(report: Any, steps: tuple[str, ...], count: int) -> dict[str, float]:
    """Median seconds of each step over ``count`` runs on one agency's draft."""
    from gongkai_web.annual import checks, drafting, exports

    runs: dict[str, list[float]] = {s: [] for s in steps}
    for _ in range(count):
        runs["draft"].append(_timed(lambda: drafting.recompute(report)))
        runs["check"].append(_timed(lambda: checks.check(report)))
        for fmt in exports.Format:
            runs[fmt.value].append(_timed(partial(_export, report, fmt)))
    return {s: statistics.median(v) for s, v in runs.items()}


def _export(report: Any, fmt: Any) -> bytes:
    from gongkai_web.annual import exports

    data: bytes = exports.render(exports.of_draft(report), fmt)
    return data


def _warm_report() -> Any:
    from gongkai.catalogue.forms import Template
    from gongkai.render import FormReport

    return FormReport("预热", YEAR, Template.T2021, {"t3.new.total": 1})


if __name__ == "__main__":
    main()
