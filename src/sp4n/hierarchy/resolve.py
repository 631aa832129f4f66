"""Jurisdiction resolution — *penentuan kewenangan* — with no wrong door.

Rule: standard.md §6 [R] "no wrong door" and [D] jurisdiction resolution:
competence is *what* × *where*. The category gives the competence row
(affair and level, ``competence.csv``); the region code picks the body of that
level covering it:

| level | competent agency |
|---|---|
| regency_city | the regency/city government covering the region |
| province | the provincial government covering the region |
| central, soe | the central body named by the row (``Agency.name``), wherever |
| village | the regency/city covering the region, which supervises villages (first fallback) |

In DKI Jakarta (rule ROUTE-DKI-ADMIN, UU 29/2007 Pasal 9(1)) the regency/city
and village levels go to the province, which governs its administrative
cities; the unit is then the *Suku Dinas* of the area (basis ``ADMINISTERED``).
A category's competence row and a central body are those in force on the
report's submission day (rule ROUTE-BY-DATE): a 2023 hajj complaint goes to
Kemenag, a 2026 one to Kementerian Haji dan Umrah.

Inside the competent agency, the *unit* is the unit whose ``affairs`` include
the row's affair and whose region covers the report's. Under a regional
government the affair match ranks first (``urusan > sub_urusan`` beats
``urusan``), then the narrower region, then the smaller id; a unit with no
declared affairs (a kecamatan, a UPT) is never chosen there. A regional water
company (``REGIONAL_SOE`` declaring *Air Minum*) is chosen like a unit and
wins by its sub-affair match; the best unit (the Dinas) follows it in the
fallback chain (rule ROUTE-DRINKING-WATER). Under a central
body, a unit with a region and no declared affairs is a regional office
(Kanwil, KPP, UP3…) and is chosen by region first. A province that only
coordinates (PROVINCE_COORDINATOR) gets no unit: its Dinas of the same affair
has a provincial remit, and the province forwards to the regency/city.

A well-formed report never makes resolution raise. Decisions [D] where the
input is incomplete, each stated in `Resolution.reason`:

* addressed to the wrong agency → the competent one, flagged ``misaddressed``;
* no location, or a malformed region code (``"16.7"``, ``"1607"``, ``""``;
  surrounding spaces are ignored) → the region of the addressed agency, if it
  has one; else, for a regional level, the national operator (its admin must
  find the place);
* a region code naming only a province (or an unknown regency in a known
  province) for a regency/city or village row → the province, which
  coordinates its regencies and cities (standard.md §6 [R]) and forwards;
* a former regency code (Kalimantan Utara 2012, Papua 2022) → its current
  code (rule ROUTE-FORMER-CODE: a NIK or an old address keeps it);
* an unknown region (no known province) → the national operator;
* an unknown category, or a central body missing from the hierarchy → the
  national operator.

The fallback chain is the unit, then its ancestors up to the national
operator (unit → regional government → province → national admin);
[`Resolution.dispatch_to`][sp4n.hierarchy.Resolution.dispatch_to] is its first ``connected`` agency.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from sp4n._guards import CHECKS, boundary
from sp4n.competence import CompetenceRule, Level
from sp4n.errors import DataError
from sp4n.hierarchy.graph import GOVERNMENT_KINDS, AgencyGraph, region_covers
from sp4n.i18n import Lang, Message
from sp4n.models import Agency, Complaint, ComplaintSubmission
from sp4n.regions import is_region_code, regency_code_changes
from sp4n.vocabulary import AgencyKind

__all__ = ["Basis", "Resolution", "resolve", "resolve_category"]

_WIB: Final = ZoneInfo("Asia/Jakarta")
"""The submission day is taken in WIB, as the rulebook's (standard.md intro)."""
_REGENCY_KINDS: Final = frozenset({AgencyKind.REGENCY, AgencyKind.CITY})


class Basis(StrEnum):
    """How the competent agency was found — *dasar penentuan*."""

    COMPETENT = "COMPETENT"
    """The competence row and the region gave the agency directly."""
    VILLAGE_SUPERVISOR = "VILLAGE_SUPERVISOR"
    """A village row: the regency/city over the village, its first fallback."""
    PROVINCE_COORDINATOR = "PROVINCE_COORDINATOR"
    """A regency/city or village row with only a province known: the province coordinates."""
    ADMINISTERED = "ADMINISTERED"
    """A regency/city or village row in an administrative area (DKI): the province governs it."""
    NO_LOCATION = "NO_LOCATION"
    """A regional row with no usable location: the national operator decides."""
    UNKNOWN_REGION = "UNKNOWN_REGION"
    """A region code outside the hierarchy: the national operator decides."""
    UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY"
    """A category not in the competence table: the national operator decides."""
    BODY_NOT_IN_HIERARCHY = "BODY_NOT_IN_HIERARCHY"
    """The row's central body is not in this hierarchy: the national operator decides."""


