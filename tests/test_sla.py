"""SLA engine: deadlines replayed from histories, known dates, pauses, redispatch, escalation."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.errors import CalendarError, DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Agency, Complaint
from sp4n.payloads import validate_payload
from sp4n.rulebook import Rulebook
from sp4n.sla import SlaState, StageDeadline, bulk_due_dates, deadlines, escalations
from sp4n.testing.dates import hold_plans, local_instants
from sp4n.vocabulary import Stage
from sp4n.workdays import WIB, WIT, Closure, WorkingCalendar
from sp4n.workdays.working_calendar import (
    stepwise_add_working_days,
    stepwise_working_days_between,
)

CAL = WorkingCalendar.indonesia()

ACTORS = {
    "submit": {"role": "REPORTER"},
    "verify_and_dispatch": {"role": "NATIONAL_ADMIN"},
    "redispatch": {"role": "NATIONAL_ADMIN"},
    "hold": {"role": "NATIONAL_ADMIN"},
    "complete": {"role": "REPORTER"},
    "declare_not_competent": {"role": "AGENCY_ADMIN", "agency_id": "dinas-a"},
    "post_follow_up": {"role": "LIAISON", "agency_id": "dinas-a"},
    "reporter_reply": {"role": "REPORTER"},
    "close": {"role": "REPORTER"},
    "auto_close": {"role": "SYSTEM"},
    "archive": {"role": "NATIONAL_ADMIN"},
}
EXTRA = {
    "verify_and_dispatch": {"agency_id": "dinas-a"},
    "redispatch": {"agency_id": "dinas-b"},
    "hold": {"reason": "5W1H kurang"},
    "complete": {"info": "Lokasi: Jl. Merdeka"},
    "declare_not_competent": {"reason": "Bukan kewenangan kabupaten"},
    "post_follow_up": {"text": "Sedang ditangani"},
    "reporter_reply": {"text": "Belum selesai"},
    "archive": {"reason": "DUPLICATE"},
}


def complaint(
    events: list[tuple[str, str]],
    *,
    region: str | None = "31.71",
    report_type: str = "COMPLAINT",
    examination: str = "NO_EXAMINATION",
    incident: str | None = None,
) -> Complaint:
    """A complaint whose history is ``events`` (kind, ISO instant); the first is the submit."""
    history = [
        {"kind": kind, "at": at, "actor": ACTORS[kind], **EXTRA.get(kind, {})}
        for kind, at in [("submit", events[0][1]), *events[1:]]
    ]
    payload = {
        "type": report_type,
        "examination": examination,
        "title": "Jalan berlubang",
        "body": "Lubang besar di jalan kabupaten.",
        "category": "regency_road",
        "channel": "WEB",
        "submitted_at": events[0][1],
        "tracking_id": "0012345674",
        "status": "SUBMITTED",
        "history": history,
    }
    if region is not None:
        payload["location"] = {"region_code": region}
    if incident is not None:
        payload["incident_date"] = incident
    return Complaint.model_validate_json(json.dumps(payload))


def stage(rows: tuple[StageDeadline, ...], name: Stage, scope: str = "agency") -> StageDeadline:
    return next(r for r in rows if r.stage is name and r.scope == scope)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- verification: known dates ---------------------------------------------------------------


def test_SLA_VERIFY_saturday_submission_day_one_is_monday():
    """Submitted Saturday 13 July 2024: day 1 is Monday 15, the 3-day deadline Wednesday 17."""
    c = complaint([("submit", "2024-07-13T10:00:00+07:00")])
    row = stage(deadlines(c, now=at("2024-07-15T08:00:00+07:00")), Stage.VERIFICATION)
    assert row.due_date == date(2024, 7, 17)
    assert row.due_at == datetime(2024, 7, 17, 23, 59, 59, 999999, tzinfo=WIB)
    assert (row.state, row.working_days_left) == (SlaState.PENDING, 2)
    assert [d.day for d in row.skipped] == [date(2024, 7, 14)]
    assert "never counts" in row.explanation[0]


def test_SLA_VERIFY_holiday_submission_never_counts():
    """Submitted on Christmas Day 2024: 26 Dec is cuti bersama, so days are 27, 30, 31 Dec."""
    c = complaint([("submit", "2024-12-25T09:00:00+07:00")])
    row = stage(deadlines(c, now=at("2024-12-25T10:00:00+07:00")), Stage.VERIFICATION)
    assert row.due_date == date(2024, 12, 31)
    names = [d.name_en for d in row.skipped]
    assert names[0] == "Christmas Joint Holiday"


def test_SLA_VERIFY_idul_fitri_2024_met_and_breached():
    """Submitted Friday 5 April 2024: due 18 April; dispatch on the 18th meets it, the 19th not."""
    submit = ("submit", "2024-04-05T14:00:00+07:00")
    on_time = complaint([submit, ("verify_and_dispatch", "2024-04-18T16:00:00+07:00")])
    late = complaint([submit, ("verify_and_dispatch", "2024-04-19T08:00:00+07:00")])
    now = at("2024-04-22T12:00:00+07:00")
    met = stage(deadlines(on_time, now=now), Stage.VERIFICATION)
    breached = stage(deadlines(late, now=now), Stage.VERIFICATION)
    assert (met.state, met.due_date, met.working_days_left) == (
        SlaState.MET,
        date(2024, 4, 18),
        0,
    )
    assert (breached.state, breached.working_days_overdue) == (SlaState.BREACHED, 1)
    reasons = {d.day: d.name_id for d in met.skipped}
    assert reasons[date(2024, 4, 10)] == "Hari Raya Idul Fitri"
    assert reasons[date(2024, 4, 8)] == "Cuti Bersama Hari Raya Idul Fitri"


def test_SLA_VERIFY_idul_fitri_2025_leave_block():
    """Submitted Thursday 27 March 2025: 28 Mar-7 Apr are off, so the deadline is 10 April."""
    c = complaint([("submit", "2025-03-27T09:00:00+07:00")])
    row = stage(deadlines(c, now=at("2025-03-27T10:00:00+07:00")), Stage.VERIFICATION)
    assert row.due_date == date(2025, 4, 10)
    assert {d.day for d in row.skipped} >= {date(2025, 3, 28), date(2025, 3, 29), date(2025, 4, 7)}


def test_SLA_VERIFY_time_zone_wit_versus_wib():
    """00:30 WIT on Tuesday is still Monday in WIB: the deadline moves by one day."""
    c = complaint([("submit", "2024-07-16T00:30:00+09:00")], region="91.71")
    now = at("2024-07-16T01:00:00+09:00")
    in_wit = stage(deadlines(c, now=now), Stage.VERIFICATION)
    in_wib = stage(deadlines(c, now=now, zone="Asia/Jakarta"), Stage.VERIFICATION)
    assert in_wit.time_zone == "Asia/Jayapura"
    assert in_wit.due_date == date(2024, 7, 19)  # start Tue 16 → Wed, Thu, Fri
    assert in_wib.due_date == date(2024, 7, 18)  # start Mon 15 → Tue, Wed, Thu
    assert in_wit.due_at == datetime(2024, 7, 19, 23, 59, 59, 999999, tzinfo=WIT)


def test_SLA_VERIFY_time_zone_2330_wit_is_the_same_date_in_wib():
    """23:30 WIT on Monday is 21:30 WIB on Monday: both zones count from Monday."""
    c = complaint([("submit", "2024-07-15T23:30:00+09:00")], region="91.71")
    now = at("2024-07-16T09:00:00+09:00")
    in_wit = stage(deadlines(c, now=now), Stage.VERIFICATION)
    in_wib = stage(deadlines(c, now=now, zone=WIB), Stage.VERIFICATION)
    assert in_wit.due_date == in_wib.due_date == date(2024, 7, 18)
    assert in_wit.due_at is not None
    assert in_wib.due_at is not None
    assert in_wib.due_at - in_wit.due_at == timedelta(hours=2)


def test_SLA_VERIFY_time_zone_2330_wib_is_tuesday_in_wit():
    """23:30 WIB on Monday is 01:30 WIT on Tuesday; each zone counts from its own date."""
    c = complaint([("submit", "2024-07-15T23:30:00+07:00")], region="31.71")
    now = at("2024-07-16T09:00:00+07:00")
    assert stage(deadlines(c, now=now), Stage.VERIFICATION).due_date == date(2024, 7, 18)
    wit = stage(deadlines(c, now=now, zone=WIT), Stage.VERIFICATION)
    assert wit.due_date == date(2024, 7, 19)


def tree(*agencies: dict[str, str]) -> AgencyGraph:
    """A hierarchy of a national operator ``n`` and ``agencies`` (JSON-like rows)."""
    national = {"id": "n", "name": "LAPOR!", "kind": "NATIONAL"}
    rows = [national, *({"parent_id": "n", **a} for a in agencies)]
    return AgencyGraph.from_agencies(validate_payload(row, Agency) for row in rows)


def test_SLA_VERIFY_agency_zone_wins_over_location():
    """The handling agency's zone (found in hierarchy=) wins over the incident province."""
    graph = tree({"id": "dinas-a", "name": "Dinas", "kind": "UNIT", "region_code": "94"})
    c = complaint([("submit", "2024-07-15T23:30:00+07:00")], region="31.71")
    c = c.model_copy(update={"target_agency_id": "dinas-a"})
    rows = deadlines(c, now=at("2024-07-16T09:00:00+07:00"), hierarchy=graph)
    assert stage(rows, Stage.VERIFICATION).time_zone == "Asia/Jayapura"


