"""The embedded Indonesian default hierarchy.

Built from package data, once per process (``functools.cache``):

* the national operator ``nasional`` (*pengelola nasional* LAPOR!);
* the central ministries, agencies and SOEs named by ``competence.csv``'s
  ``central_body`` column, with the parents they escalate to
  (``data/agencies/central_bodies.csv``);
* the 38 provincial governments ``prov-PP`` and the 514 regency/city
  governments ``kab-PP.RR`` / ``kota-PP.RR`` of the Kemendagri codes
  (``data/regions/``);
* a standard set of regional units (OPD) per government, each with the
  affairs (*urusan*) it handles (``data/agencies/regional_units.csv``), with
  ids ``<government>.<slug>``, e.g. ``kab-16.07.dinas-pendidikan``, and the
  regional water company (*Perumda/PDAM Air Minum*, a ``REGIONAL_SOE``) of
  each regency/city (rule ROUTE-DRINKING-WATER);
* DKI Jakarta (rule ROUTE-DKI-ADMIN, UU 29/2007 Pasal 9(1)): its five *kota
  administrasi* and the *kabupaten administrasi* are ``ADMINISTRATIVE_AREA``
  nodes under the province, not governments; the province has the units of
  both templates (it runs regency/city affairs too) and a *Suku Dinas* per
  administrative area under each Dinas (``<dinas id>.sudin-31.71``); PAM JAYA
  is its water company.

Central bodies carry ``valid_from``/``valid_until`` (rule ROUTE-BY-DATE): the
ministries renamed or split by Perpres 139/2024 exist under their old names
until 20 October 2024.

Every default agency is ``connected=True`` [D]: the library cannot know
which agencies have an SK team;
[`AgencyGraph.with_connected`][sp4n.hierarchy.AgencyGraph.with_connected] sets real
flags. Sources and decisions: ``data/agencies/SOURCES.md``.

>>> g = indonesia()
>>> [sum(1 for _ in g.agencies(kind=k)) for k in (AgencyKind.PROVINCE, AgencyKind.CITY)]
[38, 93]
>>> g.get("kota-31.71").kind, g.get("kota-31.71").parent_id
(<AgencyKind.ADMINISTRATIVE_AREA: 'ADMINISTRATIVE_AREA'>, 'prov-31')
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator, Mapping
from datetime import date
from importlib import resources
from typing import Final

import attrs

from sp4n.hierarchy.graph import AgencyGraph
from sp4n.models import Agency
from sp4n.regions import Regency, provinces, regencies
from sp4n.vocabulary import AgencyKind

__all__ = ["NATIONAL_ID", "indonesia", "province_id", "regency_id"]

NATIONAL_ID: Final = "nasional"
"""Id of the national operator in the default hierarchy."""


def province_id(code: str) -> str:
    """Id of a provincial government in the default hierarchy: ``prov-61``."""
    return f"prov-{code}"


def regency_id(code: str, kind: str) -> str:
    """Id of a regency/city government: ``kab-16.07`` or ``kota-61.71`` (``kind`` from regions)."""
    return f"{'kota' if kind == 'kota' else 'kab'}-{code}"


_NO_SUKU: Final = frozenset({"inspektorat", "pdam"})
"""Template units with no per-area office in DKI: the Inspektorat stays provincial and
PAM JAYA serves the whole province."""
_SUKU_PREFIXES: Final = (("Dinas ", "Suku Dinas "), ("Badan ", "Suku Badan "))


@attrs.frozen
class _Template:
    """A row of ``regional_units.csv``: a standard unit of a regional government."""

    slug: str
    name: str
    affairs: tuple[str, ...]
    kind: AgencyKind


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("sp4n").joinpath(f"data/agencies/{name}").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _default_agencies() -> Iterator[Agency]:
    yield Agency(
        id=NATIONAL_ID,
        name="Pengelola Nasional SP4N-LAPOR! (Kementerian PANRB)",
        kind=AgencyKind.NATIONAL,
        connected=True,
    )
    for row in _rows("central_bodies.csv"):
        yield Agency(
            id=row["id"],
            name=row["name"],
            kind=AgencyKind(row["kind"]),
            parent_id=row["parent_id"],
            connected=True,
            valid_from=_day(row.get("valid_from")),
            valid_until=_day(row.get("valid_until")),
        )
    units: dict[str, list[_Template]] = {}
    for row in _rows("regional_units.csv"):
        affairs = tuple(a.strip() for a in row["affairs"].split(";") if a.strip())
        kind = AgencyKind(row.get("kind") or AgencyKind.UNIT)
        units.setdefault(row["level"], []).append(
            _Template(row["slug"], row["name"], affairs, kind)
        )
    named = {(row["government"], row["slug"]): row["name"] for row in _rows("named_units.csv")}
    province_units, regency_units = units.get("province", []), units.get("regency_city", [])
    areas: dict[str, list[Regency]] = {}
    for regency in regencies().values():
        if regency.administrative:
            areas.setdefault(regency.province_code, []).append(regency)
    for code, name in provinces().items():
        gov = province_id(code)
        yield Agency(
            id=gov,
            name=f"Pemerintah Provinsi {name}",
            kind=AgencyKind.PROVINCE,
            region_code=code,
            parent_id=NATIONAL_ID,
            connected=True,
        )
        if code not in areas:
            yield from _units(gov, f"Provinsi {name}", code, province_units, named)
            continue
        # Rule ROUTE-DKI-ADMIN: the province runs the regency/city affairs of its areas.
        table = _merged(province_units, regency_units)
        yield from _units(gov, f"Provinsi {name}", code, table, named)
        for area in areas[code]:
            yield from _administrative_area(gov, area, regency_units)
    for regency in regencies().values():
        if regency.administrative:
            continue
        gov = regency_id(regency.code, regency.kind)
        yield Agency(
            id=gov,
            name=f"Pemerintah {regency.name}",
            kind=AgencyKind.CITY if regency.kind == "kota" else AgencyKind.REGENCY,
            region_code=regency.code,
            parent_id=province_id(regency.province_code),
            connected=True,
        )
        yield from _units(gov, regency.name, regency.code, regency_units, named)


def _merged(province: list[_Template], regency: list[_Template]) -> list[_Template]:
    """The province template plus the regency-only units, affairs joined per slug."""
    by_slug: dict[str, _Template] = {t.slug: t for t in province}
    for template in regency:
        have = by_slug.get(template.slug)
        if have is None:
            by_slug[template.slug] = template
        else:
            joined = tuple(dict.fromkeys((*have.affairs, *template.affairs)))
            by_slug[template.slug] = attrs.evolve(have, affairs=joined)
    return list(by_slug.values())


def _administrative_area(gov: str, area: Regency, regency: list[_Template]) -> Iterator[Agency]:
    """An administrative city/regency of DKI and the *Suku Dinas* serving it (ROUTE-DKI-ADMIN)."""
    yield Agency(
        id=regency_id(area.code, area.kind),
        name=area.name,
        kind=AgencyKind.ADMINISTRATIVE_AREA,
        region_code=area.code,
        parent_id=gov,
        connected=True,
    )
    for template in regency:
        if template.slug in _NO_SUKU or template.kind is not AgencyKind.UNIT:
            continue
        name = next(
            (
                new + template.name[len(old) :]
                for old, new in _SUKU_PREFIXES
                if template.name.startswith(old)
            ),
            template.name,
        )
        yield Agency(
            id=f"{gov}.{template.slug}.sudin-{area.code}",
            name=f"{name} {area.name}",
            kind=AgencyKind.UNIT,
            region_code=area.code,
            parent_id=f"{gov}.{template.slug}",
            connected=True,
            affairs=template.affairs,
        )


def _units(
    gov: str,
    place: str,
    code: str,
    table: list[_Template],
    named: Mapping[tuple[str, str], str],
) -> Iterator[Agency]:
    for template in table:
        yield Agency(
            id=f"{gov}.{template.slug}",
            name=named.get((gov, template.slug), f"{template.name} {place}"),
            kind=template.kind,
            region_code=code,
            parent_id=gov,
            connected=True,
            affairs=template.affairs,
        )


@functools.cache
def indonesia() -> AgencyGraph:
    """The embedded default hierarchy (built once, then shared: it is immutable)."""
    return AgencyGraph(_default_agencies())
