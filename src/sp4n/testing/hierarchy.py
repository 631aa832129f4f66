"""Strategies for the agency hierarchy: categories, region codes, reports, agency trees.

Rule: standard.md §6. [`agency_trees`][sp4n.testing.agency_trees] and
[`routing_trees`][sp4n.testing.routing_trees] draw
valid hierarchies (``AgencyGraph.from_agencies`` accepts them);
[`region_codes`][sp4n.testing.region_codes]
draws well-formed Kemendagri codes, known or not, at every level.
"""

from __future__ import annotations

from hypothesis import strategies as st

from sp4n.competence import CompetenceTable
from sp4n.hierarchy import region_covers
from sp4n.models import Agency, ComplaintSubmission
from sp4n.payloads import validate_payload
from sp4n.regions import provinces, regencies, regency_code_changes
from sp4n.vocabulary import AgencyKind

__all__ = [
    "AFFAIR_KEYS",
    "CATEGORIES",
    "CENTRAL_BODIES",
    "FORMER_CODES",
    "PROVINCE_CODES",
    "REGENCY_CODES",
    "ROUTING_REGIONS",
    "agency_trees",
    "categories",
    "region_codes",
    "routing_submissions",
    "routing_trees",
    "target_ids",
]

CATEGORIES = CompetenceTable.default().categories
"""Every category of the embedded competence table."""
PROVINCE_CODES = tuple(sorted(provinces()))
"""Kemendagri province codes."""
REGENCY_CODES = tuple(sorted(regencies()))
"""Kemendagri regency and city codes."""
FORMER_CODES = tuple(sorted(regency_code_changes()))
"""Regency codes replaced since (the Papua split of 2022)."""

categories = st.sampled_from(CATEGORIES) | st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
"""Known categories, and sometimes a code the table lacks."""


@st.composite
def region_codes(draw: st.DrawFn) -> str:
    """A well-formed Kemendagri code: known or not, at any of the four levels."""
    kind = draw(st.sampled_from(["province", "regency", "district", "village", "former", "any"]))
    if kind == "province":
        return draw(st.sampled_from(PROVINCE_CODES))
    if kind == "former":
        return draw(st.sampled_from(FORMER_CODES))
    if kind == "any":
        ascii_code = r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?"  # \d: any script
        return draw(st.from_regex(ascii_code, fullmatch=True))
    code = draw(st.sampled_from(REGENCY_CODES))
    if kind == "regency":
        return code
    code += f".{draw(st.integers(1, 40)):02d}"
    if kind == "village":
        code += f".{draw(st.integers(1001, 2030)):04d}"
    return code


target_ids = st.none() | st.sampled_from(
    ["nasional", "pln", "kementerian-agama", "prov-16", "kab-16.07", "kota-61.71", "no-such-body"]
)
"""Addressees of a report: none, agencies of the default hierarchy, or an unknown id."""


@st.composite
def routing_submissions(draw: st.DrawFn) -> ComplaintSubmission:
    """A well-formed report with any category, location (or none) and addressee."""
    location = draw(st.none() | region_codes().map(lambda c: {"region_code": c}))
    return validate_payload(
        {
            "type": "COMPLAINT",
            "title": "Laporan",
            "body": "Isi laporan.",
            "category": draw(st.sampled_from(CATEGORIES) | st.just("unknown_topic")),
            "channel": "WEB",
            "location": location,
            "target_agency_id": draw(target_ids),
            "submitted_at": "2024-04-05T09:30:00+07:00",
        }
    )


@st.composite
def agency_trees(draw: st.DrawFn, max_size: int = 12) -> list[Agency]:
    """A valid small hierarchy: a national root and random children, regions nested."""
    agencies = [Agency(id="root", name="Operator", kind=AgencyKind.NATIONAL)]
    size = draw(st.integers(0, max_size))
    for index in range(size):
        parent = draw(st.sampled_from(agencies))
        kind = draw(st.sampled_from([k for k in AgencyKind if k is not AgencyKind.NATIONAL]))
        region = parent.region_code
        if region is None or len(region) < 5:
            region = draw(st.none() | st.sampled_from(REGENCY_CODES[:5] + PROVINCE_CODES[:2]))
            if parent.region_code is not None and (
                region is None or not region.startswith(parent.region_code)
            ):
                region = parent.region_code
        agencies.append(
            Agency(
                id=f"a{index}",
                name=f"Agency {index}",
                kind=kind,
                region_code=region,
                parent_id=parent.id,
                connected=draw(st.booleans()),
            )
        )
    return agencies


AFFAIR_KEYS = tuple(sorted({key for rule in CompetenceTable.default() for key in rule.affair_keys}))
"""Affair keys (*urusan*) of the competence table."""
CENTRAL_BODIES = tuple(sorted(CompetenceTable.default().central_bodies()))
"""Names of the central bodies the competence table routes to."""
ROUTING_REGIONS = ("16", "16.07", "16.07.01", "16.07.02", "16.07.01.2001", "16.08")
"""Region codes around the regency of `routing_trees` (inside, below, beside)."""


@st.composite
def routing_trees(draw: st.DrawFn, max_units: int = 10) -> list[Agency]:
    """A hierarchy with a province, a regency and a central body, and random units below them.

    Units may declare affairs of the competence table, or none (affair-less
    kecamatan, UPT or regional offices), with regions at province, regency or
    district level inside their parent's.
    """
    agencies = [
        Agency(id="root", name="Operator", kind=AgencyKind.NATIONAL),
        Agency(
            id="prov", name="Provinsi", kind=AgencyKind.PROVINCE, region_code="16", parent_id="root"
        ),
        Agency(
            id="kab",
            name="Kabupaten",
            kind=AgencyKind.REGENCY,
            region_code="16.07",
            parent_id="prov",
        ),
        Agency(
            id="body",
            name=draw(st.sampled_from(CENTRAL_BODIES)),
            kind=AgencyKind.MINISTRY,
            parent_id="root",
        ),
    ]
    owners = agencies[1:]
    for index in range(draw(st.integers(0, max_units))):
        parent = draw(st.sampled_from(owners))
        codes = (None, "16", "16.07", "16.07.01", "16.07.02")
        outer = parent.region_code
        inside = [
            code
            for code in codes
            if outer is None or (code is not None and region_covers(outer, code))
        ]
        affairs = draw(
            st.just(()) | st.lists(st.sampled_from(AFFAIR_KEYS), max_size=2, unique=True)
        )
        unit = Agency(
            id=f"u{index}",
            name=f"Unit {index}",
            kind=AgencyKind.UNIT,
            region_code=draw(st.sampled_from(inside)),
            parent_id=parent.id,
            affairs=tuple(affairs),
        )
        agencies.append(unit)
        owners.append(unit)
    return agencies
