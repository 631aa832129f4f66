"""Working-day calendar: known dates from the SKB lists, coverage guard, zones, properties."""

import csv
from datetime import date, datetime
from importlib import resources

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.errors import CalendarError, DataError, JurisdictionError
from sp4n.models import Agency
from sp4n.regions import provinces
from sp4n.rulebook import Rulebook
from sp4n.sla import bulk_due_dates
from sp4n.testing.dates import (
    any_dates,
    calendars,
    confirmed_dates,
    working_day_counts,
)
from sp4n.workdays import (
    WIB,
    WIT,
    WITA,
    Closure,
    DayKind,
    WorkingCalendar,
    zone_for_agency,
    zone_for_region,
    zone_name,
)
from sp4n.workdays.working_calendar import (
    MAX_WORKING_DAYS,
    stepwise_add_working_days,
    stepwise_working_days_between,
)

CAL = WorkingCalendar.indonesia()


def kinds(first: date, last: date) -> dict[date, DayKind]:
    return {d.day: d.kind for d in CAL.non_working_days(first, last)}


# -- known dates, worked out by hand from Keppres / SKB 3 Menteri lists ---------------------


def test_CAL_HOLIDAYS_idul_fitri_2024_leave_block():
    """Idul Fitri 2024: holidays 10-11 April, cuti bersama 8, 9, 12 and 15 April (SKB 2024)."""
    got = kinds(date(2024, 4, 8), date(2024, 4, 15))
    assert got == {
        date(2024, 4, 8): DayKind.CUTI_BERSAMA,
        date(2024, 4, 9): DayKind.CUTI_BERSAMA,
        date(2024, 4, 10): DayKind.PUBLIC_HOLIDAY,
        date(2024, 4, 11): DayKind.PUBLIC_HOLIDAY,
        date(2024, 4, 12): DayKind.CUTI_BERSAMA,
        date(2024, 4, 13): DayKind.WEEKEND,
        date(2024, 4, 14): DayKind.WEEKEND,
        date(2024, 4, 15): DayKind.CUTI_BERSAMA,
    }
    # Friday 5 April: day 1 is Tuesday 16 April, day 3 Thursday 18 April.
    assert CAL.add_working_days(date(2024, 4, 5), 1).day == date(2024, 4, 16)
    assert CAL.add_working_days(date(2024, 4, 5), 3).day == date(2024, 4, 18)


def test_CAL_HOLIDAYS_idul_fitri_2025_leave_block():
    """Idul Fitri 2025: holidays 31 March-1 April; cuti bersama 28 March, 2, 3, 4 and 7 April."""
    got = kinds(date(2025, 3, 27), date(2025, 4, 8))
    assert got == {
        date(2025, 3, 28): DayKind.CUTI_BERSAMA,  # cuti bersama Nyepi
        date(2025, 3, 29): DayKind.PUBLIC_HOLIDAY,  # Nyepi on a Saturday
        date(2025, 3, 30): DayKind.WEEKEND,
        date(2025, 3, 31): DayKind.PUBLIC_HOLIDAY,
        date(2025, 4, 1): DayKind.PUBLIC_HOLIDAY,
        date(2025, 4, 2): DayKind.CUTI_BERSAMA,
        date(2025, 4, 3): DayKind.CUTI_BERSAMA,
        date(2025, 4, 4): DayKind.CUTI_BERSAMA,
        date(2025, 4, 5): DayKind.WEEKEND,
        date(2025, 4, 6): DayKind.WEEKEND,
        date(2025, 4, 7): DayKind.CUTI_BERSAMA,
    }
    # Thursday 27 March 2025: the next working day is Tuesday 8 April.
    assert CAL.next_working_day(date(2025, 3, 27)) == date(2025, 4, 8)


