"""``restore PATH``: load a backup made by ``backup`` into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai_web import backup


class Command(BaseCommand):
    help = "从 backup 生成的 .zip 恢复全部数据和附件（数据库须为空，除非 --force）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件")
        parser.add_argument(
            "--force", action="store_true", help="数据库不为空时先清空全部数据再恢复"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = backup.restore(options["path"], force=options["force"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        models = manifest["models"]
        assert isinstance(models, dict)
        self.stdout.write(
            f"已从 {options['path']} 恢复：{sum(models.values())} 条记录，"
            f"{manifest['media_files']} 个附件文件（备份于 {manifest['created']}，"
            f"来自 {manifest['database']}）"
        )
