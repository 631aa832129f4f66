"""Columnar monev input: ``sp4n convert`` writes Parquet, monev reads it as columns.

[`convert`][sp4n.monev.parquet.convert] validates each JSON Lines report, replays its history (the
single pass of `sp4n.monev._walk`) and writes one row per valid report:
the columns monev needs — submission instant, status, handling agency, the
follow-up span as local days, every agency SLA clock reduced to local days,
the admin and liaison events — and the full report as JSON. The file's
metadata (key ``sp4n``) records the schema version, the sp4n and rulebook
versions, and fingerprints of the rules and the hierarchy the columns were
derived with.

**The metadata is a claim, not a proof.** Anyone can write a Parquet file with
that key. [`read_row_group`][sp4n.monev.parquet.read_row_group] trusts the columns (skips
validation) only
when the claim matches the pipeline — schema version, rulebook version and
rows, hierarchy — and ``revalidate`` is off; otherwise it validates and
walks the stored reports exactly as for JSON Lines. A report with an event
after the evaluation's ``now`` is walked again too (it is judged as it stood
at ``now``, rule INPUT-AFTER-NOW). Tracking ids are claimed from their column
(rule INPUT-DUPLICATE, see `sp4n.monev.sources`).

Needs the ``sp4n[parquet]`` extra (pyarrow). Columnar work is pyarrow compute
(decoding, list flattening) and numpy (SLA days, grouping); see
``docs/explanation/decisions/0006-columnar-monev.md``.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import numpy.typing as npt
from pydantic import ValidationError

from sp4n import __version__
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.monev._columns import Columns
from sp4n.monev._gc import rare_collections
from sp4n.monev._ids import first_occurrences, keys_of
from sp4n.monev._walk import Walked
from sp4n.monev.pipeline import MonevPipeline, _router, micros
from sp4n.rulebook import Rulebook
from sp4n.sla.batch import NO_DAY, epoch_day, judge_arrays
from sp4n.vocabulary import Status

if TYPE_CHECKING:
    import pyarrow as pa

    from sp4n.monev.sources import MonevOptions, PartReader

__all__ = [
    "METADATA_KEY",
    "SCHEMA_VERSION",
    "ConvertReport",
    "FileClaim",
    "convert",
    "file_claim",
    "hierarchy_fingerprint",
    "read_row_group",
    "row_groups",
    "rules_fingerprint",
]

SCHEMA_VERSION: Final = 2
"""Version of the columns written by `convert` (bumped when they change)."""
METADATA_KEY: Final = b"sp4n"
ROW_GROUP: Final = 65_536
"""Rows per row group: the unit of work of the parallel engines."""
_STATUS_CODE: Final = {status.value: i for i, status in enumerate(Status)}
_ENDED, _VOIDED = 1, 2
_END_OF_TIME: Final = datetime(9999, 12, 30, tzinfo=UTC)
"""The pipeline instant of a conversion: after every event (clocks keep every event)."""


def _pyarrow() -> ModuleType:
    try:
        import pyarrow  # noqa: PLC0415 - optional extra
    except ImportError:
        raise DataError(
            Message(
                "MONEV-EXTRA.parquet-needs-sp4n-parquet",
                "Parquet needs the sp4n[parquet] extra (pip install 'sp4n[parquet]')",
            ),
            rule="MONEV-EXTRA",
            field="file",
        ) from None
    module: ModuleType = pyarrow
    return module


@functools.lru_cache(maxsize=8)
def hierarchy_fingerprint(graph: AgencyGraph) -> str:
    """A digest of what the columns depend on in a hierarchy (ids, kinds, parents, zones)."""
    digest = hashlib.sha256()
    for agency in sorted(graph.agencies(), key=lambda a: a.id):
        fields = (agency.id, agency.kind, agency.parent_id, agency.region_code, agency.time_zone)
        digest.update("|".join(str(f) for f in fields).encode() + b"\n")
    return digest.hexdigest()[:32]


def rules_fingerprint(rulebook: Rulebook) -> str:
    """A digest of the rows the columns depend on: deadlines and the transition table.

    A rulebook keeps its version string across small edits; the columns are
    trusted only under the same rows.
    """
    rows = [r.model_dump(mode="json") for r in (*rulebook.deadlines, *rulebook.transitions)]
    text = json.dumps(rows, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@attrs.frozen
class FileClaim:
    """What a Parquet file's metadata claims about its columns.

    Attributes:
        schema_version: Columns layout.
        sp4n_version: The sp4n that wrote it.
        rulebook_version: Rules the clocks were replayed with.
        rules: [`rules_fingerprint`][sp4n.monev.parquet.rules_fingerprint] of those rules.
        hierarchy: [`hierarchy_fingerprint`][sp4n.monev.parquet.hierarchy_fingerprint] of the
            hierarchy used.
        validated: Every row was validated and its history replayed.
        rows: Rows written; refused: reports refused at conversion.
    """

    schema_version: int
    sp4n_version: str
    rulebook_version: str
    rules: str
    hierarchy: str
    validated: bool
    rows: int
    refused: int


def _unreadable(path: Path, exc: Exception) -> DataError:
    return DataError(
        Message(
            "INPUT-FILE.cannot-read-path-parquet",
            "cannot read {path} as Parquet: {exc}",
            path=str(path),
            exc=str(exc),
        ),
        rule="INPUT-FILE",
        field="file",
    )


def file_claim(path: Path) -> FileClaim | None:
    """The claim of a file written by ``sp4n convert``; ``None`` for any other Parquet file.

    Raises:
        DataError: not a Parquet file (rule INPUT-FILE).
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

    try:
        meta = pq.read_metadata(path).metadata or {}
    except (OSError, pa.ArrowInvalid) as exc:
        raise _unreadable(path, exc) from None
    raw = meta.get(METADATA_KEY)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return FileClaim(
            schema_version=int(data["schema_version"]),
            sp4n_version=str(data["sp4n_version"]),
            rulebook_version=str(data["rulebook_version"]),
            rules=str(data["rules"]),
            hierarchy=str(data["hierarchy"]),
            validated=data["validated"] is True,
            rows=int(data["rows"]),
            refused=int(data["refused"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def row_groups(path: Path) -> int:
    """Number of row groups of a Parquet file."""
    _pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

    try:
        return int(pq.ParquetFile(path).num_row_groups)
    except OSError as exc:
        raise _unreadable(path, exc) from None


# -- writing ----------------------------------------------------------------------------------


def _schema(pa: ModuleType) -> pa.Schema:
    ts = pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            ("tracking_id", pa.string()),
            ("submitted_at", ts),
            ("status", pa.dictionary(pa.int8(), pa.string())),
            ("handler", pa.dictionary(pa.int32(), pa.string())),
            ("routed", pa.dictionary(pa.int32(), pa.string())),
            ("category", pa.dictionary(pa.int32(), pa.string())),
            ("channel", pa.dictionary(pa.int8(), pa.string())),
            ("last_event_at", ts),
            ("follow_up_from", pa.date32()),
            ("follow_up_to", pa.date32()),
            ("sla_rule", pa.list_(pa.string())),
            ("sla_zone", pa.list_(pa.string())),
            ("sla_end", pa.list_(pa.int8())),
            ("sla_end_day", pa.list_(pa.date32())),
            ("sla_seg_from", pa.list_(pa.list_(pa.date32()))),
            ("sla_seg_paused", pa.list_(pa.list_(pa.date32()))),
            ("activity_agency", pa.list_(pa.string())),
            ("activity_at", pa.list_(ts)),
            ("report", pa.large_string()),
        ]
    )


class _Rows:
    """Walked reports as Python column lists, turned into a record batch."""

    def __init__(self, pipeline: MonevPipeline) -> None:
        self.pipeline = pipeline
        self.route = _router(pipeline.graph)
        self.cols: dict[str, list[object]] = {name: [] for name in _COLUMNS}

    def __len__(self) -> int:
        return len(self.cols["tracking_id"])

    def add(self, walked: Walked, raw: str) -> None:
        c, cols = walked.complaint, self.cols
        cols["tracking_id"].append(c.tracking_id)
        cols["submitted_at"].append(c.submitted_at)
        cols["status"].append(c.status.value)
        cols["handler"].append(walked.handler)
        routed = None
        if walked.handler is None:
            routed = self.route(walked.complaint)
        cols["routed"].append(routed)
        cols["category"].append(c.category)
        cols["channel"].append(c.channel.value)
        cols["last_event_at"].append(walked.last_event_at)
        if walked.span is None:
            cols["follow_up_from"].append(None)
            cols["follow_up_to"].append(None)
        else:
            counted = walked.handler if walked.handler is not None else routed
            if self.pipeline._route is None:
                counted = walked.handler
            zone = self.pipeline.owner_zone(self.pipeline.owner(counted))
            cols["follow_up_from"].append(walked.span[0].astimezone(zone).date())
            cols["follow_up_to"].append(walked.span[1].astimezone(zone).date())
        rules, zones, ends, end_days, seg_from, seg_paused = [], [], [], [], [], []
        for rule, run in walked.runs:
            zone = walked.zones.at(run.started_at)
            rules.append(rule.rule)
            zones.append(zone.key)
            end = run.ended_at or run.voided_at
            ends.append(_ENDED if run.ended_at else _VOIDED if run.voided_at else 0)
            end_days.append(None if end is None else end.astimezone(zone).date())
            seg_from.append([s.astimezone(zone).date() for s, _ in run.segments])
            seg_paused.append(
                [None if p is None else p.astimezone(zone).date() for _, p in run.segments]
            )
        cols["sla_rule"].append(rules)
        cols["sla_zone"].append(zones)
        cols["sla_end"].append(ends)
        cols["sla_end_day"].append(end_days)
        cols["sla_seg_from"].append(seg_from)
        cols["sla_seg_paused"].append(seg_paused)
        cols["activity_agency"].append([a for a, _ in walked.agency_events])
        cols["activity_at"].append([t for _, t in walked.agency_events])
        cols["report"].append(raw)

    def batch(self, pa: ModuleType, schema: pa.Schema) -> pa.RecordBatch:
        arrays = []
        for field in schema:
            values = self.cols[field.name]
            if pa.types.is_dictionary(field.type):
                arrays.append(pa.array(values, type=pa.string()).dictionary_encode())
            else:
                arrays.append(pa.array(values, type=field.type))
        self.cols = {name: [] for name in _COLUMNS}
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


_COLUMNS: Final = (
    "tracking_id",
    "submitted_at",
    "status",
    "handler",
    "routed",
    "category",
    "channel",
    "last_event_at",
    "follow_up_from",
    "follow_up_to",
    "sla_rule",
    "sla_zone",
    "sla_end",
    "sla_end_day",
    "sla_seg_from",
    "sla_seg_paused",
    "activity_agency",
    "activity_at",
    "report",
)


@attrs.frozen
class ConvertReport:
    """What [`convert`][sp4n.monev.parquet.convert] did.

    Attributes:
        rows: Reports written.
        refused: Lines refused (invalid payload or history).
        problems: The first refusals as ``"line N: why"``.
    """

    rows: int
    refused: int
    problems: tuple[str, ...]


def convert(
    inputs: Sequence[Path],
    output: Path,
    *,
    graph: AgencyGraph | None = None,
    now: datetime | None = None,
    row_group_size: int = ROW_GROUP,
) -> ConvertReport:
    """Validate and replay JSON Lines reports once; write them as Parquet for monev.

    Args:
        inputs: ``.jsonl`` or ``.jsonl.gz`` files, read in order.
        output: The Parquet file (written beside, then renamed into place).
        graph: The hierarchy (default the embedded one); its fingerprint is
            recorded, and monev trusts the columns only with the same one.
        now: The pipeline's instant (default: after every event); the clocks
            keep every event whatever it is, and monev cuts them at its own ``now``.
        row_group_size: Rows per row group.

    Raises:
        DataError: an input cannot be read or the output written.
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

    hierarchy = graph or AgencyGraph.indonesia()
    pipeline = MonevPipeline(hierarchy, now=now or _END_OF_TIME)
    schema = _schema(pa)
    rows = _Rows(pipeline)
    refused, written = 0, 0
    problems: list[str] = []
    tmp = output.with_name(output.name + ".tmp")
    claim: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "sp4n_version": __version__,
        "rulebook_version": pipeline.config.rulebook.version,
        "rules": rules_fingerprint(pipeline.config.rulebook),
        "hierarchy": hierarchy_fingerprint(hierarchy),
        "validated": True,
        "created_by": "sp4n convert",
    }
    number = 0
    try:
        with rare_collections(), pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for path in inputs:
                opener = gzip.open if path.name.endswith(".gz") else open
                with opener(path, "rb") as handle:
                    for raw in handle:
                        number += 1
                        if not raw.strip():
                            continue
                        why = _convert_line(raw, pipeline, rows)
                        if why is not None:
                            refused += 1
                            if len(problems) < 5:
                                problems.append(f"{path.name} line {number}: {why}")
                        if len(rows) >= row_group_size:
                            written += len(rows)
                            writer.write_batch(rows.batch(pa, schema))
            if len(rows):
                written += len(rows)
                writer.write_batch(rows.batch(pa, schema))
            claim.update(rows=written, refused=refused)
            writer.add_key_value_metadata({METADATA_KEY.decode(): json.dumps(claim)})
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(
            Message(
                "OUTPUT-FILE.cannot-convert-output-value",
                "cannot convert to {output}: {value}",
                output=str(output),
                value=str(exc.strerror or exc),
            ),
            rule="OUTPUT-FILE",
            field="output",
        ) from None
    return ConvertReport(written, refused, tuple(problems))


def _convert_line(raw: bytes, pipeline: MonevPipeline, rows: _Rows) -> str | None:
    try:
        complaint = Complaint.model_validate_json(raw)
        walked = pipeline.walk(complaint, check=True, every_event=True)
    except ValidationError as exc:
        return str(exc.errors()[0]["msg"])
    except SP4NError as exc:
        return f"{exc} [{exc.rule}]"
    rows.add(walked, raw.decode("utf-8").rstrip("\r\n"))
    return None


# -- reading ----------------------------------------------------------------------------------


def trusted(path: Path, pipeline: MonevPipeline, options: MonevOptions) -> bool:
    """Whether monev may count a file's columns without validating its reports.

    Only a file whose claim names this schema, the pipeline's rulebook (version
    and rows) and hierarchy, when ``revalidate`` is off (the claim is not a proof).
    """
    claim = file_claim(path)
    return (
        not options.revalidate
        and claim is not None
        and claim.validated
        and claim.schema_version == SCHEMA_VERSION
        and claim.rulebook_version == pipeline.config.rulebook.version
        and claim.rules == rules_fingerprint(pipeline.config.rulebook)
        and claim.hierarchy == hierarchy_fingerprint(pipeline.graph)
        and options.sla == bool(pipeline.rules)
    )


def read_row_group(
    path: Path,
    group: int,
    pipeline: MonevPipeline,
    reader: PartReader,
    options: MonevOptions,
) -> int:
    """Count one row group; returns the rows counted from trusted columns.

    Untrusted files, and rows with an event after ``now``, go through
    ``reader`` (validated and walked like JSON Lines). In a trusted file every
    row is valid by the claim, so its tracking ids are claimed from their
    column, in row order: a row repeating an id is refused (INPUT-DUPLICATE).

    Raises:
        DataError: the file is not a Parquet file of reports (rule INPUT-PARQUET).
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

    file = pq.ParquetFile(path)
    if not trusted(path, pipeline, options):
        names = file.schema_arrow.names
        if "report" not in names:
            raise DataError(
                Message(
                    "INPUT-PARQUET.path-no-report-column",
                    "{path}: no 'report' column (write it with sp4n convert)",
                    path=str(path),
                ),
                rule="INPUT-PARQUET",
                field="file",
            )
        for text in file.read_row_group(group, columns=["report"]).column(0).to_pylist():
            reader.line(text or "")
        return 0
    columns = [c for c in _COLUMNS if c != "report"]
    table = file.read_row_group(group, columns=columns)
    reader.lines += len(table)
    ids = table.column("tracking_id")
    try:
        keys = keys_of(ids)
    except pa.ArrowInvalid:
        msg = Message(
            "INPUT-PARQUET.tracking-id-digits",
            "{path}: a tracking id that is not digits in a trusted Parquet file",
            path=str(path),
        )
        raise DataError(msg, rule="INPUT-PARQUET", field="tracking_id") from None
    claimed = first_occurrences(keys) & ~reader.known(keys)
    repeats = np.flatnonzero(~claimed)
    if repeats.size:
        reader.refuse_duplicates((repeats + 1).tolist(), ids.take(repeats).to_pylist())
    reader.claims.add(keys[claimed])
    now_us = micros(pipeline.now)
    last = table.column("last_event_at").cast("int64").to_numpy()
    late = np.flatnonzero(claimed & (last > now_us))
    keep = np.flatnonzero(claimed & (last <= now_us))
    if late.size:
        reports = file.read_row_group(group, columns=["report"]).column(0).take(late)
        for row, text in zip(late.tolist(), reports.to_pylist(), strict=True):
            reader.line(text or "", number=row + 1, claimed=True)
        reader.lines -= late.size  # counted once, above
    if keep.size < len(table):
        table = table.take(keep)
    _count_table(table, pipeline, now_us)
    return int(keep.size)


