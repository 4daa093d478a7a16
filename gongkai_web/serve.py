"""``gongkai serve``: bring up the office in one command.

Migrates the database, creates the demo office when the database has no users and no cases
(printing the demo logins), collects the static files when they changed, then serves on
``host:port`` until interrupted. The server is Django's own (``runserver --noreload``,
threaded), fine for one office's staff on a local network; behind a public address run
a WSGI server such as gunicorn (not a dependency) on ``gongkai_web.wsgi`` with
``GONGKAI_DEBUG=0`` instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    import django

    django.setup()


def _static_is_current() -> bool:
    """True when every source static file is already collected and not newer than its copy."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    root = Path(settings.STATIC_ROOT)
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            prefix = getattr(storage, "prefix", None)  # STATICFILES_DIRS entries may have one
            copy = root / prefix / path if prefix else root / path
            source = Path(storage.path(path))
            if not copy.exists() or copy.stat().st_mtime < source.stat().st_mtime:
                return False
    return True


def prepare(demo: bool = True) -> bool:
    """Migrate, seed the demo office into an empty database, collect static files.

    Returns True when demo data was created now.
    """
    from django.conf import settings
    from django.core.management import call_command

    from gongkai_web import backup

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    print("迁移数据库……", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    seeded = False
    if demo and backup.is_empty():
        print("数据库为空：创建演示数据（约 10 秒）……", flush=True)
        call_command("seed_demo")
        seeded = True
    if not _static_is_current():
        call_command("collectstatic", interactive=False, verbosity=0)
    return seeded


def run(host: str = "127.0.0.1", port: int = 8000, demo: bool = True) -> int:
    """Prepare the office and serve it; returns the exit status when the server stops."""
    _setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from gongkai_web.applications import demo as demo_office

    if not prepare(demo) and User.objects.filter(username="supervisor").exists():
        print("数据库已有数据，沿用。", flush=True)
        print(demo_office.logins_text(), flush=True)
    database = settings.DATABASES["default"]
    where = database["NAME"] if database["ENGINE"].endswith("sqlite3") else database["ENGINE"]
    print(f"数据库：{where}", flush=True)
    print(f"政府信息公开办理平台：http://{host}:{port}/ （Ctrl+C 停止）", flush=True)
    workers = start_library_workers()
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
    except KeyboardInterrupt:
        pass
    except SystemExit as exc:  # runserver exits with 1 when the port is taken
        return exc.code if isinstance(exc.code, int) else 1
    finally:
        stop_library_workers(workers)
    print("已停止。", file=sys.stderr)
    return 0


# ---- The report library's queue workers (gongkai_web.library.worker): started with the
# server, stopped with it. GONGKAI_LIBRARY_WORKERS=0 starts none (run them apart instead).
def start_library_workers() -> list[Any]:
    from gongkai_web.library.worker import start_workers

    workers = start_workers()
    if workers:
        print(f"年报库后台处理进程：{len(workers)} 个", flush=True)
    return workers


def stop_library_workers(workers: list[Any]) -> None:
    from gongkai_web.library.worker import stop_workers

    stop_workers(workers)
