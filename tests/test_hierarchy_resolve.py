"""Tests of jurisdiction resolution with no wrong door (sp4n.hierarchy.resolve)."""

from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.competence import CompetenceTable, Level
from sp4n.errors import DataError
from sp4n.hierarchy import GOVERNMENT_KINDS, AgencyGraph, Basis, region_covers
from sp4n.hierarchy.resolve import _SEATS
from sp4n.models import Agency, ComplaintSubmission
from sp4n.testing.hierarchy import (
    CATEGORIES,
    ROUTING_REGIONS,
    categories,
    region_codes,
    routing_trees,
    target_ids,
)
from sp4n.testing.hierarchy import (
    routing_submissions as submissions,
)
from sp4n.vocabulary import AgencyKind

GRAPH = AgencyGraph.indonesia()
ROWS = tuple(CompetenceTable.default())


def _submission(**fields):
    base = {
        "type": "COMPLAINT",
        "title": "Laporan",
        "body": "Isi laporan.",
        "category": "regency_road",
        "channel": "WEB",
        "submitted_at": "2024-04-05T09:30:00+07:00",
    }
    return ComplaintSubmission.model_validate({**base, **fields}, strict=False)


@pytest.mark.parametrize("rule", ROWS, ids=[r.category for r in ROWS])
@pytest.mark.parametrize("region", ["16.07", "73.11.02.2001", "61.71"])
def test_every_competence_row_resolves_to_its_level(rule, region):
    """Each row of competence.csv resolves to an agency of its level (or its named body)."""
    resolution = GRAPH.resolve_category(rule.category, region)
    agency = resolution.agency
    assert resolution.rule == rule
    assert resolution.is_decided
    if rule.level in {Level.CENTRAL, Level.SOE}:
        assert agency.name == rule.central_body
        assert resolution.basis is Basis.COMPETENT
    elif rule.level is Level.PROVINCE:
        assert agency.kind is AgencyKind.PROVINCE
        assert agency.region_code == region[:2]
    else:
        assert agency.kind in {AgencyKind.REGENCY, AgencyKind.CITY}
        assert agency.region_code == region[:5]
        expected = Basis.VILLAGE_SUPERVISOR if rule.level is Level.VILLAGE else Basis.COMPETENT
        assert resolution.basis is expected
    if not rule.level.is_national_body:
        assert resolution.unit is not None, "every regional row has a standard unit"
        assert resolution.unit.parent_id == agency.id
        assert set(rule.affair_keys) & set(resolution.unit.affairs)
    assert resolution.reason


@pytest.mark.parametrize(
    ("category", "unit"),
    [
        ("disaster_management", "kab-16.07.bpbd"),
        ("fire_service", "kab-16.07.dinas-damkar"),
        ("public_order", "kab-16.07.satpol-pp"),
        ("forest_park_tahura_regency", "kab-16.07.dinas-lingkungan-hidup"),
        ("tax_regional", "kab-16.07.bapenda"),
        ("subdistrict_service", "kab-16.07.kesbangpol"),
    ],
)
def test_sub_affair_unit_beats_the_whole_affair(category, unit):
    """A unit declaring 'urusan > sub_urusan' wins over one with the bare urusan."""
    assert GRAPH.resolve_category(category, "16.07").unit.id == unit


def test_spec_examples_of_levels():
    """standard.md §6: primary school → regency, SMA → province, national road → central."""
    assert GRAPH.resolve_category("primary_school", "16.07").agency.id == "kab-16.07"
    assert GRAPH.resolve_category("senior_secondary_school", "16.07").agency.id == "prov-16"
    assert GRAPH.resolve_category("provincial_road", "63.01").agency.id == "prov-63"
    assert (
        GRAPH.resolve_category("national_road", "63.01").agency.id == "kementerian-pekerjaan-umum"
    )
    assert GRAPH.resolve_category("immigration", "76.01").agency.name.startswith(
        "Direktorat Jenderal Imigrasi"
    )


def test_misaddressed_report_is_forwarded_with_reason():
    """A regency road report sent to PLN goes to the regency's public works unit, flagged."""
    resolution = GRAPH.resolve(
        _submission(location={"region_code": "16.07"}, target_agency_id="pln")
    )
    assert resolution.misaddressed
    assert resolution.agency.id == "kab-16.07"
    assert resolution.unit.id == "kab-16.07.dinas-pupr"
    assert resolution.reason.startswith(
        "Misaddressed: PT PLN (Persero) is not competent for regency_road, forwarded to "
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Banyuasin."
    )


