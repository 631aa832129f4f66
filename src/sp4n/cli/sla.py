"""``sp4n sla FILE --now INSTANT``: the deadline table of each complaint in a file.

FILE holds ``Complaint`` payloads (with history) as JSON Lines, or a ``.json``
array. ``--now`` is
required: deadlines are judged at that instant (ISO 8601 with an offset, e.g.
``2024-04-16T09:00:00+07:00``, within the years of the holiday data) so that a
run can be replayed; the library never reads the clock. Dates are local to
each report's zone: each clock counts in the zone of the agency handling the
report when it starts (the embedded hierarchy; before dispatch the addressed
agency, else the incident province, else WIB), or in ``--time-zone``.

Lines are read as ``sp4n monev`` reads them (see :mod:`sp4n.cli._replay`): a
line that is not a valid complaint, whose history the lifecycle engine
refuses, or that repeats a tracking id already read is reported and counted as
invalid (INPUT-DUPLICATE); a report submitted after ``--now`` is skipped and
events after ``--now`` are left out (INPUT-AFTER-NOW). The table is printed as
it is read, a block of rows at a time, so memory stays flat however long the
file. ``--explain`` adds the skipped dates of every stage. Exit 0 when every
line was judged, 1 when some line is invalid (or, with ``--fail-on-breach``,
when a stage is BREACHED), 2 on unusable input.
Rule: standard.md §5.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from sp4n.cli._args import console, instant, time_zone
from sp4n.cli._replay import ComplaintReader
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.sla import SlaState, StageDeadline, deadlines
from sp4n.workdays import WorkingCalendar

_STYLE = {
    SlaState.BREACHED: "bold red",
    SlaState.PENDING: "yellow",
    SlaState.MET: "green",
    SlaState.PAUSED: "cyan",
    SlaState.NOT_APPLICABLE: "dim",
}


_BLOCK: Final = 200
"""Complaints per printed block of the table: what is held in memory at once."""
_COLUMNS: Final = ("Tracking ID", "Stage", "Rule", "State", "Start", "Due", "WD left", "Zone")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sla`` sub-command."""
    parser = sub.add_parser(
        "sla",
        help="deadline table for complaints in a JSON Lines file",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--now", type=instant, required=True, metavar="INSTANT")
    parser.add_argument("--time-zone", type=time_zone, metavar="IANA", help="count in this zone")
    parser.add_argument("--explain", action="store_true", help="list skipped dates per stage")
    parser.add_argument("--strict", action="store_true", help="fail on unconfirmed holiday data")
    parser.add_argument("--fail-on-breach", action="store_true", help="exit 1 if any BREACHED")
    parser.set_defaults(handler=_run)


def _left(row: StageDeadline) -> str:
    if row.working_days_overdue is not None:
        return f"-{row.working_days_overdue}"
    return "" if row.working_days_left is None else str(row.working_days_left)


def _row(complaint: Complaint, row: StageDeadline) -> tuple[str, ...]:
    zone = ZoneInfo(row.time_zone)
    start = row.started_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if row.started_at else ""
    flag = "" if row.confirmed else " *"
    return (
        complaint.tracking_id,
        row.stage.value + ("" if row.scope == "agency" else " (reporter)"),
        row.rule,
        f"[{_STYLE[row.state]}]{row.state.value}[/]",
        start,
        (row.due_date.isoformat() if row.due_date else "") + flag,
        _left(row),
        row.time_zone,
    )


class _Printer:
    """Prints the table a block of complaints at a time, with the notes of each block."""

    def __init__(self, out: Console, title: str) -> None:
        self.out, self.title = out, title
        self.rows: list[tuple[str, ...]] = []
        self.notes: list[str] = []
        self.complaints = 0
        self.blocks = 0

    def add(self, rows: Iterable[tuple[str, ...]], notes: Iterable[str]) -> None:
        self.rows.extend(rows)
        self.notes.extend(notes)
        self.complaints += 1
        if self.complaints % _BLOCK == 0:
            self.flush()

    def flush(self) -> None:
        if not self.rows and self.blocks:
            return
        table = Table(title=self.title if self.blocks == 0 else None)
        for column in _COLUMNS:
            table.add_column(column)
        for row in self.rows:
            table.add_row(*row)
        self.out.print(table)
        for note in dict.fromkeys(self.notes):
            self.out.print(note, markup=False)
        self.rows.clear()
        self.notes.clear()
        self.blocks += 1


def _run(args: argparse.Namespace) -> int:
    out = console()
    graph = AgencyGraph.indonesia()
    reader = ComplaintReader(
        args.file, graph=graph, calendar=WorkingCalendar.indonesia(), now=args.now, echo=True
    )
    printer = _Printer(out, f"Deadlines at {args.now.isoformat()}")
    judged = breached = 0
    for line, complaint in reader.numbered():
        try:
            rows = deadlines(
                complaint,
                now=args.now,
                zone=args.time_zone,
                strict=args.strict,
                hierarchy=graph,
            )
        except SP4NError as exc:  # one bad history must not abort the whole file
            reader.refuse(line, f"{exc.rule}: {exc}")
            continue
        judged += 1
        breached += sum(row.state is SlaState.BREACHED for row in rows)
        notes = [f"{complaint.tracking_id} {row.rule}: {w}" for row in rows for w in row.warnings]
        if args.explain:
            notes += [f"{complaint.tracking_id} {r.rule}: {e}" for r in rows for e in r.explanation]
        printer.add((_row(complaint, row) for row in rows), notes)
    if judged == 0 and reader.rejected == 0:
        why = "; ".join(reader.summary()) or "no payload found in the input"
        raise DataError(
            Message(
                "INPUT-EMPTY.no-complaint-judge-file",
                "no complaint to judge in {file}: {why}",
                file=str(args.file),
                why=str(why),
            ),
            rule="INPUT-EMPTY",
        )
    printer.flush()
    for note in reader.summary():
        print(note, file=sys.stderr)
    print(f"{judged} complaint(s), {reader.rejected} invalid, {breached} breached", file=sys.stderr)
    return 1 if reader.rejected or (args.fail_on_breach and breached) else 0