_DECIDED: Final = frozenset(
    {Basis.COMPETENT, Basis.VILLAGE_SUPERVISOR, Basis.PROVINCE_COORDINATOR, Basis.ADMINISTERED}
)
_UNIT_STEP: Final = frozenset({Basis.COMPETENT, Basis.VILLAGE_SUPERVISOR, Basis.ADMINISTERED})
"""Bases whose agency has the row's remit, so a unit inside it is looked for.

A coordinating province (PROVINCE_COORDINATOR) forwards a regency matter: its
own Dinas of the same affair has a different (provincial) remit.
"""

_SEATS: Final[Mapping[Level, tuple[frozenset[AgencyKind], Basis]]] = MappingProxyType(
    {
        Level.PROVINCE: (frozenset({AgencyKind.PROVINCE}), Basis.COMPETENT),
        Level.REGENCY_CITY: (_REGENCY_KINDS, Basis.COMPETENT),
        Level.VILLAGE: (_REGENCY_KINDS, Basis.VILLAGE_SUPERVISOR),
    }
)
"""Regional level of a competence row → (kinds of the government competent, basis).

Villages are not in the hierarchy: the regency/city over them supervises them.
"""

_SEAT_NOTES: Final[Mapping[tuple[Basis, bool], str]] = MappingProxyType(
    {
        (Basis.COMPETENT, True): "ui.route.seat-is",
        (Basis.COMPETENT, False): "ui.route.seat-in",
        (Basis.VILLAGE_SUPERVISOR, True): "ui.route.village",
        (Basis.VILLAGE_SUPERVISOR, False): "ui.route.village",
    }
)
"""The reason of a seat found for a regional row, by (basis, region equals the seat's)."""

_SEAT_MESSAGES: Final = (
    Message(
        "ui.route.coordinator-province",
        "{what} but region {region} names only a province: {province} "
        "coordinates its regencies and cities and forwards",
    ),
    Message(
        "ui.route.coordinator-regency",
        "{what} but region {region} has no known regency/city: {province} "
        "coordinates its regencies and cities and forwards",
    ),
    Message("ui.route.seat-is", "{what}: region {region} is {agency}"),
    Message("ui.route.seat-in", "{what}: region {region} is in {agency}"),
    Message(
        "ui.route.village",
        "{what}: villages are not in the hierarchy, so {agency}, "
        "which supervises them, is the first fallback",
    ),
)


@attrs.frozen
class Resolution:
    """The outcome of jurisdiction resolution, with its reason.

    Attributes:
        category: The category asked about.
        region_code: The region code given (``None`` if none).
        effective_region: The region code used (after the fallbacks), if any.
        agency: The competent agency (the national operator when undecidable).
        unit: The unit (or regional office) inside ``agency`` that handles it.
        rule: The competence row that matched (``None`` for an unknown category).
        basis: How the agency was found.
        target_id: The agency the report was addressed to, if any.
        misaddressed: Whether it was addressed to an agency other than
            ``agency`` or ``unit`` (it is then forwarded, never bounced).
        reason: Why, for a person (English); `reason_text` gives it in
            either language.
        fallback: Unit → regional government → province → national operator
            (the ancestors of the most specific agency, nearest first).
    """

    category: str
    region_code: str | None
    effective_region: str | None
    agency: Agency
    unit: Agency | None
    rule: CompetenceRule | None
    basis: Basis
    target_id: str | None
    misaddressed: bool
    reason: str
    fallback: tuple[Agency, ...]
    reasons: tuple[Message, ...] = ()
    """The reason as catalogue messages, one per step (rule id and parameters kept)."""

    def reason_text(self, lang: Lang = "en") -> str:
        """The reason in ``lang``: one sentence per step (``reason`` is the English).

        >>> from sp4n.hierarchy import AgencyGraph
        >>> r = AgencyGraph.indonesia().resolve_category("senior_secondary_school", "73.11")
        >>> print(r.reason_text("id"))  # doctest: +NORMALIZE_WHITESPACE
        Kategori senior_secondary_school (Sekolah Menengah Atas) adalah urusan tingkat
        province (Pendidikan > Manajemen Pendidikan): wilayah 73.11 berada dalam Pemerintah
        Provinsi Sulawesi Selatan. Unit Dinas Pendidikan Provinsi Sulawesi Selatan
        menangani Pendidikan.
        >>> r.reasons[0].msgid, r.reason_text("en") == r.reason
        ('ui.route.seat-in', True)
        """
        return _sentence([note.text(lang) for note in self.reasons]) or self.reason

    @property
    def level(self) -> Level | None:
        """The competent level of the matched row."""
        return None if self.rule is None else self.rule.level

    @property
    def handler(self) -> Agency:
        """The most specific competent agency: the unit if any, else the agency."""
        return self.unit or self.agency

    @property
    def dispatch_to(self) -> Agency:
        """The first ``connected`` agency of the fallback chain (the operator at the end).

        Rule: competence.md rule 6, standard.md §6 [D]: when no agency of the
        computed level is connected, go up the chain to the national admin.
        """
        return next((a for a in self.fallback if a.connected), self.fallback[-1])

    @property
    def is_decided(self) -> bool:
        """Whether a competent body was found (not left to the national operator)."""
        return self.basis in _DECIDED