def test_SLA_VERIFY_no_location_counts_in_wib():
    """Without agency or location the deadline counts in WIB (CAL-DEFAULT-ZONE)."""
    c = complaint([("submit", "2024-07-15T23:30:00+07:00")], region=None)
    row = stage(deadlines(c, now=at("2024-07-16T09:00:00+07:00")), Stage.VERIFICATION)
    assert row.time_zone == "Asia/Jakarta"


# -- pauses ----------------------------------------------------------------------------------


def test_SLA_VERIFY_hold_pauses_and_resumes():
    """ON_HOLD pauses verification; on completion the remaining working days continue."""
    events = [
        ("submit", "2024-07-15T09:00:00+07:00"),  # Monday
        ("hold", "2024-07-18T10:00:00+07:00"),  # Thursday: Tue, Wed used
    ]
    paused = stage(
        deadlines(complaint(events), now=at("2024-07-19T09:00:00+07:00")), Stage.VERIFICATION
    )
    assert (paused.state, paused.working_days_left, paused.due_date) == (SlaState.PAUSED, 1, None)
    resumed = complaint([*events, ("complete", "2024-07-22T09:00:00+07:00")])
    row = stage(deadlines(resumed, now=at("2024-07-22T10:00:00+07:00")), Stage.VERIFICATION)
    assert row.due_date == date(2024, 7, 23)  # one day left, counted after Monday 22
    assert row.state is SlaState.PENDING
    assert any("paused on 2024-07-18" in line for line in row.explanation)


