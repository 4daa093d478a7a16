"""``restore PATH``: check a backup made by ``backup`` completely, then load it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai_web import backup


class Command(BaseCommand):
    help = (
        "从 backup 生成的 .zip 恢复全部数据和附件：先完整校验备份，再载入新数据库后替换"
        "（数据库须为空，除非 --force）。恢复前请先停止服务。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件")
        parser.add_argument("--force", action="store_true", help="数据库不为空时用备份替换全部数据")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            backup.verify(path)  # before anything is touched, even the data folder
            Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
            call_command("migrate", interactive=False, verbosity=0)
            manifest = backup.restore(path, force=options["force"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(
                f"无法恢复：{exc.strerror or exc}（{exc.filename or path}）"
            ) from None
        self.stdout.write(
            f"已从 {path} 恢复：{sum(manifest['models'].values())} 条记录，"
            f"{manifest['media_files']} 个附件文件（备份于 {manifest['created']}，"
            f"来自 {manifest['database']}），已校验"
        )