def test_CAL_HOLIDAYS_nyepi_2024_and_2025():
    """Nyepi 11 March 2024 (Monday) with cuti bersama 12 March; 29 March 2025 is a Saturday."""
    assert CAL.reason(date(2024, 3, 11)).kind is DayKind.PUBLIC_HOLIDAY  # type: ignore[union-attr]
    assert CAL.reason(date(2024, 3, 12)).kind is DayKind.CUTI_BERSAMA  # type: ignore[union-attr]
    assert CAL.add_working_days(date(2024, 3, 8), 1).day == date(2024, 3, 13)
    nyepi_2025 = CAL.reason(date(2025, 3, 29))
    assert nyepi_2025 is not None
    assert nyepi_2025.name_id == "Hari Suci Nyepi"
    assert date(2025, 3, 29).weekday() == 5


def test_CAL_HOLIDAYS_christmas_2024_cuti_bersama():
    """Christmas 2024: 25 December holiday, 26 December cuti bersama; 24 Dec + 1 = 27 Dec."""
    assert CAL.reason(date(2024, 12, 25)).kind is DayKind.PUBLIC_HOLIDAY  # type: ignore[union-attr]
    boxing = CAL.reason(date(2024, 12, 26))
    assert boxing is not None
    assert boxing.kind is DayKind.CUTI_BERSAMA
    assert boxing.name_id.startswith("Cuti Bersama")
    assert CAL.add_working_days(date(2024, 12, 24), 1).day == date(2024, 12, 27)


def test_CAL_COUNT_saturday_start_day_one_is_monday():
    """A count started on Saturday 13 July 2024 has Monday 15 July as day 1."""
    assert CAL.add_working_days(date(2024, 7, 13), 1).day == date(2024, 7, 15)
    assert CAL.add_working_days(date(2024, 7, 13), 3).day == date(2024, 7, 17)


def test_CAL_COUNT_holiday_start_never_counts():
    """A count started on a holiday (1 January 2025, Wednesday) starts on 2 January."""
    assert CAL.add_working_days(date(2025, 1, 1), 1).day == date(2025, 1, 2)


def test_CAL_COUNT_sixty_days_across_year_end():
    """60 working days from Friday 15 Nov 2024 end on 18 Feb 2025 (hand count, both SKBs)."""
    result = CAL.add_working_days(date(2024, 11, 15), 60)
    assert result.day == date(2025, 2, 18)
    assert result.confirmed
    skipped_holidays = [d.day for d in result.skipped if d.kind is not DayKind.WEEKEND]
    assert skipped_holidays == [
        date(2024, 11, 27),  # Pilkada
        date(2024, 12, 25),
        date(2024, 12, 26),
        date(2025, 1, 1),
        date(2025, 1, 27),  # Isra Mikraj
        date(2025, 1, 28),  # cuti bersama Imlek
        date(2025, 1, 29),  # Imlek
    ]


def test_CAL_COUNT_between_is_half_open():
    """working_days_between counts (a, b]: a excluded, b included, negative when reversed."""
    assert CAL.working_days_between(date(2024, 7, 15), date(2024, 7, 19)).count == 4
    assert CAL.working_days_between(date(2024, 7, 19), date(2024, 7, 15)).count == -4
    assert CAL.working_days_between(date(2024, 7, 15), date(2024, 7, 15)).count == 0


def test_CAL_COUNT_negative_n_refused():
    """Adding a negative number of working days is refused with rule CAL-COUNT."""
    with pytest.raises(DataError) as info:
        CAL.add_working_days(date(2024, 1, 1), -1)
    assert info.value.rule == "CAL-COUNT"


def test_CAL_NAMES_indonesian_and_english():
    """Every non-working date has an Indonesian and an English name."""
    day = CAL.reason(date(2024, 8, 17))
    assert day is not None
    assert day.name_id == "Hari Kemerdekaan Republik Indonesia"
    assert day.name_en == "Independence Day"
    weekend = CAL.reason(date(2024, 7, 14))
    assert weekend is not None
    assert (weekend.name_id, weekend.name_en) == ("Minggu", "Sunday")


