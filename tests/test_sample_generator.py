"""Tests of the seeded sample generator (sp4n.sample.generator)."""

import io
from collections import Counter
from datetime import datetime

import pytest

from sp4n.errors import DataError
from sp4n.lifecycle import check_history, replay, submission_of
from sp4n.models import Complaint
from sp4n.rulebook import Rulebook
from sp4n.sample import generate_complaints, sample_world, write_jsonl
from sp4n.vocabulary import AgencyKind, Status
from sp4n.workdays import WIB, WorkingCalendar, zone_for_agency

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)


@pytest.fixture(scope="module")
def sample() -> list[Complaint]:
    return list(generate_complaints(400, seed=3, now=NOW))


def _jsonl(size: int, seed: int) -> str:
    out = io.StringIO()
    write_jsonl(generate_complaints(size, seed=seed, now=NOW), out)
    return out.getvalue()


def test_same_seed_gives_identical_jsonl() -> None:
    """Two runs with the same seed write byte-identical JSON Lines."""
    assert _jsonl(60, seed=11) == _jsonl(60, seed=11)


def test_other_seed_gives_other_reports() -> None:
    """A different seed gives a different sample."""
    assert _jsonl(30, seed=11) != _jsonl(30, seed=12)


def test_every_line_validates_as_a_complaint(sample: list[Complaint]) -> None:
    """Every generated line parses back into an equal Complaint."""
    out = io.StringIO()
    assert write_jsonl(sample, out) == len(sample)
    lines = out.getvalue().splitlines()
    assert [Complaint.model_validate_json(line) for line in lines] == sample


def test_every_history_replays_through_the_lifecycle(sample: list[Complaint]) -> None:
    """Each history replays through the engine (hierarchy and calendar) to the same report."""
    graph = sample_world(3).graph
    calendar = WorkingCalendar.indonesia()
    for complaint in sample:
        assert check_history(complaint, hierarchy=graph, calendar=calendar) is complaint.status
        rebuilt = replay(
            submission_of(complaint),
            complaint.history,
            tracking_id=complaint.tracking_id,
            hierarchy=graph,
            calendar=calendar,
        )
        assert rebuilt == complaint


def test_no_event_after_now(sample: list[Complaint]) -> None:
    """No generated event is later than the generation's ``now``."""
    assert all(e.at <= NOW for c in sample for e in c.history)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2024, 3, 1, 12, tzinfo=WIB),  # was a traceback INCIDENT-DATE (review #5)
        datetime(2024, 1, 1, 0, 30, tzinfo=WIB),  # the first day, before most hours
    ],
)
def test_no_event_after_an_early_now(now: datetime) -> None:
    """With a ``now`` inside the generated year, every report is valid and ends by ``now``."""
    cal = WorkingCalendar.indonesia()
    graph = sample_world(1).graph
    for c in generate_complaints(150, seed=1, now=now):
        assert all(e.at <= now for e in c.history)
        again = Complaint.model_validate_json(c.model_dump_json())
        check_history(again, hierarchy=graph, calendar=cal)


def test_now_before_the_start_is_refused() -> None:
    """A ``now`` before the first submission date is a DataError, not a crash."""
    with pytest.raises(DataError):
        list(generate_complaints(5, now=datetime(2023, 6, 1, tzinfo=WIB)))


def test_system_delays_follow_the_rulebook_windows(sample: list[Complaint]) -> None:
    """Auto-close comes 1-4 working days after SLA-REPLY-WINDOW (no hard-coded 11-14)."""
    cal = WorkingCalendar.indonesia()
    limit = Rulebook.default().deadline("SLA-REPLY-WINDOW").limit
    gaps = []
    for c in sample:
        kinds = [e.kind for e in c.history]
        if kinds[-1] != "auto_close":
            continue
        follow = c.history[-2].at.astimezone(WIB).date()
        gaps.append(cal.working_days_between(follow, c.history[-1].at.astimezone(WIB).date()).count)
    assert gaps
    assert min(gaps) >= limit + 1 - 1  # zone of the handler may shift one local date
    assert max(gaps) <= limit + 4 + 1


def test_mix_has_held_misaddressed_archived_and_unverified(sample: list[Complaint]) -> None:
    """The sample holds held, misaddressed, archived, deleted, open and closed reports."""
    kinds = Counter(e.kind for c in sample for e in c.history)
    statuses = Counter(c.status for c in sample)
    assert kinds["hold"] > 0
    assert kinds["complete"] > 0
    assert kinds["declare_not_competent"] > 0
    assert kinds["redispatch"] > 0
    assert kinds["forward_to_unit"] > 0
    assert kinds["reporter_reply"] > 0
    for status in (
        Status.ARCHIVED,
        Status.SUBMITTED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.CLOSED_BY_REPORTER,
        Status.CLOSED_BY_SYSTEM,
    ):
        assert statuses[status] > 0, status
    archived_on_hold = [
        c for c in sample if c.status is Status.ARCHIVED and c.history[-2].kind == "hold"
    ]
    assert archived_on_hold  # held, never completed, archived when the window passed


def test_unconnected_governments_route_to_the_province(sample: list[Complaint]) -> None:
    """Some governments are not connected; their reports are dispatched higher up."""
    world = sample_world(3)
    assert world.unconnected
    assert all(not world.graph.get(a).connected for a in world.unconnected)
    routed_up = 0
    for c in sample:
        if c.location is None:
            continue
        government = world.graph.government(c.location.region_code)
        dispatches = [e for e in c.history if e.kind == "verify_and_dispatch"]
        if government is None or government.id not in world.unconnected or not dispatches:
            continue
        target = world.graph.get(dispatches[0].agency_id)
        assert target.id not in world.unconnected
        routed_up += target.kind is AgencyKind.PROVINCE
    assert routed_up > 0


def test_channels_privacy_and_non_working_days(sample: list[Complaint]) -> None:
    """Channels vary, some reports are anonymous or confidential, some filed off working days."""
    calendar = WorkingCalendar.indonesia()
    assert len({c.channel for c in sample}) >= 6
    assert any(c.anonymous for c in sample)
    assert any(c.confidential for c in sample)
    assert len({c.type for c in sample}) == 3
    graph = sample_world(3).graph
    off_days = 0
    for c in sample:
        government = None if c.location is None else graph.government(c.location.region_code)
        local = c.submitted_at.astimezone(zone_for_agency(government)).date()
        off_days += not calendar.is_working_day(local)
    assert 0 < off_days < len(sample)


def test_titles_use_the_competence_keywords(sample: list[Complaint]) -> None:
    """Titles and bodies are Indonesian text built from the category's example keywords."""
    table = sample_world(3).graph.competence
    hits = 0
    for c in sample:
        rule = table.get(c.category)
        hits += any(k.lower() in (c.title + c.body).lower() for k in rule.examples)
    assert hits > len(sample) * 0.6


def test_agency_profiles_are_seeded() -> None:
    """An agency's handling profile depends only on the seed and its id."""
    world = sample_world(3)
    assert world.profile("prov-61") == sample_world(3).profile("prov-61")
    profiles = {world.profile(a.id) for _, a in world.places[:60]}
    assert len(profiles) >= 3


def test_bad_size_is_refused() -> None:
    """A negative size raises a DataError, not a silent empty sample."""
    with pytest.raises(DataError):
        list(generate_complaints(-1))
