"""Run the parts of an evaluation here, in worker processes, or on a Dask cluster.

Every engine runs [`sp4n.monev.sources.run_part`][sp4n.monev.sources.run_part] on each part and
merges the returned states in part order into one pipeline on the caller's
side ([`merge_state`][sp4n.monev.MonevPipeline.merge_state]): counts add, last logins
take the latest, results are sorted, so the ``--json`` output is byte for byte
the same whatever the engine, the number of workers and the split.

* ``local``: this process (``workers=1``) or a pool of ``workers`` processes;
* ``dask``: one task per part on a ``distributed`` cluster — the one at
  ``scheduler``, else a ``LocalCluster`` of ``workers`` single-threaded
  processes. Needs the ``sp4n[dask]`` extra; the workers must see the files
  at the same paths (a shared file system).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Final, Literal

import attrs

from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.monev.pipeline import MonevPipeline, MonevResult
from sp4n.monev.sources import (
    MAX_PROBLEMS,
    MIN_RANGE,
    MonevOptions,
    Part,
    PartResult,
    build_pipeline,
    discover,
    plan_parts,
    run_part,
)

__all__ = [
    "ENGINES",
    "Merger",
    "Outcome",
    "default_workers",
    "evaluate",
    "merge",
    "merge_results",
]

ENGINES: Final = ("local", "dask")
Engine = Literal["local", "dask"]
PARTS_PER_WORKER: Final = 4
"""JSON Lines files are cut into this many ranges per worker (balances uneven ranges)."""


def default_workers() -> int:
    """The cores this process may run on (``--workers`` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@attrs.frozen
class Outcome:
    """A merged evaluation and what was refused along the way.

    Attributes:
        result: The monev result over every part.
        rejected: Reports refused (invalid payload or history).
        problems: The first refusals, in file order, as ``"file line N: why"``.
        trusted: Rows read from trusted Parquet columns without validating again.
        merge_seconds: Time spent merging the parts' states on the caller's side.
    """

    result: MonevResult
    rejected: int
    problems: tuple[str, ...]
    trusted: int
    merge_seconds: float = 0.0


class Merger:
    """Merges the parts' results as they arrive, in any order; keeps only counts.

    Each state is added into one pipeline at once and dropped, so the caller
    holds one pipeline however many parts there are. Refused lines are
    numbered at the end, in part order (a part's line numbers start after the
    lines of the earlier parts of the same file).
    """

    def __init__(self, parts: Sequence[Part], options: MonevOptions) -> None:
        self.parts = {p.index: p for p in parts}
        self.pipeline: MonevPipeline = build_pipeline(options)
        self.seen: dict[int, tuple[int, tuple[tuple[int, str], ...]]] = {}
        self.rejected = self.trusted = 0
        self.seconds = 0.0

    def add(self, part: Part, result: PartResult) -> None:
        """Merge one part's result."""
        start = time.perf_counter()
        self.pipeline.merge_state(result.state)
        self.seconds += time.perf_counter() - start
        self.rejected += result.rejected
        self.trusted += result.trusted
        self.seen[part.index] = (result.lines, result.problems)

    def outcome(self) -> Outcome:
        """The merged result (every part must have been added)."""
        names = {p.path for p in self.parts.values()}
        offsets: dict[str, int] = {}
        problems: list[str] = []
        for index in sorted(self.parts):
            part = self.parts[index]
            lines, found = self.seen[index]
            before = offsets.get(part.path, 0)
            noun = "row" if part.kind == "parquet" else "line"
            where = f"{Path(part.path).name} " if len(names) > 1 else ""
            group = f"row group {part.row_group} " if part.kind == "parquet" else ""
            for number, why in found:
                if len(problems) < MAX_PROBLEMS:
                    problems.append(f"{where}{group}{noun} {before + number}: {why}")
            if part.kind != "parquet":
                offsets[part.path] = before + lines
        start = time.perf_counter()
        result = self.pipeline.result()
        self.seconds += time.perf_counter() - start
        return Outcome(result, self.rejected, tuple(problems), self.trusted, self.seconds)


def merge(parts: Sequence[Part], results: Sequence[PartResult], options: MonevOptions) -> Outcome:
    """Merge the parts' states into one result; number the refused lines."""
    merger = Merger(parts, options)
    for part, got in zip(parts, results, strict=True):
        merger.add(part, got)
    return merger.outcome()


def merge_results(results: Iterable[PartResult], options: MonevOptions) -> Outcome:
    """Merge results counted elsewhere (e.g. Spark partitions) into one evaluation.

    Like [`merge`][sp4n.monev.engines.merge], without the parts: refusals keep their line numbers
    within their own partition.
    """
    pipeline = build_pipeline(options)
    rejected = trusted = 0
    problems: list[str] = []
    for got in results:
        pipeline.merge_state(got.state)
        rejected += got.rejected
        trusted += got.trusted
        problems.extend(f"line {n} of a part: {why}" for n, why in got.problems)
    return Outcome(pipeline.result(), rejected, tuple(problems[:5]), trusted)


def _local(
    parts: Sequence[Part],
    options: MonevOptions,
    workers: int,
    merger: Merger,
    done: Callable[[], None],
) -> None:
    if workers <= 1 or len(parts) <= 1:
        for part in parts:
            merger.add(part, run_part(part, options))
            done()
        return
    context = multiprocessing.get_context("spawn")
    # The workers start with SIGINT blocked (the mask survives exec): a Ctrl-C reaches
    # this process only, never a worker half-way through reading its start-up data
    # (which would print a traceback); the interrupted parent stops them itself.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        futures = {pool.submit(run_part, part, options): part for part in parts}
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    try:
        for future in as_completed(futures):
            merger.add(futures.pop(future), future.result())
            done()
    except BaseException:
        for child in multiprocessing.active_children():
            child.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _dask(
    parts: Sequence[Part],
    options: MonevOptions,
    *,
    workers: int,
    scheduler: str | None,
    merger: Merger,
    done: Callable[[], None],
) -> None:
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 - optional extra
        from distributed import as_completed as dask_completed  # noqa: PLC0415
    except ImportError:
        raise DataError(
            Message(
                "MONEV-EXTRA.dask-engine-needs-sp4n",
                "the dask engine needs the sp4n[dask] extra (pip install 'sp4n[dask]')",
            ),
            rule="MONEV-EXTRA",
            field="engine",
        ) from None
    if scheduler is not None:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(run_part, list(parts), options=options, pure=False)
        part_of = {future.key: part for future, part in zip(futures, parts, strict=True)}
        for future in dask_completed(futures):
            merger.add(part_of[future.key], future.result())
            future.release()  # the worker may drop the result now
            done()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def evaluate(
    paths: Sequence[Path],
    options: MonevOptions,
    *,
    workers: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
    min_range: int = MIN_RANGE,
) -> Outcome:
    """Evaluate the reports of files and folders with an engine.

    Args:
        paths: Files (``.jsonl``, ``.jsonl.gz``, ``.parquet``) and folders.
        options: The evaluation's options.
        workers: Processes (default: the machine's cores).
        engine: ``local`` or ``dask``.
        scheduler: Address of a Dask scheduler (``dask`` engine); default a
            local cluster of ``workers`` processes.
        progress: Given the number of parts, returns a callback called per part done.
        min_range: Smallest byte range a JSON Lines file is cut into.

    Raises:
        DataError: a missing or unreadable file, an unknown engine, or the
            dask engine without its extra.
    """
    count = workers or default_workers()
    split = count * PARTS_PER_WORKER if count > 1 else 1
    parts = plan_parts(discover(list(paths)), split=split, min_range=min_range)
    done = progress(len(parts)) if progress is not None else (lambda: None)
    given: str = engine  # callers may pass any string at run time
    if given not in ENGINES:
        raise DataError(
            Message(
                "MONEV-EXTRA.unknown-engine-given-one",
                "unknown engine {given}; one of {join}",
                given=repr(given),
                join=str(", ".join(ENGINES)),
            ),
            rule="MONEV-EXTRA",
            field="engine",
        )
    merger = Merger(parts, options)
    if engine == "dask":
        _dask(parts, options, workers=count, scheduler=scheduler, merger=merger, done=done)
    else:
        _local(parts, options, count, merger, done)
    return merger.outcome()
