"""Where the notices live: the years shipped with gongkai plus the years an administrator adds.

Shipped years are package data (``gongkai/workdays/data/YYYY.toml``). Added years go to a
directory of the installation's own (``GONGKAI_CALENDAR_DIR``, default
``$XDG_DATA_HOME/gongkai/calendar``); a year there replaces the shipped one, so a correction
does not wait for a release.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from gongkai.errors import CalendarDataError
from gongkai.workdays.calendar import Calendar
from gongkai.workdays.notices import YearNotice, parse_notice

ENV_DIR = "GONGKAI_CALENDAR_DIR"


def added_dir() -> Path:
    """The directory of administrator-added years (it need not exist yet)."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "gongkai" / "calendar"


def shipped_notices() -> list[YearNotice]:
    """The notices that come with gongkai (2008 to the latest published when released)."""
    folder = resources.files("gongkai.workdays") / "data"
    return [
        parse_notice(entry.read_text(encoding="utf-8"), f"gongkai/workdays/data/{entry.name}")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]


def read_notice_file(path: Path) -> YearNotice:
    """Parse one notice file; a file that cannot be read is a CalendarDataError too."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarDataError(str(path), [f"无法读取：{exc}"]) from None
    notice = parse_notice(text, str(path))
    if path.stem.isdigit() and int(path.stem) != notice.year:
        raise CalendarDataError(str(path), [f"文件名是 {path.name}，内容却是 {notice.year} 年"])
    return notice


def load_calendar(extra: Path | None = None) -> Calendar:
    """The shipped years overlaid with the added ones (``extra`` or :func:`added_dir`)."""
    by_year = {n.year: n for n in shipped_notices()}
    folder = extra if extra is not None else added_dir()
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            notice = read_notice_file(path)
            by_year[notice.year] = notice
    return Calendar(by_year.values())


def add_year(source: Path, folder: Path | None = None, *, replace: bool = False) -> Path:
    """Check ``source`` and install it as its year's notice; returns the installed path.

    Refuses (CalendarDataError) a file failing the sanity checks, and a year already present
    unless ``replace``. The file is copied byte for byte, so its comments survive.
    """
    notice = read_notice_file(source)
    target_dir = folder if folder is not None else added_dir()
    target = target_dir / f"{notice.year}.toml"
    present = {n.year for n in shipped_notices()} | (
        {int(p.stem) for p in target_dir.glob("*.toml") if p.stem.isdigit()}
        if target_dir.is_dir()
        else set()
    )
    if notice.year in present and not replace:
        raise CalendarDataError(
            str(source), [f"{notice.year} 年已有放假安排；确需更正请加 --replace"]
        )
    target_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".toml.tmp")
    tmp.write_bytes(source.read_bytes())
    tmp.replace(target)
    return target
