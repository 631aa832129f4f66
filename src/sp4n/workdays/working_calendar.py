"""The working calendar: scalar arithmetic (the oracle) and the numpy bulk path."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from sp4n._guards import boundary
from sp4n.errors import CalendarError, DataError
from sp4n.i18n import Message
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

__all__ = [
    "MAX_WORKING_DAYS",
    "WorkingCalendar",
    "stepwise_add_working_days",
    "stepwise_working_days_between",
]


@attrs.frozen(cache_hash=True)
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
            raise DataError(
                Message(
                    "CAL-WEEK-DAYS.week-days-5-6",
                    "week_days must be 5 or 6, got {week_days}",
                    week_days=repr(self.week_days),
                ),
                rule="CAL-WEEK-DAYS",
                field="week_days",
            )
        bad = set(self.categories) - {"public", "government"}
        if bad:
            raise DataError(
                Message(
                    "CAL-CATEGORIES.unknown-holiday-categories-bad",
                    "unknown holiday categories {bad}",
                    bad=str(sorted(bad)),
                ),
                rule="CAL-CATEGORIES",
                field="categories",
            )

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
            DataError: ``day`` is a ``datetime`` (its time would be silently dropped).
        """
        _check_date(day, "day")
        if strict:
            self._check((day.year,), strict=True)
        return self.reason(day) is None

    @boundary
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

        ``n == 0`` gives ``start`` itself. A binary search over cached per-year
        prefix counts, so the cost does not grow with ``n``;
        [`stepwise_add_working_days`][sp4n.workdays.working_calendar.stepwise_add_working_days] is
        the day-by-day oracle it is tested against.

        Raises:
            DataError: ``n`` is not an integer in ``[0, MAX_WORKING_DAYS]``, or
                ``start`` is not a plain date (a ``datetime`` is refused).
            CalendarError: the answer lies after 9999-12-31, or ``strict`` and a
                year touched is not confirmed.
        """
        _check_date(start, "start")
        _check_n(n)
        day = _prefix_add(self, start, n)
        skipped = _off_between(self, start.toordinal() + 1, day.toordinal())
        notes = self._check(range(start.year, day.year + 1), strict=strict)
        return WorkdayResult(start, n, day, skipped, not notes, tuple(map(str, notes)), notes)

    def next_working_day(self, day: date, *, strict: bool = False) -> date:
        """The first working day strictly after ``day``.

        The days skipped and why are in ``add_working_days(day, 1)``, which
        this is a shortcut for.

        >>> cal = WorkingCalendar.indonesia()
        >>> cal.next_working_day(date(2024, 4, 5))  # Friday before the Lebaran leave
        datetime.date(2024, 4, 16)
        >>> [str(d) for d in cal.add_working_days(date(2024, 4, 5), 1).skipped][:2]
        ['2024-04-06 Sat: Saturday', '2024-04-07 Sun: Sunday']
        """
        return self.add_working_days(day, 1, strict=strict).day

    def working_days_between(self, a: date, b: date, *, strict: bool = False) -> WorkdayCount:
        """Working days in ``(a, b]``: ``a`` excluded, ``b`` included.

        If ``b < a`` the count is negative: minus the working days in ``(b, a]``.
        A difference of cached per-year prefix counts (no day-by-day walk);
        [`stepwise_working_days_between`][sp4n.workdays.working_calendar.stepwise_working_days_between]
        is the oracle it is tested against.

        Raises:
            DataError: ``a`` or ``b`` is not a plain date (a ``datetime`` is refused).
            CalendarError: ``strict`` and a year touched is not confirmed.
        """
        _check_date(a, "a")
        _check_date(b, "b")
        low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
        count = _prefix_count(self, low, high)
        skipped = _off_between(self, low.toordinal() + 1, high.toordinal())
        notes = self._check(range(low.year, high.year + 1), strict=strict)
        return WorkdayCount(a, b, sign * count, skipped, not notes, tuple(map(str, notes)), notes)

    def non_working_days(self, first: date, last: date) -> Iterator[NonWorkingDay]:
        """Every non-working date in ``[first, last]`` with its reason, in order."""
        _check_date(first, "first")
        _check_date(last, "last")
        yield from _off_between(self, first.toordinal(), last.toordinal())

    @boundary
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
        """`add_working_days` for many starts at once, with numpy.

        Uses ``numpy.busday_offset`` on a ``busdaycalendar`` built from this
        calendar (same weekmask, holidays, closures and extra working days), so
        it gives exactly the scalar answers (a property test checks it).

        Raises:
            DataError: a negative ``n``.
            CalendarError: ``strict`` and an item touches an unconfirmed year.
        """
        if not isinstance(starts, np.ndarray):
            for item in starts:
                _check_date(item, "starts")
        start_arr = np.asarray(starts, dtype="datetime64[D]")
        n_raw = np.asarray(n)
        if n_raw.size and not np.issubdtype(n_raw.dtype, np.integer):
            raise DataError(
                Message(
                    "CAL-COUNT.n-whole-numbers-working",
                    "n must be whole numbers of working days, got dtype {dtype}",
                    dtype=str(n_raw.dtype),
                ),
                rule="CAL-COUNT",
                field="n",
            )
        n_arr = n_raw.astype(np.int64)
        if start_arr.size == 0:
            return BulkWorkdays(start_arr.copy(), np.ones(start_arr.shape, dtype=bool), ())
        if (n_arr < 0).any() or (n_arr > MAX_WORKING_DAYS).any():
            raise DataError(
                Message(
                    "CAL-COUNT.n-between-0-max-2",
                    "n must be between 0 and {max_working_days} working days",
                    max_working_days=str(MAX_WORKING_DAYS),
                ),
                rule="CAL-COUNT",
                field="n",
            )
        first_year = int(start_arr.min().astype("datetime64[Y]").astype(np.int64)) + 1970
        last_start = int(start_arr.max().astype("datetime64[Y]").astype(np.int64)) + 1970
        if first_year < MINYEAR or last_start > MAXYEAR:
            raise DataError(
                Message(
                    "CAL-COUNT.start-dates-lie-within",
                    "start dates must lie within years {minyear}-{maxyear}",
                    minyear=str(MINYEAR),
                    maxyear=str(MAXYEAR),
                ),
                rule="CAL-COUNT",
                field="starts",
            )
        last_year = min(MAXYEAR, last_start + 1 + int(n_arr.max()) // 200)
        while True:
            cal = _busdaycalendar(self, first_year, last_year)
            days = np.busday_offset(start_arr, n_arr, roll="backward", busdaycal=cal)
            if days.max() < np.datetime64(f"{last_year + 1:04d}-01-01"):
                break
            if last_year == MAXYEAR:
                raise _beyond_range()
            last_year = min(MAXYEAR, last_year + 1 + (last_year - first_year))
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
            warnings = tuple(map(str, self._check(touched, strict=strict)))
        return BulkWorkdays(days, confirmed, warnings)

    def busdaycalendar(self, first_year: int, last_year: int) -> np.busdaycalendar:
        """A numpy ``busdaycalendar`` equal to this calendar within ``[first_year, last_year]``.

        Outside those years numpy knows only the weekmask; callers must stay inside.
        """
        return _busdaycalendar(self, first_year, last_year)

    # -- internals ------------------------------------------------------------------------

    def _closures_by_day(self) -> Mapping[date, tuple[Closure, ...]]:
        return _closure_index(self.closures)

    def _check(self, years: Sequence[int] | range, *, strict: bool) -> tuple[Message, ...]:
        """The coverage notes of ``years`` (none: confirmed); strict refuses unconfirmed data."""
        notes = tuple(note for y in years for note in self.coverage(y).notes)
        if notes and strict:
            raise CalendarError(
                Message("CAL-COVERAGE.unconfirmed", "{notes}", notes=notes),
                rule="CAL-COVERAGE",
            )
        return notes


# -- prefix counts ------------------------------------------------------------------------

MAX_WORKING_DAYS: Final = 100_000
"""Largest ``n`` accepted (about 400 years): a guard against runaway input, not a rule."""


def _check_date(value: object, field: str) -> None:
    """Refuse anything but a plain ``date`` (a ``datetime`` would silently lose its time)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DataError(
            Message(
                "CAL-COUNT.field-date-datetime-got",
                "{field} must be a date (not a datetime), got {type}",
                field=str(field),
                type=str(type(value).__name__),
            ),
            rule="CAL-COUNT",
            field=field,
        )