@boundary(complaint=CHECKS["submission"])
def resolve(graph: AgencyGraph, complaint: ComplaintSubmission | Complaint) -> Resolution:
    """The competent agency for a report (its category, location and addressee).

    The rows and bodies are those in force on the submission day (local date
    in WIB, as the rulebook is chosen; rule ROUTE-BY-DATE).

    >>> from sp4n.hierarchy import AgencyGraph
    >>> from sp4n.models import ComplaintSubmission
    >>> sub = ComplaintSubmission.model_validate_json('''{"type": "COMPLAINT",
    ...   "title": "Jalan rusak", "body": "Berlubang.", "category": "regency_road",
    ...   "channel": "WEB", "location": {"region_code": "16.07"},
    ...   "target_agency_id": "pln", "submitted_at": "2024-04-05T09:30:00+07:00"}''')
    >>> r = AgencyGraph.indonesia().resolve(sub)
    >>> r.agency.id, r.misaddressed
    ('kab-16.07', True)
    >>> print(r.reason)  # doctest: +NORMALIZE_WHITESPACE
    Misaddressed: PT PLN (Persero) is not competent for regency_road, forwarded to
    Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Banyuasin. Category regency_road
    (Jalan Kabupaten/Kota) is a regency_city matter (Pekerjaan Umum dan Penataan Ruang
    > Jalan): region 16.07 is Pemerintah Kabupaten Banyuasin. Unit Dinas Pekerjaan
    Umum dan Penataan Ruang Kabupaten Banyuasin handles Pekerjaan Umum dan Penataan Ruang.
    """
    region = None if complaint.location is None else complaint.location.region_code
    day = complaint.submitted_at.astimezone(_WIB).date()
    return resolve_category(graph, complaint.category, region, complaint.target_agency_id, on=day)


