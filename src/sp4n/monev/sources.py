"""Where monev reads reports: JSON Lines (plain or gzip), Parquet, several files or a folder.

An evaluation is split into [`Part`][sp4n.monev.sources.Part] s — a byte range of a JSON Lines
file (cut at line ends), a whole ``.jsonl.gz`` file, or one row group of a
Parquet file — each run by [`run_part`][sp4n.monev.sources.run_part] into a pipeline whose
[`state`][sp4n.monev.MonevPipeline.state] is merged with the others'. The same
function runs in this process, in worker processes (``--workers``) and on
Dask workers (``--engine dask``), so every engine counts alike.

Each JSON Lines line is validated as a [`Complaint`][sp4n.models.Complaint] and its
history replayed by the lifecycle rules in the same pass that collects the SLA
clocks (`sp4n.monev._walk`); a line that fails is counted and skipped.
A Parquet file written by ``sp4n convert`` carries that verdict in its
metadata and is read as columns without validating again (see
[`sp4n.monev.parquet`][sp4n.monev.parquet]); ``revalidate`` checks its reports again.
"""

from __future__ import annotations

import functools
import gzip
import itertools
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Final, Literal

import attrs
from pydantic import ValidationError

from sp4n._files import BOM
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.pipeline import NATIONAL, MonevPipeline
from sp4n.scoring import Period

__all__ = [
    "SUFFIXES",
    "MonevOptions",
    "Part",
    "PartResult",
    "build_pipeline",
    "count_lines",
    "discover",
    "plan_parts",
    "run_part",
]

SUFFIXES: Final = (".jsonl", ".jsonl.gz", ".parquet")
"""The file kinds monev reads (a folder is searched for them, sorted by name)."""

MIN_RANGE: Final = 4 << 20
"""Smallest byte range a JSON Lines file is split into (4 MiB)."""

Kind = Literal["jsonl", "jsonl.gz", "parquet"]
MAX_PROBLEMS: Final = 5


@attrs.frozen
class MonevOptions:
    """The options of one evaluation, the same for every part (picklable, for workers).

    Attributes mirror [`MonevPipeline`][sp4n.monev.MonevPipeline] (the embedded
    hierarchy and rulebook are used); ``revalidate`` re-checks Parquet files
    written by ``sp4n convert``; ``batch_size`` is the columnar batch;
    ``connected`` the connectivity data (issue #14).
    """

    now: datetime
    scope: str = NATIONAL
    period: Period | None = None
    rank_cutoff: datetime | None = None
    min_count: int | None = None
    sla: bool = True
    revalidate: bool = False
    batch_size: int = 4096
    connected: ConnectedGovernments | None = None


@functools.lru_cache(maxsize=1)
def _graph() -> AgencyGraph:
    return AgencyGraph.indonesia()


def build_pipeline(options: MonevOptions) -> MonevPipeline:
    """A pipeline for ``options`` over the embedded hierarchy (one per part)."""
    return MonevPipeline(
        _graph(),
        now=options.now,
        scope=options.scope,
        period=options.period,
        rank_cutoff=options.rank_cutoff,
        min_count=options.min_count,
        sla=options.sla,
        connected=options.connected,
    )


@attrs.frozen
class Part:
    """One unit of work: a byte range of a file, a whole file, or a Parquet row group.

    Attributes:
        path: The file.
        kind: ``jsonl``, ``jsonl.gz`` or ``parquet``.
        index: Order of the part in the evaluation (problems are reported in this order).
        start: First byte (JSON Lines: the part owns the lines starting in ``[start, end)``).
        end: End byte (``None``: to the end of the file).
        row_group: The Parquet row group.
    """

    path: str
    kind: Kind
    index: int = 0
    start: int = 0
    end: int | None = None
    row_group: int = 0


@attrs.frozen
class PartResult:
    """What a part sends back: the pipeline state and the refusals.

    Attributes:
        state: [`MonevPipeline.state`][sp4n.monev.MonevPipeline.state].
        lines: Lines (or rows) read, blank ones included (to number later parts' lines).
        rejected: Reports refused.
        problems: The first refusals as (line or row number within the part, why).
        trusted: Rows counted from trusted Parquet columns without validation.
    """

    state: dict[str, object]
    lines: int
    rejected: int
    problems: tuple[tuple[int, str], ...]
    trusted: int = 0


