"""Extraction in other processes, or on a Dask cluster, with this process as the one writer.

The corpus is cut into tasks: a whole file, or a slice of lines of a JSON Lines
file (so one big file still spreads over the workers). A worker reads its task's
bytes itself, extracts, and sends back articles with their statements; the writer
stores them in task order, so the database is the same as with one process. At
most a few tasks per worker are in flight, so memory stays flat whatever the corpus.
"""

from __future__ import annotations

import codecs
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .database import WriteBatch, checkpoint, write_transaction
from .extract import extract
from .ingest import COMMIT_EVERY, IngestSummary, Overrides, _fail, add_to_batch, replace_errors, writer
from .models import Article, Statement
from .readers import READERS, ReadError, Skipped, find_files, format_for, read_file
from .readers.decode import DecodeError, decode_bytes
from .schema import ensure_schema
from .store import StoreCache, tune_for_ingest

LINES_PER_TASK = 100
TASKS_IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class Task:
    """A file, or the lines of a JSON Lines file from byte ``start`` to ``end`` (first one numbered ``first_line``)."""

    path: str
    fmt: str | None
    start: int = 0
    end: int | None = None
    first_line: int = 1


Result = list[tuple[Article | ReadError, list[Statement] | None]]


def plan_tasks(paths: Iterable[str | Path], fmt: str | None = None,
               lines_per_task: int | None = None) -> Iterator[Task | ReadError]:
    for item in find_files(paths, fmt):
        if isinstance(item, ReadError):
            yield item
        elif format_for(item, fmt) == "jsonl":
            yield from _jsonl_slices(item, fmt, lines_per_task or LINES_PER_TASK)
        else:
            yield Task(str(item), fmt)


def _jsonl_slices(path: Path, fmt: str | None, lines_per_task: int) -> Iterator[Task]:
    """Cut at newlines every ``lines_per_task`` lines, reading in blocks (never the whole file)."""
    try:
        handle = path.open("rb")
    except OSError:
        yield Task(str(path), fmt)  # read_file reports why
        return
    starts, offset, lines = [0], 0, 0
    with handle:
        if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            yield Task(str(path), fmt)  # UTF-16 newlines are two bytes: no cutting at b"\n"
            return
        handle.seek(0)
        while block := handle.read(1 << 20):
            position = block.find(b"\n")
            while position != -1:
                lines += 1
                if lines % lines_per_task == 0:
                    starts.append(offset + position + 1)
                position = block.find(b"\n", position + 1)
            offset += len(block)
    if len(starts) == 1 or (len(starts) == 2 and starts[1] >= offset):
        yield Task(str(path), fmt)  # small file: read it whole, exactly as one process would
        return
    ends = starts[1:] + [offset]
    for number, (start, end) in enumerate(zip(starts, ends)):
        if end > start:
            yield Task(str(path), fmt, start, end, number * lines_per_task + 1)


def read_task(task: Task) -> Iterator[Article | ReadError]:
    if task.end is None:
        yield from read_file(task.path, task.fmt)
        return
    try:
        with open(task.path, "rb") as handle:
            handle.seek(task.start)
            data = handle.read(task.end - task.start)
    except OSError as error:
        yield ReadError(task.path, f"cannot read: {error.strerror or error}")
        return
    if not data.strip():
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield ReadError(task.path, str(error), line=task.first_line)
        return
    fmt = format_for(task.path, task.fmt)
    for item in READERS[fmt](decoded, task.path):
        if isinstance(item, tuple):
            yield ReadError(task.path, item[1], line=item[0] + task.first_line - 1)
        else:
            item.path, item.format = task.path, fmt
            yield item


def extract_task(task: Task, overrides: Overrides | None = None) -> Result:
    """Runs on a worker: read the task's articles and extract their statements."""
    results: Result = []
    for item in read_task(task):
        if isinstance(item, (ReadError, Skipped)):
            results.append((item, None))
            continue
        article = overrides.apply(item) if overrides else item
        try:
            results.append((article, extract(article)))
        except Exception as error:  # one bad article must not stop the others
            results.append((ReadError(article.path, f"{type(error).__name__}: {error}"), None))
    return results


def in_order(submit: Callable[[Task], object], tasks: Iterable[Task], window: int) -> Iterator[Result]:
    """Results in task order, with at most ``window`` tasks submitted and not yet stored."""
    pending: deque = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(future) -> Result:
    return future.get() if hasattr(future, "get") else future.result()


def _lower_priority() -> None:
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this platform, or not allowed: equal priority
        pass


@contextmanager
def process_pool(workers: int, overrides: Overrides | None):
    import multiprocessing

    # spawn: workers start clean, without a copy of the writer's open database. Workers run at a
    # lower priority: with more processes than cores, the one writer gets a core of its own.
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_lower_priority) as pool:
        yield lambda task: pool.apply_async(extract_task, (task, overrides))


@contextmanager
def dask_client(address: str, workers: int, overrides: Overrides | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--dask needs Dask: pip install 'tracker[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        client.run(_lower_priority)  # as with --workers: the writer shares this machine's cores
    else:
        cluster, client = None, Client(address)
    try:
        yield lambda task: client.submit(extract_task, task, overrides, pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_worker_count(address: str) -> int:
    from dask.distributed import Client

    with Client(address) as client:
        return max(1, len(client.scheduler_info().get("workers", {})))


def ingest_parallel(db: Database, paths: Iterable[str | Path], fmt: str | None = None,
                    overrides: Overrides | None = None, on_error: Callable[[ReadError], None] | None = None,
                    progress: Callable[[Iterable], Iterable] | None = None, workers: int = 2,
                    dask: str | None = None, commit_every: int = COMMIT_EVERY) -> IngestSummary:
    """Like ``ingest_paths``, with extraction in ``workers`` processes or on the Dask cluster at ``dask``
    (an address such as tcp://host:8786, or "local" for a local cluster of ``workers`` processes)."""
    with write_transaction(db):
        ensure_schema(db)
    tune_for_ingest(db)
    cache = StoreCache()
    summary = IngestSummary()
    tasks = []
    errors: dict[str, list[ReadError]] = {}  # path -> this run's errors, recorded when the run ends
    for item in plan_tasks(paths, fmt):
        if isinstance(item, ReadError):
            failed: list[ReadError] = []
            _fail(summary, item, failed, on_error)
            replace_errors(db, item.path, failed)  # recorded now, as a single process does
        else:
            tasks.append(item)
            errors.setdefault(item.path, [])
    if dask:
        window_workers = workers if dask == "local" else dask_worker_count(dask)
        executor = dask_client(dask, workers, overrides)
    else:
        window_workers, executor = workers, process_pool(workers, overrides)
    with executor as submit, WriteBatch(db, writer(db, cache), max_articles=commit_every,
                                         on_rollback=cache.reset) as batch:
        for results in in_order(submit, progress(tasks) if progress else tasks,
                                window_workers * TASKS_IN_FLIGHT_PER_WORKER):
            for item, statements in results:
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    continue
                if isinstance(item, ReadError):
                    _fail(summary, item, errors.setdefault(item.path, []), on_error)
                    continue
                add_to_batch(batch, item, statements, summary, errors.setdefault(item.path, []), on_error)
    for path, path_errors in errors.items():
        replace_errors(db, path, path_errors)
    checkpoint(db)
    return summary
