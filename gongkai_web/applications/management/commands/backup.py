"""``backup PATH``: the whole office (data and attachments) into one portable .zip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai_web import backup


class Command(BaseCommand):
    help = "备份全部数据（用户、机关、申请、日志）和附件到一个 .zip 文件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件，如 gongkai-2026-11-21.zip")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup.backup(options["path"])
        models = manifest["models"]
        assert isinstance(models, dict)
        rows = sum(models.values())
        self.stdout.write(
            f"已备份到 {options['path']}：{rows} 条记录，{manifest['media_files']} 个附件文件"
        )
