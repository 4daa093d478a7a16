"""``gongkai deadline`` and ``gongkai calendar`` as a user types them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import main
from tests.workdays.test_notices import INVENTED_2027


@pytest.fixture(autouse=True)
def own_calendar_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "calendar"
    monkeypatch.setenv("GONGKAI_CALENDAR_DIR", str(folder))
    return folder


def test_it_prints_the_due_date_and_the_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "--received", "2026-02-10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("答复期限：2026-03-16")
    assert "【第三十三条第二款】" in out


def test_json_gives_due_and_steps(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "deadline", "--received", "2026-03-07", "--channel", "online", "--confirmed", "2026-03-09",
        "--consultation", "2026-03-11:2026-03-17", "--extended", "--approved-by", "主任",
        "--fee", "2026-03-18:", "--json",
    ]  # fmt: skip
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"due", "steps", "provisional", "reason"}
    assert data["provisional"] is False
    articles = [s["article"] for s in data["steps"]]
    assert "第三十一条第（三）项" in articles and "第三十二条" in articles
    assert data["due"] > "2026-05-08"


def test_chinese_channel_names_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "--received", "2026-03-09", "--channel", "传真"]) == 0
    assert "传真" in capsys.readouterr().out


def test_a_date_outside_the_calendar_exits_non_zero_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["deadline", "--received", "2027-03-01"]) == 1
    err = capsys.readouterr().err
    assert "2027-03-01 不在工作日历范围内" in err and "gongkai calendar add" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deadline", "--received", "2026-02-30"], "日期应为 YYYY-MM-DD"),
        (["deadline", "--received", "2026-03-09", "--channel", "pigeon"], "未知的提交方式"),
        (
            ["deadline", "--received", "2026-03-09", "--consultation", "2026-03-10"],
            "开始日期:结束日期",
        ),
        (["deadline"], "--received"),
    ],
)
def test_malformed_input_is_a_usage_error(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("days", ["30", "0", "99999999999999999999", "abc"])
def test_an_extension_outside_its_bound_is_a_usage_error(
    days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["deadline", "--received", "2026-03-09", "--extended", days]
    assert main(argv) == 2
    assert "延长答复期限应为 1—20 个工作日" in capsys.readouterr().err


def test_calendar_add_then_use_the_new_year(
    tmp_path: Path, own_calendar_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "2027.toml"
    source.write_text(INVENTED_2027, encoding="utf-8")
    assert main(["calendar", "add", str(source)]) == 0
    assert "2008—2027" in capsys.readouterr().out
    assert (own_calendar_dir / "2027.toml").read_text(encoding="utf-8") == INVENTED_2027
    assert main(["calendar", "day", "2027-02-20"]) == 0
    assert "调休上班（春节）" in capsys.readouterr().out
    assert main(["deadline", "--received", "2027-03-01"]) == 0
    assert main(["calendar", "add", str(source)]) == 1
    assert "--replace" in capsys.readouterr().err


def test_calendar_add_refuses_a_broken_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "2027.toml"
    source.write_text(INVENTED_2027.replace("2027-02-20", "2027-02-22"), encoding="utf-8")
    assert main(["calendar", "add", str(source)]) == 1
    assert "2027-02-22 是星期一" in capsys.readouterr().err


def test_calendar_years_and_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "years"]) == 0
    assert "2008—2026 年" in capsys.readouterr().out
    assert main(["calendar", "day", "2020-02-01"]) == 0
    assert "春节假期延长" in capsys.readouterr().out


def test_the_installed_command_runs(own_calendar_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "gongkai", "deadline", "--received", "2026-12-20"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "不在工作日历范围内" in run.stderr


def test_provisional_deadlines_past_the_last_notice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "--received", "2026-12-15"]) == 1
    assert "--provisional" in capsys.readouterr().err
    assert main(["deadline", "--received", "2026-12-15", "--provisional", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2027-01-13" and data["provisional"] is True
    assert "未计调休" in data["reason"]


def test_every_deadline_option_of_the_table_is_offered_in_its_order() -> None:
    """The options are data (``DEADLINE_OPTIONS``): the parser offers each, in that order."""
    import argparse

    from gongkai.workdays.cli import DEADLINE_OPTIONS, add_parsers

    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(dest="command"))
    deadline = parser.parse_args(["deadline", "--received", "2026-02-10"])
    offered = [
        a.option_strings[0]
        for a in parser._subparsers._group_actions[0].choices["deadline"]._actions  # type: ignore[union-attr]
        if a.option_strings and a.option_strings[0] != "-h"
    ]
    assert offered == [flag for flag, _ in DEADLINE_OPTIONS]
    assert deadline.fee_clock == "stop" and deadline.consultation == []
    assert parser.parse_args(["calendar", "years"]).calendar_command == "years"