def test_vertical_body_entering_through_a_regional_government():
    """An electricity complaint sent to a regency is forwarded to PLN (standard.md §6 [P])."""
    resolution = GRAPH.resolve_category("electricity", "16.07", "kab-16.07")
    assert resolution.misaddressed
    assert resolution.agency.id == "pln"
    assert [a.id for a in resolution.fallback] == ["pln", "nasional"]


def test_correctly_addressed_report():
    """A report sent to the competent government or its unit is not misaddressed."""
    for target in ("kab-16.07", "kab-16.07.dinas-pupr"):
        assert not GRAPH.resolve_category("regency_road", "16.07", target).misaddressed
    wrong_unit = GRAPH.resolve_category("regency_road", "16.07", "kab-16.07.dinas-pendidikan")
    assert wrong_unit.misaddressed
    assert wrong_unit.unit.id == "kab-16.07.dinas-pupr"


def test_missing_location_goes_to_the_national_admin():
    """A regional matter without a location resolves to the national operator, with why."""
    resolution = GRAPH.resolve(_submission())
    assert resolution.agency.id == "nasional"
    assert resolution.basis is Basis.NO_LOCATION
    assert "no usable location" in resolution.reason
    assert [a.id for a in resolution.fallback] == ["nasional"]


def test_missing_location_uses_the_addressed_agency_region():
    """Without a location, the addressed agency's region stands in for the place."""
    resolution = GRAPH.resolve(_submission(target_agency_id="kota-61.71.dinas-pendidikan"))
    assert resolution.agency.id == "kota-61.71"
    assert resolution.effective_region == "61.71"
    assert resolution.misaddressed
    assert "used region 61.71 of the addressed agency" in resolution.reason


def test_missing_location_is_fine_for_central_matters():
    """A central matter needs no location: the named body is competent anywhere."""
    resolution = GRAPH.resolve(_submission(category="tax_national"))
    assert resolution.agency.id == "kementerian-keuangan.ditjen-pajak"
    assert resolution.basis is Basis.COMPETENT


def test_province_only_location_goes_to_the_province_as_coordinator():
    """A regency matter with only a province (or an unknown regency) goes to the province."""
    for region in ("61", "61.99"):
        resolution = GRAPH.resolve_category("regency_road", region)
        assert resolution.agency.id == "prov-61"
        assert resolution.basis is Basis.PROVINCE_COORDINATOR
        assert "coordinates" in resolution.reason


def test_unknown_region_and_category_go_to_the_national_admin():
    """An unknown province or an unknown category resolves to the operator, with why."""
    unknown_region = GRAPH.resolve_category("regency_road", "99.01")
    assert (unknown_region.agency.id, unknown_region.basis) == ("nasional", Basis.UNKNOWN_REGION)
    unknown_category = GRAPH.resolve_category("flying_saucers", "16.07")
    assert unknown_category.agency.id == "nasional"
    assert unknown_category.basis is Basis.UNKNOWN_CATEGORY
    assert unknown_category.rule is None
    assert unknown_category.level is None
    assert "not in the competence table" in unknown_category.reason


def test_unknown_target_and_bad_code_do_not_raise():
    """An unknown addressee or a malformed region code is noted, not raised."""
    resolution = GRAPH.resolve_category("regency_road", "not-a-code", "ghost")
    assert resolution.agency.id == "nasional"
    assert "'ghost' is not in the hierarchy" in resolution.reason
    assert "not a region code" in resolution.reason


def test_former_papua_codes_resolve_to_the_current_regency():
    """A regency code retired by the 2022 Papua split maps to its current code."""
    resolution = GRAPH.resolve_category("primary_school", "91.01")
    assert resolution.agency.id == "kab-93.01"
    assert resolution.agency.name == "Pemerintah Kabupaten Merauke"
    assert "Former regency code 91.01 is now 93.01." in resolution.reason


def test_body_missing_from_a_user_hierarchy():
    """A central row whose body is not in a user's hierarchy goes to the operator."""
    graph = AgencyGraph.from_agencies([Agency(id="op", name="Op", kind=AgencyKind.NATIONAL)])
    resolution = graph.resolve_category("electricity", "16.07")
    assert (resolution.agency.id, resolution.basis) == ("op", Basis.BODY_NOT_IN_HIERARCHY)


