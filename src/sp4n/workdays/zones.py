"""Time zones of Indonesian regions and agencies: WIB, WITA, WIT.

Rule: standard.md §5 [R] Keppres 41/1987; the province table and its source are in
``data/province_timezones.csv`` / ``.md``.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sp4n._guards import CHECKS, boundary
from sp4n.errors import JurisdictionError
from sp4n.i18n import Message

if TYPE_CHECKING:
    from sp4n.models import Agency

__all__ = ["WIB", "WIT", "WITA", "iana_zone", "zone_for_agency", "zone_for_region", "zone_name"]

WIB: Final = ZoneInfo("Asia/Jakarta")
"""Waktu Indonesia Barat, UTC+7."""
WITA: Final = ZoneInfo("Asia/Makassar")
"""Waktu Indonesia Tengah, UTC+8."""
WIT: Final = ZoneInfo("Asia/Jayapura")
"""Waktu Indonesia Timur, UTC+9."""

_ZONES: Final = MappingProxyType({"WIB": WIB, "WITA": WITA, "WIT": WIT})
_IANA_NAME: Final = re.compile(r"[A-Za-z0-9_+-]{1,30}(?:/[A-Za-z0-9_+-]{1,30}){0,2}")


def iana_zone(name: object) -> ZoneInfo | None:
    """The IANA time zone called ``name``, or ``None`` if there is none (never raises).

    The name is checked for the shape of an IANA key (at most three parts of
    ASCII letters, digits, ``_``, ``+``, ``-``) before ``zoneinfo`` looks it
    up, so a pathological name (thousands of ``/``-separated parts, which
    exhaust ``zoneinfo``'s recursion) or a non-string is simply not a zone.

    >>> iana_zone("Asia/Makassar").key, iana_zone("x/" * 5000 + "y"), iana_zone(None)
    ('Asia/Makassar', None, None)
    """
    if not isinstance(name, str) or _IANA_NAME.fullmatch(name) is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, RecursionError):
        return None


@functools.cache
def _province_zones() -> Mapping[str, ZoneInfo]:
    text = resources.files("sp4n").joinpath("data/province_timezones.csv").read_text("utf-8")
    return MappingProxyType(
        {row["province_code"]: _ZONES[row["zone"]] for row in csv.DictReader(io.StringIO(text))}
    )


@boundary
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
        raise JurisdictionError(
            Message(
                "REGION-PROVINCE.no-province-province-region",
                "no province {province} for region code {code}",
                province=repr(province),
                code=repr(code),
            ),
            rule="REGION-PROVINCE",
            field="region_code",
        ) from None


@boundary
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


@boundary(zone=CHECKS["zoneinfo"])
def zone_name(zone: ZoneInfo) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for the three zones, else the IANA key.

    >>> zone_name(WITA)
    'WITA'
    """
    for name, known in _ZONES.items():
        if known.key == zone.key:
            return name
    return zone.key
