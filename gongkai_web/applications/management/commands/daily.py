"""``daily``: the daily round (applications/daily.py): lapses applied, next deadlines moved on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai_web.applications import daily


class Command(BaseCommand):
    help = (
        "每日检查（可重复运行）：补正、缴费期限届满的申请按逾期办结并记录，"
        "更新全部未办结申请的下一期限"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="以此日为今天（默认本地今天）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        done = daily.run(options["today"] or timezone.localdate())
        self.stdout.write(done.text())
