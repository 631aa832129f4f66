"""Kemendagri region codes — *kode wilayah* — embedded from the official list.

The package ships the 38 provinces, 514 regencies/cities and 7,285 districts
(*kecamatan*) of Kepmendagri 300.2.2-2138/2025 (``data/regions/SOURCE.md``
gives source, MIT licence and the corrections made), plus the regency codes
that changed when a province was split (Kalimantan Utara 2012, Papua 2022): a
NIK keeps the code it was issued under (standard.md §6, §8), so identity checks
accept historical codes too, and routing maps them to the current government.

>>> province_name("61")
'Kalimantan Barat'
>>> is_known_regency("16.07")
True
>>> is_known_regency("91.01", historical=True)
True
>>> regency_code_changes()["64.73"]  # Tarakan, Kalimantan Utara since UU 20/2012
'65.71'
>>> regencies()["31.71"].administrative
True
>>> is_known_district("62.71.01")
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

from sp4n._guards import boundary
from sp4n.errors import JurisdictionError
from sp4n.i18n import Message

__all__ = [
    "REGION_CODE_PATTERN",
    "Regency",
    "districts",
    "is_known_district",
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

    @property
    def administrative(self) -> bool:
        """Whether this is an administrative area, not an autonomous region.

        Rule ROUTE-DKI-ADMIN, standard.md §6 [R]: DKI Jakarta is autonomous at
        province level only (UU 29/2007 Pasal 9(1), kept by UU 2/2024); its five
        *kota administrasi* and the *kabupaten administrasi* have no DPRD and no
        Dinas of their own. The Kemendagri list names them "... Administrasi ...".
        """
        return " Administrasi " in f" {self.name} "


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("sp4n").joinpath(f"data/regions/{name}").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def provinces() -> Mapping[str, str]:
    """Province code → name, for the 38 provinces."""
    return MappingProxyType({row["code"]: row["name"] for row in _read_csv("provinces.csv")})


@functools.cache
def regencies() -> Mapping[str, Regency]:
    """Regency/city code → [`Regency`][sp4n.regions.Regency], for the 514 current ones."""
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
def districts() -> Mapping[str, str]:
    """District (*kecamatan*) code ``PP.RR.DD`` → name, for the 7,285 current districts.

    Current codes only: districts are split and renumbered often and no
    historical table is at hand, so an unknown district in a NIK is a warning
    (rule ID-NIK-DISTRICT), not a refusal.
    """
    return MappingProxyType({row["code"]: row["name"] for row in _read_csv("districts.csv")})


def is_known_district(code: str) -> bool:
    """Whether ``code`` (``PP.RR.DD``) is a current district."""
    return code in districts()


@functools.cache
def regency_code_changes() -> Mapping[str, str]:
    """Former regency code → current code: Kalimantan Utara (2012) and Papua (2022) splits.

    Rule ID-NIK-REGION / ROUTE-FORMER-CODE, standard.md §6 [R]: a NIK is
    lifelong (UU 24/2013), so a code vacated by a province split lives on.

    >>> regency_code_changes()["91.01"]  # Merauke, now in Papua Selatan
    '93.01'
    """
    rows = _read_csv("regency_code_changes.csv")
    return MappingProxyType({row["old_code"]: row["new_code"] for row in rows})


@functools.cache
def _historical_province_codes() -> frozenset[str]:
    return frozenset(code.split(".")[0] for code in _historical_regency_codes())


@boundary
def is_region_code(code: str) -> bool:
    """Whether ``code`` has the Kemendagri format (not whether it exists)."""
    return bool(_REGION_RE.match(code))


@boundary
def is_known_province(code: str, *, historical: bool = False) -> bool:
    """Whether ``code`` is a current province (or, with ``historical``, a former one)."""
    return code in provinces() or (historical and code in _historical_province_codes())


@boundary
def is_known_regency(code: str, *, historical: bool = False) -> bool:
    """Whether ``code`` (``PP.RR``) is a current regency/city, or a former code."""
    return code in regencies() or (historical and code in _historical_regency_codes())


@boundary
def province_name(code: str) -> str:
    """The name of province ``code``.

    Raises:
        JurisdictionError: no such province (rule REGION-PROVINCE); it is a
            ``LookupError``, as the ``KeyError`` raised before was.
    """
    try:
        return provinces()[code]
    except KeyError:
        raise JurisdictionError(
            Message("REGION-PROVINCE.no-province-code", "no province {code}", code=repr(code)),
            rule="REGION-PROVINCE",
            field="code",
        ) from None
