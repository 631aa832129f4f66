"""Run the parts of an evaluation here, in worker processes, or on a Dask cluster.

Every engine runs [`sp4n.monev.sources.run_part`][sp4n.monev.sources.run_part] on each part and
merges the returned states in part order into one pipeline on the caller's
side ([`merge_state`][sp4n.monev.MonevPipeline.merge_state]): counts add, last logins
take the latest, results are sorted, so the ``--json`` output is byte for byte
the same whatever the engine, the number of workers and the split.

A tracking id counts once (rule INPUT-DUPLICATE): the first valid line with it,
in (file, position) order, as ``sp4n sla`` reads one file. Each part claims
the ids it counted; `Merger` takes the parts in order and checks each
part's claims against the earlier parts'. A part that claimed an id again is
counted a second time with those ids excluded (its first state is dropped,
never subtracted), so what is counted does not depend on the split. An input
without repeats pays for the claims only (8 bytes an id on the caller's side);
one with repeats across parts pays for counting those parts again.

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
import numpy as np

from sp4n.errors import DataError, InvalidArgument
from sp4n.i18n import Message
from sp4n.monev._arguments import monev_boundary
from sp4n.monev._ids import Keys, SortedIds
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
    """A merged evaluation and what was refused or skipped along the way.

    Attributes:
        result: The monev result over every part.
        rejected: Reports refused (invalid payload or history, duplicate tracking id).
        problems: The first refusals, in file order, as ``"file line N: why"``.
        trusted: Rows read from trusted Parquet columns without validating again.
        merge_seconds: Time spent merging the parts' states on the caller's side.
        duplicates: Lines refused because their tracking id counted already (INPUT-DUPLICATE).
        duplicate_ids: The first of those ids, in file order.
        after_now: Reports skipped: submitted after ``now`` (INPUT-AFTER-NOW).
        as_of_now: Reports counted as they stood at ``now``, later events left out.
        recounted: Parts counted again without ids claimed by earlier parts.
    """

    result: MonevResult
    rejected: int
    problems: tuple[str, ...]
    trusted: int
    merge_seconds: float = 0.0
    duplicates: int = 0
    duplicate_ids: tuple[str, ...] = ()
    after_now: int = 0
    as_of_now: int = 0
    recounted: int = 0


class Merger:
    """Merges the parts' results as they arrive, in any order; keeps only counts.

    Parts are settled in part order as soon as every earlier part has arrived
    (a part that arrives early waits): its claimed tracking ids are checked
    against the earlier parts' claims. A part without a repeat is added into
    one pipeline at once and dropped, so the caller holds one pipeline and the
    claimed ids however many parts there are; a part with repeats is listed
    by `recount` and its second result given to `add`. Refused
    lines are numbered at the end, in part order (a part's line numbers start
    after the lines of the earlier parts of the same file).
    """

    def __init__(self, parts: Sequence[Part], options: MonevOptions) -> None:
        self.parts = {p.index: p for p in parts}
        self.pipeline: MonevPipeline = build_pipeline(options)
        self.seen: dict[int, tuple[tuple[int, str], ...]] = {}
        self.lines: dict[int, int] = {}
        self.rejected = self.trusted = 0
        self.seconds = 0.0
        self.claimed = SortedIds()
        self.waiting: dict[int, PartResult] = {}
        self.order = sorted(self.parts)
        self.settled = 0
        self.again: dict[int, Keys] = {}
        self.duplicates: dict[int, tuple[int, tuple[str, ...]]] = {}
        self.unreadable: dict[int, tuple[int, str]] = {}
        self.recounted = 0

    def add(self, part: Part, result: PartResult) -> None:
        """Take one part's result (a part listed by `recount`: its second result)."""
        if part.index in self.again:
            del self.again[part.index]
            self.recounted += 1
            self._merge(part, result)
            return
        self.waiting[part.index] = result
        order = self.order
        while self.settled < len(order) and order[self.settled] in self.waiting:
            index = order[self.settled]
            self.settled += 1
            self._settle(self.parts[index], self.waiting.pop(index))

    def _settle(self, part: Part, result: PartResult) -> None:
        """Check a part's claims against the earlier parts' (all settled by now)."""
        self.lines[part.index] = result.lines
        if result.unreadable is not None:
            self.unreadable[part.index] = result.unreadable
            return
        clash = self.claimed.contains(result.ids)
        if clash.any():
            self.again[part.index] = result.ids[clash]
            self.claimed.add(result.ids[~clash])  # what it claims when counted again
            return
        self.claimed.add(result.ids)
        self._merge(part, result)

    def _merge(self, part: Part, result: PartResult) -> None:
        start = time.perf_counter()
        self.pipeline.merge_state(result.state)
        self.seconds += time.perf_counter() - start
        self.rejected += result.rejected
        self.trusted += result.trusted
        self.seen[part.index] = result.problems
        self.duplicates[part.index] = (result.duplicates, result.duplicate_ids)

    def recount(self) -> list[tuple[Part, Keys]]:
        """The parts to count again, each with the ids earlier parts claimed (sorted keys).

        Raises:
            DataError: a file is not UTF-8 (rule INPUT-ENCODING).
        """
        self.check_readable()
        return [(self.parts[i], np.sort(keys)) for i, keys in sorted(self.again.items())]

    def _where(self, index: int) -> tuple[str, int]:
        """The file prefix of a part's problems and the lines of earlier parts of its file."""
        part = self.parts[index]
        names = {p.path for p in self.parts.values()}
        where = f"{Path(part.path).name} " if len(names) > 1 else ""
        if part.kind == "parquet":
            return f"{where}row group {part.row_group} ", 0
        earlier = self.order[: self.order.index(index)]
        before = sum(self.lines[i] for i in earlier if self.parts[i].path == part.path)
        return where, before

    def check_readable(self) -> None:
        """Raise for the first part, in order, that met bytes that are not UTF-8.

        Raises:
            DataError: rule INPUT-ENCODING, naming the file, line and byte.
        """
        if not self.unreadable:
            return
        index = min(self.unreadable)
        number, why = self.unreadable[index]
        _, before = self._where(index)
        msg = Message(
            "INPUT-ENCODING.file",
            "{file} is not UTF-8 (line {line}, {why})",
            file=Path(self.parts[index].path).name,
            line=before + number,
            why=why,
        )
        raise DataError(msg, rule="INPUT-ENCODING", field="file")

    def outcome(self) -> Outcome:
        """The merged result (every part must have been added, and counted again if listed).

        Raises:
            DataError: a file is not UTF-8 (rule INPUT-ENCODING).
        """
        self.check_readable()
        problems: list[str] = []
        repeats, first_ids = 0, list[str]()
        for index in self.order:
            part = self.parts[index]
            prefix, before = self._where(index)
            noun = "row" if part.kind == "parquet" else "line"
            for number, why in self.seen[index]:
                if len(problems) < MAX_PROBLEMS:
                    problems.append(f"{prefix}{noun} {before + number}: {why}")
            count, ids = self.duplicates[index]
            repeats += count
            first_ids.extend(ids[: MAX_PROBLEMS - len(first_ids)])
        start = time.perf_counter()
        result = self.pipeline.result()
        self.seconds += time.perf_counter() - start
        return Outcome(
            result,
            self.rejected,
            tuple(problems),
            self.trusted,
            self.seconds,
            duplicates=repeats,
            duplicate_ids=tuple(first_ids),
            after_now=self.pipeline.after_now,
            as_of_now=self.pipeline.as_of_now,
            recounted=self.recounted,
        )