def test_SLA_VERIFY_pause_after_breach_does_not_rescue():
    """A hold after the deadline passed leaves the stage breached."""
    events = [
        ("submit", "2024-07-15T09:00:00+07:00"),
        ("hold", "2024-07-22T10:00:00+07:00"),
    ]
    row = stage(
        deadlines(complaint(events), now=at("2024-07-23T09:00:00+07:00")), Stage.VERIFICATION
    )
    assert (row.state, row.due_date) == (SlaState.BREACHED, date(2024, 7, 18))


def test_SLA_HOLD_WINDOW_expires_after_ten_working_days():
    """The hold window runs 10 working days from the hold; past it the hold has expired."""
    events = [("submit", "2024-07-15T09:00:00+07:00"), ("hold", "2024-07-16T10:00:00+07:00")]
    row = stage(
        deadlines(complaint(events), now=at("2024-08-01T09:00:00+07:00")), Stage.HOLD_WINDOW
    )
    assert row.due_date == date(2024, 7, 30)
    assert (row.state, row.working_days_overdue) == (SlaState.BREACHED, 2)


# -- agency clocks ---------------------------------------------------------------------------


def test_SLA_FIRST_FOLLOW_UP_met_by_first_follow_up():
    """The first follow-up within 5 working days of dispatch meets the stage."""
    events = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("post_follow_up", "2024-07-22T15:00:00+07:00"),
    ]
    rows = deadlines(complaint(events), now=at("2024-07-23T09:00:00+07:00"))
    row = stage(rows, Stage.FIRST_FOLLOW_UP)
    assert (row.state, row.due_date) == (SlaState.MET, date(2024, 7, 22))
    assert stage(rows, Stage.VERIFICATION).state is SlaState.MET


