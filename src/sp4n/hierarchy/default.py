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
  ids ``<government>.<slug>``, e.g. ``kab-16.07.dinas-pendidikan``.

Every default agency is ``connected=True`` [D]: the library cannot know
which agencies have an SK team; :meth:`AgencyGraph.with_connected` sets real
flags. Sources and decisions: ``data/agencies/SOURCES.md``.

>>> g = indonesia()
>>> [sum(1 for _ in g.agencies(kind=k)) for k in (AgencyKind.PROVINCE, AgencyKind.CITY)]
[38, 98]
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator
from importlib import resources
from typing import Final

from sp4n.hierarchy.graph import AgencyGraph
from sp4n.models import Agency
from sp4n.regions import provinces, regencies
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


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("sp4n").joinpath(f"data/agencies/{name}").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


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
        )
    units: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for row in _rows("regional_units.csv"):
        affairs = tuple(a.strip() for a in row["affairs"].split(";") if a.strip())
        units.setdefault(row["level"], []).append((row["slug"], row["name"], affairs))
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
        yield from _units(gov, f"Provinsi {name}", code, units.get("province", []))
    for regency in regencies().values():
        gov = regency_id(regency.code, regency.kind)
        yield Agency(
            id=gov,
            name=f"Pemerintah {regency.name}",
            kind=AgencyKind.CITY if regency.kind == "kota" else AgencyKind.REGENCY,
            region_code=regency.code,
            parent_id=province_id(regency.province_code),
            connected=True,
        )
        yield from _units(gov, regency.name, regency.code, units.get("regency_city", []))


def _units(
    gov: str, place: str, code: str, table: list[tuple[str, str, tuple[str, ...]]]
) -> Iterator[Agency]:
    for slug, name, affairs in table:
        yield Agency(
            id=f"{gov}.{slug}",
            name=f"{name} {place}",
            kind=AgencyKind.UNIT,
            region_code=code,
            parent_id=gov,
            connected=True,
            affairs=affairs,
        )


@functools.cache
def indonesia() -> AgencyGraph:
    """The embedded default hierarchy (built once, then shared: it is immutable)."""
    return AgencyGraph(_default_agencies())