def _check_n(n: object) -> None:
    """``n`` must be a whole number of working days in ``[0, MAX_WORKING_DAYS]``."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise DataError(
            Message(
                "CAL-COUNT.n-whole-number-working",
                "n must be a whole number of working days, got {n}",
                n=repr(n),
            ),
            rule="CAL-COUNT",
            field="n",
        )
    if not 0 <= n <= MAX_WORKING_DAYS:
        raise DataError(
            Message(
                "CAL-COUNT.n-between-0-max",
                "n must be between 0 and {max_working_days} working days, got {n}",
                max_working_days=str(MAX_WORKING_DAYS),
                n=str(n),
            ),
            rule="CAL-COUNT",
            field="n",
        )


def _beyond_range() -> CalendarError:
    return CalendarError(
        Message(
            "CAL-COUNT.answer-lies-after-9999",
            "the answer lies after 9999-12-31, the last date Python can represent",
        ),
        rule="CAL-COUNT",
        field="n",
    )


@attrs.frozen
class _YearTable:
    """One year of a calendar: prefix counts of working days and the non-working dates."""

    first: int
    """Ordinal of 1 January."""
    cum: tuple[int, ...]
    """``cum[i]``: working days among the year's first ``i`` days (``len == days + 1``)."""
    off: tuple[NonWorkingDay, ...]
    off_ordinals: tuple[int, ...]

    @property
    def total(self) -> int:
        """Working days in the whole year."""
        return self.cum[-1]


