"""Starting and stopping the library's queue workers beside ``gongkai serve``.

The queue is django-tasks' database backend: its worker is ``python -m gongkai_web
db_worker`` (production runs it as a service of its own, as many as wanted, on any machine
that reaches the same database). ``gongkai serve`` starts ``GONGKAI_LIBRARY_WORKERS``
of them (default: one per core; 0 for none) and stops them when it stops."""

from __future__ import annotations

import os
import subprocess
import sys

from gongkai.audit.batch import available_cores


def worker_command() -> list[str]:
    return [
        sys.executable,
        "-m",
        "gongkai_web",
        "db_worker",
        "--no-reload",
        "--verbosity",
        "0",
        "--interval",
        "1",
    ]


def start_workers(count: int | None = None) -> list[subprocess.Popen[bytes]]:
    """Start ``count`` worker processes (default from the environment, else one per core)."""
    if count is None:
        count = int(os.environ.get("GONGKAI_LIBRARY_WORKERS", available_cores()))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "gongkai_web.settings"),
    }
    return [subprocess.Popen(worker_command(), env=env) for _ in range(max(0, count))]


def stop_workers(workers: list[subprocess.Popen[bytes]], timeout: float = 10) -> None:
    """Ask each worker to finish its current file and stop; kill the ones that do not."""
    for w in workers:
        if w.poll() is None:
            w.terminate()
    for w in workers:
        try:
            w.wait(timeout)
        except subprocess.TimeoutExpired:
            w.kill()
            w.wait()
