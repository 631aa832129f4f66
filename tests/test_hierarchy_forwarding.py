"""Tests of forwarding after NOT_COMPETENT and the hop limit (sp4n.hierarchy.forwarding)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.hierarchy import (
    AgencyGraph,
    declined_by,
    dispatch_path,
    hop_count,
    is_ping_pong,
    next_competent,
)
from sp4n.models import (
    Actor,
    Agency,
    Complaint,
    DeclareNotCompetentEvent,
    ForwardToUnitEvent,
    RedispatchEvent,
    SubmitEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import AgencyKind, Role, Status

GRAPH = AgencyGraph.indonesia()
START = datetime(2024, 4, 5, 2, 30, tzinfo=UTC)
ADMIN = Actor(role=Role.NATIONAL_ADMIN)


def _declare(agency, at, suggested=None):
    return DeclareNotCompetentEvent(
        at=at,
        actor=Actor(role=Role.AGENCY_ADMIN, agency_id=agency),
        reason="Bukan wewenang",
        suggested_agency_id=suggested,
    )


def _complaint(
    path, *, category="regency_road", region="16.07", declare_last=True, suggestions=None
):
    """A complaint dispatched along ``path``; every holder but (maybe) the last declined it."""
    events = [SubmitEvent(at=START, actor=Actor(role=Role.REPORTER))]
    at = START
    for index, agency in enumerate(path):
        at += timedelta(hours=1)
        kind = VerifyAndDispatchEvent if index == 0 else RedispatchEvent
        events.append(kind(at=at, actor=ADMIN, agency_id=agency))
        if index < len(path) - 1 or declare_last:
            at += timedelta(hours=1)
            events.append(_declare(agency, at, (suggestions or {}).get(agency)))
    return Complaint.model_validate(
        {
            "type": "COMPLAINT",
            "title": "Laporan",
            "body": "Isi laporan.",
            "category": category,
            "channel": "WEB",
            "location": None if region is None else {"region_code": region},
            "submitted_at": START,
            "tracking_id": "0012345674",
            "status": Status.NOT_COMPETENT if declare_last else Status.DISPATCHED,
            "history": tuple(events),
        },
        strict=False,
    )


def test_hops_and_path_are_read_from_the_history():
    """Each declare_not_competent is a hop; the path lists dispatch targets in order."""
    complaint = _complaint(["pln", "kab-16.07.dinas-pendidikan"])
    assert dispatch_path(complaint) == ("pln", "kab-16.07.dinas-pendidikan")
    assert hop_count(complaint) == 2
    assert declined_by(complaint) == {"pln", "kab-16.07.dinas-pendidikan"}
    assert hop_count(complaint.history[:1]) == 0


def test_forward_to_unit_is_not_a_hop():
    """Forwarding inside an agency to its unit is not counted as a hop or a dispatch."""
    complaint = _complaint(["kab-16.07"], declare_last=False)
    events = (
        *complaint.history,
        ForwardToUnitEvent(
            at=START + timedelta(hours=3), actor=ADMIN, unit_id="kab-16.07.dinas-pupr"
        ),
    )
    assert dispatch_path(events) == ("kab-16.07",)
    assert hop_count(events) == 0


def test_declaring_agency_defaults_to_the_holder():
    """A declaration by an actor without agency_id counts against the current holder."""
    events = (
        SubmitEvent(at=START, actor=Actor(role=Role.REPORTER)),
        VerifyAndDispatchEvent(at=START, actor=ADMIN, agency_id="pln"),
        DeclareNotCompetentEvent(at=START, actor=ADMIN, reason="Bukan wewenang"),
    )
    assert declined_by(events) == {"pln"}


def test_next_competent_after_a_misdirected_dispatch():
    """After PLN declines a road report, it goes to the regency's public works unit."""
    decision = next_competent(GRAPH, _complaint(["pln"]))
    assert decision.agency.id == "kab-16.07.dinas-pupr"
    assert not decision.escalate
    assert decision.hops == 1
    assert decision.rule is None


def test_next_competent_walks_up_when_the_competent_one_declines():
    """When the unit and the regency decline, the province is next in the fallback chain."""
    decision = next_competent(GRAPH, _complaint(["kab-16.07.dinas-pupr", "kab-16.07"]))
    assert decision.agency.id == "prov-16"
    assert "declined" in decision.reason


def test_hop_limit_escalates_to_the_national_admin():
    """At ROUTE-HOP-LIMIT declarations (default 3) the national admin must dispatch."""
    complaint = _complaint(["pln", "kementerian-agama", "prov-16"])
    decision = next_competent(GRAPH, complaint)
    assert decision.escalate
    assert decision.agency.id == "nasional"
    assert decision.rule == "ROUTE-HOP-LIMIT"
    assert (decision.hops, decision.hop_limit) == (3, 3)


def test_hop_limit_comes_from_the_rulebook():
    """A rulebook override of ROUTE-HOP-LIMIT changes when escalation happens."""
    complaint = _complaint(["pln", "kementerian-agama", "prov-16"])
    book = Rulebook.default().with_overrides({"ROUTE-HOP-LIMIT": {"value": 5}})
    decision = next_competent(GRAPH, complaint, rulebook=book)
    assert not decision.escalate
    assert decision.hop_limit == 5
    assert decision.agency.id == "kab-16.07.dinas-pupr"


