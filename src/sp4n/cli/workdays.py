"""``sp4n workdays``: working-day arithmetic on the Indonesian government calendar.

Sub-commands:

- ``add DATE N``: the N-th working day strictly after DATE (DATE never counts);
- ``explain DATE N``: the same, with every skipped date and its name;
- ``between A B``: working days in (A, B];
- ``holidays YEAR``: public holidays and cuti bersama of a year.

Options: ``--week-days 6`` for a six-day week, ``--closure DATE=NAME`` (repeatable)
for regional or agency closures, ``--strict`` to fail (exit 2) instead of
warning when holiday data is not confirmed. Unconfirmed answers print a warning
on stderr. Dates and years lie within the years of the holiday data and N is
at most 10,000 (rule CLI-USAGE). Rule: standard.md §5.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rich.table import Table

from sp4n.cli._args import bounded_int, console, iso_date, year
from sp4n.workdays import Closure, NonWorkingDay, WorkingCalendar

parse_date = iso_date
"""An ISO date for argparse (``YYYY-MM-DD``), within the calendar's years (CLI-USAGE)."""

_MAX_COUNT = 10_000
"""The largest N of ``add``/``explain``: about forty years of working days."""


def _closure(text: str) -> Closure:
    day, sep, name = text.partition("=")
    if not sep or not name.strip():
        msg = f"a closure is DATE=NAME, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return Closure(parse_date(day), name.strip())


_count = bounded_int(0, _MAX_COUNT, "a count of working days")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``workdays`` sub-command and its actions."""
    parser = sub.add_parser(
        "workdays",
        help="working-day arithmetic (holidays, cuti bersama)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--week-days", type=int, choices=(5, 6), default=5)
    common.add_argument("--closure", type=_closure, action="append", default=[], metavar="D=NAME")
    common.add_argument("--strict", action="store_true", help="fail on unconfirmed holiday data")
    for name, text in (("add", "N-th working day after DATE"), ("explain", "add, with reasons")):
        action = actions.add_parser(name, help=text, parents=[common])
        action.add_argument("date", type=parse_date, metavar="DATE")
        action.add_argument("n", type=_count, metavar="N")
        action.set_defaults(handler=_run_explain if name == "explain" else _run_add)
    between = actions.add_parser("between", help="working days in (A, B]", parents=[common])
    between.add_argument("start", type=parse_date, metavar="A")
    between.add_argument("end", type=parse_date, metavar="B")
    between.set_defaults(handler=_run_between)
    listing = actions.add_parser("holidays", help="holidays of a year", parents=[common])
    listing.add_argument("year", type=year, metavar="YEAR")
    listing.set_defaults(handler=_run_holidays)


def _calendar(args: argparse.Namespace) -> WorkingCalendar:
    week: int = args.week_days
    cal = WorkingCalendar.indonesia(week_days=6 if week == 6 else 5)
    return cal.with_closures(args.closure) if args.closure else cal


def _warn(warnings: tuple[str, ...]) -> None:
    for line in warnings:
        print(f"sp4n: warning [CAL-COVERAGE]: {line}", file=sys.stderr)


def _run_add(args: argparse.Namespace) -> int:
    result = _calendar(args).add_working_days(args.date, args.n, strict=args.strict)
    print(result.day.isoformat())
    _warn(result.warnings)
    return 0


def _table(days: tuple[NonWorkingDay, ...] | list[NonWorkingDay], title: str) -> Table:
    table = Table(title=title)
    for column in ("Date", "Day", "Kind", "Nama", "Name"):
        table.add_column(column)
    for day in days:
        table.add_row(
            day.day.isoformat(),
            f"{day.day:%a}",
            day.kind.value,
            day.name_id,
            day.name_en + (" [estimated]" if day.estimated else ""),
        )
    return table


def _run_explain(args: argparse.Namespace) -> int:
    result = _calendar(args).add_working_days(args.date, args.n, strict=args.strict)
    out = console()
    out.print(
        f"{result.start.isoformat()} ({result.start:%a}) never counts; "
        f"working day {result.n} is {result.day.isoformat()} ({result.day:%a})"
    )
    if result.skipped:
        out.print(_table(result.skipped, f"{len(result.skipped)} non-working date(s) skipped"))
    else:
        out.print("no non-working date skipped")
    _warn(result.warnings)
    return 0


def _run_between(args: argparse.Namespace) -> int:
    result = _calendar(args).working_days_between(args.start, args.end, strict=args.strict)
    print(result.count)
    _warn(result.warnings)
    return 0


def _run_holidays(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    coverage = cal.coverage(args.year)
    if args.strict and not coverage.confirmed:
        cal.is_working_day(date(args.year, 1, 1), strict=True)
    console().print(_table(cal.holidays(args.year), f"Holidays {args.year}"))
    _warn(coverage.warnings)
    return 0