def test_SLA_FIRST_FOLLOW_UP_redispatch_restarts_agency_clock():
    """Redispatch after NOT_COMPETENT restarts agency clocks; the reporter total keeps running."""
    events = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("declare_not_competent", "2024-07-17T09:00:00+07:00"),
        ("redispatch", "2024-07-19T09:00:00+07:00"),
    ]
    rows = deadlines(complaint(events), now=at("2024-07-22T09:00:00+07:00"))
    assert stage(rows, Stage.FIRST_FOLLOW_UP).due_date == date(2024, 7, 26)
    assert stage(rows, Stage.RESOLUTION).due_date == date(2024, 8, 8)
    total = stage(rows, Stage.RESOLUTION, scope="reporter")
    assert total.due_date == date(2024, 8, 2)
    assert total.started_at == at("2024-07-15T09:00:00+07:00")


def test_SLA_FIRST_FOLLOW_UP_awaiting_redispatch_not_applicable():
    """While NOT_COMPETENT awaits redispatch the agency clock is stopped, not judged."""
    events = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("declare_not_competent", "2024-07-17T09:00:00+07:00"),
    ]
    rows = deadlines(complaint(events), now=at("2024-07-30T09:00:00+07:00"))
    assert stage(rows, Stage.FIRST_FOLLOW_UP).state is SlaState.NOT_APPLICABLE


def test_SLA_RESOLVE_EXAMINATION_sixty_days_across_year_end():
    """A complaint needing examination dispatched 15 Nov 2024 is due 18 Feb 2025 (60 WD)."""
    events = [
        ("submit", "2024-11-14T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-11-15T09:00:00+07:00"),
    ]
    c = complaint(events, examination="NEEDS_EXAMINATION")
    rows = deadlines(c, now=at("2024-12-02T09:00:00+07:00"))
    row = stage(rows, Stage.RESOLUTION)
    assert (row.rule, row.limit, row.due_date) == ("SLA-RESOLVE-EXAMINATION", 60, date(2025, 2, 18))
    assert row.confirmed


def test_SLA_RESOLVE_COMPLAINT_ends_at_last_follow_up_before_close():
    """Resolution ends at the last follow-up before the close, not at the close itself."""
    events = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("post_follow_up", "2024-07-18T09:00:00+07:00"),
        ("reporter_reply", "2024-07-19T09:00:00+07:00"),
        ("post_follow_up", "2024-08-01T09:00:00+07:00"),
        ("close", "2024-08-09T09:00:00+07:00"),
    ]
    rows = deadlines(complaint(events), now=at("2024-08-12T09:00:00+07:00"))
    row = stage(rows, Stage.RESOLUTION)
    assert row.ended_at == at("2024-08-01T09:00:00+07:00")
    assert (row.state, row.due_date) == (SlaState.MET, date(2024, 8, 2))
    reply = stage(rows, Stage.REPLY_WINDOW)
    assert (reply.state, reply.started_at) == (SlaState.MET, at("2024-08-01T09:00:00+07:00"))


