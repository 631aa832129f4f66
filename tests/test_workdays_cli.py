"""The ``sp4n workdays`` and ``sp4n sla`` sub-commands, called through their own parsers."""

import argparse
import json
from pathlib import Path

import pytest

from sp4n.cli import main
from sp4n.cli import sla as sla_cli
from sp4n.cli import workdays as workdays_cli
from sp4n.errors import CalendarError, DataError
from sp4n.hierarchy import AgencyGraph


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sp4n")
    sub = parser.add_subparsers(dest="command", required=True)
    workdays_cli.register(sub)
    sla_cli.register(sub)
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_CAL_CLI_add(capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n workdays add 2024-04-05 3` prints 2024-04-18."""
    assert run(["workdays", "add", "2024-04-05", "3"]) == 0
    assert capsys.readouterr().out.strip() == "2024-04-18"


def test_CAL_CLI_explain_names_skipped_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n workdays explain` lists every skipped date with its name, in one language at a time."""
    assert run(["workdays", "explain", "2024-04-05", "3"]) == 0
    out = capsys.readouterr().out
    assert "10 non-working dates skipped" in out
    assert "Eid al-Fitr Second Day" in out
    assert "Cuti Bersama Hari Raya Idul Fitri" not in out
    assert "working day 3 is 2024-04-18" in out
    assert main(["workdays", "explain", "2024-04-05", "3", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "10 hari nonkerja dilewati" in out
    assert "Cuti Bersama Hari Raya Idul Fitri" in out
    assert "hari kerja ke-3 adalah 2024-04-18 (Kam)" in out
    assert "Eid al-Fitr" not in out


def test_CAL_CLI_between_holidays_and_closure(capsys: pytest.CaptureFixture[str]) -> None:
    """`between` counts (A, B]; `holidays` lists a year with closures given as DATE=NAME."""
    assert run(["workdays", "between", "2024-04-05", "2024-04-18"]) == 0
    assert capsys.readouterr().out.strip() == "3"
    assert run(["workdays", "holidays", "2024", "--closure", "2024-06-03=Libur daerah"]) == 0
    assert "Libur daerah" in capsys.readouterr().out


def test_CAL_CLI_unconfirmed_warns_and_strict_fails(capsys: pytest.CaptureFixture[str]) -> None:
    """An answer in 2051 warns on stderr; with --strict it raises CalendarError (exit 2 in main)."""
    assert run(["workdays", "add", "2051-03-01", "3"]) == 0
    assert "CAL-COVERAGE" in capsys.readouterr().err
    with pytest.raises(CalendarError):
        run(["workdays", "add", "2051-03-01", "3", "--strict"])


def test_CAL_CLI_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad date or a negative count is a usage error (exit 2), never a traceback."""
    for argv in (["workdays", "add", "5 April", "3"], ["workdays", "add", "2024-04-05", "-1"]):
        with pytest.raises(SystemExit) as info:
            run(argv)
        assert info.value.code == 2
    assert "not" in capsys.readouterr().err


def _payload(submitted: str, history: list[dict[str, object]], status: str = "SUBMITTED") -> str:
    """A complaint whose history replays (the reporter owns it; sla replays like monev)."""
    return json.dumps(
        {
            "type": "COMPLAINT",
            "title": "Jalan berlubang",
            "body": "Lubang besar.",
            "category": "regency_road",
            "channel": "WEB",
            "location": {"region_code": "91.71"},
            "submitted_at": submitted,
            "tracking_id": "0012345674",
            "status": status,
            "history": [
                {
                    "kind": "submit",
                    "at": submitted,
                    "actor": {"role": "REPORTER", "user_id": "w-1"},
                },
                *history,
            ],
        }
    )


def test_SLA_CLI_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n sla FILE --now` prints a deadline table in the province's zone; bad rows exit 1."""
    path = tmp_path / "complaints.jsonl"
    dispatch = {
        "kind": "verify_and_dispatch",
        "at": "2024-04-16T09:00:00+09:00",
        "actor": {"role": "NATIONAL_ADMIN", "user_id": "op-1"},
        "agency_id": "kota-91.71",
    }
    row = _payload("2024-04-05T14:00:00+09:00", [dispatch], "DISPATCHED")
    path.write_text(row + "\n" + "{}\n", "utf-8")
    code = run(["sla", str(path), "--now", "2024-04-30T09:00:00+09:00", "--explain"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "SLA-VERIFY" in out
    assert "Asia/Jayapura" in out
    assert "Breached" in out  # first follow-up due 2024-04-23
    assert "skipped 2024-04-10 Wed: Eid al-Fitr" in err  # notes go to standard error
    assert "1 complaint(s), 1 invalid, 1 breached" in err


def test_SLA_CLI_fail_on_breach_and_bad_input(tmp_path: Path) -> None:
    """--fail-on-breach exits 1 on a breach; a missing file raises DataError; --now is required."""
    path = tmp_path / "one.jsonl"
    path.write_text(_payload("2024-04-05T14:00:00+09:00", []) + "\n", "utf-8")
    assert run(["sla", str(path), "--now", "2024-04-08T09:00:00+09:00"]) == 0
    assert run(["sla", str(path), "--now", "2024-05-08T09:00:00+09:00", "--fail-on-breach"]) == 1
    with pytest.raises(DataError):
        run(["sla", str(tmp_path / "missing.jsonl"), "--now", "2024-05-08T09:00:00+09:00"])
    with pytest.raises(SystemExit):
        run(["sla", str(path)])
    with pytest.raises(SystemExit):
        run(["sla", str(path), "--now", "2024-05-08T09:00:00"])


def test_CAL_BENCH_quick_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark's --quick smoke run checks the paths agree and prints both ratios."""
    from benchmarks import bench_workdays

    bench_workdays.main(["--quick"])
    out = capsys.readouterr().out
    assert "sp4n / bare numpy" in out
    assert "loop / sp4n" in out


def test_SLA_CLI_bad_history_line_is_counted_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line whose history breaks the transition table is invalid; the rest is judged, exit 1."""
    path = tmp_path / "mixed.jsonl"
    complete = {
        "kind": "complete",
        "at": "2024-04-06T09:00:00+09:00",
        "actor": {"role": "REPORTER"},
        "info": "RT 03",
    }
    good = _payload("2024-04-05T14:00:00+09:00", [])
    bad = _payload("2024-04-05T14:00:00+09:00", [complete])  # complete without a hold
    path.write_text(bad + "\n" + good + "\n", "utf-8")
    code = run(["sla", str(path), "--now", "2024-04-08T09:00:00+09:00"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "LC-COMPLETE" in err  # replayed through the lifecycle engine, as monev does
    assert "SLA-VERIFY" in out
    assert "1 complaint(s), 1 invalid" in err


def test_SLA_CLI_counts_in_the_handling_agencys_zone_like_monev(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sp4n sla` looks agencies up in the embedded hierarchy, as monev does (review #3)."""
    graph = AgencyGraph.indonesia()
    ministry = next(a for a in graph.agencies() if a.kind == "MINISTRY")
    dispatch = {
        "kind": "verify_and_dispatch",
        "at": "2024-07-16T10:00:00+09:00",
        "actor": {"role": "NATIONAL_ADMIN", "user_id": "op-1"},
        "agency_id": ministry.id,
    }
    path = tmp_path / "one.jsonl"
    row = _payload("2024-07-15T23:30:00+09:00", [dispatch], "DISPATCHED")
    path.write_text(row + "\n", "utf-8")
    assert run(["sla", str(path), "--now", "2024-07-17T09:00:00+09:00"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "SLA-FIRST-FO" in x)
    assert "Asia/Jakarta" in line  # the ministry's zone, not the Papua incident's
    verify = next(x for x in out.splitlines() if "SLA-VERIFY" in x)
    assert "Asia/Jayapura" in verify  # before dispatch: the incident province
