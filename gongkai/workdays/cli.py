"""``gongkai deadline`` and ``gongkai calendar``: the working-day commands.

    gongkai deadline --received DATE [--channel C] [--confirmed DATE] [--extended [N]]
                     [--corrected DATE] [--consultation S:A]... [--fee N:P]... [--json]
    gongkai calendar add FILE [--replace]     install next year's holiday notice (checked)
    gongkai calendar day DATE...               what a date is (工作日、周末、节假日、调休上班)
    gongkai calendar years                     the years the calendar holds

Exit status: 0 done, 1 a date outside the calendar or facts that contradict each other,
2 usage error (including a malformed date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.errors import CalendarDataError, DeadlineInputError, OutsideCalendar
from gongkai.workdays.calendar import Calendar
from gongkai.workdays.deadlines import (
    CHANNEL_NAMES,
    MAX_EXTENSION_DAYS,
    Channel,
    Consultation,
    Deadline,
    Extension,
    FeeNotice,
    ReplyFacts,
    Rules,
    reply_due,
)
from gongkai.workdays.provisional import ProvisionalCalendar
from gongkai.workdays.store import add_year, added_dir, load_calendar

EXIT_OK, EXIT_FAILED = 0, 1
CHANNEL_ALIASES = {
    "当面": Channel.IN_PERSON,
    "邮寄": Channel.POST,
    "信函": Channel.LETTER,
    "平信": Channel.LETTER,
    "网络": Channel.ONLINE,
    "网上": Channel.ONLINE,
    "互联网": Channel.ONLINE,
    "电子邮件": Channel.ONLINE,
    "传真": Channel.FAX,
    "其他": Channel.OTHER,
}


def parse_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` (also ``YYYY/MM/DD``); argparse turns the ValueError into a usage error."""
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，实为 {text!r}") from None


def parse_extension(text: str) -> int:
    """Working days of an approved extension: 1 to MAX_EXTENSION_DAYS (第三十三条第二款)."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise argparse.ArgumentTypeError(
            f"延长答复期限应为 1—{MAX_EXTENSION_DAYS} 个工作日的整数，实为 {text!r}"
        )
    return days


def parse_channel(text: str) -> Channel:
    if text in CHANNEL_ALIASES:
        return CHANNEL_ALIASES[text]
    try:
        return Channel(text)
    except ValueError:
        names = "、".join(f"{c.value}（{CHANNEL_NAMES[c]}）" for c in Channel)
        raise argparse.ArgumentTypeError(f"未知的提交方式 {text!r}；可选：{names}") from None


def _span(text: str, what: str) -> tuple[dt.date, dt.date | None]:
    first, sep, second = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            f"{what}应写成 开始日期:结束日期（未结束则省略结束日期），实为 {text!r}"
        )
    return parse_date(first), parse_date(second) if second.strip() else None


def parse_consultation(text: str) -> Consultation:
    sent, answered = _span(text, "征求意见")
    return Consultation(sent, answered)


def parse_agency_consultation(text: str) -> Consultation:
    sent, answered = _span(text, "征求其他机关意见")
    return Consultation(sent, answered, agency=True)


def parse_fee(text: str) -> FeeNotice:
    served, paid = _span(text, "收费通知")
    return FeeNotice(served, paid)


# The ``deadline`` command's options: flag → argparse keywords (data, not code).
DEADLINE_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "--received",
        {
            "required": True,
            "type": parse_date,
            "metavar": "DATE",
            "help": "申请到达（提交、签收）日期",
        },
    ),
    (
        "--channel",
        {
            "type": parse_channel,
            "default": Channel.IN_PERSON,
            "metavar": "C",
            "help": "提交方式：in_person 当面、post 邮寄（签收）、letter 平常信函、online 互联网、fax 传真、other 其他",
        },
    ),
    (
        "--confirmed",
        {"type": parse_date, "metavar": "DATE", "help": "平常信函、互联网、传真：双方确认日期"},
    ),
    (
        "--extended",
        {
            "nargs": "?",
            "type": parse_extension,
            "const": 20,
            "metavar": "N",
            "help": "经批准延长答复期限（默认 20 个工作日）",
        },
    ),
    ("--approved-by", {"default": "", "metavar": "NAME", "help": "批准延期的负责人"}),
    ("--approved-on", {"type": parse_date, "metavar": "DATE", "help": "批准延期的日期"}),
    (
        "--corrected",
        {"type": parse_date, "metavar": "DATE", "help": "收到补正申请的日期（第三十条）"},
    ),
    (
        "--consultation",
        {
            "type": parse_consultation,
            "action": "append",
            "default": [],
            "metavar": "S:A",
            "help": "征求第三方意见：发出日期:答复日期（未答复写 S:）；可重复",
        },
    ),
    (
        "--agency-consultation",
        {
            "type": parse_agency_consultation,
            "action": "append",
            "default": [],
            "metavar": "S:A",
            "help": "征求其他机关意见（第三十四条）：发出日期:答复日期；可重复",
        },
    ),
    (
        "--fee",
        {
            "type": parse_fee,
            "action": "append",
            "default": [],
            "metavar": "N:P",
            "help": "收费通知送达日期:缴费日期（未缴写 N:）；可重复",
        },
    ),
    (
        "--fee-clock",
        {
            "choices": ("stop", "run"),
            "default": "stop",
            "help": "收费通知至缴费期间是否停止计时（默认 stop：停止计时）",
        },
    ),
    (
        "--provisional",
        {
            "action": "store_true",
            "help": "期限跨入尚无放假安排的年份时，按法定节日和周末暂定计算（结果标明“暂定”）",
        },
    ),
    ("--json", {"action": "store_true", "help": '输出 JSON：{"due": ..., "steps": [...]}'}),
)


def add_parsers(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``deadline`` and ``calendar`` on the main parser's sub-commands."""
    _add_deadline(commands)
    _add_calendar(commands)