def _numpy_days(column: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.int64]:
    """A date32 column as days since 1970, [`NO_DAY`][sp4n.sla.batch.NO_DAY] for nulls."""
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    filled = pc.fill_null(column.cast("int32"), NO_DAY)
    return np.asarray(filled, dtype=np.int64)


def _flat(column: pa.ChunkedArray) -> tuple[pa.Array, npt.NDArray[np.int64]]:
    """A list column's values and, per value, the index of its row."""
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    array = column.combine_chunks()
    return pc.list_flatten(array), np.asarray(pc.list_parent_indices(array), dtype=np.int64)


def _codes(column: pa.ChunkedArray, lookup: Callable[[str | None], int]) -> npt.NDArray[np.int64]:
    """A dictionary column as integer codes through ``lookup`` of each distinct value."""
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    array = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    if not hasattr(array, "dictionary"):
        array = pc.dictionary_encode(array)
    values = [lookup(v) for v in array.dictionary.to_pylist()]
    if array.null_count:
        values.append(lookup(None))
    table = np.array(values, dtype=np.int64)
    indices = pc.fill_null(array.indices.cast("int64"), len(values) - 1)
    return table[np.asarray(indices, dtype=np.int64)]


def _count_table(table: pa.Table, pipeline: MonevPipeline, now_us: int) -> None:
    """Count trusted rows: statuses, owners, follow-up days, SLA clocks, activity."""
    n = len(table)
    pipeline.seen += n
    if not n:
        return
    submitted = np.asarray(table.column("submitted_at").cast("int64"), dtype=np.int64)
    status = _codes(table.column("status"), _status_code)
    handler = table.column("handler")
    if pipeline._route is not None:  # IND-COUNT-UNDISPATCHED: where routing sends the rest
        import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

        handler = pc.coalesce(handler.cast("string"), table.column("routed").cast("string"))
    owner = _codes(handler, pipeline.owner)
    groups = np.column_stack(  # the drill-down (#14): unit, category, channel, month or week
        [
            _codes(handler, lambda v: pipeline.group_code(0, v)),
            _codes(table.column("category"), lambda v: pipeline.group_code(1, v)),
            _codes(table.column("channel"), lambda v: pipeline.group_code(2, v)),
            pipeline.bucket_codes(submitted),
        ]
    ).astype(np.int64)
    span_from = _numpy_days(table.column("follow_up_from"))
    span_to = _numpy_days(table.column("follow_up_to"))
    sla = np.zeros((n, len(pipeline.rules)), dtype=np.int64)
    if pipeline.rules:
        _judge_table(table, pipeline, sla)
    _activity(table, pipeline, now_us)
    pipeline.add_columns(
        Columns(
            submitted_us=submitted,
            status=status,
            owner=owner,
            span_from=span_from,
            span_to=span_to,
            working_days=pipeline.span_working_days(span_from, span_to),
            sla=sla,
            groups=groups,
        )
    )