def test_regional_office_of_a_central_body_is_chosen_by_region():
    """A Kanwil added under a ministry becomes the unit for reports in its region."""
    offices = [
        Agency(
            id="kanwil-kemenag-16",
            name="Kanwil Kemenag Sumsel",
            kind=AgencyKind.UNIT,
            region_code="16",
            parent_id="kementerian-agama",
        ),
        Agency(
            id="kankemenag-16.07",
            name="Kantor Kemenag Banyuasin",
            kind=AgencyKind.UNIT,
            region_code="16.07",
            parent_id="kanwil-kemenag-16",
        ),
    ]
    graph = GRAPH.with_agencies(offices)
    assert graph.resolve_category("madrasah", "16.07.01").unit.id == "kankemenag-16.07"
    assert graph.resolve_category("madrasah", "16.01").unit.id == "kanwil-kemenag-16"
    assert graph.resolve_category("madrasah", "61.71").unit is None
    assert [a.id for a in graph.resolve_category("madrasah", "16.07").fallback] == [
        "kankemenag-16.07",
        "kanwil-kemenag-16",
        "kementerian-agama",
        "nasional",
    ]


def test_district_unit_beats_the_regency_wide_unit():
    """A kecamatan unit covering the report's district wins for its affair."""
    camat = Agency(
        id="kab-16.07.kec-01",
        name="Kecamatan Rantau Bayur",
        kind=AgencyKind.UNIT,
        region_code="16.07.01",
        parent_id="kab-16.07",
        affairs=("umum",),
    )
    graph = GRAPH.with_agencies([camat])
    assert graph.resolve_category("subdistrict_service", "16.07.01.2001").unit.id == camat.id
    assert graph.resolve_category("subdistrict_service", "16.07.02").unit.id == (
        "kab-16.07.kesbangpol"
    )


def test_dispatch_skips_unconnected_agencies():
    """dispatch_to is the first connected agency of unit → government → province → operator."""
    graph = GRAPH.with_connected(
        {"kab-16.07.dinas-pupr": False, "kab-16.07": False, "prov-16": False}
    )
    resolution = graph.resolve_category("regency_road", "16.07")
    assert resolution.agency.id == "kab-16.07"
    assert resolution.dispatch_to.id == "nasional"
    partly = GRAPH.with_connected({"kab-16.07.dinas-pupr": False})
    assert partly.resolve_category("regency_road", "16.07").dispatch_to.id == "kab-16.07"


def test_resolution_is_frozen():
    """A Resolution cannot be changed after it is made."""
    resolution = GRAPH.resolve_category("regency_road", "16.07")
    with pytest.raises(AttributeError):
        resolution.agency = GRAPH.national  # type: ignore[misc]


@given(submissions())
def test_every_report_resolves_inside_its_region(submission):
    """No wrong door: a well-formed report resolves to an agency covering its region.

    Or to a central body or the national operator; resolution never raises.
    """
    resolution = GRAPH.resolve(submission)
    agency = resolution.agency
    assert agency.id in GRAPH
    assert resolution.fallback[-1].id == "nasional"
    assert resolution.reason
    region = resolution.effective_region
    if agency.region_code is not None:
        assert region is not None
        assert region_covers(agency.region_code, region)
    else:
        assert agency.kind is AgencyKind.NATIONAL or (
            resolution.rule is not None and resolution.rule.level.is_national_body
        )
    if resolution.unit is not None:
        assert GRAPH.is_ancestor(agency.id, resolution.unit.id)
        assert resolution.unit.region_code is None or (
            region is not None and region_covers(resolution.unit.region_code, region)
        )


@given(categories, st.none() | region_codes(), target_ids)
def test_resolution_is_deterministic(category, region, target):
    """The same question always gets the same answer, on a fresh graph too."""
    first = GRAPH.resolve_category(category, region, target)
    again = GRAPH.resolve_category(category, region, target)
    rebuilt = AGAIN.resolve_category(category, region, target)
    assert first == again == rebuilt


AGAIN = AgencyGraph(GRAPH.agencies())