@monev_boundary
def merge(parts: Sequence[Part], results: Sequence[PartResult], options: MonevOptions) -> Outcome:
    """Merge the parts' states into one result; number the refused lines.

    Parts that claimed a tracking id an earlier part claimed are counted
    again here, in this process, without those ids.
    """
    parts, results = list(parts), list(results)
    for name, items, kind in (("parts", parts, Part), ("results", results, PartResult)):
        wrong = next((item for item in items if not isinstance(item, kind)), None)
        if wrong is not None or len(parts) != len(results):
            msg = Message(
                "error.monev.one-per-part",
                "{name} must hold one {kind} per part, not {type}",
                name=name,
                kind=kind.__name__,
                type=type(wrong).__name__,
            )
            raise InvalidArgument(msg, field=name)
    merger = Merger(parts, options)
    for part, got in zip(parts, results, strict=True):
        merger.add(part, got)
    for part, exclude in merger.recount():
        merger.add(part, run_part(part, options, exclude))
    return merger.outcome()


@monev_boundary
def merge_results(results: Iterable[PartResult], options: MonevOptions) -> Outcome:
    """Merge results counted elsewhere (e.g. Spark partitions) into one evaluation.

    Like `merge`, without the parts: refusals keep their line numbers
    within their own partition, and a partition cannot be counted again, so
    the same tracking id counted in two partitions is refused as a whole
    (partition the lines by tracking id, and each id stays in one partition).

    Raises:
        DataError: a tracking id counted in two partitions (rule
            INPUT-DUPLICATE), or a partition that is not UTF-8 (INPUT-ENCODING).
    """
    pipeline = build_pipeline(options)
    rejected = trusted = repeats = 0
    problems: list[str] = []
    first_ids: list[str] = []
    claimed = SortedIds()
    given: Iterable[object] = results  # callers may pass anything at run time
    for got in given:
        if not isinstance(got, PartResult):
            msg = Message(
                "error.monev.results-item",
                "an item of results must be a PartResult, not {type}",
                type=type(got).__name__,
            )
            raise InvalidArgument(msg, field="results")
        if got.unreadable is not None:
            number, why = got.unreadable
            msg = Message(
                "INPUT-ENCODING.partition",
                "a partition is not UTF-8 (its line {line}, {why})",
                line=number,
                why=why,
            )
            raise DataError(msg, rule="INPUT-ENCODING", field="file")
        clash = claimed.contains(got.ids)
        if clash.any():
            msg = Message(
                "INPUT-DUPLICATE.partitions",
                "{count} tracking id(s) counted in two partitions; partition "
                "the lines by tracking id [INPUT-DUPLICATE]",
                count=int(clash.sum()),
            )
            raise DataError(msg, rule="INPUT-DUPLICATE", field="tracking_id")
        claimed.add(got.ids)
        pipeline.merge_state(got.state)
        rejected += got.rejected
        trusted += got.trusted
        repeats += got.duplicates
        first_ids.extend(got.duplicate_ids[: MAX_PROBLEMS - len(first_ids)])
        problems.extend(f"line {n} of a part: {why}" for n, why in got.problems)
    return Outcome(
        pipeline.result(),
        rejected,
        tuple(problems[:MAX_PROBLEMS]),
        trusted,
        duplicates=repeats,
        duplicate_ids=tuple(first_ids),
        after_now=pipeline.after_now,
        as_of_now=pipeline.as_of_now,
    )


