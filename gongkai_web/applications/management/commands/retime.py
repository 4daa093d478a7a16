"""``retime``: re-time every open case, after ``gongkai calendar add`` changed the calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai_web.applications import services


class Command(BaseCommand):
    help = "按当前工作日历重新计算全部未办结申请的各项期限（gongkai calendar add 之后运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        changed = services.retime_open(today=timezone.localdate())
        self.stdout.write(
            f"重新计算期限：{changed} 件未办结申请的期限有变化（已记入办理记录）；"
            f"暂定期限尚余 {services.provisional_count()} 件"
        )