def _kecamatan(affairs=()):
    return Agency(
        id="kab-16.07.kec-01",
        name="Kecamatan X",
        kind=AgencyKind.UNIT,
        region_code="16.07.01",
        parent_id="kab-16.07",
        affairs=affairs,
    )


@pytest.mark.parametrize("category", ["primary_school", "regency_road", "public_health_center"])
def test_affair_less_district_unit_does_not_take_every_report(category):
    """A kecamatan with no declared affairs does not take the Dinas' reports in its district."""
    graph = GRAPH.with_agencies([_kecamatan()])
    expected = GRAPH.resolve_category(category, "16.07").unit.id
    resolution = graph.resolve_category(category, "16.07.01.2001")
    assert resolution.unit.id == expected
    assert set(resolution.rule.affair_keys) & set(resolution.unit.affairs)
    assert not graph.resolve_category(category, "16.07.01", expected).misaddressed


def test_affair_match_ranks_before_region_depth():
    """Under a government, a unit of the sub-affair beats a narrower unit of the bare affair."""
    urusan = "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat"
    graph = GRAPH.with_agencies([_kecamatan((urusan,))])
    assert graph.resolve_category("fire_service", "16.07.01").unit.id == "kab-16.07.dinas-damkar"


@given(routing_trees(), st.sampled_from(CATEGORIES), st.sampled_from(ROUTING_REGIONS))
def test_chosen_unit_handles_the_affair_or_is_a_regional_office(agencies, category, region):
    """On generated trees, the unit handles the row's affair, or is a central body's office."""
    graph = AgencyGraph.from_agencies(agencies)
    resolution = graph.resolve_category(category, region)
    unit = resolution.unit
    if unit is None:
        return
    assert graph.is_ancestor(resolution.agency.id, unit.id)
    if set(resolution.rule.affair_keys) & set(unit.affairs):
        return
    assert resolution.agency.kind not in GOVERNMENT_KINDS, (unit, resolution.reason)
    assert unit.region_code is not None
    assert region_covers(unit.region_code, resolution.effective_region)
    assert not unit.affairs


@pytest.mark.parametrize("code", ["16.7", "", "1607", "16.07.", "   ", "16.07.01.2001.5"])
def test_malformed_region_falls_back_to_the_addressed_agency(code):
    """A malformed region code is noted, and the addressed agency's region is used instead."""
    resolution = GRAPH.resolve_category("regency_road", code, "kab-16.07")
    assert resolution.agency.id == "kab-16.07"
    assert resolution.basis is Basis.COMPETENT
    assert resolution.effective_region == "16.07"
    assert not resolution.misaddressed
    assert "is not a region code" in resolution.reason
    assert "used region 16.07 of the addressed agency" in resolution.reason


def test_region_code_with_spaces_is_stripped():
    """Surrounding spaces of a region code are ignored."""
    resolution = GRAPH.resolve_category("regency_road", " 16.07 ")
    assert (resolution.agency.id, resolution.effective_region) == ("kab-16.07", "16.07")


def test_province_coordinator_has_no_unit():
    """A coordinating province forwards: none of its own Dinas (another remit) is chosen."""
    for category in ("regency_road", "primary_school", "village_road"):
        resolution = GRAPH.resolve_category(category, "16")
        assert resolution.basis is Basis.PROVINCE_COORDINATOR
        assert resolution.unit is None
        assert [a.id for a in resolution.fallback] == ["prov-16", "nasional"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("regency_road", 16.07), "location.region_code"),
        (("regency_road", ["16.07"]), "location.region_code"),
        ((None, "16.07"), "category"),
        (("regency_road", "16.07", 7), "target_agency_id"),
    ],
)
def test_non_string_inputs_raise_data_error(args, field):
    """A non-string category, region or addressee is a clear DataError, never a TypeError."""
    with pytest.raises(DataError) as info:
        GRAPH.resolve_category(*args)
    assert info.value.field == field


def test_regional_seats_are_a_table():
    """Each regional level maps to (government kinds, basis) in a read-only table."""
    assert isinstance(_SEATS, MappingProxyType)
    assert set(_SEATS) == {level for level in Level if not level.is_national_body}
    for kinds, basis in _SEATS.values():
        assert kinds <= GOVERNMENT_KINDS
        assert basis in {Basis.COMPETENT, Basis.VILLAGE_SUPERVISOR}