def test_ping_pong_escalates_before_the_limit():
    """A report that went A → B → A is escalated even below the hop limit."""
    complaint = _complaint(["kab-16.07", "prov-16", "kab-16.07"], declare_last=False)
    assert hop_count(complaint) == 2
    decision = next_competent(GRAPH, complaint)
    assert decision.ping_pong
    assert decision.escalate
    assert decision.rule == "ROUTE-HOP-LIMIT"
    assert "back and forth" in decision.reason


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (["a", "b", "a"], True),
        (["a", "b", "c", "b"], True),
        (["a", "a"], False),
        (["a", "b", "c"], False),
        ([], False),
    ],
)
def test_is_ping_pong(path, expected):
    """Ping-pong is a return to an agency the report had left."""
    assert is_ping_pong(path) is expected


def test_suggestion_used_when_resolution_cannot_decide():
    """Without a location, the declining agency's suggestion is taken."""
    complaint = _complaint(["pln"], region=None, suggestions={"pln": "kab-16.07"})
    decision = next_competent(GRAPH, complaint)
    assert decision.agency.id == "kab-16.07"
    assert "suggestion" in decision.reason


def test_nothing_left_goes_to_the_national_admin():
    """With every agency of the chain declined or unconnected, the operator dispatches."""
    graph = GRAPH.with_connected({"prov-16": False})
    decision = next_competent(graph, _complaint(["kab-16.07.dinas-pupr", "kab-16.07"]))
    assert decision.agency.id == "nasional"
    assert decision.escalate
    assert decision.rule is None


def test_declining_government_is_not_sent_to_its_own_unit():
    """After a regency declines a report, none of its own units gets it: the province is next."""
    decision = next_competent(GRAPH, _complaint(["kab-16.07"]))
    assert decision.agency.id == "prov-16"
    assert not decision.escalate


def test_declining_ministry_is_not_sent_to_its_regional_office():
    """A central body that declined speaks for its regional offices too."""
    office = Agency(
        id="kanwil-kemenag-16",
        name="Kanwil Kemenag Sumsel",
        kind=AgencyKind.UNIT,
        region_code="16",
        parent_id="kementerian-agama",
    )
    graph = GRAPH.with_agencies([office])
    complaint = _complaint(["kementerian-agama"], category="madrasah")
    assert graph.resolve(complaint).unit.id == office.id
    decision = next_competent(graph, complaint)
    assert decision.agency.id not in {office.id, "kementerian-agama"}
    assert decision.escalate


def test_declining_unit_leaves_its_government_and_province_leaves_its_regencies():
    """A Dinas' refusal does not bind its government, nor a province's its regencies."""
    assert next_competent(GRAPH, _complaint(["kab-16.07.dinas-pupr"])).agency.id == "kab-16.07"
    assert next_competent(GRAPH, _complaint(["prov-16"])).agency.id == "kab-16.07.dinas-pupr"


def test_ping_pong_is_judged_on_the_owning_government():
    """Regency → province → the regency's own Dinas is a return to the regency: escalated."""
    path = ["kab-16.07", "prov-16", "kab-16.07.dinas-pupr"]
    assert not is_ping_pong(path)
    decision = next_competent(GRAPH, _complaint(path, declare_last=False))
    assert decision.ping_pong
    assert decision.escalate
    assert decision.rule == "ROUTE-HOP-LIMIT"


def test_government_to_its_own_unit_is_not_ping_pong():
    """Moving from a government to its own unit stays in one place: no ping-pong."""
    decision = next_competent(
        GRAPH, _complaint(["kab-16.07", "kab-16.07.dinas-pupr"], declare_last=False)
    )
    assert not decision.ping_pong


POOL = (
    "pln",
    "kementerian-agama",
    "prov-16",
    "prov-16.dinas-pupr",
    "kab-16.07",
    "kab-16.07.dinas-pupr",
    "kab-16.07.dinas-pendidikan",
    "kab-16.08",
    "kota-61.71",
)


def _inside(graph, agency_id, declined):
    """Whether agency_id is a declined agency or one of its units (through UNIT links)."""
    current = graph.get(agency_id)
    while True:
        if current.id in declined:
            return True
        if current.kind is not AgencyKind.UNIT or current.parent_id is None:
            return False
        current = graph.get(current.parent_id)


@given(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True),
    st.sampled_from(["regency_road", "primary_school", "senior_secondary_school", "madrasah"]),
    st.sampled_from(["16.07", "16.07.01", "16", None]),
)
def test_next_agency_is_never_inside_a_declined_agency(path, category, region):
    """Whatever declined, the next agency is neither one of them nor one of their units."""
    complaint = _complaint(path, category=category, region=region)
    book = Rulebook.default().with_overrides({"ROUTE-HOP-LIMIT": {"value": 10}})
    decision = next_competent(GRAPH, complaint, rulebook=book)
    assert not _inside(GRAPH, decision.agency.id, decision.declined)
    if not decision.escalate:
        assert decision.agency.id != "nasional"