def test_SLA_RESOLVE_ASPIRATION_answer_awaiting_reporter_is_provisionally_met():
    """An agency answer awaiting the reporter ends resolution provisionally; a reply reopens it."""
    base = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("post_follow_up", "2024-07-17T09:00:00+07:00"),
    ]
    now = at("2024-07-26T09:00:00+07:00")  # resolution (5 WD) was due Mon 22 July
    answered = complaint(base, report_type="ASPIRATION")
    row = stage(deadlines(answered, now=now), Stage.RESOLUTION)
    assert (row.state, row.ended_at) == (SlaState.MET, at("2024-07-17T09:00:00+07:00"))
    assert any("provisionally" in line for line in row.explanation)
    assert escalations([answered], now=now) == ()
    replied = complaint(
        [*base, ("reporter_reply", "2024-07-18T09:00:00+07:00")], report_type="ASPIRATION"
    )
    reopened = stage(deadlines(replied, now=now), Stage.RESOLUTION)
    assert (reopened.state, reopened.ended_at) == (SlaState.BREACHED, None)


def test_SLA_REPLY_WINDOW_expires_before_auto_close():
    """The reply window runs 10 calendar days from the latest follow-up; then it has expired."""
    events = [
        ("submit", "2024-07-12T09:00:00+07:00"),
        ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ("post_follow_up", "2024-07-18T09:00:00+07:00"),
    ]
    row = stage(
        deadlines(complaint(events), now=at("2024-08-02T09:00:00+07:00")), Stage.REPLY_WINDOW
    )
    assert (row.due_date, row.state) == (date(2024, 7, 28), SlaState.BREACHED)


def test_SLA_RESOLVE_ASPIRATION_applies_by_type():
    """Only the resolution row of the report's type applies."""
    c = complaint([("submit", "2024-07-12T09:00:00+07:00")], report_type="ASPIRATION")
    rules = {r.rule for r in deadlines(c, now=at("2024-07-12T10:00:00+07:00"))}
    assert "SLA-RESOLVE-ASPIRATION" in rules
    assert "SLA-RESOLVE-COMPLAINT" not in rules


def test_FILING_WINDOW_is_a_warning():
    """A report filed more than 30 calendar days after the incident is flagged, not refused."""
    late = complaint([("submit", "2024-07-12T09:00:00+07:00")], incident="2024-06-01")
    row = stage(
        deadlines(late, now=at("2024-07-12T10:00:00+07:00")), Stage.FILING_WINDOW, "reporter"
    )
    assert (row.state, row.due_date) == (SlaState.BREACHED, date(2024, 7, 1))
    assert row.warnings
    ok = complaint([("submit", "2024-07-12T09:00:00+07:00")], incident="2024-07-01")
    ok_row = stage(
        deadlines(ok, now=at("2024-07-12T10:00:00+07:00")), Stage.FILING_WINDOW, "reporter"
    )
    assert ok_row.state is SlaState.MET


# -- purity, rules and calendar as inputs ----------------------------------------------------


def test_SLA_REPLAY_same_history_same_deadlines():
    """Replaying the same history gives equal results."""
    c = complaint([("submit", "2024-04-05T14:00:00+07:00")])
    now = at("2024-04-16T09:00:00+07:00")
    assert deadlines(c, now=now) == deadlines(c, now=now)


def test_SLA_REPLAY_calendar_and_rulebook_changes_apply_at_once():
    """A new closure or a new limit gives new deadlines on recomputation; nothing is stored."""
    c = complaint([("submit", "2024-07-15T09:00:00+07:00")])
    now = at("2024-07-15T10:00:00+07:00")
    before = stage(deadlines(c, now=now), Stage.VERIFICATION).due_date
    closed = WorkingCalendar.indonesia().with_closures([Closure(date(2024, 7, 17), "Libur")])
    after = stage(deadlines(c, now=now, calendar=closed), Stage.VERIFICATION).due_date
    book = Rulebook.default().with_overrides({"SLA-VERIFY": {"limit": 5}})
    longer = stage(deadlines(c, now=now, rulebook=book), Stage.VERIFICATION).due_date
    assert (before, after, longer) == (date(2024, 7, 18), date(2024, 7, 19), date(2024, 7, 22))


