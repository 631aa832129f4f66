"""Many reports as columns: the arrays the monev reduction reads, and the reduction itself.

A batch of reports (walked one by one from JSON Lines, or read as columns from
a Parquet file written by ``sp4n convert``) becomes a `Columns`:
submission instants, statuses, who each report counts for, the follow-up
span as local days, and each agency SLA clock as arrays. `marginals` sums
the facts of each group's reports per fact with numpy (``unique`` over
(group, fact) pairs) and the scoring accumulators count those totals
([`IndicatorAccumulator.add_marginals`][sp4n.scoring.IndicatorAccumulator.add_marginals],
the rules of [`add_facts`][sp4n.scoring.IndicatorAccumulator.add_facts] per fact):
counting rules live there only, and the streaming path
([`MonevPipeline.add`][sp4n.monev.MonevPipeline.add], one report at a time)
stays the oracle the columnar path is tested against.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.scoring.accumulate import Marginals
from sp4n.sla.batch import NO_DAY, STATE_CODES
from sp4n.sla.results import SlaState
from sp4n.vocabulary import Stage, Status

__all__ = [
    "STATE_BREACHED",
    "STATE_MET",
    "STATE_WAITING",
    "STATUSES",
    "Columns",
    "distinct_rows",
    "in_period",
    "marginals",
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

    def take(self, rows: npt.NDArray[np.intp]) -> Columns:
        """The reports at ``rows`` (indexes), as columns."""
        return Columns(
            submitted_us=self.submitted_us[rows],
            status=self.status[rows],
            owner=self.owner[rows],
            span_from=self.span_from[rows],
            span_to=self.span_to[rows],
            working_days=self.working_days[rows],
            sla=self.sla[rows],
            groups=None if self.groups is None else self.groups[rows],
        )


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


def marginals(
    columns: Columns, group: npt.NDArray[np.int64], stages: Sequence[Stage]
) -> dict[int, tuple[int, Marginals]]:
    """Per group code (``-1`` included): its number of reports and the totals of their facts.

    The facts are those `reduce` derives per distinct row (status; follow-up
    days when there is a follow-up; each decided stage), summed per fact with
    numpy, so a group of any size costs a handful of additions
    ([`IndicatorAccumulator.add_marginals`][sp4n.scoring.IndicatorAccumulator.add_marginals]).
    ``tests/test_monev_scale.py`` holds them to `reduce`'s rows.
    """
    if not group.size:
        return {}
    codes, counts = np.unique(group, return_counts=True)
    statuses: dict[int, dict[Status, int]] = {code: {} for code in codes.tolist()}
    calendar: dict[int, dict[int, int]] = {code: {} for code in statuses}
    working: dict[int, dict[int, int]] = {code: {} for code in statuses}
    outcomes: dict[int, dict[tuple[Stage, bool], int]] = {code: {} for code in statuses}

    def pairs(
        values: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_] | None
    ) -> Iterator[tuple[int, int, int]]:
        """(group code, value, reports) of each distinct pair (in the rows of ``mask``)."""
        keys = np.column_stack([group, values] if mask is None else [group[mask], values[mask]])
        rows, weights = distinct_rows(keys)
        for (code, value), weight in zip(rows, weights, strict=True):
            yield code, value, weight

    for code, value, weight in pairs(columns.status, None):
        statuses[code][STATUSES[value]] = weight
    has_span = columns.span_from != NO_DAY
    days = columns.span_to - columns.span_from
    for code, value, weight in pairs(days, has_span & (days >= 0)):
        calendar[code][value] = weight
    for code, value, weight in pairs(columns.working_days, has_span & (columns.working_days >= 0)):
        working[code][value] = weight
    sla = columns.sla.reshape(len(columns), -1)
    for index, stage in enumerate(stages):
        state = sla[:, index]
        for code, value, weight in pairs(state, (state == _MET) | (state == _BREACHED)):
            found = outcomes[code]  # several rules may share a stage (one per report type)
            key = (stage, value == _MET)
            found[key] = found.get(key, 0) + weight
    return {
        code: (count, Marginals(statuses[code], calendar[code], working[code], outcomes[code]))
        for code, count in zip(codes.tolist(), counts.tolist(), strict=True)
    }


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
