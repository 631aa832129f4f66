"""Agency hierarchy and jurisdiction resolution — *hierarki instansi dan kewenangan*.

Rule: standard.md §6. [`AgencyGraph`][sp4n.hierarchy.AgencyGraph] holds the frozen hierarchy (the
embedded Indonesian default or an integrator's own), [`.resolve`][sp4n.hierarchy.resolve] finds the
competent agency for a report with no wrong door, and [`.forwarding`][sp4n.hierarchy.forwarding]
follows the NOT_COMPETENT flow with its hop limit (ROUTE-HOP-LIMIT).

>>> g = AgencyGraph.indonesia()
>>> r = g.resolve_category("primary_school", "73.11")
>>> r.agency.name, r.unit.name
('Pemerintah Kabupaten Barru', 'Dinas Pendidikan Kabupaten Barru')
"""

from sp4n.hierarchy.default import NATIONAL_ID, province_id, regency_id
from sp4n.hierarchy.forwarding import (
    ForwardDecision,
    declined_by,
    dispatch_path,
    hop_count,
    is_ping_pong,
    next_competent,
)
from sp4n.hierarchy.graph import GOVERNMENT_KINDS, AgencyGraph, region_covers
from sp4n.hierarchy.resolve import Basis, Resolution, resolve, resolve_category

__all__ = [
    "GOVERNMENT_KINDS",
    "NATIONAL_ID",
    "AgencyGraph",
    "Basis",
    "ForwardDecision",
    "Resolution",
    "declined_by",
    "dispatch_path",
    "hop_count",
    "is_ping_pong",
    "next_competent",
    "province_id",
    "regency_id",
    "region_covers",
    "resolve",
    "resolve_category",
]