def test_SLA_REPLAY_events_after_now_ignored():
    """Events after ``now`` are not yet known: the stage is still pending."""
    c = complaint(
        [
            ("submit", "2024-07-15T09:00:00+07:00"),
            ("verify_and_dispatch", "2024-07-17T09:00:00+07:00"),
        ]
    )
    row = stage(deadlines(c, now=at("2024-07-16T09:00:00+07:00")), Stage.VERIFICATION)
    assert row.state is SlaState.PENDING


def test_SLA_INPUT_naive_now_and_bad_history_refused():
    """A naive ``now`` and a history the transition table forbids raise DataError."""
    c = complaint([("submit", "2024-07-15T09:00:00+07:00")])
    with pytest.raises(DataError) as naive:
        deadlines(c, now=datetime(2024, 7, 16))  # noqa: DTZ001 - the point of the test
    assert naive.value.rule == "TIMESTAMP-AWARE"
    bad = complaint(
        [("submit", "2024-07-15T09:00:00+07:00"), ("close", "2024-07-16T09:00:00+07:00")]
    )
    with pytest.raises(DataError) as history:
        deadlines(bad, now=at("2024-07-17T09:00:00+07:00"))
    assert history.value.rule == "HISTORY-TRANSITION"


def test_CAL_COVERAGE_sla_in_2051_flagged_and_strict_raises():
    """A deadline in 2051 (no Nyepi in the data) is flagged; strict raises CalendarError."""
    c = complaint([("submit", "2051-03-01T09:00:00+07:00")])
    now = at("2051-03-01T10:00:00+07:00")
    row = stage(deadlines(c, now=now), Stage.VERIFICATION)
    assert not row.confirmed
    assert any("Day of Silence" in w for w in row.warnings)
    with pytest.raises(CalendarError):
        deadlines(c, now=now, strict=True)


# -- escalation ------------------------------------------------------------------------------


def test_SLA_ESCALATION_ladder():
    """Breached verification goes to the national admin; a late follow-up climbs the ladder."""
    unverified = complaint([("submit", "2024-07-01T09:00:00+07:00")])
    dispatched = complaint(
        [
            ("submit", "2024-07-12T09:00:00+07:00"),
            ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ]
    )
    now = at("2024-07-23T09:00:00+07:00")  # follow-up due Mon 22, 1 WD overdue
    graph = tree(
        {"id": "pemkab", "name": "Pemkab", "kind": "REGENCY"},
        {"id": "dinas-a", "name": "Dinas", "kind": "UNIT", "parent_id": "pemkab"},
    )
    found = escalations([unverified, dispatched], now=now, hierarchy=graph)
    by_rule = {(e.deadline.rule, e.deadline.started_at): e for e in found}
    verify = by_rule["SLA-VERIFY", at("2024-07-01T09:00:00+07:00")]
    assert (verify.to, verify.agency_id) == ("national_admin", None)
    follow = by_rule["SLA-FIRST-FOLLOW-UP", at("2024-07-15T09:00:00+07:00")]
    assert (follow.to, follow.agency_id) == ("parent_agency", "pemkab")
    without_parent = escalations([dispatched], now=now)
    assert without_parent[0].to == "national_admin"
    soon = escalations([dispatched], now=at("2024-07-19T09:00:00+07:00"))
    assert {(e.deadline.stage, e.to, e.agency_id) for e in soon} == {
        (Stage.FIRST_FOLLOW_UP, "agency_admin", "dinas-a")
    }


def test_SLA_ESCALATION_horizon_must_be_positive():
    """A horizon of 0 working days is refused."""
    with pytest.raises(DataError):
        escalations([], now=at("2024-07-19T09:00:00+07:00"), horizon_working_days=0)


# -- bulk and properties ---------------------------------------------------------------------