def _kind(path: Path) -> Kind | None:
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def discover(paths: list[Path]) -> list[Path]:
    """The files to read: each file given, and the monev files of each folder (sorted).

    Raises:
        DataError: a path that does not exist, a file of another kind, or a
            folder without any (rule INPUT-FILE).
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) is not None)
            if not found:
                raise DataError(
                    Message(
                        "INPUT-FILE.no-join-file-path",
                        "no {join} file in {path}",
                        join=str(", ".join(SUFFIXES)),
                        path=str(path),
                    ),
                    rule="INPUT-FILE",
                    field="file",
                )
            files.extend(found)
        elif path.is_file():
            if _kind(path) is None:
                raise DataError(
                    Message(
                        "INPUT-FILE.path-monev-reads-join",
                        "{path}: monev reads {join} files",
                        path=str(path),
                        join=str(", ".join(SUFFIXES)),
                    ),
                    rule="INPUT-FILE",
                    field="file",
                )
            files.append(path)
        else:
            raise DataError(
                Message("INPUT-FILE.missing", "no such file: {path}", path=str(path)),
                rule="INPUT-FILE",
                field="file",
            )
    return files


def plan_parts(files: list[Path], *, split: int = 1, min_range: int = MIN_RANGE) -> list[Part]:
    """The parts of ``files``, in order.

    JSON Lines files are cut into about ``split`` byte ranges each (at least
    ``min_range`` bytes); gzip files stay whole; a Parquet file gives one
    part per row group.
    """
    parts: list[Part] = []
    for path in files:
        kind = _kind(path)
        if kind == "parquet":
            from sp4n.monev.parquet import row_groups  # noqa: PLC0415 - needs pyarrow

            for group in range(row_groups(path)):
                parts.append(Part(str(path), "parquet", len(parts), row_group=group))
        elif kind == "jsonl":
            size = path.stat().st_size
            pieces = max(1, min(split, size // max(1, min_range)))
            bounds = [size * i // pieces for i in range(pieces + 1)]
            for start, end in itertools.pairwise(bounds):
                last = end if end < size else None
                parts.append(Part(str(path), "jsonl", len(parts), start, last))
        elif kind == "jsonl.gz":
            parts.append(Part(str(path), "jsonl.gz", len(parts)))
    return parts


_BOM = BOM.encode("utf-8")


def _lines(handle: IO[bytes], start: int, end: int | None) -> Iterator[bytes]:
    """The lines starting in ``[start, end)`` of a binary file."""
    position = start
    if start > 0:
        handle.seek(start - 1)
        if handle.read(1) != b"\n":  # mid-line: that line belongs to the previous range
            position += len(handle.readline())
    for line in handle:
        if end is not None and position >= end:
            return
        first = position == 0
        position += len(line)
        # A UTF-8 byte-order mark at the start of a file (spreadsheet exports) is skipped (#11).
        yield line.removeprefix(_BOM) if first else line


class _Reader:
    """Validate, walk and count the reports of one part, refusing bad ones."""

    def __init__(self, pipeline: MonevPipeline, batch_size: int) -> None:
        self.pipeline, self.batch_size = pipeline, batch_size
        self.batch: list[object] = []
        self.lines = 0
        self.rejected = 0
        self.problems: list[tuple[int, str]] = []

    def line(self, raw: bytes | str) -> None:
        self.lines += 1
        if not raw.strip():
            return
        try:
            complaint = Complaint.model_validate_json(raw)
            walked = self.pipeline.walk(complaint, check=True)
        except ValidationError as exc:
            self._refuse(str(exc.errors()[0]["msg"]))
            return
        except SP4NError as exc:
            self._refuse(f"{exc} [{exc.rule}]")
            return
        self.batch.append(walked)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def _refuse(self, why: str) -> None:
        self.rejected += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((self.lines, why))

    def flush(self) -> None:
        if self.batch:
            self.pipeline.add_walked(self.batch)  # type: ignore[arg-type]
            self.batch = []

    def result(self, trusted: int = 0) -> PartResult:
        self.flush()
        return PartResult(
            self.pipeline.state(), self.lines, self.rejected, tuple(self.problems), trusted
        )


def count_lines(lines: Iterable[bytes | str], options: MonevOptions) -> PartResult:
    """Count JSON Lines reports from any iterable (a Spark partition, a queue, a socket).

    Each line is validated and walked as in a file; the state is merged by
    [`sp4n.monev.engines.merge_results`][sp4n.monev.engines.merge_results] (or
    [`MonevPipeline.merge_state`][sp4n.monev.MonevPipeline.merge_state]).
    """
    reader = _Reader(build_pipeline(options), options.batch_size)
    for raw in lines:
        reader.line(raw)
    return reader.result()


def run_part(part: Part, options: MonevOptions) -> PartResult:
    """Count one part into a fresh pipeline; its state is merged by the caller.

    Raises:
        DataError: the file cannot be read (rule INPUT-FILE).
    """
    pipeline = build_pipeline(options)
    reader = _Reader(pipeline, options.batch_size)
    try:
        if part.kind == "parquet":
            from sp4n.monev.parquet import read_row_group  # noqa: PLC0415 - needs pyarrow

            trusted = read_row_group(
                Path(part.path), part.row_group, pipeline, reader.line, options
            )
            return reader.result(trusted)
        opener = gzip.open if part.kind == "jsonl.gz" else open
        with opener(part.path, "rb") as handle:
            for raw in _lines(handle, part.start, part.end):  # type: ignore[arg-type]
                reader.line(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataError(
            Message(
                "INPUT-FILE.cannot-read-path-exc",
                "cannot read {path}: {exc}",
                path=str(part.path),
                exc=str(exc),
            ),
            rule="INPUT-FILE",
            field="file",
        ) from None
    return reader.result()
