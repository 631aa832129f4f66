"""Argument checks shared by the sub-commands, so every command refuses bad input alike.

Rule CLI-USAGE (issue #11): a date, instant or year given on the command line
lies within the years of the holiday data (`FIRST_YEAR`–`LAST_YEAR`,
the ``holidays`` package's range: outside it every answer would count
weekends only, and the work grows with the span); counts and sizes have an
upper bound; a time-zone name is an IANA name. A bad argument is a one-line
usage error (exit 2) that names the argument and the rule, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from rich.console import Console

from sp4n.cli._io import refuse
from sp4n.errors import DataError, SP4NError
from sp4n.i18n import Message
from sp4n.regions import is_region_code
from sp4n.scoring import Period
from sp4n.workdays.coverage import supported_years
from sp4n.workdays.zones import iana_zone

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "bounded_int",
    "checked_region",
    "console",
    "instant",
    "iso_date",
    "period",
    "positive_int",
    "time_zone",
    "year",
]

FIRST_YEAR, LAST_YEAR = supported_years()
"""The years of the holiday data: the range of dates and instants the CLI accepts."""

_RULE: Final = "CLI-USAGE"
_PERIOD: Final = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def _in_years(day: date, text: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise refuse(
            Message(
                "CLI-USAGE.outside-years",
                "{value} is outside the years of the holiday data ({first}-{last})",
                value=repr(text),
                first=str(FIRST_YEAR),
                last=str(LAST_YEAR),
            )
        )


def instant(text: str) -> datetime:
    """An ``argparse`` type: an ISO 8601 instant with a UTC offset (rule TIMESTAMP-AWARE).

    It must fall within `FIRST_YEAR`–`LAST_YEAR` (rule CLI-USAGE),
    which also keeps it representable in every time zone.

    >>> instant("2024-04-16T09:00:00+07:00").isoformat()
    '2024-04-16T09:00:00+07:00'
    >>> instant("9999-12-31T23:00:00+00:00")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '9999-12-31T23:00:00+00:00' is outside the years ...
    """
    try:
        value: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or value.utcoffset() is None:
        raise refuse(
            Message(
                "CLI-USAGE.instant",
                "not an ISO 8601 instant with an offset: {value}",
                value=repr(text)[:80],
            )
        )
    _in_years(value.date(), text)
    return value


def iso_date(text: str) -> date:
    """An ``argparse`` type: an ISO date (``YYYY-MM-DD``) within the calendar's years.

    >>> iso_date("2024-04-05")
    datetime.date(2024, 4, 5)
    """
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise refuse(
            Message(
                "CLI-USAGE.date", "not an ISO date (YYYY-MM-DD): {value}", value=repr(text)[:80]
            )
        ) from None
    _in_years(value, text)
    return value


def year(text: str) -> int:
    """An ``argparse`` type: a year within `FIRST_YEAR`–`LAST_YEAR`.

    >>> year("2024")
    2024
    """
    return _YEAR(text)


def bounded_int(low: int, high: int, what: Message) -> Callable[[str], int]:
    """An ``argparse`` type: a whole number in ``[low, high]``, refused with its bounds.

    >>> bounded_int(0, 10, Message("ui.cli.what.rows"))("11")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a number of rows from 0 to 10, not '11' [CLI-USAGE]
    """

    def parse(text: str) -> int:
        stripped = text.strip()
        value = None
        if re.fullmatch(r"[+-]?\d{1,30}", stripped):
            value = int(stripped)
        if value is None or not low <= value <= high:
            raise refuse(
                Message(
                    "CLI-USAGE.bounds",
                    "expected {what} from {low} to {high}, not {value}",
                    what=what,
                    low=str(low),
                    high=str(high),
                    value=repr(text)[:40],
                )
            )
        return value

    parse.__name__ = what.msgid.rsplit(".", 1)[-1].replace("-", "_")
    return parse


positive_int: Final = bounded_int(1, 1_000_000, Message("ui.cli.what.whole", "a whole number"))
"""An ``argparse`` type: a whole number of at least 1 (and at most a million)."""

_YEAR: Final = bounded_int(FIRST_YEAR, LAST_YEAR, Message("ui.cli.what.year", "a year"))


def period(text: str) -> Period:
    """``2024`` (a calendar year) or ``YYYY-MM-DD..YYYY-MM-DD`` (inclusive), local WIB days.

    Both ends lie within `FIRST_YEAR`–`LAST_YEAR` (rule CLI-USAGE).

    >>> period("2024").end.isoformat()
    '2025-01-01T00:00:00+07:00'
    >>> period("2024-03-01..2024-03-31").start.isoformat()
    '2024-03-01T00:00:00+07:00'
    """
    match = _PERIOD.match(text)
    if match is None and not (text.isdigit() and len(text) == 4):
        raise refuse(
            Message(
                "CLI-USAGE.period",
                "a period is a year (2024) or YYYY-MM-DD..YYYY-MM-DD, not {value}",
                value=repr(text)[:80],
            )
        )
    if match is None:
        number = year(text)
        first, last = date(number, 1, 1), date(number, 12, 31)
    else:
        first, last = (iso_date(g) for g in match.groups())
    if last < first:
        raise refuse(
            Message(
                "CLI-USAGE.period-order", "period {value} ends before it starts", value=repr(text)
            )
        )
    try:
        return Period.from_dates(first, last)
    except SP4NError as exc:
        raise refuse(
            Message(
                "CLI-USAGE.period-refused",
                "period {value}: {problem}",
                value=repr(text),
                problem=exc.message or str(exc),
            )
        ) from None


def time_zone(text: str) -> ZoneInfo:
    """An ``argparse`` type: an IANA time-zone name (``Asia/Jayapura``).

    >>> time_zone("Asia/Jayapura").key
    'Asia/Jayapura'
    """
    zone = iana_zone(text)
    if zone is None:
        raise refuse(
            Message("CLI-USAGE.zone", "not an IANA time zone: {value}", value=repr(text[:64]))
        )
    return zone


def checked_region(region: str | None) -> str | None:
    """``region`` if it is a Kemendagri code by format, else a ``DataError`` (rule REGION-CODE)."""
    if region is not None and not is_region_code(region):
        raise DataError(
            Message(
                "REGION-CODE.region-region-code-pp",
                "{region} is not a region code (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)",
                region=repr(region),
            ),
            rule="REGION-CODE",
            field="region",
        )
    return region


class _Console(Console):
    """A console that leaves a closed pipe to the CLI's entry wrapper (one exit status)."""

    def on_broken_pipe(self) -> None:
        """Raise ``BrokenPipeError`` (rich would exit with its own status)."""
        self.quiet = True
        raise BrokenPipeError


def console(*, stderr: bool = False) -> Console:
    """The output console: 120 columns when not a terminal, so logs and tests stay stable.

    ``stderr`` prints to standard error (when standard output carries a file, ``--json -``).
    """
    terminal = Console(stderr=stderr).is_terminal
    return _Console(width=None if terminal else 120, highlight=False, stderr=stderr)
