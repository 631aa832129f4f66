"""Working days of Indonesian government bodies — *hari kerja*.

Modules: [`.days`][sp4n.workdays.days] (the answers), [`.coverage`][sp4n.workdays.coverage] (holiday
data per year and
the coverage guard), [`.working_calendar`][sp4n.workdays.working_calendar]
([`WorkingCalendar`][sp4n.workdays.WorkingCalendar], scalar
and bulk paths), [`.zones`][sp4n.workdays.zones] (WIB/WITA/WIT by province).

A [`WorkingCalendar`][sp4n.workdays.WorkingCalendar] says which dates are working days for an
agency:
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
[`CalendarError`][sp4n.errors.CalendarError] instead of answering.

>>> from datetime import date
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
[`zone_for_region`][sp4n.workdays.zone_for_region] derives from the province (Keppres 41/1987, see
``data/province_timezones.md``).

>>> zone_for_region("94.01").key
'Asia/Jayapura'
"""

from sp4n.workdays.days import (
    BulkWorkdays,
    Category,
    Closure,
    DayKind,
    NonWorkingDay,
    WorkdayCount,
    WorkdayResult,
    YearCoverage,
)
from sp4n.workdays.working_calendar import WorkingCalendar
from sp4n.workdays.zones import WIB, WIT, WITA, zone_for_agency, zone_for_region, zone_name

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "BulkWorkdays",
    "Category",
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