def test_SLA_BULK_due_dates_known_values():
    """bulk_due_dates gives the scalar due dates for a rule, and calendar days for FILING-WINDOW."""
    starts = [date(2024, 4, 5), date(2024, 7, 13), date(2024, 11, 15)]
    got = bulk_due_dates(starts, "SLA-RESOLVE-EXAMINATION").days.tolist()
    assert got[2] == date(2025, 2, 18)
    filing = bulk_due_dates(np.array(["2024-06-01"], dtype="datetime64[D]"), "FILING-WINDOW")
    assert filing.days.tolist() == [date(2024, 7, 1)]


ZONES = st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])


@given(local_instants(), ZONES)
def test_SLA_VERIFY_deadline_is_a_working_day_and_bulk_agrees(local, zone):
    """Deadlines never fall on a non-working day, and the bulk path gives the same date."""
    tz = ZoneInfo(zone)
    submitted = local.replace(tzinfo=tz)
    c = complaint([("submit", submitted.isoformat())])
    rows = deadlines(c, now=submitted, zone=tz)
    cal = WorkingCalendar.indonesia()
    for row in rows:
        if row.due_date is not None and row.unit == "working_days":
            assert cal.is_working_day(row.due_date)
    verify = stage(rows, Stage.VERIFICATION)
    bulk = bulk_due_dates([submitted.date()], "SLA-VERIFY")
    assert bulk.days[0] == np.datetime64(verify.due_date)


@given(local_instants(), hold_plans())
def test_SLA_VERIFY_pausing_never_shortens(local, plan):
    """A hold and its completion never bring the verification deadline earlier."""
    submitted = local.replace(tzinfo=WIB)
    hold_at = submitted + timedelta(hours=plan[0])
    complete_at = hold_at + timedelta(hours=plan[1])
    now = complete_at + timedelta(minutes=1)
    plain = complaint([("submit", submitted.isoformat())])
    held = complaint(
        [
            ("submit", submitted.isoformat()),
            ("hold", hold_at.isoformat()),
            ("complete", complete_at.isoformat()),
        ]
    )
    base = stage(deadlines(plain, now=now), Stage.VERIFICATION).due_date
    paused = stage(deadlines(held, now=now), Stage.VERIFICATION).due_date
    assert base is not None
    assert paused is not None
    assert paused >= base
    # The exact held deadline, from the day-by-day oracle: working days strictly after the
    # submission date and before the hold date are used; the rest run from the resume date.
    limit = Rulebook.default().deadline("SLA-VERIFY").limit
    sub_day, hold_day, resume_day = submitted.date(), hold_at.date(), complete_at.date()
    used = 0
    if hold_day > sub_day:
        used = stepwise_working_days_between(CAL, sub_day, hold_day - timedelta(days=1))[0]
    if used >= limit:
        expected = stepwise_add_working_days(CAL, sub_day, limit)[0]
    else:
        expected = stepwise_add_working_days(CAL, resume_day, limit - used)[0]
    assert paused == expected


def test_SLA_VERIFY_hold_spanning_lebaran_2024_exact_deadline():
    """Held Wed 3 Apr, completed Tue 16 Apr 2024: 1 day used, 2 left after the leave block."""
    c = complaint(
        [
            ("submit", "2024-04-01T09:00:00+07:00"),
            ("hold", "2024-04-03T10:00:00+07:00"),
            ("complete", "2024-04-16T09:00:00+07:00"),
        ]
    )
    row = stage(deadlines(c, now=at("2024-04-16T10:00:00+07:00")), Stage.VERIFICATION)
    assert row.due_date == date(2024, 4, 18)  # Tue 2 Apr used; Wed 17, Thu 18 after resume
    assert row.state is SlaState.PENDING
    assert "1 working day used, 2 left" in row.explanation[1]
    unheld = complaint([("submit", "2024-04-01T09:00:00+07:00")])
    plain = stage(deadlines(unheld, now=at("2024-04-02T10:00:00+07:00")), Stage.VERIFICATION)
    assert plain.due_date == date(2024, 4, 4)  # ignoring the hold would give this


# -- review fixes: unit, zones per clock, bad zone, escalation ------------------------------


