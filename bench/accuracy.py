#!/usr/bin/env python3
"""Accuracy of read_report on the sample reports that have a gold answer.

    bench/accuracy.py [DIR] [--ids]      (DIR defaults to ../shared/corpus)

Per file and in total: cells exact / cells in gold / spurious (read but not in gold),
cells read with another value, undetermined cells left out and named in a warning, and
whether agency, year and template match. A cell counts as exact only when read with the
gold's value (money cells within 1e-6 万元; a blank cell only as blank, null). An
undetermined cell that is read counts as spurious. --ids also lists the ids that were
wrong, missed, spurious or left out without a warning.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import sys
from pathlib import Path

from gongkai.cli import corpus_files, display_width, pad
from gongkai.errors import UnreadableFile
from gongkai.gold import Score, gold_path, load_gold, score
from gongkai.reader import read_report


def measure(path: Path) -> Score | str:
    """The score of one file, or why it could not be read."""
    gold = load_gold(gold_path(path))
    try:
        report = read_report(path)
    except UnreadableFile as exc:
        return exc.reason
    except Exception as exc:  # a reader bug is a figure here, not a crash of the bench
        return f"内部错误：{type(exc).__name__}: {exc}"
    return score(report, gold)


def row(name: str, width: int, result: Score) -> str:
    return (
        f"{pad(name, width)}  {f'{result.exact}/{result.in_gold}':>11}"
        f"  {len(result.spurious):>8}  {len(result.wrong):>5}"
        f"  {f'{result.undetermined - len(result.unwarned)}/{result.undetermined}':>6}"
        f"  {'ok' if result.agency_ok else 'NO':>6}"
        f"  {'ok' if result.year_ok else 'NO':>4}  {'ok' if result.template_ok else 'NO':>8}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, default=_venv.CORPUS, metavar="DIR")
    parser.add_argument("--ids", action="store_true", help="list wrong, missed, spurious ids")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"accuracy: {args.folder}: no such folder", file=sys.stderr)
        return 1
    files = [p for p in corpus_files(args.folder) if gold_path(p).is_file()]
    width = max((display_width(p.name) for p in files), default=4)
    print(
        f"{pad('file', width)}  {'exact/gold':>11}  spurious  wrong  undet.  agency  year  template"
    )
    scores: list[Score] = []
    unread_gold = 0
    for path in files:
        result = measure(path)
        if isinstance(result, str):
            in_gold = len(load_gold(gold_path(path)).cells)
            unread_gold += in_gold
            print(f"{pad(path.name, width)}  {f'0/{in_gold}':>11}  unreadable: {result}")
            continue
        scores.append(result)
        print(row(path.name, width, result))
        if args.ids:
            for label, ids in (
                ("wrong", result.wrong),
                ("missed", result.missed),
                ("spurious", result.spurious),
                ("undetermined without a warning", result.unwarned),
            ):
                if ids:
                    print(f"    {label}: {' '.join(ids)}")
    exact = sum(s.exact for s in scores)
    in_gold = sum(s.in_gold for s in scores) + unread_gold
    years = sum(s.year_ok for s in scores)
    templates = sum(s.template_ok for s in scores)
    agencies = sum(s.agency_ok for s in scores)
    undetermined = sum(s.undetermined for s in scores)
    named = undetermined - sum(len(s.unwarned) for s in scores)
    n = len(files)
    print(
        f"{pad('TOTAL', width)}  {f'{exact}/{in_gold}':>11}"
        f"  {sum(len(s.spurious) for s in scores):>8}  {sum(len(s.wrong) for s in scores):>5}"
        f"  {f'{named}/{undetermined}':>6}  {f'{agencies}/{n}':>6}"
        f"  {f'{years}/{n}':>4}  {f'{templates}/{n}':>8}"
    )
    share = exact / in_gold if in_gold else 1.0
    print(f"cells exact: {share:.1%} of {in_gold} gold cells in {n} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
