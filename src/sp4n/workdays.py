"""Working days of Indonesian government bodies — *hari kerja*.

A :class:`WorkingCalendar` says which dates are working days for an agency:
Monday–Friday (or Monday–Saturday) minus national public holidays (*hari
libur nasional*) and collective leave (*cuti bersama*, decreed yearly by SKB 3
Menteri), minus the agency's own closures, plus any extra working days. Holiday
data comes from the ``holidays`` package (categories ``public`` and
``government``); nothing here is a hand-written holiday table.

Counting convention (Rule: standard.md §5 [D]): ``add_working_days(start, n)``
is the *n*-th working day strictly after ``start``; ``start`` itself never
counts, whether or not it is a working day. ``working_days_between(a, b)``
counts the working days in the half-open interval ``(a, b]``, so the two are
inverse: ``working_days_between(d, add_working_days(d, n).day).count == n``.

Coverage guard: ``holidays`` is confirmed only up to a year (later Islamic,
Chinese and Buddhist dates are "estimated", cuti bersama is decreed year by year,
Nyepi vanishes after 2050). Every answer carries ``confirmed`` and ``warnings``
for the years it touched, and ``strict=True`` raises
:class:`~sp4n.errors.CalendarError` instead of answering.

>>> cal = WorkingCalendar.indonesia()
>>> r = cal.add_working_days(date(2024, 4, 5), 3)   # Friday before Idul Fitri 2024
>>> r.day, r.confirmed
(datetime.date(2024, 4, 18), True)
>>> print(r.skipped[2])
2024-04-08 Mon: Eid al-Fitr Joint Holiday
>>> cal.working_days_between(date(2024, 4, 5), date(2024, 4, 18)).count
3

Time zones: the local date of an instant depends on the agency's zone — WIB
(``Asia/Jakarta``), WITA (``Asia/Makassar``) or WIT (``Asia/Jayapura``) — which
:func:`zone_for_region` derives from the province (Keppres 41/1987, see
``data/province_timezones.md``).

>>> zone_for_region("94.01").key
'Asia/Jayapura'
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal
from zoneinfo import ZoneInfo

import attrs
import holidays
import numpy as np
import numpy.typing as npt
from holidays.countries import indonesia as _holidays_id

from sp4n.errors import CalendarError, DataError, JurisdictionError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sp4n.models import Agency
    from sp4n.rulebook import Rulebook

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "BulkWorkdays",
    "Closure",
    "DayKind",
    "NonWorkingDay",
    "WorkdayCount",
    "WorkdayResult",
    "WorkingCalendar",
    "YearCoverage",
    "zone_for_agency",
    "zone_for_region",
    "zone_name",
]

WIB: Final = ZoneInfo("Asia/Jakarta")
"""Waktu Indonesia Barat, UTC+7."""
WITA: Final = ZoneInfo("Asia/Makassar")
"""Waktu Indonesia Tengah, UTC+8."""
WIT: Final = ZoneInfo("Asia/Jayapura")
"""Waktu Indonesia Timur, UTC+9."""

_ZONES: Final = MappingProxyType({"WIB": WIB, "WITA": WITA, "WIT": WIT})
_ESTIMATED_MARK: Final = "(estimated)"  # how holidays' en_US names flag estimated dates
_FIRST_CUTI_BERSAMA_YEAR: Final = 2002  # fallback when holidays does not expose its table
_WEEKDAY_ID: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Category = Literal["public", "government"]


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
        warnings: One line per problem, naming the dates concerned.
    """

    year: int
    confirmed: bool
    warnings: tuple[str, ...]


@attrs.frozen
class WorkdayResult:
    """The answer of :meth:`WorkingCalendar.add_working_days`.

    Attributes:
        start: The date counting starts after (never counted itself).
        n: Working days added.
        day: The *n*-th working day strictly after ``start``.
        skipped: Every non-working date in ``(start, day]`` with its reason.
        confirmed: All years touched have confirmed holiday data.
        warnings: Why not, one line per problem.
    """

    start: date
    n: int
    day: date
    skipped: tuple[NonWorkingDay, ...]
    confirmed: bool
    warnings: tuple[str, ...]