Task = tuple[Part, Keys | None]
"""A part to count, with the tracking ids to refuse in it (``None``: none)."""


def _local(
    tasks: Sequence[Task],
    options: MonevOptions,
    workers: int,
    merger: Merger,
    done: Callable[[], None],
) -> None:
    if workers <= 1 or len(tasks) <= 1:
        for part, exclude in tasks:
            merger.add(part, run_part(part, options, exclude))
            done()
        return
    context = multiprocessing.get_context("spawn")
    # The workers start with SIGINT blocked (the mask survives exec): a Ctrl-C reaches
    # this process only, never a worker half-way through reading its start-up data
    # (which would print a traceback); the interrupted parent stops them itself.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        futures = {pool.submit(run_part, part, options, exclude): part for part, exclude in tasks}
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
    tasks: Sequence[Task],
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
        parts = [part for part, _ in tasks]
        excludes = [exclude for _, exclude in tasks]
        futures = client.map(run_part, parts, [options] * len(parts), excludes, pure=False)
        part_of = {future.key: part for future, part in zip(futures, parts, strict=True)}
        for future in dask_completed(futures):
            merger.add(part_of[future.key], future.result())
            future.release()  # the worker may drop the result now
            done()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@monev_boundary
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

    Parts that claimed a tracking id an earlier part claimed (INPUT-DUPLICATE)
    are counted a second time, on the same engine, without those ids.

    Args:
        paths: Files (``.jsonl``, ``.jsonl.gz``, ``.parquet``) and folders.
        options: The evaluation's options.
        workers: Processes (default: the machine's cores).
        engine: ``local`` or ``dask``.
        scheduler: Address of a Dask scheduler (``dask`` engine); default a
            local cluster of ``workers`` processes.
        progress: Given the number of parts, returns a callback called per
            part done (called again for the parts counted a second time).
        min_range: Smallest byte range a JSON Lines file is cut into.

    Raises:
        DataError: a missing or unreadable file, a file that is not UTF-8
            (INPUT-ENCODING), an unknown engine, or the dask engine without its extra.
    """
    count = workers or default_workers()
    split = count * PARTS_PER_WORKER if count > 1 else 1
    parts = plan_parts(discover(list(paths)), split=split, min_range=min_range)
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
    tasks: list[Task] = [(part, None) for part in parts]
    while tasks:
        done = progress(len(tasks)) if progress is not None else (lambda: None)
        if engine == "dask":
            _dask(tasks, options, workers=count, scheduler=scheduler, merger=merger, done=done)
        else:
            _local(tasks, options, count, merger, done)
        tasks = list(merger.recount())
    return merger.outcome()
