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
at most 10,000 (rule CLI-USAGE). ``explain`` and ``holidays`` take ``--format
text|json|csv``; names and weekdays follow ``--lang``. Rule: standard.md §5.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from typing import Final

from sp4n.cli._args import bounded_int, console, iso_date, year
from sp4n.cli._io import (
    Column,
    add_format_option,
    emit_table,
    plain_help,
    refuse,
    run_lang,
    say,
    warn,
)
from sp4n.i18n import Lang, Message, declare_plural, label
from sp4n.i18n._format import babel_locale
from sp4n.workdays import Closure, NonWorkingDay, WorkingCalendar

parse_date = iso_date
"""An ISO date for argparse (``YYYY-MM-DD``), within the calendar's years (CLI-USAGE)."""

_MAX_COUNT = 10_000
"""The largest N of ``add``/``explain``: about forty years of working days."""


def _closure(text: str) -> Closure:
    day, sep, name = text.partition("=")
    if not sep or not name.strip():
        raise refuse(
            Message(
                "CLI-USAGE.closure", "a closure is DATE=NAME, got {value}", value=repr(text)[:80]
            )
        )
    return Closure(parse_date(day), name.strip())


_count = bounded_int(0, _MAX_COUNT, Message("ui.cli.what.working-days", "a count of working days"))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``workdays`` sub-command and its actions."""
    parser = sub.add_parser(
        "workdays",
        help="working-day arithmetic (holidays, cuti bersama)",
        description=plain_help(__doc__),
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
        if name == "explain":
            add_format_option(action)
        action.set_defaults(handler=_run_explain if name == "explain" else _run_add)
    between = actions.add_parser("between", help="working days in (A, B]", parents=[common])
    between.add_argument("start", type=parse_date, metavar="A")
    between.add_argument("end", type=parse_date, metavar="B")
    between.set_defaults(handler=_run_between)
    listing = actions.add_parser("holidays", help="holidays of a year", parents=[common])
    listing.add_argument("year", type=year, metavar="YEAR")
    add_format_option(listing)
    listing.set_defaults(handler=_run_holidays)


def _calendar(args: argparse.Namespace) -> WorkingCalendar:
    week: int = args.week_days
    cal = WorkingCalendar.indonesia(week_days=6 if week == 6 else 5)
    return cal.with_closures(args.closure) if args.closure else cal


def _warn(notes: tuple[Message, ...]) -> None:
    for note in notes:
        warn(note, "CAL-COVERAGE")


def _run_add(args: argparse.Namespace) -> int:
    result = _calendar(args).add_working_days(args.date, args.n, strict=args.strict)
    print(result.day.isoformat())
    _warn(result.notes)
    return 0


_SKIPPED: Final = declare_plural(
    "ui.cli.workdays.skipped",
    "{count} non-working date skipped",
    "{count} non-working dates skipped",
)
_COLUMNS: Final = (
    Column("date", Message("ui.cli.workdays.date", "Date")),
    Column("weekday", Message("ui.cli.workdays.weekday", "Day")),
    Column("kind", Message("ui.cli.workdays.kind", "Kind")),
    Column("name", Message("ui.cli.workdays.name", "Name")),
    Column("estimated", Message("ui.cli.workdays.estimated", "Estimated")),
)


def _rows(days: Sequence[NonWorkingDay], fmt: str) -> list[dict[str, object]]:
    """One row per date: names, weekday and kind in the run's language (codes for programs)."""
    lang = run_lang()
    people = fmt == "text"
    estimated = say(Message("ui.cli.workdays.estimated-mark", "estimated"))
    return [
        {
            "date": day.day.isoformat(),
            "weekday": _weekday(day.day, lang),
            "kind": label(day.kind, lang) if people else day.kind.value,
            "name": day.name_id if lang == "id" else day.name_en,
            "estimated": (estimated if day.estimated else "") if people else day.estimated,
        }
        for day in days
    ]


def _weekday(day: date, lang: Lang) -> str:
    """The short weekday name in ``lang`` (CLDR through Babel): ``Sen``/``Mon``."""
    from babel.dates import format_date  # noqa: PLC0415 - Babel loads on first use

    return format_date(day, "EEE", locale=babel_locale(lang))


def _run_explain(args: argparse.Namespace) -> int:
    result = _calendar(args).add_working_days(args.date, args.n, strict=args.strict)
    lang = run_lang()
    if args.format == "text":
        summary = Message(
            "ui.cli.workdays.explain",
            "{start} ({start_day}) never counts; working day {n} is {day} ({day_day})",
            start=result.start.isoformat(),
            start_day=_weekday(result.start, lang),
            n=result.n,
            day=result.day.isoformat(),
            day_day=_weekday(result.day, lang),
        )
        console().print(say(summary), markup=False)
        if not result.skipped:
            console().print(say(Message("ui.cli.workdays.none", "no non-working date skipped")))
    if result.skipped or args.format != "text":
        title = Message(_SKIPPED, count=len(result.skipped))
        emit_table(args.format, _COLUMNS, _rows(result.skipped, args.format), title=title)
    _warn(result.notes)
    return 0


def _run_between(args: argparse.Namespace) -> int:
    result = _calendar(args).working_days_between(args.start, args.end, strict=args.strict)
    print(result.count)
    _warn(result.notes)
    return 0


def _run_holidays(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    coverage = cal.coverage(args.year)
    if args.strict and not coverage.confirmed:
        cal.is_working_day(date(args.year, 1, 1), strict=True)
    title = Message("ui.cli.workdays.holidays", "Holidays {year}", year=str(args.year))
    emit_table(args.format, _COLUMNS, _rows(cal.holidays(args.year), args.format), title=title)
    _warn(coverage.notes)
    return 0