def _add_deadline(commands: argparse._SubParsersAction[Any]) -> None:
    deadline = commands.add_parser(
        "deadline",
        help="计算依申请公开的答复期限（工作日，含调休），逐步说明依据",
        description="按《政府信息公开条例》计算答复期限：收到申请日不计入，期限届满日为最后一个工作日。",
    )
    for flag, options in DEADLINE_OPTIONS:
        deadline.add_argument(flag, **options)


def _add_calendar(commands: argparse._SubParsersAction[Any]) -> None:
    calendar = commands.add_parser("calendar", help="工作日历：添加下一年的放假安排、查询日期")
    actions = calendar.add_subparsers(dest="calendar_command", required=True, metavar="操作")
    add = actions.add_parser("add", help="检查并添加一年的国务院放假安排（TOML 文件）")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--replace", action="store_true", help="替换已有的年份（更正）")
    day = actions.add_parser("day", help="查询日期是工作日、周末、节假日还是调休上班")
    day.add_argument("days", nargs="+", type=parse_date, metavar="DATE")
    actions.add_parser("years", help="列出已录入的年份")


def _facts(args: argparse.Namespace) -> ReplyFacts:
    extension = None
    if args.extended is not None:
        extension = Extension(args.extended, args.approved_by, args.approved_on)
    return ReplyFacts(
        received=args.received,
        channel=args.channel,
        confirmed=args.confirmed,
        corrected=args.corrected,
        extension=extension,
        consultations=tuple(args.consultation + args.agency_consultation),
        fees=tuple(args.fee),
    )


def render(deadline: Deadline) -> str:
    mark = "（暂定）" if deadline.provisional else ""
    lines = [f"答复期限：{deadline.due.isoformat()}{mark}", "依据："]
    for number, step in enumerate(deadline.steps, 1):
        when = f"  → {step.date.isoformat()}" if step.date else ""
        lines.append(f"  {number}. 【{step.article}】{step.text}{when}")
    return "\n".join(lines)


def cmd_deadline(args: argparse.Namespace) -> int:
    try:
        calendar: Calendar = load_calendar()
        if args.provisional:
            calendar = ProvisionalCalendar(calendar)
        deadline = reply_due(
            calendar, _facts(args), Rules(fee_stops_clock=args.fee_clock == "stop")
        )
    except (OutsideCalendar, DeadlineInputError, CalendarDataError) as exc:
        hint = "；或加 --provisional 按法定节日暂定计算" if isinstance(exc, OutsideCalendar) else ""
        print(f"gongkai: {exc}{hint}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(deadline.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render(deadline))
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    try:
        if args.calendar_command == "add":
            target = add_year(args.file, replace=args.replace)
            year = load_calendar()
            print(f"已添加：{target}（日历现为 {_span_text(year)}）")
            print("办公平台中未办结申请的答复期限需重新计算：python -m gongkai_web retime")
            return EXIT_OK
        calendar = load_calendar()
        if args.calendar_command == "years":
            print(f"{_span_text(calendar)}；新增年份目录：{added_dir()}")
            return EXIT_OK
        for day in args.days:
            print(calendar.info(day).describe())
    except (OutsideCalendar, CalendarDataError) as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _span_text(calendar: Calendar) -> str:
    years = calendar.years
    if not years:
        return "无"
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
    missing = f"（缺 {'、'.join(map(str, gaps))} 年）" if gaps else ""
    return f"{years[0]}—{years[-1]} 年{missing}"
