"""Rarer cyclic garbage collections while monev counts a part.

Counting a part allocates millions of short-lived objects (validated models,
walk records, batch rows) and keeps a batch of them alive. With CPython's
default thresholds (700, 10, 10) the cyclic collector then runs tens of
thousands of times per part, each time walking the objects the batch holds:
about a sixth of a part's time on 20,000 generated reports (390 µs a report
with the defaults, 323 µs with these thresholds; `benchmarks/bench_monev.py`
reports the per-step costs). The models hold no reference cycles, so
reference counting frees them as before: collections become rarer, never off,
and the thresholds in force before come back when the last part ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from typing import Final

__all__ = ["rare_collections"]

THRESHOLDS: Final = (10_000, 20, 100)
"""Objects allocated before a young collection, and the ratios of the older ones."""

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """Raise the thresholds for the block; nested or concurrent uses share one change."""
    global _depth, _saved  # noqa: PLW0603 - the process's one collector setting
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*THRESHOLDS)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
