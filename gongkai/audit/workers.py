"""Worker processes that read one file at a time under a time and a memory limit.

A hostile or broken file must not stall or sink a batch of thousands: each file is read
in a worker process whose address space is capped (``resource.setrlimit(RLIMIT_AS)``,
set in the worker itself) and which the parent kills when the file takes longer than
the time limit. A worker that is killed, runs out of memory or dies is replaced, and the
file is reported as one line; the other files carry on.

Workers start from a fork server by default: a small process started once, with the
readers imported, that forks a fresh worker on demand. A worker forked from the parent
itself would inherit all it holds (a batch's results), and its address-space cap would
count that too. The task is then passed by reference, so it must be importable by name
(a module-level function); ``start_method="fork"`` takes any callable. Results come back
in the order the paths were given.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from gongkai.errors import GongkaiError

R = TypeVar("R")

DEFAULT_SECONDS = 120.0  # a 5-page scan read by OCR takes about 30 s of CPU
DEFAULT_MEMORY_MIB = 2048  # address space: the OCR engine maps 1.3–1.8 GB
# Bounds of what may be asked for (the CLI refuses values outside them).
MAX_SECONDS = 24 * 3600.0
MIN_MEMORY_MIB = 128  # the interpreter with the readers loaded needs about 100 MiB
MAX_MEMORY_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Per file: wall-clock seconds, and the worker's address space in MiB (the
    interpreter and its libraries included). None: no limit of that kind."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mib: int | None = DEFAULT_MEMORY_MIB

    def timeout_reason(self) -> str:
        return f"读取超时：超过 {self.seconds:g} 秒仍未读完，已停止（可用 --timeout 调整）"

    def memory_reason(self) -> str:
        return f"内存超限：读取时超过 {self.memory_mib} MiB，已停止（可用 --max-memory 调整）"

    def died_reason(self, code: int | None) -> str:
        cap = f"，可能超过内存上限 {self.memory_mib} MiB" if self.memory_mib else ""
        how = f"被信号 {-code} 终止" if code is not None and code < 0 else f"退出码 {code}"
        return f"读取进程异常退出（{how}{cap}），已跳过此文件"


READY = "ready"
# A worker that is not ready this long after it was started (imports on a busy machine)
# is a fault of the machine, not of a file.
STARTUP_SECONDS = 120.0


class WorkerStartFailed(GongkaiError):
    """A worker process could not be started (the batch cannot go on)."""


class OutOfMemory:
    """What a worker sends when its file ran into the memory limit."""


Failed = Callable[[str, str], R]  # (path, one-line reason) → the result for that path


def _serve(
    conn: Connection, task: Callable[[str], object], limits: Limits, *, announce: bool = True
) -> None:
    """The worker's loop: receive (index, path), send (index, result) until told to stop.
    With ``announce`` (the default), READY is sent first, once the limit is set: the
    caller starts a file's clock on it (LimitedPool; the library's reader asks not to)."""
    if limits.memory_mib is not None:
        cap = limits.memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if announce:
        conn.send(READY)  # the clock of a file starts once the worker is ready for it
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        index, path = message
        try:
            conn.send((index, task(path)))
        except MemoryError:
            conn.send((index, OutOfMemory()))


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    index: int | None = None  # the path being read
    path: str = ""
    deadline: float = math.inf


class LimitedPool(Generic[R]):
    """Runs ``task(path)`` for each path on ``workers`` processes under ``limits``;
    ``failed(path, reason)`` makes the result of a path that exceeded them."""

    def __init__(
        self,
        task: Callable[[str], R],
        failed: Failed[R],
        workers: int,
        limits: Limits,
        *,
        start_method: str = "forkserver",
        preload: Sequence[str] = (),
    ) -> None:
        self.task = task
        self.failed = failed
        self.workers = max(1, workers)
        self.limits = limits
        # Any: typeshed's BaseContext lacks Process and set_forkserver_preload
        self._context: Any = multiprocessing.get_context(start_method)
        if start_method == "forkserver" and preload:
            # modules the fork server imports once, so that each worker starts ready
            self._context.set_forkserver_preload(list(preload))

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self.task, self.limits),
            kwargs={"announce": True},
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def map(self, paths: Iterable[str]) -> Iterator[R]:
        """Results in the order of ``paths``; never raises for a file."""
        todo = deque(enumerate(paths))
        done: dict[int, R] = {}
        idle = [self._start() for _ in range(min(self.workers, len(todo)))]
        busy: list[_Worker] = []
        following = 0
        try:
            while todo or busy:
                while idle and todo:
                    worker = idle.pop()
                    self._assign(worker, *todo.popleft())
                    busy.append(worker)
                for worker in self._finished(busy):
                    busy.remove(worker)
                    idle.append(self._collect(worker, done))
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            for worker in idle:
                self._stop(worker, kill=False)
            for worker in busy:
                self._stop(worker, kill=True)

    def _assign(self, worker: _Worker, index: int, path: str) -> None:
        if not worker.ready:
            self._await_ready(worker)
        worker.index, worker.path = index, path
        seconds = self.limits.seconds
        worker.deadline = time.monotonic() + seconds if seconds is not None else math.inf
        worker.conn.send((index, path))

    def _await_ready(self, worker: _Worker) -> None:
        """Wait for a new worker's first word. Raises WorkerStartFailed."""
        try:
            if worker.conn.poll(STARTUP_SECONDS) and worker.conn.recv() == READY:
                worker.ready = True
                return
        except (EOFError, OSError):
            pass
        self._stop(worker, kill=True)
        raise WorkerStartFailed(f"无法启动读取进程（{STARTUP_SECONDS:g} 秒内未就绪），审核已停止")

    def _finished(self, busy: list[_Worker]) -> list[_Worker]:
        """Busy workers that answered, died or ran past their deadline (waiting for one)."""
        first = min(w.deadline for w in busy)
        timeout = None if first == math.inf else max(0.0, first - time.monotonic())
        answered = set(wait([w.conn for w in busy], timeout))
        now = time.monotonic()
        return [w for w in busy if w.conn in answered or w.deadline <= now]

    def _collect(self, worker: _Worker, done: dict[int, R]) -> _Worker:
        """Record what the worker gave for its path; a fresh worker if it must be replaced."""
        assert worker.index is not None
        index, path = worker.index, worker.path
        worker.index = None
        reason = self.limits.timeout_reason()
        try:
            if worker.conn.poll():
                _, result = worker.conn.recv()
                if not isinstance(result, OutOfMemory):
                    done[index] = result
                    return worker
                reason = self.limits.memory_reason()
        except (EOFError, OSError):
            worker.process.join(5)
            reason = self.limits.died_reason(worker.process.exitcode)
        done[index] = self.failed(path, reason)
        self._stop(worker, kill=True)
        return self._start()

    def _stop(self, worker: _Worker, *, kill: bool) -> None:
        if not kill and worker.process.is_alive():
            try:
                worker.conn.send(None)
                worker.process.join(1)
            except OSError:
                pass
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
