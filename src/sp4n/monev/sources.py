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
`sp4n.monev.parquet`); ``revalidate`` checks its reports again.

Bytes that are not UTF-8 make the file unusable (rule INPUT-ENCODING): the
part stops and the merge names the file, line and byte, as the shared reader
`sp4n._files` does for ``validate`` and ``sla``.

A tracking id counts once (rule INPUT-DUPLICATE): within a part the first
valid line with an id claims it and each later one is refused; the part sends
the ids it claimed back (`PartResult.ids`) and the merge refuses, in
(file, position) order, what a later part claimed again, by counting that
part again with those ids excluded (`run_part`'s ``exclude``).
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
import numpy as np
from pydantic import ValidationError

from sp4n._files import BOM
from sp4n.errors import DataError, InvalidArgument, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.monev._arguments import monev_boundary
from sp4n.monev._gc import rare_collections
from sp4n.monev._ids import NO_IDS, Keys, SortedIds, key_of
from sp4n.monev._walk import Walked
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.pipeline import NATIONAL, MonevPipeline
from sp4n.scoring import Period

__all__ = [
    "SUFFIXES",
    "MonevOptions",
    "Part",
    "PartReader",
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


@monev_boundary
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
        rejected: Reports refused (duplicates included).
        problems: The first refusals as (line or row number within the part, why).
        trusted: Rows counted from trusted Parquet columns without validation.
        ids: The tracking ids the part claimed, as sorted keys (`sp4n.monev._ids`).
        duplicates: Lines refused because their tracking id was claimed before.
        duplicate_ids: The first of those ids, in line order.
        unreadable: (line, why) of bytes that are not UTF-8: the part stopped there.
    """

    state: dict[str, object]
    lines: int
    rejected: int
    problems: tuple[tuple[int, str], ...]
    trusted: int = 0
    ids: Keys = attrs.field(default=NO_IDS, eq=False)
    duplicates: int = 0
    duplicate_ids: tuple[str, ...] = ()
    unreadable: tuple[int, str] | None = None


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


class PartReader:
    """Validate, walk and count the reports of one part, refusing bad ones and repeats.

    Args:
        pipeline: The part's pipeline.
        batch_size: Reports walked before they are counted together.
        exclude: Sorted keys of tracking ids claimed by earlier parts: their
            lines are refused as duplicates (INPUT-DUPLICATE).
    """

    def __init__(self, pipeline: MonevPipeline, batch_size: int, exclude: Keys = NO_IDS) -> None:
        self.pipeline, self.batch_size, self.exclude = pipeline, batch_size, exclude
        self.batch: list[Walked] = []
        self.keys: list[int] = []
        self.numbers: list[int] = []
        self.lines = 0
        self.rejected = 0
        self.problems: list[tuple[int, str]] = []
        self.claims = SortedIds()
        self.duplicates = 0
        self.duplicate_ids: list[str] = []
        self.unreadable: tuple[int, str] | None = None

    def line(self, raw: bytes | str, *, number: int | None = None, claimed: bool = False) -> bool:
        """Read one line (``number``: its own, default the next); ``False``: stop reading.

        ``claimed``: its tracking id was claimed by the caller already (trusted
        Parquet rows, whose ids are read as a column).
        """
        self.lines += 1
        number = self.lines if number is None else number
        if not raw or raw.isspace():  # blank (as raw.strip(), without a copy of the line)
            return True
        try:
            complaint = Complaint.model_validate_json(raw)
            walked = self.pipeline.walk_validated(complaint)
        except ValidationError as exc:
            if isinstance(raw, bytes) and not _is_utf8(raw, number, self):
                return False
            self._refuse(number, str(exc.errors()[0]["msg"]))
            return True
        except SP4NError as exc:
            self._refuse(number, f"{exc} [{exc.rule}]")
            return True
        self.batch.append(walked)
        self.keys.append(-1 if claimed else key_of(complaint.tracking_id))
        self.numbers.append(number)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return True

    def _refuse(self, number: int, why: str) -> None:
        """Count a refusal; keep the first ones by line number (batches refuse late)."""
        self.rejected += 1
        if len(self.problems) < MAX_PROBLEMS or number < self.problems[-1][0]:
            self.problems.append((number, why))
            self.problems.sort()
            del self.problems[MAX_PROBLEMS:]

    def refuse_duplicates(self, numbers: list[int], tracking_ids: list[str]) -> None:
        """Refuse lines (or rows) whose tracking id was claimed before (INPUT-DUPLICATE)."""
        for number, tracking_id in zip(numbers, tracking_ids, strict=True):
            self.duplicates += 1
            if len(self.duplicate_ids) < MAX_PROBLEMS:
                self.duplicate_ids.append(tracking_id)
            self._refuse(number, f"tracking id {tracking_id} seen before [INPUT-DUPLICATE]")

    def known(self, keys: Keys) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
        """Which keys were claimed before: by this part, or by an earlier one (``exclude``)."""
        found = self.claims.contains(keys)
        if self.exclude.size:
            at = np.searchsorted(self.exclude, keys).clip(0, self.exclude.size - 1)
            found |= self.exclude[at] == keys
        return found

    def claim(self, keys: list[int]) -> list[bool]:
        """Claim tracking-id keys in line order; ``False`` where the id was claimed before.

        A key of ``-1`` was claimed by the caller (trusted Parquet rows) and is kept.
        """
        before = self.known(np.asarray(keys, dtype=np.int64)).tolist()
        fresh: dict[int, None] = {}
        kept: list[bool] = []
        for key, old in zip(keys, before, strict=True):
            if key >= 0:
                if old or key in fresh:
                    kept.append(False)
                    continue
                fresh[key] = None
            kept.append(True)
        self.claims.add(np.fromiter(fresh, dtype=np.int64, count=len(fresh)))
        return kept

    def flush(self) -> None:
        """Claim the batch's tracking ids in line order, then count what is left."""
        if not self.batch:
            return
        kept: list[Walked] = []
        repeats: tuple[list[int], list[str]] = ([], [])
        for walked, number, fresh in zip(
            self.batch, self.numbers, self.claim(self.keys), strict=True
        ):
            if fresh:
                kept.append(walked)
            else:
                repeats[0].append(number)
                repeats[1].append(walked.complaint.tracking_id)
        self.refuse_duplicates(*repeats)
        self.batch, self.keys, self.numbers = [], [], []
        if kept:
            self.pipeline.add_walked(kept)

    def result(self, trusted: int = 0) -> PartResult:
        """What the part sends back (the batch counted first)."""
        self.flush()
        return PartResult(
            self.pipeline.state(),
            self.lines,
            self.rejected,
            tuple(self.problems),
            trusted,
            ids=self.claims.array(),
            duplicates=self.duplicates,
            duplicate_ids=tuple(self.duplicate_ids),
            unreadable=self.unreadable,
        )


def _is_utf8(raw: bytes, number: int, reader: PartReader) -> bool:
    """Whether a refused line is UTF-8; if not, note where (rule INPUT-ENCODING)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reader.unreadable = (number, f"byte {exc.start}: {exc.reason}")
        return False
    return True


@monev_boundary
def count_lines(
    lines: Iterable[bytes | str], options: MonevOptions, *, exclude: Keys = NO_IDS
) -> PartResult:
    """Count JSON Lines reports from any iterable (a Spark partition, a queue, a socket).

    Each line is validated and walked as in a file; the state is merged by
    `sp4n.monev.engines.merge_results` (or `MonevPipeline.merge_state`).
    A tracking id repeated within ``lines`` counts once; ``exclude`` holds the
    sorted keys of ids counted elsewhere.
    """
    reader = PartReader(build_pipeline(options), options.batch_size, exclude)
    items: Iterable[object] = lines  # callers may pass anything at run time
    for raw in items:
        if not isinstance(raw, bytes | str):
            msg = Message(
                "error.monev.lines-item",
                "an item of lines must be bytes or str, not {type}",
                type=type(raw).__name__,
            )
            raise InvalidArgument(msg, field="lines")
        if not reader.line(raw):
            break
    return reader.result()


@monev_boundary
def run_part(part: Part, options: MonevOptions, exclude: Keys | None = None) -> PartResult:
    """Count one part into a fresh pipeline; its state is merged by the caller.

    Args:
        part: The part.
        options: The evaluation's options.
        exclude: Sorted keys of tracking ids claimed by earlier parts, refused
            here as duplicates (the merge counts a part again with them).

    Raises:
        DataError: the file cannot be read (rule INPUT-FILE).
    """
    pipeline = build_pipeline(options)
    reader = PartReader(pipeline, options.batch_size, NO_IDS if exclude is None else exclude)
    with rare_collections():
        return _read_part(part, options, pipeline, reader)


def _read_part(
    part: Part, options: MonevOptions, pipeline: MonevPipeline, reader: PartReader
) -> PartResult:
    try:
        if part.kind == "parquet":
            from sp4n.monev.parquet import read_row_group  # noqa: PLC0415 - needs pyarrow

            trusted = read_row_group(Path(part.path), part.row_group, pipeline, reader, options)
            return reader.result(trusted)
        opener = gzip.open if part.kind == "jsonl.gz" else open
        with opener(part.path, "rb") as handle:
            for raw in _lines(handle, part.start, part.end):  # type: ignore[arg-type]
                if not reader.line(raw):
                    break
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
