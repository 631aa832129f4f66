"""``sp4n sla FILE --now INSTANT``: the deadline table of each complaint in a file.

FILE holds ``Complaint`` payloads (with history) as JSON Lines, or a ``.json``
array. ``--now`` is
required: deadlines are judged at that instant (ISO 8601 with an offset, e.g.
``2024-04-16T09:00:00+07:00``, within the years of the holiday data) so that a
run can be replayed; the library never reads the clock. Dates are local to
each report's zone: each clock counts in the zone of the agency handling the
report when it starts (the embedded hierarchy; before dispatch the addressed
agency, else the incident province, else WIB), or in ``--time-zone``.

Lines are read as ``sp4n monev`` reads them (see `sp4n.cli._replay`): a
line that is not a valid complaint, whose history the lifecycle engine
refuses, or that repeats a tracking id already read is reported and counted as
invalid (INPUT-DUPLICATE); a report submitted after ``--now`` is skipped and
events after ``--now`` are left out (INPUT-AFTER-NOW). The table is printed as
it is read, a block of rows at a time, so memory stays flat however long the
file. ``--explain`` adds the skipped dates of every stage. FILE ``-`` reads
standard input. ``--format json`` prints one JSON object per stage (JSON
Lines), ``--format csv`` a CSV table; refused lines, notes and the summary go
to standard error, in the language of ``--lang``. Exit 0 when every line was
judged, 1 when some line is invalid (or, with ``--fail-on-breach``, when a
stage is BREACHED), 2 on unusable input.
Rule: standard.md §5.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sp4n.cli._args import console, instant, time_zone
from sp4n.cli._io import Column, add_format_option, plain_help, run_lang, say, spooled
from sp4n.cli._replay import ComplaintReader
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message, label
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
_COLUMNS: Final = (
    Column("tracking_id", Message("ui.cli.sla.tracking-id", "Tracking ID")),
    Column("stage", Message("ui.cli.sla.stage", "Stage")),
    Column("rule", Message("ui.cli.sla.rule", "Rule")),
    Column("state", Message("ui.cli.sla.state", "State")),
    Column("start", Message("ui.cli.sla.start", "Start")),
    Column("due", Message("ui.cli.sla.due", "Due")),
    Column("left", Message("ui.cli.sla.left", "WD left")),
    Column("zone", Message("ui.cli.sla.zone", "Zone")),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sla`` sub-command."""
    parser = sub.add_parser(
        "sla",
        help="deadline table for complaints in a JSON Lines file",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a JSON Lines file, or - for stdin")
    parser.add_argument("--now", type=instant, required=True, metavar="INSTANT")
    parser.add_argument("--time-zone", type=time_zone, metavar="IANA", help="count in this zone")
    parser.add_argument("--explain", action="store_true", help="list skipped dates per stage")
    parser.add_argument("--strict", action="store_true", help="fail on unconfirmed holiday data")
    parser.add_argument("--fail-on-breach", action="store_true", help="exit 1 if any BREACHED")
    add_format_option(parser)
    parser.set_defaults(handler=_run)


def _left(row: StageDeadline) -> str:
    if row.working_days_overdue is not None:
        return f"-{row.working_days_overdue}"
    return "" if row.working_days_left is None else str(row.working_days_left)


def _row(complaint: Complaint, row: StageDeadline, *, for_people: bool) -> dict[str, object]:
    zone = ZoneInfo(row.time_zone)
    start = row.started_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if row.started_at else ""
    if not for_people:
        return {
            "tracking_id": complaint.tracking_id,
            "stage": row.stage.value,
            "scope": row.scope,
            "rule": row.rule,
            "state": row.state.value,
            "start": start or None,
            "due": row.due_date.isoformat() if row.due_date else None,
            "confirmed": row.confirmed,
            "left": row.working_days_left,
            "overdue": row.working_days_overdue,
            "zone": row.time_zone,
        }
    flag = "" if row.confirmed else " *"
    reporter = say(Message("ui.cli.sla.reporter", "reporter"))
    return {
        "tracking_id": complaint.tracking_id,
        "stage": label(row.stage, run_lang()) + ("" if row.scope == "agency" else f" ({reporter})"),
        "rule": row.rule,
        "state": Text(label(row.state, run_lang()), style=_STYLE[row.state]),
        "start": start,
        "due": (row.due_date.isoformat() if row.due_date else "") + flag,
        "left": _left(row),
        "zone": row.time_zone,
    }


_MACHINE: Final = (
    *(_COLUMNS[:2]),
    Column("scope", Message("ui.cli.sla.stage")),
    *(_COLUMNS[2:6]),
    Column("confirmed", Message("ui.cli.sla.due")),
    _COLUMNS[6],
    Column("overdue", Message("ui.cli.sla.left")),
    _COLUMNS[7],
)
"""The columns of ``--format json|csv``: codes, numbers and booleans."""


class _Printer:
    """Prints the rows a block of complaints at a time: tables for people, or JSON Lines/CSV."""

    def __init__(self, out: Console, title: Message, fmt: str) -> None:
        self.out, self.title, self.fmt = out, title, fmt
        self.rows: list[dict[str, object]] = []
        self.notes: list[str] = []
        self.complaints = 0
        self.blocks = 0
        self.csv = csv.writer(sys.stdout, lineterminator="\n")

    def add(self, rows: Iterable[dict[str, object]], notes: Iterable[str]) -> None:
        self.rows.extend(rows)
        self.notes.extend(notes)
        self.complaints += 1
        if self.complaints % _BLOCK == 0:
            self.flush()

    def flush(self) -> None:
        if not self.rows and self.blocks:
            return
        if self.fmt == "json":
            for row in self.rows:
                print(json.dumps(row, ensure_ascii=False))
        elif self.fmt == "csv":
            if self.blocks == 0:
                self.csv.writerow([c.key for c in _MACHINE])
            for row in self.rows:
                self.csv.writerow(
                    ["" if row.get(c.key) is None else row.get(c.key) for c in _MACHINE]
                )
        else:
            table = Table(title=say(self.title) if self.blocks == 0 else None)
            for column in _COLUMNS:
                table.add_column(say(column.header))
            for row in self.rows:
                table.add_row(*(_cell(row[c.key]) for c in _COLUMNS))
            self.out.print(table)
        for note in dict.fromkeys(self.notes):
            print(note, file=sys.stderr)
        self.rows.clear()
        self.notes.clear()
        self.blocks += 1


def _cell(value: object) -> Text:
    return value if isinstance(value, Text) else Text(str(value))


def _run(args: argparse.Namespace) -> int:
    with spooled([args.file]) as (path,):
        return _judge(args, path)


def _judge(args: argparse.Namespace, path: Path) -> int:
    out = console()
    lang = run_lang()
    graph = AgencyGraph.indonesia()
    reader = ComplaintReader(
        path, graph=graph, calendar=WorkingCalendar.indonesia(), now=args.now, echo=True
    )
    title = Message("ui.cli.sla.title", "Deadlines at {now}", now=args.now.isoformat())
    printer = _Printer(out, title, args.format)
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
            reader.refuse(line, f"{exc.rule}: {exc.text(lang)}")
            continue
        judged += 1
        breached += sum(row.state is SlaState.BREACHED for row in rows)
        notes = [
            f"{complaint.tracking_id} {row.rule}: {w}"
            for row in rows
            for w in row.warnings_text(lang)
        ]
        if args.explain:
            notes += [
                f"{complaint.tracking_id} {r.rule}: {e}"
                for r in rows
                for e in r.explanation_text(lang)
            ]
        people = args.format == "text"
        printer.add((_row(complaint, row, for_people=people) for row in rows), notes)
    if judged == 0 and reader.rejected == 0:
        empty = reader.summary() or [Message("INPUT-EMPTY.no-payload-found-input")]
        raise DataError(
            Message(
                "INPUT-EMPTY.no-complaint-judge-file",
                "no complaint to judge in {file}: {why}",
                file=str(args.file),
                why=tuple(empty) if len(empty) > 1 else empty[0],
            ),
            rule="INPUT-EMPTY",
        )
    printer.flush()
    for note in reader.summary():
        print(say(note), file=sys.stderr)
    summary = Message(
        "ui.cli.sla.summary",
        "{judged} complaint(s), {invalid} invalid, {breached} breached",
        judged=judged,
        invalid=reader.rejected,
        breached=breached,
    )
    print(say(summary), file=sys.stderr)
    return 1 if reader.rejected or (args.fail_on_breach and breached) else 0
