"""Strategies for dates, working-day counts, calendars and held-report histories.

Rule: standard.md §5 (working days). ``confirmed_dates`` stay inside the years
whose holiday data is confirmed, so working-day arithmetic never warns.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal

from hypothesis import strategies as st

from sp4n.workdays import Closure, WorkingCalendar

__all__ = [
    "CONFIRMED_FIRST",
    "CONFIRMED_LAST",
    "any_dates",
    "calendars",
    "confirmed_dates",
    "hold_plans",
    "local_instants",
    "working_day_counts",
]

CONFIRMED_FIRST = date(2014, 1, 1)
CONFIRMED_LAST = date(2026, 9, 30)

confirmed_dates = st.dates(min_value=CONFIRMED_FIRST, max_value=CONFIRMED_LAST)
"""Dates whose working-day arithmetic stays inside confirmed holiday years."""

any_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
"""Dates over the whole range of the holidays package, confirmed or not."""

working_day_counts = st.integers(min_value=0, max_value=70)
"""Working-day counts as deadlines use them (0 to 70)."""


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """National calendars with a 5- or 6-day week, some closures and some worked days."""
    weeks: tuple[Literal[5, 6], ...] = (5, 6)
    week = draw(st.sampled_from(weeks))
    days = st.dates(min_value=date(2023, 1, 1), max_value=date(2025, 12, 31))
    closures = draw(st.lists(days, max_size=4))
    worked = draw(st.lists(days, max_size=3))
    return WorkingCalendar(
        week_days=week,
        closures=[Closure(d, f"Penutupan {i}", f"Closure {i}") for i, d in enumerate(closures)],
        extra_working_days=frozenset(worked),
    )


@st.composite
def local_instants(draw: st.DrawFn, first: date = CONFIRMED_FIRST) -> datetime:
    """A naive local wall-clock time on a date from ``first`` (the caller adds the zone)."""
    day = draw(st.dates(min_value=first, max_value=date(2026, 6, 30)))
    seconds = draw(st.integers(min_value=0, max_value=86_399))
    return datetime.combine(day, time()) + timedelta(seconds=seconds)


@st.composite
def hold_plans(draw: st.DrawFn) -> tuple[int, int]:
    """Offsets in hours after submission for a hold and its completion."""
    hold_after = draw(st.integers(min_value=0, max_value=24 * 10))
    length = draw(st.integers(min_value=0, max_value=24 * 20))
    return hold_after, length
