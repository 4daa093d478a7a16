"""``library_import DIR [--year Y] [--wait]``: queue the report files of a server-side
folder into the library; with ``--wait``, process the queue here and return when done."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.audit.batch import report_files
from gongkai_web.library.errors import LibraryError
from gongkai_web.library.models import Report, Status
from gongkai_web.library.services import collect
from gongkai_web.library.views import progress


class Command(BaseCommand):
    help = "把服务器上一个目录中的年报文件（含子目录）收入年报库并排队处理"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="年报所在目录")
        parser.add_argument("--year", type=int, default=None, help="报告未写明年度时采用")
        parser.add_argument("--name", default="", help="批次名称（默认目录名）")
        parser.add_argument(
            "--wait", action="store_true", help="在本进程处理队列，全部处理完再返回"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"目录不存在：{folder}")
        files, _ = report_files([str(folder)])
        zips = sorted(p for p in folder.rglob("*.zip") if p.is_file())
        if not files and not zips:
            raise CommandError(f"目录中没有年报文件：{folder}")
        try:
            batch = collect.new_batch(options["name"] or folder.name, options["year"], None)
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
        paths = [Path(f) for f in files] + zips
        done = collect.Collected(batch)
        for path in paths:
            with path.open("rb") as stream:
                part = collect.collect(batch, [(str(path.relative_to(folder)), stream)])
            done.added += part.added
            done.duplicates += part.duplicates
            done.refused += part.refused
        self.stdout.write(f"批次 {batch.pk}：{done.summary()}")
        if options["wait"]:
            self._wait(batch)

    def _wait(self, batch: Any) -> None:
        started = time.perf_counter()
        if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        while (p := progress(batch))["finished"] < p["total"]:  # other workers may hold some
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"处理完毕：成功 {p['done']} 份，失败 {p['failed']} 份，用时 {seconds:.1f} 秒"
        )
        failed = Report.objects.filter(uploads__batch=batch, status=Status.FAILED).distinct()
        for r in failed:
            self.stdout.write(f"  读取失败：{r.filename}：{r.reason}")