# -- configuration ---------------------------------------------------------------------------


def test_CAL_WEEK_DAYS_six_day_week_from_rulebook():
    """CAL-WEEK-DAYS = 6 makes Saturday a working day; 5 is the default."""
    assert WorkingCalendar.from_rulebook(Rulebook.default()).week_days == 5
    book = Rulebook.default().with_overrides({"CAL-WEEK-DAYS": {"value": 6}})
    six = WorkingCalendar.from_rulebook(book)
    assert six.is_working_day(date(2024, 7, 13))
    assert six.add_working_days(date(2024, 7, 12), 1).day == date(2024, 7, 13)


def test_CAL_WEEK_DAYS_invalid_refused():
    """A week of 4 days is refused with rule CAL-WEEK-DAYS."""
    with pytest.raises(DataError) as info:
        WorkingCalendar(week_days=4)  # type: ignore[arg-type]
    assert info.value.rule == "CAL-WEEK-DAYS"


def test_CAL_CLOSURES_regional_holiday_and_extra_working_day():
    """Closures add named non-working days; extra working days win over weekends and holidays."""
    cal = CAL.with_closures([Closure(date(2024, 7, 16), "Hari Jadi Kota", "City anniversary")])
    reason = cal.reason(date(2024, 7, 16))
    assert reason is not None
    assert (reason.kind, reason.name_en) == (DayKind.CLOSURE, "City anniversary")
    assert cal.add_working_days(date(2024, 7, 15), 1).day == date(2024, 7, 17)
    worked = CAL.with_working_days([date(2024, 12, 26), date(2024, 12, 28)])
    assert worked.is_working_day(date(2024, 12, 26))
    assert worked.is_working_day(date(2024, 12, 28))
    assert WorkingCalendar.indonesia() == CAL  # the original is unchanged


def test_CAL_CATEGORIES_public_only_ignores_cuti_bersama():
    """Without the government category cuti bersama are working days."""
    public = WorkingCalendar(categories=("public",))
    assert public.is_working_day(date(2024, 4, 8))
    assert not public.is_working_day(date(2024, 4, 10))


def test_CAL_HOLIDAYS_year_listing():
    """holidays(year) lists public holidays, cuti bersama and closures, no weekends."""
    listed = CAL.holidays(2024)
    assert all(d.kind is not DayKind.WEEKEND for d in listed)
    assert {d.day for d in listed if d.kind is DayKind.CUTI_BERSAMA} == {
        date(2024, 2, 9),
        date(2024, 3, 12),
        date(2024, 4, 8),
        date(2024, 4, 9),
        date(2024, 4, 12),
        date(2024, 4, 15),
        date(2024, 5, 10),
        date(2024, 5, 24),
        date(2024, 6, 18),
        date(2024, 12, 26),
    }


# -- coverage guard --------------------------------------------------------------------------


def test_CAL_COVERAGE_2051_without_nyepi_is_flagged():
    """2051 has no Nyepi in the data: the answer is flagged, never silent."""
    result = CAL.add_working_days(date(2051, 3, 1), 5)
    assert not result.confirmed
    assert any("Day of Silence" in w for w in result.warnings)
    assert not CAL.coverage(2051).confirmed


def test_CAL_COVERAGE_2051_strict_raises():
    """strict=True raises CalendarError (rule CAL-COVERAGE) for 2051."""
    with pytest.raises(CalendarError) as info:
        CAL.add_working_days(date(2051, 3, 1), 5, strict=True)
    assert info.value.rule == "CAL-COVERAGE"
    with pytest.raises(CalendarError):
        CAL.is_working_day(date(2051, 3, 1), strict=True)
    with pytest.raises(CalendarError):
        CAL.add_working_days_bulk([date(2051, 3, 1)], 5, strict=True)