def test_SLA_UNIT_calendar_days_rule_is_counted_in_calendar_days():
    """A rule overridden to calendar days is counted so by the engine, as bulk_due_dates does."""
    book = Rulebook.default().with_overrides({"SLA-VERIFY": {"unit": "calendar_days"}})
    c = complaint([("submit", "2024-04-05T09:00:00+07:00")])
    row = stage(
        deadlines(c, now=at("2024-04-05T10:00:00+07:00"), rulebook=book), Stage.VERIFICATION
    )
    assert row.unit == "calendar_days"
    assert row.due_date == date(2024, 4, 8)  # Fri 5 Apr + 3 calendar days, Lebaran ignored
    assert row.working_days_left == 3
    bulk = bulk_due_dates([date(2024, 4, 5)], "SLA-VERIFY", rulebook=book)
    assert bulk.days.tolist() == [row.due_date]


def test_SLA_ZONE_each_clock_keeps_the_zone_it_started_in():
    """A later dispatch to a WIB ministry does not move the verification verdict (review #3)."""
    lookup = tree({"id": "kementerian-x", "name": "Kementerian X", "kind": "MINISTRY"})
    before = complaint([("submit", "2024-07-15T23:30:00+07:00")], region="91.71")
    early = stage(
        deadlines(before, now=at("2024-07-18T09:00:00+07:00"), hierarchy=lookup),
        Stage.VERIFICATION,
    )
    after = complaint(
        [
            ("submit", "2024-07-15T23:30:00+07:00"),
            ("verify_and_dispatch", "2024-07-19T10:00:00+07:00"),
        ],
        region="91.71",
    )
    after = after.model_copy(
        update={
            "history": tuple(
                e.model_copy(update={"agency_id": "kementerian-x"}) if e.kind != "submit" else e
                for e in after.history
            )
        }
    )
    rows = deadlines(after, now=at("2024-07-20T09:00:00+07:00"), hierarchy=lookup)
    verify = stage(rows, Stage.VERIFICATION)
    assert early.time_zone == verify.time_zone == "Asia/Jayapura"
    assert early.due_date == verify.due_date == date(2024, 7, 19)
    assert verify.state is SlaState.MET  # 10:00 WIB Fri 19 is within Fri 19 WIT
    assert stage(rows, Stage.FIRST_FOLLOW_UP).time_zone == "Asia/Jakarta"


def test_SLA_ZONE_unknown_time_zone_is_a_data_error():
    """An unknown IANA name is a DataError (CAL-DEFAULT-ZONE), not ZoneInfoNotFoundError."""
    c = complaint([("submit", "2024-07-15T09:00:00+07:00")])
    with pytest.raises(DataError) as exc:
        deadlines(c, now=at("2024-07-16T09:00:00+07:00"), zone="Bad/Zone")
    assert (exc.value.rule, exc.value.field) == ("CAL-DEFAULT-ZONE", "zone")


def test_SLA_ESCALATION_horizon_from_rulebook_and_unit_after_forward():
    """The horizon defaults to ESC-HORIZON; agency_admin is the unit a report was forwarded to."""
    dispatched = complaint(
        [
            ("submit", "2024-07-12T09:00:00+07:00"),
            ("verify_and_dispatch", "2024-07-15T09:00:00+07:00"),
        ]
    )
    forward = {
        "kind": "forward_to_unit",
        "at": "2024-07-15T10:00:00+07:00",
        "actor": {"role": "AGENCY_ADMIN", "agency_id": "dinas-a"},
        "unit_id": "bidang-jalan",
    }
    payload = json.loads(dispatched.model_dump_json())
    payload["history"].append(forward)
    forwarded = Complaint.model_validate_json(json.dumps(payload))
    now = at("2024-07-17T09:00:00+07:00")  # follow-up due Mon 22: 3 working days left
    assert escalations([forwarded], now=now) == ()
    wide = Rulebook.default().with_overrides({"ESC-HORIZON": {"value": 3}})
    found = escalations([forwarded], now=now, rulebook=wide)
    assert {(e.to, e.agency_id) for e in found} == {("agency_admin", "bidang-jalan")}
