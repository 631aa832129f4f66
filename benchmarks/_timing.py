"""Small timing helpers shared by the benchmark scripts."""

import gc
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], *, repeat: int = 5) -> float:
    """The best wall time of `repeat` runs of `fn`, in seconds (least disturbed by noise)."""
    return best_of_each([fn], repeat=repeat)[0]


def best_of_each(fns: list[Callable[[], object]], *, repeat: int = 5) -> list[float]:
    """Best wall time of each function, the runs interleaved so that load changes hit all alike."""
    best = [float("inf")] * len(fns)
    enabled = gc.isenabled()
    gc.disable()  # a collection landing in one run but not another is noise, not cost
    try:
        for _ in range(repeat):
            for i, fn in enumerate(fns):
                gc.collect()
                start = time.perf_counter()
                fn()
                best[i] = min(best[i], time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best
