"""Many reports as columns: the arrays the monev reduction reads, and the reduction itself.

A batch of reports (walked one by one from JSON Lines, or read as columns from
a Parquet file written by ``sp4n convert``) becomes a `Columns`:
submission instants, statuses, who each report counts for, the follow-up
span as local days, and each agency SLA clock as arrays. `reduce`
groups identical rows of facts (numpy ``unique``) and hands each distinct row,
with its multiplicity, to the scoring accumulators
([`sp4n.scoring.accumulate.IndicatorAccumulator.add_facts`][sp4n.scoring.IndicatorAccumulator.add_facts]):
counting
rules live there only, and the streaming path ([`MonevPipeline.add`][sp4n.monev.MonevPipeline.add],
one report at a time) stays the oracle the columnar path is tested against.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.scoring.accumulate import Facts
from sp4n.sla.batch import NO_DAY, STATE_CODES
from sp4n.sla.results import SlaState
from sp4n.vocabulary import Stage, Status

__all__ = [
    "STATE_BREACHED",
    "STATE_MET",
    "STATE_WAITING",
    "STATUSES",
    "Columns",
    "Distinct",
    "distinct_rows",
    "in_period",
    "reduce",
]

STATUSES: Final = tuple(Status)
"""Status code → status in `Columns.status`."""

_MET, _BREACHED = STATE_CODES.index(SlaState.MET), STATE_CODES.index(SlaState.BREACHED)
STATE_MET: Final = _MET
STATE_BREACHED: Final = _BREACHED
STATE_WAITING: Final = frozenset(
    {STATE_CODES.index(SlaState.PENDING), STATE_CODES.index(SlaState.PAUSED)}
)
"""State codes counted as pending in the breach table (the clock runs or is paused)."""


@attrs.frozen(eq=False)
class Columns:
    """Facts of ``n`` reports as arrays.

    Attributes:
        submitted_us: Submission instants, microseconds since 1970 (UTC).
        status: Index into `STATUSES`.
        owner: Index into the pipeline's owner list (who the report counts
            for: its handling agency rolled up to a government or central
            body), ``-1`` for none.
        span_from: Local day (days since 1970, in the owner's zone) of the
            dispatch before the first follow-up; [`NO_DAY`][sp4n.sla.batch.NO_DAY] if none.
        span_to: Local day of the first follow-up.
        working_days: Working days of the span (already counted), or ``-1``.
        sla: ``n`` × rules state codes ([`STATE_CODES`][sp4n.sla.batch.STATE_CODES]),
            one column per agency-stage deadline rule; 0 where the rule does
            not apply or its clock did not start.
        groups: ``n`` × 4 codes of the drill-down groups other than the owner
            (unit, category, channel, trend bucket: indexes into the
            pipeline's group keys, ``-1`` for none); ``None`` when the input
            does not carry them (issue #14).
    """

    submitted_us: npt.NDArray[np.int64]
    status: npt.NDArray[np.int64]
    owner: npt.NDArray[np.int64]
    span_from: npt.NDArray[np.int64]
    span_to: npt.NDArray[np.int64]
    working_days: npt.NDArray[np.int64]
    sla: npt.NDArray[np.int64]
    groups: npt.NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return int(self.status.size)


class Distinct(NamedTuple):
    """One distinct row of facts and how many reports share it.

    Attributes:
        in_period: Submitted within the evaluation period.
        in_rank_period: Submitted within the ranking period (before the cut-off).
        owner: Owner index, ``-1`` for none.
        facts: What the accumulators count.
        states: SLA state code per agency-stage rule (0: not applicable).
        weight: Number of reports.
        extra: The value of the ``extra`` key of `reduce` (``-1`` without one).
    """

    in_period: bool
    in_rank_period: bool
    owner: int
    facts: Facts
    states: tuple[int, ...]
    weight: int
    extra: int = -1


def in_period(
    submitted_us: npt.NDArray[np.int64], start: int | None, end: int | None
) -> npt.NDArray[np.bool_]:
    """``start <= t < end`` per report (either end open): `sp4n.scoring.Period.contains`."""
    inside = np.ones(submitted_us.size, dtype=bool)
    if start is not None:
        inside &= submitted_us >= start
    if end is not None:
        inside &= submitted_us < end
    return inside


def reduce(
    columns: Columns,
    *,
    period: tuple[int | None, int | None],
    rank_period: tuple[int | None, int | None],
    stages: Sequence[Stage],
    extra: npt.NDArray[np.int64] | None = None,
) -> Iterator[Distinct]:
    """The distinct rows of facts of a batch, each with its number of reports.

    ``extra`` is one more key per report (a drill-down group code): rows then
    differ by it too, and each `Distinct` carries it.
    """
    if not len(columns):
        return
    has_span = columns.span_from != NO_DAY
    calendar = np.where(has_span, columns.span_to - columns.span_from, -1)
    keys = np.column_stack(
        [
            in_period(columns.submitted_us, *period),
            in_period(columns.submitted_us, *rank_period),
            columns.owner,
            columns.status,
            calendar,
            np.where(has_span, columns.working_days, -1),
            columns.sla.reshape(len(columns), -1),
            *(() if extra is None else (extra,)),
        ]
    ).astype(np.int64)
    rows, weights = distinct_rows(keys)
    end = len(rows[0]) - (0 if extra is None else 1) if rows else 0
    made: dict[tuple[int, ...], Facts] = {}  # rows differing by owner or group share facts
    for row, weight in zip(rows, weights, strict=True):
        counted, ranked, owner = row[:3]
        key = -1 if extra is None else row[-1]
        states = tuple(row[6:end])
        found = tuple(row[3:end])
        facts = made.get(found)
        if facts is None:
            status, cal, work = row[3:6]
            outcomes = tuple(
                (stage, code == _MET)
                for stage, code in zip(stages, states, strict=True)
                if code in (_MET, _BREACHED)
            )
            facts = made[found] = Facts(
                STATUSES[status], None if cal < 0 else cal, None if work < 0 else work, outcomes
            )
        yield Distinct(bool(counted), bool(ranked), owner, facts, states, weight, key)


_PACKED_LIMIT: Final = 1 << 62


def distinct_rows(keys: npt.NDArray[np.int64]) -> tuple[list[list[int]], list[int]]:
    """``np.unique(keys, axis=0, return_counts=True)`` as lists: the same rows, same order.

    Each row is packed into one integer (mixed radix over the columns' ranges,
    the first column most significant, so the packed order is the rows'
    lexicographic order) and the packed integers are sorted: numpy sorts
    integers several times faster than rows. When the ranges do not fit in
    63 bits, the rows are sorted as rows. ``tests/test_monev_scale.py``
    compares both with ``np.unique``.
    """
    if not keys.size:
        return [], []
    low = keys.min(axis=0)
    span = keys.max(axis=0) - low + 1
    place, weights = 1, []
    for size in reversed(span.tolist()):
        weights.append(place)
        place *= size
    if place >= _PACKED_LIMIT:
        rows, counts = np.unique(keys, axis=0, return_counts=True)
        return rows.tolist(), counts.tolist()
    radix = np.array(weights[::-1], dtype=np.int64)
    packed, counts = np.unique((keys - low) @ radix, return_counts=True)
    rows = (packed[:, None] // radix) % span + low
    return rows.tolist(), counts.tolist()