def resolve_category(
    graph: AgencyGraph,
    category: str,
    region_code: str | None = None,
    target_agency_id: str | None = None,
    *,
    on: date | None = None,
) -> Resolution:
    """The competent agency for ``category`` at ``region_code``, addressed to a target.

    Never raises for a well-formed report: unknown categories, regions and
    targets resolve to the best agency known, with the reason. ``on`` is the
    day whose competence rows and bodies apply (default: today's rows).

    Raises:
        DataError: ``category``, ``region_code`` or ``target_agency_id`` is
            not a string (``None`` allowed for the last two): such a report
            is not well-formed.

    >>> from sp4n.hierarchy import AgencyGraph
    >>> g = AgencyGraph.indonesia()
    >>> g.resolve_category("senior_secondary_school", "73.11").agency.name
    'Pemerintah Provinsi Sulawesi Selatan'
    >>> g.resolve_category("electricity", "61.71").agency.id
    'pln'
    >>> r = g.resolve_category("regency_road", "16")
    >>> r.agency.id, r.basis
    ('prov-16', <Basis.PROVINCE_COORDINATOR: 'PROVINCE_COORDINATOR'>)
    >>> [a.id for a in g.resolve_category("primary_school", "76.01").fallback]
    ['kab-76.01.dinas-pendidikan', 'kab-76.01', 'prov-76', 'nasional']
    >>> g.resolve_category("primary_school", "31.71").unit.name
    'Suku Dinas Pendidikan Kota Administrasi Jakarta Pusat'
    >>> [a.id for a in g.resolve_category("drinking_water", "16.07").fallback][:2]
    ['kab-16.07.pdam', 'kab-16.07.dinas-pupr']
    """
    _check_types(category, region_code, target_agency_id)
    notes: list[Message] = []
    target = None
    if target_agency_id is not None:
        target = graph.find(target_agency_id)
        if target is None:
            notes.append(
                Message(
                    "ui.route.unknown-target",
                    "addressed agency {target} is not in the hierarchy",
                    target=repr(target_agency_id),
                )
            )
    region = _usable_code(region_code, notes)
    if region is None and target is not None and target.region_code is not None:
        region = target.region_code
        notes.append(
            Message(
                "ui.route.target-region",
                "no usable location given: used region {region} of the addressed agency",
                region=region,
            )
        )
    if region is not None:
        region = _current_code(region, notes)

    rule = graph.competence.find(category, on=on)
    if rule is None:
        agency, basis = graph.national, Basis.UNKNOWN_CATEGORY
        notes.append(
            Message(
                "ui.route.unknown-category",
                "category {category} is not in the competence table: the national admin decides",
                category=repr(category)[:80],
            )
        )
    elif rule.level.is_national_body:
        agency, basis = _central(graph, rule, notes, on)
    else:
        agency, basis = _regional(graph, rule, region, region_code, notes)
    unit = None
    backup: tuple[Agency, ...] = ()
    if rule is not None and basis in _UNIT_STEP:
        unit = _unit(graph, agency, rule, region)
        if unit is not None:
            notes.append(
                Message(
                    "ui.route.unit",
                    "unit {unit} handles {affair}",
                    unit=unit.name,
                    affair=_matched_affair(unit, rule),
                )
            )
        if unit is not None and unit.kind is AgencyKind.REGIONAL_SOE:
            # ROUTE-DRINKING-WATER: the operator first, the government's Dinas as fallback.
            dinas = _unit(graph, agency, rule, region, units_only=True)
            if dinas is not None:
                backup = (dinas,)
                notes.append(
                    Message("ui.route.backup", "{agency} is the fallback", agency=dinas.name)
                )
    handler = unit or agency
    misaddressed = target is not None and target.id not in {agency.id, handler.id}
    if misaddressed and target is not None:
        notes.insert(
            0,
            Message(
                "ui.route.misaddressed",
                "misaddressed: {target} is not competent for {category}, forwarded to {handler}",
                target=target.name,
                category=category,
                handler=handler.name,
            ),
        )
    return Resolution(
        category=category,
        region_code=region_code,
        effective_region=region,
        agency=agency,
        unit=unit,
        rule=rule,
        basis=basis,
        target_id=target_agency_id,
        misaddressed=misaddressed,
        reason=_sentence([str(note) for note in notes]),
        reasons=tuple(notes),
        fallback=(handler, *backup, *graph.ancestors((backup or (handler,))[0].id)),
    )


def _sentence(notes: list[str]) -> str:
    return " ".join(f"{note[0].upper()}{note[1:]}." for note in notes)


def _check_types(category: object, region_code: object, target_agency_id: object) -> None:
    """A report whose fields are not text is not well-formed: say so, never a TypeError."""
    for field, value, optional in (
        ("category", category, False),
        ("location.region_code", region_code, True),
        ("target_agency_id", target_agency_id, True),
    ):
        if not isinstance(value, str) and not (optional and value is None):
            raise DataError(
                Message(
                    "JURISDICTION.field-string-type",
                    "{field} must be a string, not {type}",
                    field=str(field),
                    type=str(type(value).__name__),
                ),
                rule="JURISDICTION",
                field=field,
            )


def _usable_code(region_code: str | None, notes: list[Message]) -> str | None:
    """The region code stripped of surrounding spaces if well-formed, else ``None`` (noted)."""
    if region_code is None:
        return None
    code = region_code.strip()
    if not is_region_code(code):
        notes.append(
            Message(
                "ui.route.bad-region",
                "{region} is not a region code",
                region=repr(region_code)[:40],
            )
        )
        return None
    return code


def _current_code(region: str, notes: list[Message]) -> str:
    regency = region[:5]
    new = regency_code_changes().get(regency) if len(region) >= 5 else None
    if new is None:
        return region
    notes.append(
        Message(
            "ROUTE-FORMER-CODE.now",
            "former regency code {regency} is now {new}",
            regency=regency,
            new=new,
        )
    )
    return new  # district codes were renumbered too: keep the regency only


def _describe(rule: CompetenceRule) -> Message:
    affair = rule.urusan + (f" > {rule.sub_urusan}" if rule.sub_urusan else "")
    return Message(
        "ui.route.row",
        "category {category} ({label}) is a {level} matter ({affair})",
        category=rule.category,
        label=rule.label_id,
        level=str(rule.level),
        affair=affair,
    )


