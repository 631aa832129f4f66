"""`sla` and `monev` read complaints alike: replayed, de-duplicated, judged as of --now (#11)."""

import json
import os
import tracemalloc
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from sp4n.cli import main
from sp4n.models import Complaint

from ._support import NOW, complaints, jsonl, run


@pytest.fixture(scope="module")
def sample() -> list[Complaint]:
    """Twelve generated complaints with lawful histories."""
    return complaints(12, seed=2)


def _broken(c: Complaint) -> str:
    """A line whose stored status contradicts its history (check_history refuses it)."""
    data = json.loads(c.model_dump_json())
    data["status"] = "CLOSED_BY_REPORTER" if data["status"] != "CLOSED_BY_REPORTER" else "ON_HOLD"
    return json.dumps(data)


@pytest.mark.parametrize("command", ["sla", "monev"])
def test_HISTORY_STATUS_broken_histories_are_invalid_lines(
    tmp_path: Path, sample: list[Complaint], command: str
) -> None:
    """A history the lifecycle engine refuses is an invalid line (exit 1) in sla as in monev."""
    path = tmp_path / "mixed.jsonl"
    path.write_text(jsonl(sample[1:]) + _broken(sample[0]) + "\n", "utf-8")
    code, out, err = run([command, str(path), "--now", NOW])
    assert code == 1
    assert "HISTORY-STATUS" in out + err


@pytest.mark.parametrize("command", ["sla", "monev"])
def test_INPUT_DUPLICATE_a_tracking_id_counts_once(
    tmp_path: Path, sample: list[Complaint], command: str
) -> None:
    """The same tracking id twice: the first line counts, the repeat is refused, exit 1."""
    path = tmp_path / "dupes.jsonl"
    path.write_text(jsonl(sample) + jsonl(sample[:3]), "utf-8")
    code, out, err = run([command, str(path), "--now", NOW])
    assert code == 1
    text = out + err
    assert "3 duplicate tracking id line(s) refused [INPUT-DUPLICATE]" in text
    assert sample[0].tracking_id in text
    if command == "sla":
        assert f"{len(sample)} complaint(s), 3 invalid" in err


def _as_of(c: Complaint) -> str:
    """An instant between the submission and the last event of ``c``."""
    middle = c.history[len(c.history) // 2].at
    return middle.isoformat()


@pytest.mark.parametrize("command", ["sla", "monev"])
def test_INPUT_AFTER_NOW_reports_are_judged_as_of_now(
    tmp_path: Path, sample: list[Complaint], command: str
) -> None:
    """Events after --now are left out, reports submitted after it skipped, in both commands."""
    long = max(sample, key=lambda c: len(c.history))
    now = _as_of(long)
    later = [c for c in sample if c.submitted_at > long.history[len(long.history) // 2].at]
    path = tmp_path / "asof.jsonl"
    path.write_text(jsonl(sample), "utf-8")
    code, out, err = run([command, str(path), "--now", now])
    text = out + err
    assert code == 0, text
    assert "judged as of --now: later events left out [INPUT-AFTER-NOW]" in text
    if later:
        assert f"{len(later)} report(s) submitted after --now skipped" in text


@pytest.mark.parametrize("command", ["sla", "monev"])
def test_INPUT_AFTER_NOW_before_the_submission_is_an_empty_run(
    tmp_path: Path, command: str
) -> None:
    """`--now` before the submission: nothing judged (never MET), and the refusal says why."""
    path = tmp_path / "one.jsonl"
    c = complaints(1)[0]
    path.write_text(jsonl([c]), "utf-8")
    code, out, err = run([command, str(path), "--now", "2023-06-01T00:00:00+07:00"])
    assert code == 2
    assert "MET" not in out
    assert "[INPUT-EMPTY]" in err
    assert "submitted after --now skipped" in err


def _peak(path: Path) -> int:
    tracemalloc.start()
    with open(os.devnull, "w") as sink, redirect_stdout(sink), redirect_stderr(sink):
        assert main(["sla", str(path), "--now", NOW]) == 0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.slow
def test_sla_memory_stays_flat(tmp_path: Path) -> None:
    """sla holds a block of rows, not the table: 4x the reports, far less than 4x the memory."""
    many = complaints(1200, seed=9)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text(jsonl(many[:300]), "utf-8")
    large.write_text(jsonl(many), "utf-8")
    _peak(small)  # warm caches (calendar years, hierarchy) outside the comparison
    assert _peak(large) < 1.6 * _peak(small)
