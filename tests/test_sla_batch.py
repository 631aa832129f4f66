"""The batch SLA path (numpy busday arithmetic) against the scalar engine, its oracle."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Agency, Complaint
from sp4n.rulebook import Rulebook
from sp4n.sample import generate_complaints
from sp4n.sla import SlaState, StageDeadline, deadlines
from sp4n.sla.batch import BatchDeadline, batch_deadlines
from sp4n.testing.complaints import AGENCY_IDS, TREE, UNIT_IDS, complaints
from sp4n.vocabulary import AgencyKind, EventKind
from sp4n.workdays import WIB, WorkingCalendar

FIELDS = (
    "rule",
    "stage",
    "scope",
    "state",
    "time_zone",
    "started_at",
    "ended_at",
    "due_date",
    "working_days_left",
    "working_days_overdue",
)
REGIONS = ("32.01", "63.71", "94.71", "51.71", "11.01", "91.05")
"""Regencies in WIB, WITA and WIT: each agency of a drawn hierarchy sits in one."""


def _scalar(row: StageDeadline) -> tuple[object, ...]:
    return tuple(getattr(row, f) for f in FIELDS)


def _batch(row: BatchDeadline) -> tuple[object, ...]:
    return tuple(getattr(row, f) for f in FIELDS)


def _assert_same(items: list[Complaint], now: datetime, **kwargs: object) -> None:
    """Every deadline of every report: batch equals scalar, field by field."""
    got = batch_deadlines(items, now=now, **kwargs)  # type: ignore[arg-type]
    assert len(got) == len(items)
    for complaint, batch in zip(items, got, strict=True):
        scalar = deadlines(complaint, now=now, **kwargs)  # type: ignore[arg-type]
        assert [_batch(b) for b in batch] == [_scalar(s) for s in scalar], complaint.tracking_id


class Placed:
    """A directory of agencies placed in drawn zones (what the SLA engines ask: find, parent)."""

    def __init__(self, agencies: dict[str, Agency]) -> None:
        self.agencies = agencies

    def find(self, agency_id: str) -> Agency | None:
        return self.agencies.get(agency_id)

    def parent(self, agency_id: str) -> Agency | None:
        found = self.agencies.get(agency_id)
        return None if found is None else self.agencies.get(found.parent_id or "")


@st.composite
def placed_lookups(draw: st.DrawFn) -> dict[str, Agency]:
    """Agency id → agency, each agency of the strategies' ids placed in a drawn zone."""
    out = {}
    for agency_id in AGENCY_IDS + UNIT_IDS:
        out[agency_id] = Agency(
            id=agency_id,
            name=agency_id,
            kind=AgencyKind.REGENCY,
            parent_id="nasional",
            region_code=draw(st.sampled_from(REGIONS)),
        )
    return out


def _shift_to_year_end(complaint: Complaint, year: int, minute: int) -> Complaint:
    """The same history moved so that it is submitted in the last days of ``year``."""
    target = datetime(year, 12, 24, tzinfo=UTC) + timedelta(minutes=minute)
    delta = target - complaint.submitted_at
    history = tuple(e.model_copy(update={"at": e.at + delta}) for e in complaint.history)
    incident = complaint.incident_date
    data = {
        **dict(complaint),
        "submitted_at": complaint.submitted_at + delta,
        "incident_date": None if incident is None else incident + timedelta(days=delta.days),
        "history": history,
    }
    return Complaint.model_validate(data)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Complaint], datetime, dict[str, object]]:
    """Reports (some moved to a year end), an instant around their histories, and the options."""
    items = draw(st.lists(complaints(max_events=9, hierarchy=TREE), min_size=1, max_size=4))
    year_end = draw(st.sampled_from([None, 2023, 2024, 2025]))
    if year_end is not None:
        minute = draw(st.integers(0, 10 * 24 * 60))
        items = [_shift_to_year_end(c, year_end, minute) for c in items]
    last = max(c.history[-1].at for c in items)
    now = last + timedelta(minutes=draw(st.integers(-30 * 24 * 60, 400 * 24 * 60)))
    fixed = draw(st.sampled_from([None, None, None, "Asia/Makassar"]))
    return items, now, {"hierarchy": Placed(draw(placed_lookups())), "zone": fixed}


@given(scenarios())
def test_SLA_BATCH_equals_the_scalar_engine(
    scenario: tuple[list[Complaint], datetime, dict[str, object]],
) -> None:
    """Batch and scalar give the same judgement for every rule, zone, pause and redispatch."""
    items, now, options = scenario
    _assert_same(items, now, **options)


@cache
def _sample() -> list[Complaint]:
    now = datetime(2025, 1, 14, 12, tzinfo=WIB)
    return list(generate_complaints(400, seed=3, now=now))


@pytest.mark.parametrize(
    "now",
    [
        datetime(2024, 3, 1, 9, tzinfo=WIB),  # events after now are ignored
        datetime(2024, 12, 31, 23, 30, tzinfo=WIB),  # a year end
        datetime(2025, 1, 14, 12, tzinfo=WIB),
    ],
)
def test_SLA_BATCH_equals_the_scalar_engine_on_sample_reports(now: datetime) -> None:
    """On generated reports (holds, redispatch, not competent, every zone) the paths agree."""
    items = _sample()
    kinds = {e.event_kind for c in items for e in c.history}
    assert {EventKind.HOLD, EventKind.REDISPATCH, EventKind.DECLARE_NOT_COMPETENT} <= kinds
    graph = AgencyGraph.indonesia()
    book = Rulebook.default()
    cal = WorkingCalendar.from_rulebook(book)
    _assert_same(items, now, rulebook=book, calendar=cal, hierarchy=graph)


def test_SLA_BATCH_states_cover_every_outcome() -> None:
    """The sample reaches met, breached, pending and paused clocks (the test is not vacuous)."""
    now = datetime(2025, 1, 14, 12, tzinfo=WIB)
    rows = batch_deadlines(_sample(), now=now, hierarchy=AgencyGraph.indonesia())
    states = {r.state for report in rows for r in report}
    assert {SlaState.MET, SlaState.BREACHED, SlaState.PENDING, SlaState.NOT_APPLICABLE} <= states
    assert any(r.scope == "reporter" for report in rows for r in report)


def test_SLA_BATCH_refuses_a_naive_now_and_an_unknown_zone() -> None:
    """The batch path refuses what the scalar engine refuses, with the same rule."""
    items = _sample()[:2]
    with pytest.raises(DataError) as naive:
        batch_deadlines(items, now=datetime(2025, 1, 1))  # noqa: DTZ001 - the point of the test
    assert naive.value.rule == "TIMESTAMP-AWARE"
    with pytest.raises(DataError) as zone:
        batch_deadlines(items, now=datetime(2025, 1, 1, tzinfo=UTC), zone="Mars/Olympus")
    assert zone.value.rule == "CAL-DEFAULT-ZONE"


def test_SLA_BATCH_calendar_day_rules_count_calendar_days() -> None:
    """A rule in calendar days is counted in calendar days by both paths (unit from the row)."""
    book = Rulebook.default().with_overrides(
        {"SLA-REPLY-WINDOW": {"unit": "calendar_days"}, "SLA-VERIFY": {"unit": "calendar_days"}}
    )
    start = datetime.combine(date(2024, 12, 27), time(10), WIB)
    items = [c for c in _sample() if c.submitted_at >= start - timedelta(days=90)][:60]
    _assert_same(items, datetime(2025, 1, 14, 12, tzinfo=WIB), rulebook=book)
