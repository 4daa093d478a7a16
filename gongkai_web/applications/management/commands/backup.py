"""``backup PATH`` or ``backup --keep N DIR``: the whole office into one checked .zip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai_web import backup


class Command(BaseCommand):
    help = (
        "备份全部数据（用户、机关、申请、日志）和附件到一个 .zip 文件，写完后逐项校验；"
        "--keep N 时 PATH 为目录：生成带时间的备份文件，只保留最新的 N 个（供 cron/systemd 定时运行）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件（如 office.zip），或 --keep 时的目录")
        parser.add_argument("--keep", type=int, default=None, help="定时备份：目录中保留的份数")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            if options["keep"] is not None:
                path, manifest, removed = backup.scheduled(path, options["keep"])
                gone = f"，删除旧备份 {len(removed)} 个" if removed else ""
            else:
                if path.is_dir():
                    raise backup.BackupError(f"{path} 是目录：请给出文件名，或加 --keep N")
                manifest, gone = backup.backup(path), ""
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"无法写入备份 {path}：{exc.strerror or exc}") from None
        rows = sum(manifest["models"].values())
        self.stdout.write(
            f"已备份到 {path}：{rows} 条记录，{manifest['media_files']} 个附件文件，已校验{gone}"
        )