@attrs.frozen
class WorkdayCount:
    """The answer of :meth:`WorkingCalendar.working_days_between`.

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


@attrs.frozen(eq=False)
class BulkWorkdays:
    """The answer of :meth:`WorkingCalendar.add_working_days_bulk`.

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


def _dates_converter(value: Iterable[date]) -> frozenset[date]:
    return frozenset(value)


def _closures_converter(value: Sequence[Closure]) -> tuple[Closure, ...]:
    return tuple(sorted(value, key=lambda c: c.day))


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
    closures: tuple[Closure, ...] = attrs.field(default=(), converter=_closures_converter)
    extra_working_days: frozenset[date] = attrs.field(
        default=frozenset(), converter=_dates_converter
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
        national = _national_year(day.year, self.categories).get(day)
        if national is not None:
            return national
        if day.weekday() >= self.week_days:
            return NonWorkingDay(
                day, DayKind.WEEKEND, _WEEKDAY_ID[day.weekday()], _WEEKDAY_EN[day.weekday()]
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
        return _year_coverage(year, self.categories)

    @property
    def confirmed_through(self) -> int:
        """The last year with confirmed holiday data in the installed ``holidays``."""
        return _anchor_year(self.categories)

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


# -- holiday data (cached per year) -------------------------------------------------------


@functools.cache
def _closure_index(closures: tuple[Closure, ...]) -> Mapping[date, tuple[Closure, ...]]:
    index: dict[date, tuple[Closure, ...]] = {}
    for closure in closures:
        index[closure.day] = (*index.get(closure.day, ()), closure)
    return MappingProxyType(index)


def _country(year: int, category: Category, language: str) -> dict[date, str]:
    data = holidays.country_holidays("ID", categories=(category,), years=year, language=language)
    return dict(data.items())


@functools.cache
def _national_year(year: int, categories: tuple[Category, ...]) -> Mapping[date, NonWorkingDay]:
    """National non-working dates of ``year`` from ``holidays``, in both languages."""
    out: dict[date, NonWorkingDay] = {}
    kinds = {"public": DayKind.PUBLIC_HOLIDAY, "government": DayKind.CUTI_BERSAMA}
    for category in ("public", "government"):
        if category not in categories:
            continue
        names_id = _country(year, category, "id")
        names_en = _country(year, category, "en_US")
        for day, name_en in names_en.items():
            name_id = names_id.get(day, name_en)
            estimated = _ESTIMATED_MARK in name_en
            prior = out.get(day)
            if prior is None:
                out[day] = NonWorkingDay(day, kinds[category], name_id, name_en, estimated)
            else:  # public and cuti bersama on one date: keep public, join names
                out[day] = attrs.evolve(
                    prior,
                    name_id=f"{prior.name_id}; {name_id}",
                    name_en=f"{prior.name_en}; {name_en}",
                    estimated=prior.estimated or estimated,
                )
    return MappingProxyType(out)


def _public_kinds(year: int) -> frozenset[str]:
    """The recurring public-holiday names of ``year`` without the estimated mark."""
    names = _country(year, "public", "en_US").values()
    return frozenset(
        part.replace(_ESTIMATED_MARK, "").strip() for name in names for part in name.split(";")
    )


@functools.cache
def _cuti_bersama_range() -> tuple[int, int]:
    """First and last year for which ``holidays`` lists cuti bersama."""
    table = getattr(
        getattr(_holidays_id, "IndonesiaStaticHolidays", None),
        "special_government_holidays",
        None,
    )
    if isinstance(table, dict) and table:
        return min(table), max(table)
    last = _FIRST_CUTI_BERSAMA_YEAR
    while _country(last + 1, "government", "en_US"):
        last += 1
    return _FIRST_CUTI_BERSAMA_YEAR, last


def _package_range() -> tuple[int, int]:
    cls = _holidays_id.Indonesia
    return int(cls.start_year), int(getattr(cls, "end_year", 2100))


def _basic_warnings(year: int, categories: tuple[Category, ...]) -> list[str]:
    first, last = _package_range()
    if not first <= year <= last:
        return [f"{year}: outside the holidays package's range {first}-{last}; weekends only"]
    warnings = []
    estimated = sorted(
        (d, n.name_en) for d, n in _national_year(year, categories).items() if n.estimated
    )
    if estimated:
        listed = ", ".join(f"{d.isoformat()} {n}" for d, n in estimated)
        warnings.append(f"{year}: holidays marks dates as estimated: {listed}")
    cuti_first, cuti_last = _cuti_bersama_range()
    if "government" in categories and year > cuti_last and year >= cuti_first:
        warnings.append(
            f"{year}: no cuti bersama decreed in holidays (covered {cuti_first}-{cuti_last})"
        )
    return warnings


@functools.cache
def _anchor_year(categories: tuple[Category, ...]) -> int:
    """The last year whose data has no estimated date and (if asked) has cuti bersama."""
    _, cuti_last = _cuti_bersama_range()
    year = min(cuti_last, _package_range()[1])
    while year > _package_range()[0] and _basic_warnings(year, categories):
        year -= 1
    return year


@functools.cache
def _recurring_kinds() -> frozenset[str]:
    """Public holidays present in each of the three last confirmed years."""
    anchor = _anchor_year(("public", "government"))
    return _public_kinds(anchor) & _public_kinds(anchor - 1) & _public_kinds(anchor - 2)


@functools.cache
def _year_coverage(year: int, categories: tuple[Category, ...]) -> YearCoverage:
    warnings = _basic_warnings(year, categories)
    first, last = _package_range()
    if year > _anchor_year(categories) and first <= year <= last:
        missing = sorted(_recurring_kinds() - _public_kinds(year))
        if missing:
            listed = ", ".join(missing)
            warnings.append(f"{year}: recurring holidays missing from the data: {listed}")
    return YearCoverage(year, not warnings, tuple(warnings))


@functools.cache
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


# -- time zones ---------------------------------------------------------------------------


@functools.cache
def _province_zones() -> Mapping[str, ZoneInfo]:
    text = resources.files("sp4n").joinpath("data/province_timezones.csv").read_text("utf-8")
    return MappingProxyType(
        {row["province_code"]: _ZONES[row["zone"]] for row in csv.DictReader(io.StringIO(text))}
    )


def zone_for_region(code: str) -> ZoneInfo:
    """The time zone of a region, from its province (first two digits of the code).

    Rule: standard.md §5 [R] Keppres 41/1987 (``data/province_timezones.md``).

    >>> zone_for_region("31").key, zone_for_region("51.71").key
    ('Asia/Jakarta', 'Asia/Makassar')

    Raises:
        JurisdictionError: no such province.
    """
    province = code.split(".", 1)[0]
    try:
        return _province_zones()[province]
    except KeyError:
        msg = f"no province {province!r} for region code {code!r}"
        raise JurisdictionError(msg, rule="REGION-PROVINCE", field="region_code") from None


def zone_for_agency(agency: Agency | None) -> ZoneInfo:
    """The time zone an agency counts its deadlines in.

    ``agency.time_zone`` wins; else the zone of its ``region_code``; else (a
    national body without region, or no agency) WIB — rule CAL-DEFAULT-ZONE
    [D], the zone of the capital.

    Raises:
        JurisdictionError: the agency's region has an unknown province.
    """
    if agency is None:
        return WIB
    if agency.time_zone is not None:
        return ZoneInfo(agency.time_zone)
    if agency.region_code is not None:
        return zone_for_region(agency.region_code)
    return WIB


def zone_name(zone: ZoneInfo) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for the three zones, else the IANA key.

    >>> zone_name(WITA)
    'WITA'
    """
    for name, known in _ZONES.items():
        if known.key == zone.key:
            return name
    return zone.key
