"""sp4n.Standard and the consistent defaults of the module functions (issue #12)."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

from sp4n import (
    Actor,
    Agency,
    Period,
    Resolution,
    Rulebook,
    ScoringError,
    Standard,
    UnknownAgency,
    WorkingCalendar,
)
from sp4n.errors import ConfigError, PermissionDenied
from sp4n.hierarchy import AgencyGraph, ForwardDecision
from sp4n.models import (
    CloseEvent,
    DeclareNotCompetentEvent,
    PostFollowUpEvent,
    ReopenEvent,
    VerifyAndDispatchEvent,
)
from sp4n.testing import TREE
from sp4n.vocabulary import Role, Status

AT = datetime(2024, 7, 15, 2, 30, tzinfo=UTC)
REPORTER = Actor(role=Role.REPORTER, user_id="warga-1")
ADMIN = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
PAYLOAD = {
    "type": "COMPLAINT",
    "title": "Jalan rusak",
    "body": "Lubang besar.",
    "category": "regency_road",
    "channel": "WEB",
    "location": {"region_code": "32.01"},
    "submitted_at": AT.isoformat(),
}


def test_defaults_are_the_embedded_ones() -> None:
    """Nothing given: the package rulebook, the embedded hierarchy, the national calendar."""
    std = Standard()
    assert std.rulebook is Rulebook.default()
    assert std.hierarchy is AgencyGraph.indonesia()
    assert std.calendar == WorkingCalendar.from_rulebook(Rulebook.default())


def test_standard_is_frozen() -> None:
    """A Standard cannot be changed in place; evolve gives a new one."""
    std = Standard()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        std._hierarchy = TREE  # type: ignore[misc]
    assert attrs.evolve(std, hierarchy=TREE).hierarchy is TREE


def test_its_hierarchy_decides_dispatch_targets() -> None:
    """A Standard over a small hierarchy refuses an agency that only the embedded one knows."""
    std = Standard(hierarchy=TREE)
    c = std.submit(std.validate(PAYLOAD), tracking_id="0012345674", actor=REPORTER)
    assert std.apply(c, _dispatch("kab-32.01")).status is Status.DISPATCHED
    with pytest.raises(UnknownAgency):
        std.apply(c, _dispatch("kab-16.07"))
    assert Standard().apply(c, _dispatch("kab-16.07")).status is Status.DISPATCHED


def test_LC_REOPEN_ENABLED_its_rulebook_reaches_the_lifecycle() -> None:
    """A Standard with reopening switched on lets a closed report reopen; the default does not."""
    book = Rulebook.default().with_overrides({"LC-REOPEN-ENABLED": {"value": True}})
    c = _closed(Standard())
    reopen = ReopenEvent(at=AT + timedelta(days=2), actor=REPORTER, reason="Rusak lagi")
    assert Standard(rulebook=book).apply(c, reopen).status is Status.IN_PROGRESS
    with pytest.raises(Exception, match="LC-REOPEN"):
        Standard().apply(c, reopen)


def test_forward_and_route_give_agencies_alike() -> None:
    """ForwardDecision.agency and Resolution.agency are both Agency objects."""
    std = Standard()
    sub = std.validate(PAYLOAD)
    resolution = std.route(sub)
    assert isinstance(resolution, Resolution)
    assert isinstance(resolution.agency, Agency)
    c = std.apply(std.submit(sub, tracking_id="0012345674", actor=REPORTER), _dispatch("kab-32.01"))
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01", user_id="adm")
    c = std.apply(c, DeclareNotCompetentEvent(at=AT, actor=admin, reason="Bukan kewenangan"))
    decision = std.forward(c)
    assert isinstance(decision, ForwardDecision)
    assert isinstance(decision.agency, Agency)
    assert decision.agency.id != "kab-32.01"


def test_escalations_climb_to_the_parent_in_the_hierarchy() -> None:
    """The parent_agency rung is the handling agency's parent in the Standard's hierarchy."""
    std = Standard(hierarchy=TREE)
    c = std.apply(
        std.submit(std.validate(PAYLOAD), tracking_id="0012345674", actor=REPORTER),
        _dispatch("kab-32.01"),
    )
    found = std.escalations([c], now=AT + timedelta(days=20))
    rungs = {e.to: e.agency_id for e in found}
    assert rungs.get("parent_agency") == "prov-32"


def test_monev_period_arguments_are_checked() -> None:
    """period= and year= exclude each other; month= needs year=."""
    std = Standard()
    with pytest.raises(ScoringError):
        std.monev([], now=AT, period=Period(), year=2024)
    with pytest.raises(ScoringError):
        std.monev([], now=AT, month=3)
    march = std.monev([], now=AT, scope="94", year=2024, month=3, sla=False)
    assert march.period == Period.month(2024, 3, zone="Asia/Jayapura")


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period.year(2024), "2024-01-01T00:00:00+07:00", "2025-01-01T00:00:00+07:00"),
        (Period.month(2024, 12), "2024-12-01T00:00:00+07:00", "2025-01-01T00:00:00+07:00"),
        (Period.month(2024, 2, zone="Asia/Makassar"), "2024-02-01T00:00:00+08:00", None),
    ],
)
def test_period_year_and_month(period: Period, start: str, end: str | None) -> None:
    """Period.year and Period.month are whole local months and years."""
    assert period.start is not None
    assert period.start.isoformat() == start
    if end is not None:
        assert period.end is not None
        assert period.end.isoformat() == end


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2024, 0), (0, 1), (True, 1), (2024, "3")])
def test_period_month_refuses_nonsense(year: object, month: object) -> None:
    """A month outside 1–12 or a year outside 1–9998 is a ScoringError naming the field."""
    with pytest.raises(ScoringError):
        Period.month(year, month)  # type: ignore[arg-type]


def test_next_working_day_is_a_date() -> None:
    """next_working_day returns the date; add_working_days keeps the explanation."""
    cal = WorkingCalendar.indonesia()
    assert cal.next_working_day(date(2024, 7, 12)) == date(2024, 7, 15)
    assert cal.add_working_days(date(2024, 7, 12), 1).skipped


@pytest.mark.parametrize(
    ("override", "rule", "field"),
    [
        ({"SLA-VERIFY": {"limit": "5"}}, "SLA-VERIFY", "limit"),
        ({"SLA-VERIFY": {"limit": 5.0}}, "SLA-VERIFY", "limit"),
        ({"ROUTE-HOP-LIMIT": {"value": "5"}}, "ROUTE-HOP-LIMIT", "hop_limit"),
        ({"LC-REOPEN-ENABLED": {"value": "yes"}}, "LC-REOPEN-ENABLED", "reopen_enabled"),
        ({"SLA-VERIFY": 5}, "SLA-VERIFY", None),
    ],
)
def test_RULEBOOK_override_of_wrong_type_names_the_rule(
    override: dict[str, object], rule: str, field: str | None
) -> None:
    """with_overrides refuses a value of the wrong type with a ConfigError naming the rule."""
    with pytest.raises(ConfigError) as info:
        Rulebook.default().with_overrides(override)  # type: ignore[arg-type]
    assert (info.value.rule, info.value.field) == (rule, field)


def test_view_without_audit_of_identity_is_refused_through_the_standard() -> None:
    """The Standard's view keeps PRIV-ACCESS-LOG: an identity view needs audit=."""
    std = Standard()
    payload = {**PAYLOAD, "reporter": {"name": "Siti Aminah", "phone": "081234567890"}}
    c = std.submit(std.validate(payload), tracking_id="0012345674", actor=REPORTER)
    with pytest.raises(PermissionDenied):
        std.view(c, Actor(role=Role.OMBUDSMAN))


def test_testing_module_without_hypothesis_says_what_to_install() -> None:
    """Importing sp4n.testing without Hypothesis raises a clear ModuleNotFoundError."""
    code = "import sys; sys.modules['hypothesis'] = None\nimport sp4n.testing\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode != 0
    assert "ModuleNotFoundError" in result.stderr
    assert "pip install 'sp4n[testing]'" in result.stderr
    core = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['hypothesis'] = None; import sp4n"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert core.returncode == 0, core.stderr


def _dispatch(agency_id: str) -> VerifyAndDispatchEvent:
    return VerifyAndDispatchEvent(at=AT, actor=ADMIN, agency_id=agency_id)


def _closed(std: Standard) -> object:
    c = std.submit(std.validate(PAYLOAD), tracking_id="0012345674", actor=REPORTER)
    c = std.apply(c, _dispatch("kab-32.01"))
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01", user_id="adm")
    c = std.apply(c, PostFollowUpEvent(at=AT + timedelta(hours=2), actor=admin, text="Selesai"))
    return std.apply(c, CloseEvent(at=AT + timedelta(days=1), actor=REPORTER))