def _status_code(value: str | None) -> int:
    if value is None or value not in _STATUS_CODE:
        raise DataError(
            Message(
                "INPUT-PARQUET.unknown-status-value-trusted",
                "unknown status {value} in a trusted Parquet file",
                value=repr(value),
            ),
            rule="INPUT-PARQUET",
            field="status",
        )
    return _STATUS_CODE[value]


def _judge_table(table: pa.Table, pipeline: MonevPipeline, sla: npt.NDArray[np.int64]) -> None:
    """Judge every stored clock of the rows at once and place the states by rule."""
    rules, run_row = _flat(table.column("sla_rule"))
    if not len(rules):
        return
    slot_of = {rule.rule: i for i, rule in enumerate(pipeline.rules)}

    def slot(rule_id: str | None) -> int:
        if rule_id not in slot_of:
            raise DataError(
                Message(
                    "INPUT-PARQUET.clock-rule-rule-id",
                    "clock of rule {rule_id} is not an agency stage of this rulebook",
                    rule_id=repr(rule_id),
                ),
                rule="INPUT-PARQUET",
                field="sla_rule",
            )
        return slot_of[rule_id]

    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    slots = _codes(rules, slot)
    limits = np.array([r.limit for r in pipeline.rules], dtype=np.int64)[slots]
    working = np.array([r.unit == "working_days" for r in pipeline.rules])[slots]
    zones_flat, _ = _flat(table.column("sla_zone"))
    zone_names: list[str] = []
    zone_index: dict[str | None, int] = {}

    def zone(name: str | None) -> int:
        if name not in zone_index:
            zone_index[name] = len(zone_names)
            zone_names.append(str(name))
        return zone_index[name]

    zones = _codes(zones_flat, zone)
    ends, _ = _flat(table.column("sla_end"))
    end_days, _ = _flat(table.column("sla_end_day"))
    seg_from_lists, _ = _flat(table.column("sla_seg_from"))
    seg_paused_lists, _ = _flat(table.column("sla_seg_paused"))
    seg_from = _numpy_days(pc.list_flatten(seg_from_lists))
    seg_paused = _numpy_days(pc.list_flatten(seg_paused_lists))
    seg_run = np.asarray(pc.list_parent_indices(seg_from_lists), dtype=np.int64)
    today = np.array([epoch_day(pipeline.now, ZoneInfo(z)) for z in zone_names], dtype=np.int64)
    judged = judge_arrays(
        limit=limits,
        working=working,
        zone=zones,
        end_kind=np.asarray(ends, dtype=np.int8),
        end_day=_numpy_days(end_days),
        seg_run=seg_run,
        seg_from=seg_from,
        seg_paused=seg_paused,
        today=today,
        calendar=pipeline.calendar,
    )
    sla[run_row, slots] = judged.state


def _activity(table: pa.Table, pipeline: MonevPipeline, now_us: int) -> None:
    """The latest admin or liaison event per agency up to ``now``, into the pipeline's logins."""
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    agencies, _ = _flat(table.column("activity_agency"))
    times, _ = _flat(table.column("activity_at"))
    if not len(agencies):
        return
    at = np.asarray(times.cast("int64"), dtype=np.int64)
    encoded = pc.dictionary_encode(agencies)
    codes = np.asarray(encoded.indices, dtype=np.int64)
    inside = at <= now_us
    if not inside.any():
        return
    codes, at = codes[inside], at[inside]
    latest = np.full(len(encoded.dictionary), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(latest, codes, at)
    for name, value in zip(encoded.dictionary.to_pylist(), latest.tolist(), strict=True):
        if value != np.iinfo(np.int64).min:
            pipeline._login(name, _from_micros(value))


def _from_micros(value: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=value)