@functools.lru_cache(maxsize=4096)
def _year_table(calendar: WorkingCalendar, year: int) -> _YearTable:
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    cum, off, count = [0], [], 0
    for ordinal in range(first, last + 1):
        why = calendar.reason(date.fromordinal(ordinal))
        if why is None:
            count += 1
        else:
            off.append(why)
        cum.append(count)
    return _YearTable(first, tuple(cum), tuple(off), tuple(d.day.toordinal() for d in off))


def _prefix_count(calendar: WorkingCalendar, low: date, high: date) -> int:
    """Working days in ``(low, high]`` for ``low <= high``, from the year tables."""
    a, b = _year_table(calendar, low.year), _year_table(calendar, high.year)
    ia, ib = low.toordinal() - a.first + 1, high.toordinal() - b.first + 1
    if low.year == high.year:
        return a.cum[ib] - a.cum[ia]
    middle = sum(_year_table(calendar, y).total for y in range(low.year + 1, high.year))
    return a.total - a.cum[ia] + middle + b.cum[ib]


def _prefix_add(calendar: WorkingCalendar, start: date, n: int) -> date:
    """The ``n``-th working day strictly after ``start``: a binary search per year."""
    if n == 0:
        return start
    year = start.year
    table = _year_table(calendar, year)
    target = table.cum[start.toordinal() - table.first + 1] + n
    while target > table.total:
        target -= table.total
        year += 1
        if year > MAXYEAR:
            raise _beyond_range()
        table = _year_table(calendar, year)
    index = bisect.bisect_left(table.cum, target)
    return date.fromordinal(table.first + index - 1)


def _off_between(calendar: WorkingCalendar, lo: int, hi: int) -> tuple[NonWorkingDay, ...]:
    """Non-working dates with ordinals in ``[lo, hi]``, in order."""
    if lo > hi:
        return ()
    out: list[NonWorkingDay] = []
    for year in range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1):
        table = _year_table(calendar, year)
        i = bisect.bisect_left(table.off_ordinals, lo)
        j = bisect.bisect_right(table.off_ordinals, hi)
        out.extend(table.off[i:j])
    return tuple(out)


# -- the day-by-day oracle ----------------------------------------------------------------


def _walk(calendar: WorkingCalendar, start: date) -> Iterator[tuple[date, NonWorkingDay | None]]:
    """Each date strictly after ``start`` with why it is not worked (``None``: worked)."""
    day = start
    while day < date.max:
        day += timedelta(days=1)
        yield day, calendar.reason(day)


def stepwise_add_working_days(
    calendar: WorkingCalendar, start: date, n: int
) -> tuple[date, tuple[NonWorkingDay, ...]]:
    """`WorkingCalendar.add_working_days` one day at a time: the test oracle.

    Returns:
        The ``n``-th working day strictly after ``start`` and the dates skipped.
    """
    counted, day, skipped = 0, start, []
    steps = _walk(calendar, start)
    while counted < n:
        step = next(steps, None)
        if step is None:
            raise _beyond_range()
        day, why = step
        if why is None:
            counted += 1
        else:
            skipped.append(why)
    return day, tuple(skipped)


def stepwise_working_days_between(
    calendar: WorkingCalendar, a: date, b: date
) -> tuple[int, tuple[NonWorkingDay, ...]]:
    """`WorkingCalendar.working_days_between` one day at a time: the test oracle.

    Returns:
        The signed count over ``(a, b]`` and the non-working dates in the interval.
    """
    low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
    count, skipped = 0, []
    for day, why in _walk(calendar, low):
        if day > high:
            break
        if why is None:
            count += 1
        else:
            skipped.append(why)
    return sign * count, tuple(skipped)


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
