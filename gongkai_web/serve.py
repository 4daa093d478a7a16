"""``gongkai serve``: bring up the office in one command.

Migrates the database, creates the demo office when the database has no users and no cases
(printing the demo logins; with ``--no-demo`` an empty database is refused with a pointer
to ``gongkai init``), collects the static files when they changed, then serves on
``host:port`` until interrupted: by gunicorn with several worker processes, DEBUG off and the
static files served by WhiteNoise (production), or with ``--dev`` by Django's reloading
development server with DEBUG on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

NO_OFFICE = (
    "数据库中还没有机关和管理员，无人能够登录。请先建立办公室：\n"
    "  gongkai init            （逐项询问机关名称、简称代码、管理员和密码）\n"
    "或者去掉 --no-demo，用演示数据试用。"
)


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 × cores + 1, at most 8 (each worker holds a connection)."""
    return min(8, 2 * (os.cpu_count() or 1) + 1)


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
    # The daily round (lapses, next deadlines), in case no cron ran it since the last start.
    call_command("daily")
    if not _static_is_current():
        call_command("collectstatic", interactive=False, verbosity=0)
    return seeded


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    demo: bool = True,
    dev: bool = False,
    workers: int | None = None,
) -> int:
    """Prepare the office and serve it; returns the exit status when the server stops."""
    # The settings read DEBUG when they are first imported: decide it before that.
    os.environ["GONGKAI_DEBUG"] = "1" if dev else os.environ.get("GONGKAI_DEBUG", "0")
    _setup()
    from django.conf import settings
    from django.contrib.auth.models import User

    from gongkai_web import backup
    from gongkai_web.applications import demo as demo_office

    if not prepare(demo) and User.objects.filter(username="supervisor").exists():
        print("数据库已有数据，沿用。", flush=True)
        print(demo_office.logins_text(), flush=True)
    if not demo and backup.is_empty():
        print(NO_OFFICE, file=sys.stderr, flush=True)
        return 1
    database = settings.DATABASES["default"]
    where = database["NAME"] if database["ENGINE"].endswith("sqlite3") else database["ENGINE"]
    print(f"数据库：{where}", flush=True)
    print(f"政府信息公开办理平台：http://{host}:{port}/ （Ctrl+C 停止）", flush=True)
    library_workers = start_library_workers()
    try:
        if dev:
            return _run_dev(host, port)
        return _run_gunicorn(host, port, workers or default_workers())
    finally:
        stop_library_workers(library_workers)


def _run_dev(host: str, port: int) -> int:
    from django.core.management import call_command

    print("开发模式：DEBUG 打开，修改代码后自动重启。不要这样对外服务。", flush=True)
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=True, skip_checks=True)
    except KeyboardInterrupt:
        pass
    except SystemExit as exc:  # runserver exits with 1 when the port is taken
        return exc.code if isinstance(exc.code, int) else 1
    print("已停止。", file=sys.stderr)
    return 0


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line the office is served with."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai_web.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        "120",  # a reply letter as PDF takes a few seconds, never minutes
        "--graceful-timeout",
        "20",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",  # bound slow leaks
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("GONGKAI_TRUSTED_PROXIES", "127.0.0.1,::1"),
    ]


def _run_gunicorn(host: str, port: int, workers: int) -> int:
    print(f"生产模式：gunicorn，{workers} 个工作进程，DEBUG 关闭。", flush=True)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "gongkai_web.settings", "GONGKAI_DEBUG": "0"}
    from django.db import connections

    connections.close_all()
    process = subprocess.Popen(gunicorn_command(host, port, workers), env=env)
    # A child, not exec: the library's workers are stopped after it. A service manager's
    # stop signal is passed on to gunicorn, which then stops gracefully.
    signal.signal(signal.SIGTERM, lambda signum, _frame: process.send_signal(signum))
    try:
        status = process.wait()
    except KeyboardInterrupt:
        process.terminate()  # gunicorn got the Ctrl+C too; make sure it goes
        try:
            status = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait()
        status = 0
    print("已停止。", file=sys.stderr)
    return status


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
