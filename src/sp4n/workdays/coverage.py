"""Holiday data per year from ``holidays``, and whether it is confirmed.

Rule: standard.md §5 [D] (coverage guard, CAL-COVERAGE). A year is confirmed when
it lies inside the package's range, none of its dates is marked estimated (the
``en_US`` names end in "(estimated)", the Indonesian ones in "(perkiraan)"), cuti
bersama is decreed for it, and — after the last confirmed year — no holiday that
recurred in each of the last three confirmed years is missing (how the absent
Nyepi of 2051 is caught without a hand-written list). Everything is cached per year.

>>> year_coverage(2024, ("public", "government")).confirmed
True
>>> year_coverage(2051, ("public", "government")).confirmed
False
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs
import holidays
from holidays.countries import indonesia as _holidays_id

from sp4n.i18n import Message
from sp4n.workdays.days import Category, DayKind, NonWorkingDay, YearCoverage

__all__ = ["anchor_year", "national_year", "supported_years", "year_coverage"]

_ESTIMATED_MARK: Final = "(estimated)"  # how holidays' en_US names flag estimated dates
_FIRST_CUTI_BERSAMA_YEAR: Final = 2002  # fallback when holidays does not expose its table


def _country(year: int, category: Category, language: str) -> dict[date, str]:
    data = holidays.country_holidays("ID", categories=(category,), years=year, language=language)
    return dict(data.items())


@functools.cache
def national_year(year: int, categories: tuple[Category, ...]) -> Mapping[date, NonWorkingDay]:
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


def supported_years() -> tuple[int, int]:
    """First and last year of the ``holidays`` package's Indonesian data (outside: weekends only).

    >>> first, last = supported_years()
    >>> first <= 2024 <= last
    True
    """
    return _package_range()


def _basic_warnings(year: int, categories: tuple[Category, ...]) -> list[Message]:
    first, last = _package_range()
    if not first <= year <= last:
        return [
            Message(
                "CAL-COVERAGE.outside",
                "{year}: outside the holidays package's range {first}-{last}; weekends only",
                year=str(year),
                first=str(first),
                last=str(last),
            )
        ]
    warnings = []
    estimated = sorted(
        (d, n.name_en) for d, n in national_year(year, categories).items() if n.estimated
    )
    if estimated:
        listed = ", ".join(f"{d.isoformat()} {n}" for d, n in estimated)
        warnings.append(
            Message(
                "CAL-COVERAGE.estimated",
                "{year}: holidays marks dates as estimated: {listed}",
                year=str(year),
                listed=listed,
            )
        )
    cuti_first, cuti_last = _cuti_bersama_range()
    if "government" in categories and year > cuti_last and year >= cuti_first:
        warnings.append(
            Message(
                "CAL-COVERAGE.no-cuti-bersama",
                "{year}: no cuti bersama decreed in holidays (covered {first}-{last})",
                year=str(year),
                first=str(cuti_first),
                last=str(cuti_last),
            )
        )
    return warnings


@functools.cache
def anchor_year(categories: tuple[Category, ...]) -> int:
    """The last year whose data has no estimated date and (if asked) has cuti bersama."""
    _, cuti_last = _cuti_bersama_range()
    year = min(cuti_last, _package_range()[1])
    while year > _package_range()[0] and _basic_warnings(year, categories):
        year -= 1
    return year


@functools.cache
def _recurring_kinds() -> frozenset[str]:
    """Public holidays present in each of the three last confirmed years."""
    anchor = anchor_year(("public", "government"))
    return _public_kinds(anchor) & _public_kinds(anchor - 1) & _public_kinds(anchor - 2)


@functools.cache
def year_coverage(year: int, categories: tuple[Category, ...]) -> YearCoverage:
    """Whether the data of ``year`` for ``categories`` is confirmed, with the reasons if not."""
    warnings = _basic_warnings(year, categories)
    first, last = _package_range()
    if year > anchor_year(categories) and first <= year <= last:
        missing = sorted(_recurring_kinds() - _public_kinds(year))
        if missing:
            warnings.append(
                Message(
                    "CAL-COVERAGE.missing",
                    "{year}: recurring holidays missing from the data: {listed}",
                    year=str(year),
                    listed=", ".join(missing),
                )
            )
    return YearCoverage(year, not warnings, tuple(map(str, warnings)), tuple(warnings))
