"""Tracking ids as integers, and a compact sorted set of them (rule INPUT-DUPLICATE, #11).

A report is counted once per tracking id: the first valid line with an id
claims it, each later line with the same id is refused. The parts of an
evaluation (byte ranges, gzip files, Parquet row groups, on any engine) each
claim the ids of the reports they counted and send them back as one sorted
array; the merge checks each part's claims against those of the parts before
it, in (file, position) order (`sp4n.monev.engines.Merger`).

An id is 7 to 12 digits (rule TRACKING-ID), so ``int(id) * 16 + len(id)``
fits in 64 bits and keeps ids that differ only by leading zeros apart. A set
is a few sorted numpy arrays of such keys (8 bytes an id, against about 60
for a Python ``set``), merged like the levels of a log-structured tree: each
added run is merged with the previous one while that one is not larger, so
there are at most log2(ids) runs and each id is copied O(log) times.

>>> ids = SortedIds()
>>> ids.add(np.array([key_of("0012345674"), key_of("12345674")]))
>>> ids.contains(np.array([key_of("12345674"), key_of("0000001")])).tolist()
[True, False]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["NO_IDS", "Keys", "SortedIds", "first_occurrences", "key_of", "keys_of"]

Keys = npt.NDArray[np.int64]
NO_IDS: Final[Keys] = np.empty(0, dtype=np.int64)
"""No tracking id (an empty sorted array)."""


def key_of(tracking_id: str) -> int:
    """The integer key of a tracking id (its digits and its length)."""
    return int(tracking_id) * 16 + len(tracking_id)


def keys_of(column: pa.ChunkedArray | pa.Array) -> Keys:
    """The keys of a column of tracking ids (pyarrow strings), with pyarrow compute."""
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    digits = np.asarray(pc.cast(column, "int64"), dtype=np.int64)
    lengths = np.asarray(pc.utf8_length(column), dtype=np.int64)
    return digits * 16 + lengths


def first_occurrences(keys: Keys) -> npt.NDArray[np.bool_]:
    """Which positions hold the first occurrence of their key (a stable sort)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.ones(keys.size, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    found = np.zeros(keys.size, dtype=bool)
    found[order[first]] = True
    return found


def _contains(run: Keys, keys: Keys) -> npt.NDArray[np.bool_]:
    at = np.searchsorted(run, keys)
    at[at == run.size] = 0
    return run[at] == keys if run.size else np.zeros(keys.size, dtype=bool)


class SortedIds:
    """A set of tracking-id keys as a few sorted arrays (see the module docstring)."""

    def __init__(self) -> None:
        self.runs: list[Keys] = []

    def __len__(self) -> int:
        return sum(run.size for run in self.runs)

    def contains(self, keys: Keys) -> npt.NDArray[np.bool_]:
        """Which of ``keys`` are in the set."""
        found = np.zeros(keys.size, dtype=bool)
        for run in self.runs:
            found |= _contains(run, keys)
        return found

    def add(self, keys: Keys) -> None:
        """Add keys that are not in the set yet (distinct, in any order)."""
        if not keys.size:
            return
        self.runs.append(np.sort(keys))
        while len(self.runs) > 1 and self.runs[-2].size <= self.runs[-1].size:
            last = self.runs.pop()
            self.runs[-1] = np.sort(np.concatenate((self.runs[-1], last)), kind="stable")

    def array(self) -> Keys:
        """Every key, sorted, as one array."""
        if not self.runs:
            return NO_IDS
        if len(self.runs) > 1:
            self.runs = [np.sort(np.concatenate(self.runs), kind="stable")]
        return self.runs[0]
