"""One way to run work on several processes: no worker outlives Ctrl-C or SIGTERM.

Used by the stack loader (parse/parallel.py, whole stacks per worker) and the Terraform
file parser (parse/terraform/sources.py, large folders). SIGTERM raises in the main
thread (cli/streams.py); the pool's workers are then terminated, not waited for.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_pool(
    fn: Callable[..., T], calls: Sequence[tuple[Any, ...]], workers: int
) -> list[T] | None:
    """`fn(*args)` for every args tuple, in order; None when the platform refuses to
    start processes or a worker died (the caller then works serially)."""
    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals)
    except OSError:
        return None
    try:
        # submit, not map: map cancels its futures as an exception passes, and the pool
        # then fails setting BrokenProcessPool on them when _stop ends the workers
        with _signals_held():
            futures = [pool.submit(fn, *args) for args in calls]
        return [future.result() for future in futures]
    except (OSError, BrokenProcessPool, RuntimeError):
        return None
    except BaseException:  # Ctrl-C, SIGTERM (cli/streams.py): no worker may outlive us
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the pool forks its workers: raised inside an at-fork
    hook (logging's), the exception would be swallowed and the scan go on. Delivered
    on release instead, in the main thread, where run_in_pool stops the workers."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _worker_signals() -> None:
    """The parent alone handles Ctrl-C (the whole process group gets it) and stops the
    workers; SIGTERM (inherited as the CLI's handler) ends a worker at once. Workers are
    forked with both held (_signals_held): release them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers now; shutdown() alone would wait for their current work."""
    processes = dict(getattr(pool, "_processes", None) or {})
    for process in processes.values():
        process.terminate()
    for process in processes.values():
        process.join(timeout=5)
