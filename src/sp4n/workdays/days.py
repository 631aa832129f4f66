"""The answers of working-day arithmetic: non-working days with reasons, results, coverage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.i18n import Message

__all__ = [
    "WEEKDAY_EN",
    "WEEKDAY_ID",
    "BulkWorkdays",
    "Category",
    "Closure",
    "DayKind",
    "NonWorkingDay",
    "WorkdayCount",
    "WorkdayResult",
    "YearCoverage",
]

Category = Literal["public", "government"]
"""A ``holidays`` category for Indonesia: ``public`` holidays or ``government`` (cuti bersama)."""

WEEKDAY_ID: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Indonesian weekday names, Monday first."""
WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names, Monday first."""


class DayKind(StrEnum):
    """Why a date is not a working day."""

    WEEKEND = "WEEKEND"
    PUBLIC_HOLIDAY = "PUBLIC_HOLIDAY"
    """*Hari libur nasional* (``holidays`` category ``public``)."""
    CUTI_BERSAMA = "CUTI_BERSAMA"
    """Collective leave (``holidays`` category ``government``)."""
    CLOSURE = "CLOSURE"
    """A regional holiday or agency closure added to the calendar."""


@attrs.frozen
class NonWorkingDay:
    """A date that is not a working day, with its reason in Indonesian and English.

    Attributes:
        day: The date.
        kind: Weekend, public holiday, cuti bersama or closure.
        name_id: Indonesian name (``holidays`` language ``id``).
        name_en: English name (``holidays`` language ``en_US``).
        estimated: ``holidays`` marks the date as estimated.
    """

    day: date
    kind: DayKind
    name_id: str
    name_en: str
    estimated: bool = False

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.day.strftime('%a')}: {self.name_en}"


@attrs.frozen
class Closure:
    """An extra non-working date: a regional holiday or an agency closure.

    Attributes:
        day: The date.
        name_id: Indonesian name, e.g. ``"Hari Jadi Kota Palembang"``.
        name_en: English name; the Indonesian one when not given.
    """

    day: date
    name_id: str
    name_en: str = attrs.field(default="")

    @property
    def english(self) -> str:
        """The English name, falling back to the Indonesian one."""
        return self.name_en or self.name_id


@attrs.frozen
class YearCoverage:
    """Whether ``holidays`` gives confirmed data for a year, and why not.

    Attributes:
        year: The year.
        confirmed: No estimated date, inside the package's range, cuti bersama
            decreed, no recurring holiday missing.
        warnings: One line per problem, naming the dates concerned (English).
        notes: The same problems as catalogue messages, to show in either
            language (``note.text("id")``).
    """

    year: int
    confirmed: bool
    warnings: tuple[str, ...]
    notes: tuple[Message, ...] = ()


@attrs.frozen
class WorkdayResult:
    """The answer of `WorkingCalendar.add_working_days`.

    Attributes:
        start: The date counting starts after (never counted itself).
        n: Working days added.
        day: The *n*-th working day strictly after ``start``.
        skipped: Every non-working date in ``(start, day]`` with its reason.
        confirmed: All years touched have confirmed holiday data.
        warnings: Why not, one line per problem (English).
        notes: The same, as catalogue messages (either language).
    """

    start: date
    n: int
    day: date
    skipped: tuple[NonWorkingDay, ...]
    confirmed: bool
    warnings: tuple[str, ...]
    notes: tuple[Message, ...] = ()


@attrs.frozen
class WorkdayCount:
    """The answer of `WorkingCalendar.working_days_between`.

    Attributes:
        start: Exclusive lower end ``a``.
        end: Inclusive upper end ``b``.
        count: Working days in ``(a, b]``; negative (``-count (b, a]``) if ``b < a``.
        skipped: Non-working dates in the interval with their reasons.
        confirmed: All years touched have confirmed holiday data.
        warnings: Why not.
    """

    start: date
    end: date
    count: int
    skipped: tuple[NonWorkingDay, ...]
    confirmed: bool
    warnings: tuple[str, ...]
    notes: tuple[Message, ...] = ()


@attrs.frozen(eq=False)
class BulkWorkdays:
    """The answer of `WorkingCalendar.add_working_days_bulk`.

    Attributes:
        days: ``datetime64[D]`` array, the *n*-th working day after each start.
        confirmed: Boolean array, per item: all years from start to result confirmed.
        warnings: Coverage warnings for every unconfirmed year touched.
    """

    days: npt.NDArray[np.datetime64]
    confirmed: npt.NDArray[np.bool_]
    warnings: tuple[str, ...]

    @property
    def all_confirmed(self) -> bool:
        """Whether every item is confirmed."""
        return bool(self.confirmed.all())


def dates_converter(value: Iterable[date]) -> frozenset[date]:
    """Any iterable of dates as a frozenset (attrs converter)."""
    return frozenset(value)


def closures_converter(value: Sequence[Closure]) -> tuple[Closure, ...]:
    """Closures as a tuple sorted by date (attrs converter)."""
    return tuple(sorted(value, key=lambda c: c.day))
