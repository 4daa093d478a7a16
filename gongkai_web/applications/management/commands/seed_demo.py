"""``seed_demo``: the demo office with about two years of cases (see applications/demo.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai_web.applications import demo
from gongkai_web.applications.models import Application


class Command(BaseCommand):
    help = "创建演示数据：4 个机关、各岗位人员、约两年的申请（全部经办理流程生成）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=600, help="申请件数（默认 600）")
        parser.add_argument("--seed", type=int, default=2025, help="随机种子（默认 2025）")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="以此日为今天（默认本地今天）"
        )
        parser.add_argument("--force", action="store_true", help="已有申请时仍然添加")

    def handle(self, *args: Any, **options: Any) -> None:
        if Application.objects.exists() and not options["force"]:
            raise CommandError("数据库中已有申请，未创建演示数据（--force 仍然添加）")
        office = demo.seed(options["cases"], options["seed"], options["today"])
        c = office.counts
        self.stdout.write(
            f"已创建演示数据：{c['cases']} 件申请（未办结 {c['open']} 件），"
            f"补正 {c['corrections']}、征求意见 {c['consultations']}、延期 {c['extensions']}、"
            f"收费 {c['fees']}、撤回 {c['withdrawn']}、行政复议 {c['review']}、"
            f"行政诉讼 {c['suit_direct'] + c['suit_after_review']}（未审结 {c['pending']}）"
        )
        # proactive disclosure: the catalogue, registers and mailbox of the same office
        from gongkai_web.catalogue import demo as catalogue_demo

        made = catalogue_demo.seed(office.agencies, options["seed"], options["today"])
        self.stdout.write(
            f"主动公开目录：{made['items']} 条（规范性文件和规章 {made['documents']} 件，"
            f"已废止 {made['repealed']} 件，审核中 {made['in_review']} 条）"
        )
        self.stdout.write(demo.logins_text())
        # The report library's demo region (gongkai_web.library.demo).
        from gongkai_web.library import demo as library_demo

        if (collected := library_demo.seed()) is not None:
            self.stdout.write(f"年报库：示范省 {collected.summary()}（后台处理）")