def test_CAL_COVERAGE_estimated_and_uncovered_years():
    """Estimated dates, missing cuti bersama and years past the package's range are flagged."""
    assert CAL.coverage(2024).confirmed
    assert not CAL.coverage(CAL.confirmed_through + 1).confirmed
    assert any("estimated" in w for w in CAL.coverage(2030).warnings)
    assert any("cuti bersama" in w for w in CAL.coverage(2030).warnings)
    assert any("outside" in w for w in CAL.coverage(2101).warnings)
    crossing = CAL.add_working_days(date(CAL.confirmed_through, 12, 1), 30)
    assert not crossing.confirmed


def test_CAL_COVERAGE_confirmed_through_is_marked_by_holidays():
    """The last confirmed year has no estimated names and every earlier year back to 2014 too."""
    last = CAL.confirmed_through
    assert last >= 2025
    assert all(CAL.coverage(y).confirmed for y in range(2014, last + 1))


# -- time zones ------------------------------------------------------------------------------


def test_CAL_ZONES_table_covers_the_38_provinces():
    """Every province has exactly one of the three zones (Keppres 41/1987)."""
    text = resources.files("sp4n").joinpath("data/province_timezones.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["province_code"] for r in rows] == list(provinces())
    assert {(r["zone"], r["tz"]) for r in rows} == {
        ("WIB", "Asia/Jakarta"),
        ("WITA", "Asia/Makassar"),
        ("WIT", "Asia/Jayapura"),
    }


@pytest.mark.parametrize(
    ("code", "zone"),
    [("31", WIB), ("61.71", WIB), ("51.03", WITA), ("65", WITA), ("81", WIT), ("96.01", WIT)],
)
def test_CAL_ZONES_zone_for_region(code, zone):
    """zone_for_region reads the province of the code."""
    assert zone_for_region(code) == zone


def test_CAL_ZONES_unknown_province():
    """An unknown province raises JurisdictionError."""
    with pytest.raises(JurisdictionError):
        zone_for_region("99.01")


def test_CAL_DEFAULT_ZONE_agency():
    """Agency time_zone wins; else its region; else WIB."""
    base = {"name": "Dinas", "kind": "UNIT", "parent_id": "pemprov"}
    explicit = Agency.model_validate(
        {**base, "id": "a", "time_zone": "Asia/Jayapura"}, strict=False
    )
    regional = Agency.model_validate({**base, "id": "b", "region_code": "73.71"}, strict=False)
    bare = Agency.model_validate({**base, "id": "c"}, strict=False)
    assert zone_for_agency(explicit) == WIT
    assert zone_for_agency(regional) == WITA
    assert zone_for_agency(bare) == WIB
    assert zone_for_agency(None) == WIB
    assert zone_name(WITA) == "WITA"


# -- properties ------------------------------------------------------------------------------


@given(confirmed_dates, working_day_counts)
def test_CAL_COUNT_add_then_count_gives_n(start, n):
    """working_days_between(d, add_working_days(d, n)) == n."""
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end.day).count == n
    assert end.confirmed


@given(calendars(), confirmed_dates, st.integers(min_value=1, max_value=70))
def test_CAL_COUNT_result_is_a_working_day(cal, start, n):
    """The n-th working day (n >= 1) is a working day, after the start."""
    day = cal.add_working_days(start, n).day
    assert cal.is_working_day(day)
    assert day > start


@given(calendars(), st.lists(any_dates, min_size=1, max_size=30), working_day_counts)
def test_CAL_BULK_agrees_with_scalar(cal, starts, n):
    """The numpy path gives the scalar path's dates and flags, item by item."""
    bulk = cal.add_working_days_bulk(starts, n)
    for i, start in enumerate(starts):
        scalar = cal.add_working_days(start, n)
        assert bulk.days[i] == np.datetime64(scalar.day)
        assert bool(bulk.confirmed[i]) == scalar.confirmed


