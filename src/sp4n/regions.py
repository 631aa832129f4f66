"""Kemendagri region codes — *kode wilayah* — embedded from the official list.

The package ships the 38 provinces and 514 regencies/cities of Kepmendagri
300.2.2-2138/2025 (``data/regions/SOURCE.md`` gives source and MIT licence),
plus the regency codes that changed when Papua was split in 2022: a NIK keeps
the code it was issued under (standard.md §8), so identity checks accept
historical codes too.

>>> province_name("61")
'Kalimantan Barat'
>>> is_known_regency("16.07")
True
>>> is_known_regency("91.01", historical=True)
True
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

import attrs

__all__ = [
    "REGION_CODE_PATTERN",
    "Regency",
    "is_known_province",
    "is_known_regency",
    "is_region_code",
    "province_name",
    "provinces",
    "regencies",
    "regency_code_changes",
]

REGION_CODE_PATTERN: Final = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$"
"""Format of a Kemendagri code: ``PP``, ``PP.RR``, ``PP.RR.DD`` or ``PP.RR.DD.VVVV`` (ASCII)."""

_REGION_RE: Final = re.compile(REGION_CODE_PATTERN)


@attrs.frozen
class Regency:
    """A regency (*kabupaten*) or city (*kota*) with its province.

    Attributes:
        code: ``PP.RR``.
        province_code: ``PP``.
        name: Official name, e.g. ``Kabupaten Banyuasin``.
        kind: ``kabupaten`` or ``kota``.
    """

    code: str
    province_code: str
    name: str
    kind: str


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("sp4n").joinpath(f"data/regions/{name}").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def provinces() -> Mapping[str, str]:
    """Province code → name, for the 38 provinces."""
    return MappingProxyType({row["code"]: row["name"] for row in _read_csv("provinces.csv")})


@functools.cache
def regencies() -> Mapping[str, Regency]:
    """Regency/city code → :class:`Regency`, for the 514 current ones."""
    return MappingProxyType(
        {
            row["code"]: Regency(row["code"], row["province_code"], row["name"], row["kind"])
            for row in _read_csv("regencies.csv")
        }
    )


@functools.cache
def _historical_regency_codes() -> frozenset[str]:
    return frozenset(row["old_code"] for row in _read_csv("regency_code_changes.csv"))


@functools.cache
def regency_code_changes() -> Mapping[str, str]:
    """Former regency code → current code, for the 26 regencies renumbered in 2022.

    >>> regency_code_changes()["91.01"]  # Merauke, now in Papua Selatan
    '93.01'
    """
    rows = _read_csv("regency_code_changes.csv")
    return MappingProxyType({row["old_code"]: row["new_code"] for row in rows})


@functools.cache
def _historical_province_codes() -> frozenset[str]:
    return frozenset(code.split(".")[0] for code in _historical_regency_codes())


def is_region_code(code: str) -> bool:
    """Whether ``code`` has the Kemendagri format (not whether it exists)."""
    return bool(_REGION_RE.match(code))


def is_known_province(code: str, *, historical: bool = False) -> bool:
    """Whether ``code`` is a current province (or, with ``historical``, a former one)."""
    return code in provinces() or (historical and code in _historical_province_codes())


def is_known_regency(code: str, *, historical: bool = False) -> bool:
    """Whether ``code`` (``PP.RR``) is a current regency/city, or a former code."""
    return code in regencies() or (historical and code in _historical_regency_codes())


def province_name(code: str) -> str:
    """The name of province ``code``.

    Raises:
        KeyError: no such province.
    """
    return provinces()[code]