def _central(
    graph: AgencyGraph, rule: CompetenceRule, notes: list[Message], on: date | None
) -> tuple[Agency, Basis]:
    found = graph.named(rule.central_body or "", on=on) or graph.named(rule.central_body or "")
    if not found:
        notes.append(
            Message(
                "ui.route.body-missing",
                "{what} but {body} is not in the hierarchy: the national admin dispatches",
                what=_describe(rule),
                body=rule.central_body or "",
            )
        )
        return graph.national, Basis.BODY_NOT_IN_HIERARCHY
    notes.append(
        Message(
            "ui.route.body",
            "{what}: competent body {agency}",
            what=_describe(rule),
            agency=found[0].name,
        )
    )
    return found[0], Basis.COMPETENT


def _regional(
    graph: AgencyGraph,
    rule: CompetenceRule,
    region: str | None,
    given: str | None,
    notes: list[Message],
) -> tuple[Agency, Basis]:
    if region is None:
        notes.append(
            Message(
                "ui.route.no-location",
                "{what} but the report has no usable location: "
                "the national admin finds the region and dispatches",
                what=_describe(rule),
            )
        )
        return graph.national, Basis.NO_LOCATION
    kinds, basis = _SEATS[rule.level]
    seat = next(
        (
            government
            for prefix in (region[:5], region[:2])
            if (government := graph.government(prefix)) is not None and government.kind in kinds
        ),
        None,
    )
    if seat is not None:
        msgid = _SEAT_NOTES[basis, seat.region_code == region]
        if basis is Basis.VILLAGE_SUPERVISOR:
            notes.append(Message(msgid, what=_describe(rule), agency=seat.name))
        else:
            notes.append(Message(msgid, what=_describe(rule), region=region, agency=seat.name))
        return seat, basis
    area = graph.administrative_area(region[:5])
    province = graph.government(region[:2])
    if province is not None and (
        (area is not None and area.parent_id == province.id)
        or (len(region) == 2 and graph.administers(province.id))
    ):
        where = (
            area.name
            if area is not None
            else Message("ui.route.region", "region {region}", region=region)
        )
        notes.append(
            Message(
                "ROUTE-DKI-ADMIN.area",
                "{what}: {where} is an administrative area without its own "
                "government, so {province} handles it (ROUTE-DKI-ADMIN)",
                what=_describe(rule),
                where=where,
                province=province.name,
            )
        )
        return province, Basis.ADMINISTERED
    if province is not None and province.kind not in kinds:
        notes.append(
            Message(
                "ui.route.coordinator-province"
                if len(region) == 2
                else "ui.route.coordinator-regency",
                what=_describe(rule),
                region=given or region,
                province=province.name,
            )
        )
        return province, Basis.PROVINCE_COORDINATOR
    notes.append(
        Message(
            "ui.route.unknown-region",
            "{what} but region {region} is not in the hierarchy: the national admin dispatches",
            what=_describe(rule),
            region=given or region,
        )
    )
    return graph.national, Basis.UNKNOWN_REGION


def _unit(
    graph: AgencyGraph,
    owner: Agency,
    rule: CompetenceRule,
    region: str | None,
    *,
    units_only: bool = False,
) -> Agency | None:
    """The unit of ``owner`` for the row, or ``None``.

    Under a regional government, only a unit declaring the row's affair
    qualifies, and the affair match ranks first (sub-affair beats affair),
    then the narrowest region: a kecamatan with other affairs, or none, never
    takes the report of a Dinas. Under a central body, a unit with a region
    and no declared affairs is a regional office, chosen by region first.
    """
    regional = owner.kind in GOVERNMENT_KINDS
    keys = tuple(reversed(rule.affair_keys))
    best: tuple[tuple[int, int], str] | None = None
    for rank, key in enumerate(keys if regional else (*keys, "*")):
        specificity = 0 if key == "*" else rank + 1
        for unit_id in graph.units_for(owner.id, key):
            if units_only and graph.get(unit_id).kind is not AgencyKind.UNIT:
                continue
            unit_region = graph.get(unit_id).region_code
            if unit_region is None:
                if key == "*":
                    continue
                depth = 0
            elif region is None or not region_covers(unit_region, region):
                continue
            else:
                depth = unit_region.count(".") + 1
            score = (specificity, depth) if regional else (depth, specificity)
            if best is None or score > best[0] or (score == best[0] and unit_id < best[1]):
                best = (score, unit_id)
    return None if best is None else graph.get(best[1])


def _matched_affair(unit: Agency, rule: CompetenceRule | None) -> str:
    if rule is None:
        return "it"
    for key in rule.affair_keys:
        if key in unit.affairs:
            return key
    return f"region {unit.region_code}"
