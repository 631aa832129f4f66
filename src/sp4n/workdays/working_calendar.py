"""The working calendar: scalar arithmetic (the oracle) and the numpy bulk path."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.errors import CalendarError, DataError
from sp4n.workdays.coverage import anchor_year, national_year, year_coverage
from sp4n.workdays.days import (
    WEEKDAY_EN,
    WEEKDAY_ID,
    BulkWorkdays,
    Category,
    Closure,
    DayKind,
    NonWorkingDay,
    WorkdayCount,
    WorkdayResult,
    YearCoverage,
    closures_converter,
    dates_converter,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sp4n.rulebook import Rulebook

__all__ = ["WorkingCalendar"]


@attrs.frozen
class WorkingCalendar:
    """Which dates an Indonesian government body works — *kalender hari kerja*.

    Immutable and hashable; holiday data is derived lazily per year and cached.
    Rule: standard.md §5 [D] (CAL-WEEK-DAYS for the 5- or 6-day week).

    Attributes:
        week_days: 5 (Monday–Friday, the default) or 6 (Monday–Saturday).
        categories: ``holidays`` categories: ``public`` and ``government`` (cuti bersama).
        closures: Extra non-working dates (regional holidays, agency closures).
        extra_working_days: Dates worked although otherwise non-working (they win).

    >>> cal = WorkingCalendar.indonesia().with_closures(
    ...     [Closure(date(2024, 6, 3), "Libur daerah", "Regional holiday")])
    >>> cal.is_working_day(date(2024, 6, 3))
    False
    """

    week_days: Literal[5, 6] = 5
    categories: tuple[Category, ...] = ("public", "government")
    closures: tuple[Closure, ...] = attrs.field(default=(), converter=closures_converter)
    extra_working_days: frozenset[date] = attrs.field(
        default=frozenset(), converter=dates_converter
    )

    def __attrs_post_init__(self) -> None:
        if self.week_days not in (5, 6):
            msg = f"week_days must be 5 or 6, got {self.week_days!r}"
            raise DataError(msg, rule="CAL-WEEK-DAYS", field="week_days")
        bad = set(self.categories) - {"public", "government"}
        if bad:
            msg = f"unknown holiday categories {sorted(bad)}"
            raise DataError(msg, rule="CAL-CATEGORIES", field="categories")

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def indonesia(cls, *, week_days: Literal[5, 6] = 5) -> WorkingCalendar:
        """National working days: public holidays and cuti bersama off."""
        return cls(week_days=week_days)

    @classmethod
    def from_rulebook(cls, rulebook: Rulebook) -> WorkingCalendar:
        """The national calendar with the rulebook's week (rule CAL-WEEK-DAYS)."""
        return cls(week_days=rulebook.settings.working_week_days)

    def with_closures(self, closures: Sequence[Closure]) -> WorkingCalendar:
        """A copy with more non-working dates (regional holidays, agency closures)."""
        return attrs.evolve(self, closures=(*self.closures, *closures))

    def with_working_days(self, days: Sequence[date]) -> WorkingCalendar:
        """A copy where ``days`` are working days whatever else applies."""
        extra: frozenset[date] = self.extra_working_days | frozenset(days)
        return attrs.evolve(self, extra_working_days=extra)

    # -- single dates ---------------------------------------------------------------------

    def reason(self, day: date) -> NonWorkingDay | None:
        """Why ``day`` is not a working day, or ``None`` if it is one."""
        if day in self.extra_working_days:
            return None
        closures = self._closures_by_day().get(day)
        if closures:
            return NonWorkingDay(
                day,
                DayKind.CLOSURE,
                "; ".join(c.name_id for c in closures),
                "; ".join(c.english for c in closures),
            )
        national = national_year(day.year, self.categories).get(day)
        if national is not None:
            return national
        if day.weekday() >= self.week_days:
            return NonWorkingDay(
                day, DayKind.WEEKEND, WEEKDAY_ID[day.weekday()], WEEKDAY_EN[day.weekday()]
            )
        return None

    def is_working_day(self, day: date, *, strict: bool = False) -> bool:
        """Whether ``day`` is a working day.

        Raises:
            CalendarError: ``strict`` and ``day``'s year is not confirmed.
        """
        if strict:
            self._check((day.year,), strict=True)
        return self.reason(day) is None

    def coverage(self, year: int) -> YearCoverage:
        """Whether holiday data for ``year`` is confirmed (see the module docstring)."""
        return year_coverage(year, self.categories)

    @property
    def confirmed_through(self) -> int:
        """The last year with confirmed holiday data in the installed ``holidays``."""
        return anchor_year(self.categories)

    # -- counting -------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int, *, strict: bool = False) -> WorkdayResult:
        """The ``n``-th working day strictly after ``start`` (``start`` never counts).

        ``n == 0`` gives ``start`` itself.

        Raises:
            DataError: ``n`` is negative.
            CalendarError: ``strict`` and a year touched is not confirmed.
        """
        if n < 0:
            msg = f"cannot add a negative number of working days ({n})"
            raise DataError(msg, rule="CAL-COUNT", field="n")
        day, counted, skipped = start, 0, []
        while counted < n:
            day += timedelta(days=1)
            why = self.reason(day)
            if why is None:
                counted += 1
            else:
                skipped.append(why)
        confirmed, warnings = self._check(range(start.year, day.year + 1), strict=strict)
        return WorkdayResult(start, n, day, tuple(skipped), confirmed, warnings)

    def next_working_day(self, day: date, *, strict: bool = False) -> WorkdayResult:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1, strict=strict)

    def working_days_between(self, a: date, b: date, *, strict: bool = False) -> WorkdayCount:
        """Working days in ``(a, b]``: ``a`` excluded, ``b`` included.

        If ``b < a`` the count is negative: minus the working days in ``(b, a]``.

        Raises:
            CalendarError: ``strict`` and a year touched is not confirmed.
        """
        low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
        count, skipped = 0, []
        day = low
        while day < high:
            day += timedelta(days=1)
            why = self.reason(day)
            if why is None:
                count += 1
            else:
                skipped.append(why)
        confirmed, warnings = self._check(range(low.year, high.year + 1), strict=strict)
        return WorkdayCount(a, b, sign * count, tuple(skipped), confirmed, warnings)

    def non_working_days(self, first: date, last: date) -> Iterator[NonWorkingDay]:
        """Every non-working date in ``[first, last]`` with its reason, in order."""
        day = first
        while day <= last:
            why = self.reason(day)
            if why is not None:
                yield why
            day += timedelta(days=1)

    def holidays(self, year: int) -> tuple[NonWorkingDay, ...]:
        """Public holidays, cuti bersama and closures of ``year`` (weekends left out)."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        return tuple(d for d in self.non_working_days(first, last) if d.kind is not DayKind.WEEKEND)

    # -- bulk -----------------------------------------------------------------------------

    def add_working_days_bulk(
        self,
        starts: Sequence[date] | npt.NDArray[np.datetime64],
        n: int | Sequence[int] | npt.NDArray[np.integer],
        *,
        strict: bool = False,
    ) -> BulkWorkdays:
        """:meth:`add_working_days` for many starts at once, with numpy.

        Uses ``numpy.busday_offset`` on a ``busdaycalendar`` built from this
        calendar (same weekmask, holidays, closures and extra working days), so
        it gives exactly the scalar answers (a property test checks it).

        Raises:
            DataError: a negative ``n``.
            CalendarError: ``strict`` and an item touches an unconfirmed year.
        """
        start_arr = np.asarray(starts, dtype="datetime64[D]")
        n_arr = np.asarray(n, dtype=np.int64)
        if start_arr.size == 0:
            return BulkWorkdays(start_arr.copy(), np.ones(start_arr.shape, dtype=bool), ())
        if (n_arr < 0).any():
            msg = "cannot add a negative number of working days"
            raise DataError(msg, rule="CAL-COUNT", field="n")
        first_year = int(start_arr.min().astype("datetime64[Y]").astype(np.int64)) + 1970
        last_start = int(start_arr.max().astype("datetime64[Y]").astype(np.int64)) + 1970
        last_year = last_start + 1 + int(n_arr.max()) // 200
        while True:
            cal = _busdaycalendar(self, first_year, last_year)
            days = np.busday_offset(start_arr, n_arr, roll="backward", busdaycal=cal)
            if days.max() < np.datetime64(f"{last_year + 1:04d}-01-01"):
                break
            last_year += 1 + (last_year - first_year)
        days = np.where(n_arr == 0, start_arr, days)
        bad_years = np.array(
            [not self.coverage(y).confirmed for y in range(first_year, last_year + 1)]
        )
        cum = np.concatenate(([0], np.cumsum(bad_years)))
        y_start = start_arr.astype("datetime64[Y]").astype(np.int64) + 1970 - first_year
        y_end = days.astype("datetime64[Y]").astype(np.int64) + 1970 - first_year
        confirmed = (cum[y_end + 1] - cum[y_start]) == 0
        warnings: tuple[str, ...] = ()
        if not confirmed.all():
            touched = range(int(y_start.min()) + first_year, int(y_end.max()) + first_year + 1)
            _, warnings = self._check(touched, strict=strict)
        return BulkWorkdays(days, confirmed, warnings)

    def busdaycalendar(self, first_year: int, last_year: int) -> np.busdaycalendar:
        """A numpy ``busdaycalendar`` equal to this calendar within ``[first_year, last_year]``.

        Outside those years numpy knows only the weekmask; callers must stay inside.
        """
        return _busdaycalendar(self, first_year, last_year)

    # -- internals ------------------------------------------------------------------------

    def _closures_by_day(self) -> Mapping[date, tuple[Closure, ...]]:
        return _closure_index(self.closures)

    def _check(self, years: Sequence[int] | range, *, strict: bool) -> tuple[bool, tuple[str, ...]]:
        warnings = tuple(w for y in years for w in self.coverage(y).warnings)
        if warnings and strict:
            raise CalendarError("; ".join(warnings), rule="CAL-COVERAGE")
        return not warnings, warnings


# -- caches -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _closure_index(closures: tuple[Closure, ...]) -> Mapping[date, tuple[Closure, ...]]:
    index: dict[date, tuple[Closure, ...]] = {}
    for closure in closures:
        index[closure.day] = (*index.get(closure.day, ()), closure)
    return MappingProxyType(index)


@functools.lru_cache(maxsize=64)
def _busdaycalendar(
    calendar: WorkingCalendar, first_year: int, last_year: int
) -> np.busdaycalendar:
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    weekmask = [1] * calendar.week_days + [0] * (7 - calendar.week_days)
    if any(d.weekday() >= calendar.week_days for d in calendar.extra_working_days):
        # A worked weekend day cannot be expressed with a weekmask: list every non-working day.
        weekmask = [1] * 7
        off = [d.day for d in calendar.non_working_days(first, last)]
    else:
        off = [
            d.day for d in calendar.non_working_days(first, last) if d.kind is not DayKind.WEEKEND
        ]
    return np.busdaycalendar(weekmask=weekmask, holidays=np.array(off, dtype="datetime64[D]"))
