"""`sp4n.monev._gc.rare_collections`: rarer collections during a part, the old setting after."""

from __future__ import annotations

import gc
import threading
from datetime import datetime
from pathlib import Path

import pytest

from sp4n.errors import DataError
from sp4n.monev._gc import THRESHOLDS, rare_collections
from sp4n.monev.sources import MonevOptions, discover, plan_parts, run_part
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.workdays import WIB


def test_thresholds_raised_inside_and_restored_after() -> None:
    """Inside the block the collector runs rarely; after it, the caller's thresholds hold."""
    before = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        with rare_collections():
            assert gc.get_threshold() == THRESHOLDS
            assert gc.isenabled()  # rarer, never off
            with rare_collections():  # nested: one change
                assert gc.get_threshold() == THRESHOLDS
            assert gc.get_threshold() == THRESHOLDS
        assert gc.get_threshold() == (123, 4, 5)
    finally:
        gc.set_threshold(*before)


def test_concurrent_parts_restore_the_setting_once_the_last_ends() -> None:
    """Threads overlapping in and out of the block leave the original thresholds behind."""
    before = gc.get_threshold()
    inside = threading.Barrier(4)

    def part() -> None:
        with rare_collections():
            inside.wait()
            assert gc.get_threshold() == THRESHOLDS

    threads = [threading.Thread(target=part) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before


def test_a_failing_part_restores_the_thresholds(tmp_path: Path) -> None:
    """run_part restores the thresholds when it ends, also when the file cannot be read."""
    before = gc.get_threshold()
    path = tmp_path / "reports.jsonl"
    write_jsonl(generate_complaints(5, seed=3), path)
    options = MonevOptions(now=datetime(2025, 1, 14, 12, tzinfo=WIB))
    (part,) = plan_parts(discover([path]), split=1)
    assert run_part(part, options).state["seen"] == 5
    assert gc.get_threshold() == before
    path.unlink()
    with pytest.raises(DataError) as raised:
        run_part(part, options)
    assert raised.value.rule == "INPUT-FILE"
    assert gc.get_threshold() == before


def test_cyclic_garbage_is_still_collected_inside_the_block() -> None:
    """Rarer, never off: past the young threshold a collection runs and frees the cycles."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected.append(info["collected"])

    gc.collect()
    gc.callbacks.append(note)
    try:
        with rare_collections():
            for _ in range(THRESHOLDS[0] + 10_000):
                cycle: list[object] = []
                cycle.append(cycle)
            del cycle
    finally:
        gc.callbacks.remove(note)
    assert collected, "no collection ran"
    assert sum(collected) >= THRESHOLDS[0] // 2