def test_CAL_BULK_per_item_counts_and_empty():
    """Bulk accepts one n per item, numpy arrays, and an empty input."""
    starts = np.array(["2024-04-05", "2024-12-24"], dtype="datetime64[D]")
    bulk = CAL.add_working_days_bulk(starts, [3, 1])
    assert bulk.days.tolist() == [date(2024, 4, 18), date(2024, 12, 27)]
    assert bulk.all_confirmed
    assert CAL.add_working_days_bulk([], 3).days.size == 0
    with pytest.raises(DataError):
        CAL.add_working_days_bulk([date(2024, 1, 1)], -2)


# -- prefix counts against the day-by-day oracle (review #13) --------------------------------


@given(calendars(), any_dates, working_day_counts)
def test_CAL_PREFIX_add_agrees_with_stepwise_oracle(cal, start, n):
    """The binary search over per-year prefix counts gives the oracle's day and skipped dates."""
    fast = cal.add_working_days(start, n)
    day, skipped = stepwise_add_working_days(cal, start, n)
    assert (fast.day, fast.skipped) == (day, skipped)


@given(calendars(), any_dates, any_dates)
def test_CAL_PREFIX_between_agrees_with_stepwise_oracle(cal, a, b):
    """Prefix-count differences give the oracle's signed count and skipped dates, across years."""
    fast = cal.working_days_between(a, b)
    assert (fast.count, fast.skipped) == stepwise_working_days_between(cal, a, b)


def test_CAL_PREFIX_long_spans_are_fast():
    """A 50,000-working-day step no longer walks day by day (was seconds, then an overflow)."""
    result = CAL.add_working_days(date(2024, 1, 1), 50_000)
    assert CAL.working_days_between(date(2024, 1, 1), result.day).count == 50_000


# -- bad input is refused with a rule, never a bare Python exception (review #8) -------------


@pytest.mark.parametrize("n", [2.5, True, "3", 10**7, MAX_WORKING_DAYS + 1, -1])
def test_CAL_COUNT_bad_n_refused_on_both_paths(n):
    """Non-integer, boolean, huge or negative n is a DataError on the scalar and bulk paths."""
    with pytest.raises(DataError) as scalar:
        CAL.add_working_days(date(2024, 1, 1), n)
    assert scalar.value.rule == "CAL-COUNT"
    if not isinstance(n, str | bool):
        with pytest.raises(DataError):
            CAL.add_working_days_bulk([date(2024, 1, 1)], n)


def test_CAL_COUNT_end_of_representable_dates():
    """Answers past 9999-12-31 are a CalendarError on both paths (was OverflowError/ValueError)."""
    with pytest.raises(CalendarError) as exc:
        CAL.add_working_days(date(9999, 12, 30), 3)
    assert exc.value.rule == "CAL-COUNT"
    with pytest.raises(CalendarError):
        CAL.add_working_days_bulk([date(9999, 12, 30)], 3)
    with pytest.raises(CalendarError):
        bulk_due_dates([date(9999, 12, 31)], "FILING-WINDOW")
    assert CAL.working_days_between(date(9999, 12, 1), date(9999, 12, 31)).count == 22


def test_CAL_COUNT_datetime_refused():
    """A datetime passed for a date is refused, not silently truncated to its date."""
    with pytest.raises(DataError) as exc:
        CAL.add_working_days(datetime(2024, 1, 5, 23), 1)  # noqa: DTZ001 - the point of the test
    assert exc.value.field == "start"
    with pytest.raises(DataError):
        CAL.is_working_day(datetime(2024, 1, 6, 1))  # noqa: DTZ001
    with pytest.raises(DataError):
        CAL.working_days_between(date(2024, 1, 1), datetime(2024, 1, 5))  # noqa: DTZ001
    with pytest.raises(DataError):
        CAL.add_working_days_bulk([datetime(2024, 1, 5, 23)], 1)  # noqa: DTZ001
