"""``sp4n sla FILE --now INSTANT``: the deadline table of each complaint in a file.

FILE holds ``Complaint`` payloads (with history) as JSON Lines, or a ``.json``
array. ``--now`` is required: deadlines are judged at that instant (ISO 8601
with an offset, e.g. ``2024-04-16T09:00:00+07:00``) so that a run can be
replayed; the library never reads the clock. Dates are local to each report's
zone: each clock counts in the zone of the agency handling the report when
it starts (the embedded hierarchy; before dispatch the addressed agency, else
the incident province, else WIB), or in ``--time-zone``. A line whose history
breaks the rules is reported and counted as invalid; the others are judged.
``--explain`` adds the skipped dates of every stage. Exit 0 when every payload
was read, 1 when some payload is invalid (or, with ``--fail-on-breach``, when a
stage is BREACHED), 2 on unusable input.
Rule: standard.md §5.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError
from rich.table import Table

from sp4n.cli._args import console, instant
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Complaint
from sp4n.payloads import iter_payloads, problems_from
from sp4n.sla import SlaState, StageDeadline, deadlines

_STYLE = {
    SlaState.BREACHED: "bold red",
    SlaState.PENDING: "yellow",
    SlaState.MET: "green",
    SlaState.PAUSED: "cyan",
    SlaState.NOT_APPLICABLE: "dim",
}


def _zone(text: str) -> ZoneInfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"not an IANA time zone: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


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
    parser.add_argument("--time-zone", type=_zone, metavar="IANA", help="count in this zone")
    parser.add_argument("--explain", action="store_true", help="list skipped dates per stage")
    parser.add_argument("--strict", action="store_true", help="fail on unconfirmed holiday data")
    parser.add_argument("--fail-on-breach", action="store_true", help="exit 1 if any BREACHED")
    parser.set_defaults(handler=_run)


def _left(row: StageDeadline) -> str:
    if row.working_days_overdue is not None:
        return f"-{row.working_days_overdue}"
    return "" if row.working_days_left is None else str(row.working_days_left)


def _run(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        msg = f"no such file: {path}"
        raise DataError(msg, rule="INPUT-FILE")
    table = Table(title=f"Deadlines at {args.now.isoformat()}")
    for column in ("Tracking ID", "Stage", "Rule", "State", "Start", "Due", "WD left", "Zone"):
        table.add_column(column)
    out = console()
    graph = AgencyGraph.indonesia()
    total = invalid = breached = 0
    notes: list[str] = []
    for line, text in iter_payloads(path):
        total += 1
        try:
            complaint = Complaint.model_validate_json(text)
        except ValidationError as exc:
            invalid += 1
            for problem in problems_from(exc, line=line):
                print(str(problem), file=sys.stderr)
            continue
        try:
            rows = deadlines(
                complaint,
                now=args.now,
                zone=args.time_zone,
                strict=args.strict,
                hierarchy=graph,
            )
        except SP4NError as exc:  # one bad history must not abort the whole file
            invalid += 1
            print(f"line {line}: {exc} (rule {exc.rule})", file=sys.stderr)
            continue
        for row in rows:
            breached += row.state is SlaState.BREACHED
            zone = ZoneInfo(row.time_zone)
            start = (
                row.started_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if row.started_at else ""
            )
            flag = "" if row.confirmed else " *"
            table.add_row(
                complaint.tracking_id,
                row.stage.value + ("" if row.scope == "agency" else " (reporter)"),
                row.rule,
                f"[{_STYLE[row.state]}]{row.state.value}[/]",
                start,
                (row.due_date.isoformat() if row.due_date else "") + flag,
                _left(row),
                row.time_zone,
            )
            notes.extend(f"{complaint.tracking_id} {row.rule}: {w}" for w in row.warnings)
            if args.explain:
                notes.extend(f"{complaint.tracking_id} {row.rule}: {e}" for e in row.explanation)
    if total == 0:
        msg = "no payload found in the input"
        raise DataError(msg, rule="INPUT-EMPTY")
    out.print(table)
    for note in dict.fromkeys(notes):
        out.print(note)
    print(
        f"{total - invalid} complaint(s), {invalid} invalid, {breached} breached", file=sys.stderr
    )
    return 1 if invalid or (args.fail_on_breach and breached) else 0
