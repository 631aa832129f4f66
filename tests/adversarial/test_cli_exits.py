"""One entry wrapper: usage errors, Ctrl-C and broken pipes end alike for every command (#11)."""

import signal
import time
from pathlib import Path

import pytest

from sp4n.cli import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED

from ._support import NOW, complaints, jsonl, run, spawn

EDGE_NOW = (
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:00:00+00:00",
    "9999-12-31T23:59:59-14:00",
    "2101-01-01T00:00:00+07:00",
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small complaint file."""
    path = tmp_path_factory.mktemp("cli") / "in.jsonl"
    path.write_text(jsonl(complaints(4)), "utf-8")
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complaint file long enough to interrupt: 800 distinct complaints."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    path.write_text(jsonl(complaints(800, seed=5)), "utf-8")
    return path


def _usage_error(code: int, err: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sp4n: error [CLI-USAGE]: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("now", EDGE_NOW)
@pytest.mark.parametrize("command", ["sla", "monev", "demo"])
def test_CLI_USAGE_now_at_the_edges_of_the_calendar(data: Path, command: str, now: str) -> None:
    """`--now` at year 1 or 9999 (or past the holiday data) is a one-line usage error."""
    argv = [command] + ([] if command == "demo" else [str(data)]) + ["--now", now]
    _usage_error(*run(argv)[::2])


@pytest.mark.parametrize("year", ["0", "-1", "10000", str(10**20), "1945", "x"])
def test_CLI_USAGE_workdays_holidays_years(year: str) -> None:
    """`workdays holidays` refuses years outside the holiday data with one line."""
    _usage_error(*run(["workdays", "holidays", year])[::2])


@pytest.mark.parametrize(
    "argv",
    [
        ["workdays", "add", "2024-04-05", "10001"],
        ["workdays", "between", "0001-01-01", "9999-12-31"],
        ["demo", "--size", "100001"],
        ["demo", "--size", "0"],
        ["monev", "{data}", "--period", "0001-01-01..9999-12-30"],
        ["monev", "{data}", "--now", NOW, "--top", "0"],
        ["monev", "{data}", "--now", NOW, "--min-count", "-1"],
        ["agencies", "--limit", str(10**40)],
    ],
)
def test_CLI_USAGE_bounds_on_sizes_counts_and_spans(data: Path, argv: list[str]) -> None:
    """Sizes, counts and spans past their bounds are refused at once, before any work."""
    started = time.monotonic()
    _usage_error(*run([a.format(data=data) for a in argv])[::2])
    assert time.monotonic() - started < 5


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["sample", "--size", "1000000"],
        ["demo", "--size", "100000"],
        ["validate", "{big}"],
        ["sla", "{big}", "--now", NOW],
        ["monev", "{long}", "--now", NOW],
    ],
    ids=["sample", "demo", "validate", "sla", "monev"],
)
def test_ctrl_c_is_a_quiet_exit_130(tmp_path: Path, big: Path, argv: list[str]) -> None:
    """SIGINT during a long command: exit 130, nothing on stderr (no traceback)."""
    long = tmp_path / "long.jsonl"  # monev prints only at the end: give it long to read
    long.write_text(big.read_text("utf-8") * 10, "utf-8")
    process = spawn([a.format(big=big, long=long) for a in argv])
    assert process.stdout is not None
    if argv[0] in {"sample", "demo", "sla"}:
        process.stdout.read(1)  # it is running: its output has begun
    else:
        time.sleep({"validate": 1, "monev": 2}[argv[0]])  # loading or reading (both end alike)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED
    assert b"Traceback" not in err
    assert err == b""


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["sample", "--size", "2000"],
        ["validate", "{invalid}"],
        ["sla", "{big}", "--now", NOW],
    ],
    ids=["sample", "validate", "sla"],
)
def test_broken_pipe_has_one_exit_status(tmp_path: Path, big: Path, argv: list[str]) -> None:
    """Output cut short (`| head -1`, more output than a pipe holds): exit 141, quietly.

    The commands chosen write as they go; one huge single write may be swallowed whole by
    some sandboxed pipes, where no error reaches the writer at all.
    """
    invalid = tmp_path / "invalid.jsonl"
    invalid.write_text('{"type": "COMPLAINT"}\n' * 20_000, "utf-8")
    process = spawn([a.format(big=big, invalid=invalid) for a in argv])
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    process.wait(timeout=120)
    assert process.returncode == EXIT_BROKEN_PIPE, err
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err
