"""The agency hierarchy — *hierarki instansi* — as a frozen, typed graph.

Rule: standard.md §6 [R]: national operator → ministries, agencies and
provinces → regencies/cities → units; SOEs, universities and missions sit
under their parents. Each node is a frozen [`sp4n.models.Agency`][sp4n.models.Agency]; each
edge goes from a parent to a child (``Agency.parent_id``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from sp4n._errors_util import first_error
from sp4n._files import BOM, csv_table, read_text
from sp4n._guards import CHECKS, boundary
from sp4n.errors import DataError, UnknownAgency
from sp4n.i18n import Message
from sp4n.models import Agency, Complaint, ComplaintSubmission
from sp4n.vocabulary import AgencyKind

if TYPE_CHECKING:
    from sp4n.competence import CompetenceTable
    from sp4n.hierarchy.resolve import Resolution

__all__ = ["GOVERNMENT_KINDS", "AgencyGraph", "region_covers"]

GOVERNMENT_KINDS: Final = frozenset({AgencyKind.PROVINCE, AgencyKind.REGENCY, AgencyKind.CITY})
"""Kinds of regional government (*pemerintah daerah*) that the *where* step picks."""

_CSV_COLUMNS: Final = ("id", "name", "kind", "region_code", "parent_id")
_AGENCIES: Final = TypeAdapter(tuple[Agency, ...])


def region_covers(outer: str, inner: str) -> bool:
    """Whether region ``outer`` contains region ``inner`` (or is the same).

    >>> region_covers("16", "16.07.01"), region_covers("16.07", "16.07"), region_covers("16", "61")
    (True, True, False)
    """
    return inner == outer or inner.startswith(outer + ".")


def _check_acyclic(nodes: Mapping[str, Agency]) -> None:
    """Every parent chain reaches the root; a chain that meets itself is a cycle."""
    reaches_root: set[str] = set()
    for start in nodes:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = start
        while current is not None and current not in reaches_root:
            if current in on_chain:
                cycle = " → ".join([*chain[chain.index(current) :], current])
                raise DataError(
                    Message(
                        "AGENCY-TREE.hierarchy-has-cycle-cycle",
                        "the hierarchy has a cycle: {cycle}",
                        cycle=str(cycle),
                    ),
                    rule="AGENCY-TREE",
                    field="parent_id",
                )
            chain.append(current)
            on_chain.add(current)
            current = nodes[current].parent_id
        reaches_root.update(chain)


def _region_prefixes(code: str) -> tuple[str, ...]:
    parts = code.split(".")
    return tuple(".".join(parts[: i + 1]) for i in range(len(parts)))


class AgencyGraph:
    """A validated, immutable agency hierarchy with typed queries.

    The graph is a ``networkx.DiGraph`` frozen with ``nx.freeze`` once built,
    whose nodes hold frozen [`Agency`][sp4n.models.Agency] objects; it is never
    exposed raw. Build one with [`indonesia`][sp4n.hierarchy.AgencyGraph.indonesia] (the embedded
    default),
    [`from_agencies`][sp4n.hierarchy.AgencyGraph.from_agencies],
    [`from_json`][sp4n.hierarchy.AgencyGraph.from_json],
    [`from_csv`][sp4n.hierarchy.AgencyGraph.from_csv] or
    [`from_file`][sp4n.hierarchy.AgencyGraph.from_file], or derive one with
    [`with_agencies`][sp4n.hierarchy.AgencyGraph.with_agencies] /
    [`with_connected`][sp4n.hierarchy.AgencyGraph.with_connected].

    Raises:
        DataError: when building, for a duplicate id, an orphan (its parent id
            is not in the graph), a cycle, no or several ``NATIONAL`` roots,
            or a child whose region is outside its parent's (rule AGENCY-TREE).

    >>> g = AgencyGraph.indonesia()
    >>> g.get("kab-16.07").name
    'Pemerintah Kabupaten Banyuasin'
    >>> g.parent("kab-16.07").id, g.province_of("kab-16.07.dinas-pendidikan").name
    ('prov-16', 'Pemerintah Provinsi Sumatera Selatan')
    >>> g.resolve_category("regency_road", "16.07").unit.id
    'kab-16.07.dinas-pupr'
    """

    __slots__ = (
        "_administered",
        "_by_name",
        "_by_region",
        "_competence",
        "_governments",
        "_graph",
        "_national",
        "_nodes",
        "_unit_children",
        "_units",
    )

    def __init__(
        self, agencies: Iterable[Agency], *, competence: CompetenceTable | None = None
    ) -> None:
        nodes: dict[str, Agency] = {}
        for agency in agencies:
            if agency.id in nodes:
                raise DataError(
                    Message(
                        "AGENCY-TREE.duplicate-agency-id-id",
                        "duplicate agency id {id}",
                        id=repr(agency.id),
                    ),
                    rule="AGENCY-TREE",
                    field="id",
                )
            nodes[agency.id] = agency
        roots = [a.id for a in nodes.values() if a.kind is AgencyKind.NATIONAL]
        if len(roots) != 1:
            raise DataError(
                Message(
                    "AGENCY-TREE.hierarchy-has-exactly-one",
                    "a hierarchy has exactly one NATIONAL operator, found {count_roots}",
                    count_roots=str(len(roots)),
                ),
                rule="AGENCY-TREE",
                field="kind",
            )
        edges = []
        for agency in nodes.values():
            if agency.parent_id is None:
                continue
            parent = nodes.get(agency.parent_id)
            if parent is None:
                raise DataError(
                    Message(
                        "AGENCY-TREE.agency-id-has-parent",
                        "agency {id} has parent {parent_id}, not in the hierarchy",
                        id=repr(agency.id),
                        parent_id=repr(agency.parent_id),
                    ),
                    rule="AGENCY-TREE",
                    field="parent_id",
                )
            if (
                parent.region_code is not None
                and agency.region_code is not None
                and not region_covers(parent.region_code, agency.region_code)
            ):
                raise DataError(
                    Message(
                        "AGENCY-TREE.agency-id-region-region",
                        "agency {id} (region {region_code}) is outside the region of its parent "
                        "{id2} ({region_code2})",
                        id=repr(agency.id),
                        region_code=str(agency.region_code),
                        id2=repr(parent.id),
                        region_code2=str(parent.region_code),
                    ),
                    rule="AGENCY-TREE",
                    field="region_code",
                )
            edges.append((parent.id, agency.id))
        _check_acyclic(nodes)
        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from((a.id, {"agency": a}) for a in nodes.values())
        graph.add_edges_from(edges)
        self._graph: nx.DiGraph[str] = nx.freeze(graph)
        self._nodes: Mapping[str, Agency] = MappingProxyType(nodes)
        self._national = roots[0]
        self._competence = competence
        self._index()

    def _index(self) -> None:
        by_region: dict[str, list[str]] = {}
        by_name: dict[str, list[str]] = {}
        governments: dict[str, str] = {}
        administered: dict[str, str] = {}
        unit_children: dict[str, list[str]] = {}
        for agency in self._nodes.values():
            by_name.setdefault(agency.name, []).append(agency.id)
            if agency.region_code is not None:
                by_region.setdefault(agency.region_code, []).append(agency.id)
                if agency.kind in GOVERNMENT_KINDS:
                    governments.setdefault(agency.region_code, agency.id)
                if agency.kind is AgencyKind.ADMINISTRATIVE_AREA:
                    administered.setdefault(agency.region_code, agency.id)
            # A regional SOE that declares affairs (a PDAM) is found like a unit of its owner.
            if agency.parent_id is not None and (
                agency.kind is AgencyKind.UNIT
                or (agency.kind is AgencyKind.REGIONAL_SOE and agency.affairs)
            ):
                unit_children.setdefault(agency.parent_id, []).append(agency.id)
        self._by_region = MappingProxyType({k: tuple(sorted(v)) for k, v in by_region.items()})
        self._by_name = MappingProxyType({k: tuple(sorted(v)) for k, v in by_name.items()})
        self._governments = MappingProxyType(governments)
        self._administered = MappingProxyType(administered)
        # Units under an owner are found lazily (and remembered): listing them eagerly for
        # every ancestor made a deep chain of units quadratic to load (issue #11).
        self._unit_children = MappingProxyType({k: tuple(v) for k, v in unit_children.items()})
        self._units: dict[tuple[str, str], tuple[str, ...]] = {}

    # --- construction ------------------------------------------------------------------

    @classmethod
    def indonesia(cls) -> AgencyGraph:
        """The embedded Indonesian default (cached): see `sp4n.hierarchy.default`."""
        from sp4n.hierarchy.default import indonesia  # noqa: PLC0415 - default imports graph

        return indonesia()

    @classmethod
    def from_agencies(
        cls, agencies: Iterable[Agency], *, competence: CompetenceTable | None = None
    ) -> AgencyGraph:
        """A graph of the given agencies (validated as described in the class)."""
        return cls(agencies, competence=competence)

    @classmethod
    @boundary(text=CHECKS["json_text"])
    def from_json(cls, text: str | bytes) -> AgencyGraph:
        """A graph from a JSON array of agencies (the fields of [`Agency`][sp4n.models.Agency]).

        Raises:
            DataError: not JSON, an invalid agency, or an invalid tree.
        """
        if isinstance(text, str):
            text = text.removeprefix(BOM)  # spreadsheet exports start with one
        elif text.startswith(BOM.encode("utf-8")):
            text = text[len(BOM.encode("utf-8")) :]
        try:
            agencies = _AGENCIES.validate_json(text)
        except ValidationError as exc:
            where, problem = first_error(exc)
            raise DataError(
                Message(
                    "AGENCY-TREE.invalid-agency-list-value",
                    "invalid agency list at {value}: {problem}",
                    value=str(where or "top level"),
                    problem=str(problem),
                ),
                rule="AGENCY-TREE",
                field=where or None,
            ) from None
        return cls(agencies)

    @classmethod
    @boundary
    def from_csv(cls, text: str) -> AgencyGraph:
        """A graph from CSV text.

        Columns: ``id,name,kind,region_code,parent_id`` and optionally
        ``connected`` (``true``/``false``), ``time_zone``, ``affairs``
        (``;``-separated), ``valid_from`` and ``valid_until`` (``YYYY-MM-DD``).
        Empty cells mean "none".

        Read by the shared reader (`sp4n._files`): a leading byte-order
        mark is skipped; a field longer than the ``csv`` module's limit or a
        malformed row is refused with its line (rule INPUT-CSV).

        Raises:
            DataError: a missing column or an invalid row (with its line number).
        """
        header, rows = csv_table(text, source="agency CSV")
        missing = [c for c in _CSV_COLUMNS if c not in header]
        if missing:
            raise DataError(
                Message(
                    "AGENCY-TREE.agency-csv-lacks-columns",
                    "agency CSV lacks columns {missing}",
                    missing=str(missing),
                ),
                rule="AGENCY-TREE",
            )
        agencies = []
        for line, row in rows:
            record = {k: v.strip() for k, v in row.items()}
            data = {
                "id": record["id"],
                "name": record["name"],
                "kind": record["kind"],
                "region_code": record["region_code"] or None,
                "parent_id": record["parent_id"] or None,
                "connected": record.get("connected", "").lower() in {"true", "1", "yes"},
                "time_zone": record.get("time_zone") or None,
                "affairs": [a.strip() for a in record.get("affairs", "").split(";") if a.strip()],
                "valid_from": record.get("valid_from") or None,
                "valid_until": record.get("valid_until") or None,
            }
            try:
                agencies.append(Agency.model_validate_json(json.dumps(data)))
            except ValidationError as exc:
                field, problem = first_error(exc)
                raise DataError(
                    Message(
                        "AGENCY-TREE.agency-csv-line-line",
                        "agency CSV line {line}: {field}: {problem}",
                        line=str(line),
                        field=str(field),
                        problem=str(problem),
                    ),
                    rule="AGENCY-TREE",
                    field=field,
                ) from None
        return cls(agencies)

    @classmethod
    def from_file(cls, path: str | Path) -> AgencyGraph:
        """A graph from a ``.json`` or ``.csv`` file (by its suffix), read as UTF-8.

        Raises:
            DataError: the file cannot be read (INPUT-FILE), is not UTF-8
                (INPUT-ENCODING; a leading byte-order mark is fine), or holds
                an invalid tree.
        """
        file = Path(path)
        text = read_text(file)
        if file.suffix.lower() == ".csv":
            return cls.from_csv(text)
        return cls.from_json(text)

    def with_agencies(self, agencies: Iterable[Agency]) -> AgencyGraph:
        """A new graph with ``agencies`` added (e.g. units, regional offices, BUMD).

        Raises:
            DataError: an added id already exists, or the result is not a valid tree.

        >>> from sp4n.models import Agency
        >>> from sp4n.vocabulary import AgencyKind
        >>> office = Agency(id="kanwil-kemenag-16", name="Kanwil Kemenag Sumatera Selatan",
        ...                 kind=AgencyKind.UNIT, region_code="16", parent_id="kementerian-agama")
        >>> g = AgencyGraph.indonesia().with_agencies([office])
        >>> g.resolve_category("religious_affairs", "16.07").unit.id
        'kanwil-kemenag-16'
        """
        return AgencyGraph((*self._nodes.values(), *agencies), competence=self._competence)

    @boundary
    def with_connected(
        self, flags: Mapping[str, bool], *, default: bool | None = None
    ) -> AgencyGraph:
        """A copy whose agencies have the given ``connected`` (*terhubung*) flags.

        Args:
            flags: Agency id → connected; ids not in the graph raise.
            default: The flag for agencies not in ``flags``; ``None`` keeps theirs.

        Raises:
            UnknownAgency: an id of ``flags`` is not in the graph.
        """
        unknown = sorted(set(flags) - set(self._nodes))
        if unknown:
            raise UnknownAgency(
                Message(
                    "AGENCY-TREE.unknown-agency-ids-join",
                    "unknown agency ids: {join}",
                    join=str(", ".join(unknown[:5])),
                ),
                rule="AGENCY-TREE",
                field="id",
            )
        updated = []
        for agency in self._nodes.values():
            value = flags.get(agency.id, agency.connected if default is None else default)
            updated.append(
                agency
                if value == agency.connected
                else agency.model_copy(update={"connected": value})
            )
        return AgencyGraph(updated, competence=self._competence)

    # --- typed queries -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self._nodes

    def __repr__(self) -> str:
        return f"AgencyGraph({len(self)} agencies)"

    @property
    def national(self) -> Agency:
        """The national operator (*pengelola nasional*), root of the hierarchy."""
        return self._nodes[self._national]

    @property
    def competence(self) -> CompetenceTable:
        """The competence table used by `resolve` (the embedded one by default)."""
        if self._competence is None:
            from sp4n.competence import CompetenceTable  # noqa: PLC0415 - lazy, cached

            return CompetenceTable.default()
        return self._competence

    def with_competence(self, competence: CompetenceTable) -> AgencyGraph:
        """A copy that resolves with another competence table."""
        return AgencyGraph(self._nodes.values(), competence=competence)

    def agencies(self, *, kind: AgencyKind | None = None) -> Iterator[Agency]:
        """Every agency (of ``kind``, if given), in insertion order."""
        for agency in self._nodes.values():
            if kind is None or agency.kind is kind:
                yield agency

    @boundary
    def get(self, agency_id: str) -> Agency:
        """The agency with ``agency_id``.

        Raises:
            UnknownAgency: no such id.
        """
        try:
            return self._nodes[agency_id]
        except KeyError:
            raise UnknownAgency(
                Message(
                    "AGENCY-TREE.unknown-agency-agency-id",
                    "unknown agency {agency_id}",
                    agency_id=repr(agency_id),
                ),
                rule="AGENCY-TREE",
                field="agency_id",
            ) from None

    @boundary
    def find(self, agency_id: str) -> Agency | None:
        """The agency with ``agency_id``, or ``None``."""
        return self._nodes.get(agency_id)

    @boundary
    def parent(self, agency_id: str) -> Agency | None:
        """The parent of an agency (``None`` for the national operator)."""
        agency = self.get(agency_id)
        return None if agency.parent_id is None else self._nodes[agency.parent_id]

    @boundary
    def children(self, agency_id: str) -> tuple[Agency, ...]:
        """The direct children of an agency, sorted by id."""
        self.get(agency_id)
        return tuple(self._nodes[c] for c in sorted(self._graph.successors(agency_id)))

    @boundary
    def ancestors(self, agency_id: str) -> tuple[Agency, ...]:
        """The ancestors of an agency, nearest first, ending with the national operator."""
        chain = []
        current = self.get(agency_id).parent_id
        while current is not None:
            agency = self._nodes[current]
            chain.append(agency)
            current = agency.parent_id
        return tuple(chain)

    @boundary
    def descendants(self, agency_id: str) -> tuple[Agency, ...]:
        """Every agency below ``agency_id``, sorted by id."""
        self.get(agency_id)
        return tuple(self._nodes[d] for d in sorted(nx.descendants(self._graph, agency_id)))

    @boundary(ancestor_id=CHECKS["agency_id"])
    def is_ancestor(self, ancestor_id: str, agency_id: str) -> bool:
        """Whether ``ancestor_id`` is a (strict) ancestor of ``agency_id``."""
        self.get(ancestor_id)
        return any(a.id == ancestor_id for a in self.ancestors(agency_id))

    @boundary
    def owner_of(self, agency_id: str) -> Agency:
        """The organisation a unit belongs to: the first ancestor-or-self that is not a ``UNIT``.

        A unit (*unit kerja*, OPD, regional office) acts for its owner; the
        owner of any other agency is itself. Forwarding compares owners, so a
        report moved between a government and its own units is one place.

        >>> g = AgencyGraph.indonesia()
        >>> g.owner_of("kab-16.07.dinas-pupr").id, g.owner_of("prov-16").id
        ('kab-16.07', 'prov-16')
        """
        agency = self.get(agency_id)
        while agency.kind is AgencyKind.UNIT and agency.parent_id is not None:
            agency = self._nodes[agency.parent_id]
        return agency

    @boundary
    def organisation_chain(self, agency_id: str) -> tuple[Agency, ...]:
        """An agency and the units above it, up to and including its owner (`owner_of`).

        These are the agencies whose refusal covers ``agency_id``: a unit is
        inside its owner, but a regency is not inside its province's
        organisation (it is an autonomous government).

        >>> [a.id for a in AgencyGraph.indonesia().organisation_chain("kab-16.07.dinas-pupr")]
        ['kab-16.07.dinas-pupr', 'kab-16.07']
        """
        agency = self.get(agency_id)
        chain = [agency]
        while agency.kind is AgencyKind.UNIT and agency.parent_id is not None:
            agency = self._nodes[agency.parent_id]
            chain.append(agency)
        return tuple(chain)

    @boundary
    def province_of(self, agency_id: str) -> Agency | None:
        """The provincial government over an agency (itself if a province), else ``None``."""
        agency = self.get(agency_id)
        if agency.kind is AgencyKind.PROVINCE:
            return agency
        if agency.region_code is not None:
            found = self.government(agency.region_code[:2])
            if found is not None:
                return found
        return next((a for a in self.ancestors(agency_id) if a.kind is AgencyKind.PROVINCE), None)

    @boundary
    def government(self, region_code: str) -> Agency | None:
        """The regional government (province, regency or city) of exactly ``region_code``."""
        found = self._governments.get(region_code)
        return None if found is None else self._nodes[found]

    def administrative_area(self, region_code: str) -> Agency | None:
        """The administrative area (DKI's *kota/kabupaten administrasi*) of exactly ``region_code``.

        Rule ROUTE-DKI-ADMIN: such an area is governed by its parent, the province.

        >>> g = AgencyGraph.indonesia()
        >>> g.administrative_area("31.74").name, g.administrative_area("16.07")
        ('Kota Administrasi Jakarta Selatan', None)
        """
        found = self._administered.get(region_code)
        return None if found is None else self._nodes[found]

    def administers(self, agency_id: str) -> bool:
        """Whether a government has administrative areas (it runs their regency/city affairs)."""
        return any(self._nodes[a].parent_id == agency_id for a in self._administered.values())

    @boundary
    def covering(self, region_code: str) -> tuple[Agency, ...]:
        """Agencies whose region covers ``region_code``, widest region first.

        Only agencies with a region code are listed: the national operator and
        central bodies cover the whole country and are left out.
        """
        return tuple(
            self._nodes[agency_id]
            for prefix in _region_prefixes(region_code)
            for agency_id in self._by_region.get(prefix, ())
        )

    @boundary(name=CHECKS["text"])
    def named(self, name: str, *, on: date | None = None) -> tuple[Agency, ...]:
        """Agencies whose name is exactly ``name`` (how competence rows name central bodies).

        With ``on``, only those that existed on that day (rule ROUTE-BY-DATE).
        """
        found = (self._nodes[i] for i in self._by_name.get(name, ()))
        return tuple(a for a in found if on is None or a.in_force_on(on))

    @boundary
    def search(
        self,
        *,
        text: str | None = None,
        kind: AgencyKind | None = None,
        region_code: str | None = None,
    ) -> tuple[Agency, ...]:
        """Agencies matching all given filters.

        Args:
            text: Case-insensitive substring of the name or the id.
            kind: Agency kind.
            region_code: Agencies inside this region (their region is covered by it).
        """
        needle = text.casefold() if text else None
        return tuple(
            agency
            for agency in self.agencies(kind=kind)
            if (needle is None or needle in agency.name.casefold() or needle in agency.id)
            and (
                region_code is None
                or (
                    agency.region_code is not None
                    and region_covers(region_code, agency.region_code)
                )
            )
        )

    def units_for(self, owner_id: str, affair_key: str) -> tuple[str, ...]:
        """Ids of the units under ``owner_id`` that declare ``affair_key`` (``*``: no affairs).

        A lookup index for [`sp4n.hierarchy.resolve`][sp4n.hierarchy.resolve]; units are found
        through chains of ``UNIT`` children, so a province never lists the
        units of its regencies.
        """
        found = self._units.get((owner_id, affair_key))
        if found is None:
            ids, stack = [], list(self._unit_children.get(owner_id, ()))
            while stack:  # depth-first through chains of UNIT children, no recursion
                unit = self._nodes[stack.pop()]
                keys = unit.affairs or (("*",) if unit.region_code is not None else ())
                if affair_key in keys:
                    ids.append(unit.id)
                if unit.kind is AgencyKind.UNIT:  # a regional SOE's own units are not its owner's
                    stack.extend(self._unit_children.get(unit.id, ()))
            found = self._units[(owner_id, affair_key)] = tuple(sorted(ids))
        return found

    # --- resolution ----------------------------------------------------------------------

    @boundary(complaint=CHECKS["submission"])
    def resolve(self, complaint: ComplaintSubmission | Complaint) -> Resolution:
        """The competent agency for a report: see `sp4n.hierarchy.resolve.resolve`."""
        from sp4n.hierarchy.resolve import resolve  # noqa: PLC0415 - resolve imports graph

        return resolve(self, complaint)

    def resolve_category(
        self,
        category: str,
        region_code: str | None = None,
        target_agency_id: str | None = None,
        *,
        on: date | None = None,
    ) -> Resolution:
        """The competent agency for a category and a region: see `sp4n.hierarchy.resolve`."""
        from sp4n.hierarchy.resolve import resolve_category  # noqa: PLC0415 - see resolve

        return resolve_category(self, category, region_code, target_agency_id, on=on)
