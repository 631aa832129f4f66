"""Tests of sp4n.lifecycle: one test per transition row and per forbidden transition."""

import argparse
import importlib.util
import json
from collections import deque
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import TypeAdapter

from sp4n import lifecycle
from sp4n.cli import lifecycle as lifecycle_cli
from sp4n.errors import CalendarError, InvalidTransition, PermissionDenied, UnknownAgency
from sp4n.hierarchy import AgencyGraph
from sp4n.lifecycle import _scope as lifecycle_scope
from sp4n.models import (
    Actor,
    Agency,
    ArchiveEvent,
    AutoCloseEvent,
    Complaint,
    ComplaintSubmission,
    Event,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook, TransitionRule
from sp4n.vocabulary import AgencyKind, ArchiveReason, DeleteReason, EventKind, Role, Status
from sp4n.workdays import WorkingCalendar

BOOK = Rulebook.default()
REOPEN_BOOK = BOOK.with_overrides({"LC-REOPEN-ENABLED": {"value": True}})
START = datetime(2024, 4, 5, 2, 30, tzinfo=UTC)  # Friday 09:30 WIB
REPORTER = Actor(role=Role.REPORTER, user_id="warga-1")
NATIONAL = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
SYSTEM = Actor(role=Role.SYSTEM)
EVENT = TypeAdapter(Event)
DOC = Path(__file__).parent.parent / "docs" / "explanation" / "lifecycle.md"

TREE = AgencyGraph.from_agencies(
    [
        Agency(id="nasional", name="LAPOR!", kind=AgencyKind.NATIONAL),
        Agency(
            id="prov-32",
            name="Pemprov Jawa Barat",
            kind=AgencyKind.PROVINCE,
            parent_id="nasional",
        ),
        Agency(id="kab-32.01", name="Pemkab Bogor", kind=AgencyKind.REGENCY, parent_id="prov-32"),
        Agency(
            id="kab-32.01.dinas-pupr",
            name="Dinas PUPR",
            kind=AgencyKind.UNIT,
            parent_id="kab-32.01",
        ),
        Agency(id="kota-32.73", name="Pemkot Bandung", kind=AgencyKind.CITY, parent_id="prov-32"),
    ]
)

EXTRAS: dict[EventKind, dict[str, object]] = {
    EventKind.VERIFY_AND_DISPATCH: {"agency_id": "kab-32.01"},
    EventKind.HOLD: {"reason": "Lokasi tidak jelas"},
    EventKind.COMPLETE: {"info": "Di depan SDN 1"},
    EventKind.DECLARE_NOT_COMPETENT: {"reason": "Jalan nasional"},
    EventKind.REDISPATCH: {"agency_id": "kota-32.73"},
    EventKind.ARCHIVE: {"reason": ArchiveReason.DUPLICATE},
    EventKind.DELETE: {"reason": DeleteReason.ABUSIVE},
    EventKind.FORWARD_TO_UNIT: {"unit_id": "kab-32.01.dinas-pupr"},
    EventKind.POST_FOLLOW_UP: {"text": "Sudah diperbaiki"},
    EventKind.REPORTER_REPLY: {"text": "Terima kasih"},
    EventKind.REOPEN: {"reason": "Rusak lagi"},
}


SYSTEM_DELAY = timedelta(days=60)
LATER = START + timedelta(days=30)
"""The system's timed events come this much later: their windows have passed by then."""


def event(kind: EventKind, actor: Actor, at: datetime | None = None) -> Event:
    """An event of ``kind`` with fixed content; the system's come when due, hold expiry's reason."""
    when = at or START + timedelta(days=10)
    extras = dict(EXTRAS.get(kind, {}))
    if actor.role is Role.SYSTEM:
        when += SYSTEM_DELAY
        if kind is EventKind.ARCHIVE:
            extras["reason"] = ArchiveReason.HOLD_EXPIRED
    data = {"kind": kind.value, "at": when, "actor": actor}
    return EVENT.validate_python({**data, **extras})


def submission(**changes: object) -> ComplaintSubmission:
    base = {
        "type": "COMPLAINT",
        "title": "Jalan berlubang",
        "body": "Lubang besar di Jl. Raya Bogor.",
        "category": "regency_road",
        "channel": "WEB",
        "target_agency_id": "kab-32.01",
        "submitted_at": START.isoformat(),
    }
    return ComplaintSubmission.model_validate_json(json.dumps({**base, **changes}))


def new_complaint(**changes: object) -> Complaint:
    return lifecycle.submit(submission(**changes), tracking_id="0012345674", actor=REPORTER)


def favourable_actor(role: Role, complaint: Complaint) -> Actor:
    """An actor of ``role`` placed as well as possible: handling agency and owner's user id."""
    chain = lifecycle.handling_chain(complaint)
    agency = chain[-1] if chain else "kab-32.01"
    needs_agency = role in {Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR}
    return Actor(
        role=role,
        agency_id=agency if needs_agency else None,
        user_id=lifecycle.owner_id(complaint),
    )


def allowed_actor(role: Role, scope: str, complaint: Complaint) -> Actor:
    """An actor of ``role`` that satisfies ``scope`` on ``complaint`` (with :data:`TREE`)."""
    if scope == "ancestor":
        declared = lifecycle.handling_chain(complaint)[-1]
        parent = TREE.parent(declared)
        assert parent is not None
        return Actor(role=role, agency_id=parent.id, user_id="atasan-1")
    return favourable_actor(role, complaint)


def reach(status: Status, book: Rulebook = BOOK, via: Status | None = None) -> Complaint:
    """A complaint in ``status`` (entered from ``via``, if given), by the shortest lawful walk."""
    start = new_complaint()
    queue: deque[Complaint] = deque([start])
    seen: set[tuple[Status, Status | None]] = {(start.status, None)}
    while queue:
        current = queue.popleft()
        prior = lifecycle.entered_from(current, book)
        if current.status is status and (via is None or prior is via):
            return current
        for row in book.transitions:
            if (
                current.status not in row.from_statuses
                or not book.is_enabled(row)
                or not row.applies_after(prior)
            ):
                continue
            role, scope = next(iter(row.actors.items()))
            actor = allowed_actor(role, scope, current)
            at = current.history[-1].at + timedelta(hours=1)
            nxt = lifecycle.apply(
                current, event(row.event, actor, at), rulebook=book, hierarchy=TREE
            )
            key = (nxt.status, lifecycle.entered_from(nxt, book) if via else None)
            if key not in seen:
                seen.add(key)
                queue.append(nxt)
    raise AssertionError(status)


CASES = [
    pytest.param(row, source, id=f"{row.rule}-from-{source}")
    for row in BOOK.transitions
    if row.event is not EventKind.SUBMIT
    for source in row.from_statuses
]


def _book_for(row: TransitionRule) -> Rulebook:
    return REOPEN_BOOK if row.enabled_by else BOOK


@pytest.mark.parametrize(("row", "source"), CASES)
def test_row_allowed_actors_succeed(row: TransitionRule, source: Status) -> None:
    """Each role listed in a row, within its scope, moves the report to the row's status."""
    book = _book_for(row)
    complaint = reach(source, book, row.entered_from[0] if row.entered_from else None)
    at = complaint.history[-1].at + timedelta(hours=1)
    for role, scope in row.actors.items():
        actor = allowed_actor(role, scope, complaint)
        result = lifecycle.apply(
            complaint, event(row.event, actor, at), rulebook=book, hierarchy=TREE
        )
        assert result.status is row.to
        assert result.history[:-1] == complaint.history
        assert result.history[-1].kind == row.event.value


@pytest.mark.parametrize(("row", "source"), CASES)
def test_row_other_roles_refused(row: TransitionRule, source: Status) -> None:
    """Every role no row allows for this event and status is refused, naming the rule."""
    book = _book_for(row)
    complaint = reach(source, book)
    rows = [r for r in book.transitions if r.event is row.event and source in r.from_statuses]
    allowed = {role for r in rows for role in r.actors}
    at = complaint.history[-1].at + timedelta(hours=1)
    for role in set(Role) - allowed:
        with pytest.raises(PermissionDenied) as info:
            lifecycle.apply(
                complaint,
                event(row.event, favourable_actor(role, complaint), at),
                rulebook=book,
                hierarchy=TREE,
            )
        assert info.value.rule in {r.rule for r in rows}
        assert str(role) in str(info.value)
        assert str(source) in str(info.value)


FORBIDDEN = [
    pytest.param(kind, status, id=f"{rows[0].rule}-not-from-{status}")
    for kind in EventKind
    if kind is not EventKind.SUBMIT
    for rows in [[r for r in BOOK.transitions if r.event is kind]]
    for status in Status
    if not any(status in r.from_statuses for r in rows)
]


@pytest.mark.parametrize(("kind", "status"), FORBIDDEN)
def test_forbidden_transition(kind: EventKind, status: Status) -> None:
    """An event no row allows from the current status is an InvalidTransition naming its rule."""
    complaint = reach(status)
    row = next(r for r in BOOK.transitions if r.event is kind)
    role, scope = next(iter(row.actors.items()))
    actor = favourable_actor(role, complaint) if scope != "ancestor" else NATIONAL
    at = complaint.history[-1].at + timedelta(hours=1)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(complaint, event(kind, actor, at), hierarchy=TREE)
    assert info.value.rule == row.rule
    assert str(status) in str(info.value)
    assert kind.value in str(info.value)


def test_reopen_switched_off_by_default() -> None:
    """LC-REOPEN is a [D] row that is off unless reopen_enabled is set."""
    closed = reach(Status.CLOSED_BY_REPORTER)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(closed, event(EventKind.REOPEN, REPORTER, closed.history[-1].at))
    assert info.value.rule == "LC-REOPEN"


def test_reopen_only_within_window() -> None:
    """LC-REOPEN-WINDOW: reopening after the window of working days is refused."""
    closed = reach(Status.CLOSED_BY_REPORTER, REOPEN_BOOK)
    closed_at = closed.history[-1].at
    late = closed_at + timedelta(days=40)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(closed, event(EventKind.REOPEN, REPORTER, late), rulebook=REOPEN_BOOK)
    assert info.value.rule == "LC-REOPEN-WINDOW"
    soon = lifecycle.apply(
        closed,
        event(EventKind.REOPEN, REPORTER, closed_at + timedelta(days=1)),
        rulebook=REOPEN_BOOK,
    )
    assert soon.status is Status.IN_PROGRESS


def test_submit_event_only_creates() -> None:
    """LC-SUBMIT: a submit event cannot be applied to an existing report."""
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(new_complaint(), event(EventKind.SUBMIT, REPORTER))
    assert info.value.rule == "LC-SUBMIT"


@pytest.mark.parametrize("role", sorted(set(Role) - {Role.REPORTER, Role.SYSTEM}))
def test_submit_refuses_other_roles(role: Role) -> None:
    """LC-SUBMIT: only the reporter or an integrated channel (system) submits."""
    actor = Actor(role=role, agency_id="kab-32.01")
    with pytest.raises(PermissionDenied) as info:
        lifecycle.submit(submission(), tracking_id="0012345674", actor=actor)
    assert info.value.rule == "LC-SUBMIT"


def test_history_order_enforced() -> None:
    """HISTORY-ORDER: an event before the last one is refused."""
    complaint = reach(Status.DISPATCHED)
    early = complaint.history[-1].at - timedelta(seconds=1)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(complaint, event(EventKind.POST_FOLLOW_UP, NATIONAL, early))
    assert info.value.rule == "HISTORY-ORDER"


def test_assigned_scope_refuses_other_agency() -> None:
    """Scope assigned: an agency admin of another agency may not act (LC-FOLLOW-UP)."""
    complaint = reach(Status.DISPATCHED)
    other = Actor(role=Role.AGENCY_ADMIN, agency_id="kota-32.73")
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(complaint, event(EventKind.POST_FOLLOW_UP, other), hierarchy=TREE)
    assert info.value.rule == "LC-FOLLOW-UP"


@pytest.mark.parametrize("agency", ["prov-32", "nasional"])
@pytest.mark.parametrize("tree", [None, TREE], ids=["no-tree", "tree"])
def test_ancestor_government_is_not_assigned(agency: str, tree: AgencyGraph | None) -> None:
    """A province's or the national operator's agency admin never answers for a regency."""
    complaint = reach(Status.DISPATCHED)
    above = Actor(role=Role.AGENCY_ADMIN, agency_id=agency)
    for kind in (EventKind.POST_FOLLOW_UP, EventKind.DECLARE_NOT_COMPETENT):
        with pytest.raises(PermissionDenied) as info:
            lifecycle.apply(complaint, event(kind, above), hierarchy=tree)
        assert info.value.rule in {"LC-FOLLOW-UP", "LC-NOT-COMPETENT"}
    assert lifecycle.available_events(complaint, above, hierarchy=tree) == ()


def test_agency_admin_acts_for_its_units() -> None:
    """With a hierarchy, the regency admin acts on a report its unit handles; the unit's too."""
    dispatched = reach(Status.DISPATCHED)
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    forwarded = lifecycle.apply(dispatched, event(EventKind.FORWARD_TO_UNIT, admin), hierarchy=TREE)
    unit_admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01.dinas-pupr")
    for actor in (admin, unit_admin):
        done = lifecycle.apply(forwarded, event(EventKind.POST_FOLLOW_UP, actor), hierarchy=TREE)
        assert done.status is Status.IN_PROGRESS
    with pytest.raises(PermissionDenied):
        lifecycle.apply(dispatched, event(EventKind.POST_FOLLOW_UP, unit_admin), hierarchy=TREE)


def test_liaison_only_for_its_unit() -> None:
    """Scope assigned: after forwarding, the unit's liaison acts, another liaison does not."""
    dispatched = reach(Status.DISPATCHED)
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    forwarded = lifecycle.apply(dispatched, event(EventKind.FORWARD_TO_UNIT, admin), hierarchy=TREE)
    unit = Actor(role=Role.LIAISON, agency_id="kab-32.01.dinas-pupr")
    agency_liaison = Actor(role=Role.LIAISON, agency_id="kab-32.01")
    assert (
        lifecycle.apply(forwarded, event(EventKind.POST_FOLLOW_UP, unit)).status
        is Status.IN_PROGRESS
    )
    with pytest.raises(PermissionDenied):
        lifecycle.apply(forwarded, event(EventKind.POST_FOLLOW_UP, agency_liaison))
    assert (
        lifecycle.apply(forwarded, event(EventKind.POST_FOLLOW_UP, admin)).status
        is Status.IN_PROGRESS
    )


def test_own_scope_refuses_other_reporter() -> None:
    """Scope own: another reporter cannot close someone else's report (LC-CLOSE)."""
    complaint = reach(Status.IN_PROGRESS)
    stranger = Actor(role=Role.REPORTER, user_id="warga-2")
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(complaint, event(EventKind.CLOSE, stranger))
    assert info.value.rule == "LC-CLOSE"


@pytest.mark.parametrize("tree", [None, TREE], ids=["default-hierarchy", "tree"])
def test_ancestor_scope_needs_an_ancestor(tree: AgencyGraph | None) -> None:
    """Scope ancestor (LC-REDISPATCH): the parent's admin may, a sibling may not.

    Without ``hierarchy=`` the embedded one decides, where Jawa Barat is
    Kabupaten Bogor's parent too.
    """
    declared = reach(Status.NOT_COMPETENT)
    parent = Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32")
    sibling = Actor(role=Role.AGENCY_ADMIN, agency_id="kota-32.73")
    ok = lifecycle.apply(declared, event(EventKind.REDISPATCH, parent), hierarchy=tree)
    assert ok.status is Status.DISPATCHED
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(declared, event(EventKind.REDISPATCH, sibling), hierarchy=tree)
    assert info.value.rule == "LC-REDISPATCH"


def test_dispatch_target_within_agency() -> None:
    """With a hierarchy, an agency admin dispatches only to its agency or its units."""
    complaint = new_complaint()
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    elsewhere = EVENT.validate_python(
        {"kind": "verify_and_dispatch", "at": START, "actor": admin, "agency_id": "kota-32.73"}
    )
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(complaint, elsewhere, hierarchy=TREE)
    assert info.value.rule == "LC-VERIFY-DISPATCH"


def test_hop_limit_leaves_redispatch_to_national_admin() -> None:
    """ROUTE-HOP-LIMIT: after hop_limit declarations only the national admin redispatches."""
    complaint = reach(Status.NOT_COMPETENT)  # declared by kab-32.01
    parent = Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32")
    at = complaint.history[-1].at
    targets = ["kota-32.73", "kab-32.01"]
    for hop in range(BOOK.settings.hop_limit - 1):
        at += timedelta(hours=1)
        target = targets[hop % 2]
        complaint = lifecycle.apply(
            complaint,
            EVENT.validate_python(
                {"kind": "redispatch", "at": at, "actor": parent, "agency_id": target}
            ),
            hierarchy=TREE,
        )
        declarer = Actor(role=Role.AGENCY_ADMIN, agency_id=target)
        complaint = lifecycle.apply(complaint, event(EventKind.DECLARE_NOT_COMPETENT, declarer, at))
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(complaint, event(EventKind.REDISPATCH, parent, at), hierarchy=TREE)
    assert info.value.rule == "ROUTE-HOP-LIMIT"
    assert (
        lifecycle.apply(complaint, event(EventKind.REDISPATCH, NATIONAL, at)).status
        is Status.DISPATCHED
    )


@pytest.mark.parametrize("status", list(Status))
def test_available_events_match_apply(status: Status) -> None:
    """available_events lists exactly the kinds that apply accepts for a well-placed actor."""
    complaint = reach(status)
    at = complaint.history[-1].at + timedelta(hours=1)
    for role in Role:
        actor = favourable_actor(role, complaint)
        listed = set(lifecycle.available_events(complaint, actor, hierarchy=TREE))
        accepted = set()
        for kind in set(EventKind) - {EventKind.SUBMIT}:
            try:
                lifecycle.apply(complaint, event(kind, actor, at), hierarchy=TREE)
            except (InvalidTransition, PermissionDenied):
                continue
            accepted.add(kind)
        assert listed == accepted, (status, role)


@pytest.mark.parametrize("status", [s.status for s in BOOK.statuses])
def test_replay_and_check_history(status: Status) -> None:
    """Replaying a history gives the same complaint; check_history confirms the status."""
    complaint = reach(status)
    again = lifecycle.replay(
        lifecycle.submission_of(complaint),
        complaint.history,
        tracking_id=complaint.tracking_id,
        hierarchy=TREE,
    )
    assert again == complaint
    assert lifecycle.check_history(complaint, hierarchy=TREE) is status


def test_check_history_detects_wrong_status() -> None:
    """HISTORY-STATUS: a stored status that its history does not give is reported."""
    complaint = reach(Status.DISPATCHED)
    forged = complaint.model_copy(update={"status": Status.IN_PROGRESS})
    with pytest.raises(InvalidTransition) as info:
        lifecycle.check_history(forged)
    assert info.value.rule == "HISTORY-STATUS"


class Weekdays:
    """Monday to Friday, no holidays: a plain calendar for exact expectations."""

    def working_days_between(self, start: date, end: date, /) -> int:
        days = (start + timedelta(days=i) for i in range(1, (end - start).days + 1))
        return sum(d.weekday() < 5 for d in days)


def test_due_auto_closures_reply_window() -> None:
    """SLA-REPLY-WINDOW: due only after the 10th calendar day after the last follow-up ends."""
    complaint = reach(Status.IN_PROGRESS)  # follow-up on Friday 2024-04-05 (WIB)
    tenth = datetime(2024, 4, 15, 16, 59, tzinfo=UTC)  # Monday 23:59 WIB, calendar day 10
    assert lifecycle.due_auto_closures([complaint], tenth, calendar=Weekdays()) == ()
    after = datetime(2024, 4, 15, 17, 0, tzinfo=UTC)  # Tuesday 00:00 WIB
    (due,) = lifecycle.due_auto_closures([complaint], after, calendar=Weekdays())
    assert (due.rule, due.deadline_rule) == ("LC-AUTO-CLOSE", "SLA-REPLY-WINDOW")
    closed = lifecycle.apply(due.complaint, due.event, calendar=Weekdays())
    assert closed.status is Status.CLOSED_BY_SYSTEM


def test_due_auto_closures_hold_window() -> None:
    """SLA-HOLD-WINDOW: a held report is archived (HOLD_EXPIRED) once the window has passed."""
    held = reach(Status.ON_HOLD)
    (due,) = lifecycle.due_auto_closures([held], START + timedelta(days=30), calendar=Weekdays())
    assert due.rule == "LC-ARCHIVE-HOLD-EXPIRED"
    archived = lifecycle.apply(held, due.event, calendar=Weekdays())
    assert archived.status is Status.ARCHIVED
    last = archived.history[-1]
    assert isinstance(last, ArchiveEvent)
    assert last.reason is ArchiveReason.HOLD_EXPIRED


def test_reporter_reply_resets_the_reply_window() -> None:
    """LC-REPORTER-REPLY: a reply restarts the reply window."""
    complaint = reach(Status.IN_PROGRESS)
    replied = lifecycle.apply(
        complaint, event(EventKind.REPORTER_REPLY, REPORTER, START + timedelta(days=10))
    )
    now = datetime(2024, 4, 20, tzinfo=UTC)
    assert lifecycle.due_auto_closures([complaint], now, calendar=Weekdays())
    assert lifecycle.due_auto_closures([replied], now, calendar=Weekdays()) == ()


def test_auto_close_not_before_due_with_calendar() -> None:
    """Given a calendar, apply refuses an auto-close before the reply window ends."""
    complaint = reach(Status.IN_PROGRESS)
    early = AutoCloseEvent(at=START + timedelta(days=10), actor=SYSTEM)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(complaint, early, calendar=Weekdays())
    assert info.value.rule == "SLA-REPLY-WINDOW"


@pytest.mark.parametrize("held", [True, False], ids=["hold-expiry", "auto-close"])
def test_timed_transitions_need_due_window_without_calendar(held: bool) -> None:
    """Without a calendar, the national one decides: no auto-close or hold expiry a minute later."""
    complaint = reach(Status.ON_HOLD if held else Status.IN_PROGRESS)
    soon = complaint.history[-1].at + timedelta(minutes=1)
    early: Event = (
        ArchiveEvent(at=soon, actor=SYSTEM, reason=ArchiveReason.HOLD_EXPIRED)
        if held
        else AutoCloseEvent(at=soon, actor=SYSTEM)
    )
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(complaint, early)
    assert info.value.rule == ("SLA-HOLD-WINDOW" if held else "SLA-REPLY-WINDOW")


def test_hold_expired_reason_is_the_systems() -> None:
    """HOLD_EXPIRED is only recorded by LC-ARCHIVE-HOLD-EXPIRED; the system records only it."""
    held = reach(Status.ON_HOLD)
    late = held.history[-1].at + SYSTEM_DELAY
    claim = ArchiveEvent(at=late, actor=NATIONAL, reason=ArchiveReason.HOLD_EXPIRED)
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(held, claim)
    assert (info.value.rule, info.value.field) == ("LC-ARCHIVE-HOLD-EXPIRED", "reason")
    other = ArchiveEvent(at=late, actor=SYSTEM, reason=ArchiveReason.DUPLICATE)
    with pytest.raises(InvalidTransition):
        lifecycle.apply(held, other)


def test_naive_instants_are_refused_by_timers() -> None:
    """due_auto_closures and window_passed refuse naive datetimes (TIMESTAMP-AWARE)."""
    complaint = reach(Status.IN_PROGRESS)
    with pytest.raises(CalendarError) as info:
        lifecycle.due_auto_closures([complaint], datetime(2024, 5, 1))  # noqa: DTZ001
    assert info.value.rule == "TIMESTAMP-AWARE"
    with pytest.raises(CalendarError):
        lifecycle.window_passed(datetime(2024, 4, 1), START, 3, Weekdays())  # noqa: DTZ001


def test_due_auto_closures_with_national_calendar() -> None:
    """The default calendar (sp4n.workdays) skips the Idul Fitri 2024 holidays (hold window)."""
    held = reach(Status.ON_HOLD)  # held on Friday 2024-04-05 (WIB)
    plain = lifecycle.due_auto_closures(
        [held], datetime(2024, 4, 22, tzinfo=UTC), calendar=Weekdays()
    )
    national = lifecycle.due_auto_closures([held], datetime(2024, 4, 22, tzinfo=UTC))
    assert plain
    assert national == ()
    assert lifecycle.due_auto_closures(
        [held], datetime(2024, 5, 10, tzinfo=UTC), calendar=WorkingCalendar.indonesia()
    )


def test_mermaid_lists_every_row() -> None:
    """The Mermaid diagram has an edge for every row and marks switched-off ones."""
    diagram = lifecycle.mermaid()
    for row in BOOK.transitions:
        for source in row.from_statuses or ("[*]",):
            assert f"{source} --> {row.to}: " in diagram
    assert "reopen (off)" in diagram
    assert lifecycle.state_table().count("\n") == len(BOOK.transitions) + 2


def test_docs_diagram_is_current() -> None:
    """docs/explanation/lifecycle.md embeds the diagram generated from the rulebook."""
    text = DOC.read_text(encoding="utf-8")
    assert lifecycle.update_doc(text) == text, "run: python scripts/update_lifecycle_doc.py"


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    lifecycle_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_cli_prints_table_and_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    """sp4n lifecycle prints the table with rule ids and the diagram; --mermaid only the diagram."""
    assert _cli(["lifecycle"]) == 0
    out = capsys.readouterr().out
    assert all(row.rule in out for row in BOOK.transitions)
    assert lifecycle.mermaid() in out
    assert _cli(["lifecycle", "--mermaid"]) == 0
    assert capsys.readouterr().out == lifecycle.mermaid()


def test_update_doc_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """scripts/update_lifecycle_doc.py rewrites a stale diagram block and leaves a current one."""
    script = _script("update_lifecycle_doc")
    page = tmp_path / "page.md"
    page.write_text(f"# T\n\n{lifecycle.DOC_BEGIN}\nold\n{lifecycle.DOC_END}\n", encoding="utf-8")
    assert script.main([str(page), "--check"]) == 1
    assert script.main([str(page)]) == 0
    assert lifecycle.mermaid() in page.read_text(encoding="utf-8")
    assert "updated" in capsys.readouterr().out
    assert script.main([str(page), "--check"]) == 0
    assert "already current" in capsys.readouterr().out


def test_cli_has_no_developer_switch() -> None:
    """--update-doc left the CLI for scripts/ (issue #12): the CLI refuses it as unknown."""
    with pytest.raises(SystemExit):
        _cli(["lifecycle", "--update-doc", "page.md"])


def _script(name: str) -> ModuleType:
    path = Path(__file__).parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dispatch(actor: Actor, agency: str, **admin: object) -> VerifyAndDispatchEvent:
    data = {
        "at": START.isoformat(),
        "actor": actor.model_dump(mode="json"),
        "agency_id": agency,
        **admin,
    }
    return VerifyAndDispatchEvent.model_validate_json(json.dumps(data))


def test_dispatch_target_checked_in_the_default_hierarchy() -> None:
    """By default (embedded hierarchy) an admin dispatches within its agency, forwards to units."""
    complaint = new_complaint()
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(complaint, _dispatch(admin, "kementerian-keuangan"))
    assert (info.value.rule, info.value.field) == ("LC-VERIFY-DISPATCH", "agency_id")
    dispatched = lifecycle.apply(complaint, _dispatch(admin, "kab-32.01"))
    elsewhere = EVENT.validate_python(
        {
            "kind": "forward_to_unit",
            "at": START,
            "actor": admin,
            "unit_id": "kementerian-keuangan.ditjen-pajak",
        }
    )
    with pytest.raises(PermissionDenied) as info:
        lifecycle.apply(dispatched, elsewhere)
    assert info.value.rule == "LC-FORWARD-UNIT"
    own_unit = elsewhere.model_copy(update={"unit_id": "kab-32.01.dinas-pupr"})
    assert lifecycle.apply(dispatched, own_unit).status is Status.DISPATCHED


def test_forward_to_itself_refused_with_hierarchy() -> None:
    """Forwarding to the agency itself is not forwarding to a unit (LC-FORWARD-UNIT)."""
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    dispatched = lifecycle.apply(new_complaint(), _dispatch(admin, "kab-32.01"), hierarchy=TREE)
    itself = EVENT.validate_python(
        {"kind": "forward_to_unit", "at": START, "actor": admin, "unit_id": "kab-32.01"}
    )
    with pytest.raises(PermissionDenied):
        lifecycle.apply(dispatched, itself, hierarchy=TREE)


@pytest.mark.parametrize("actor", [NATIONAL, Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")])
def test_unknown_dispatch_target_with_hierarchy(actor: Actor) -> None:
    """With a hierarchy, dispatching to an agency it does not know is UnknownAgency (row's rule)."""
    with pytest.raises(UnknownAgency) as info:
        lifecycle.apply(new_complaint(), _dispatch(actor, "zzz-unknown"), hierarchy=TREE)
    assert info.value.rule == "LC-VERIFY-DISPATCH"


def test_unknown_handling_agency_is_nobodys() -> None:
    """A citizen-typed unknown target is not assigned to anyone; no UnknownAgency escapes."""
    complaint = new_complaint(target_agency_id="dinas-salah-ketik")
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32")
    assert lifecycle.available_events(complaint, admin, hierarchy=TREE) == ()
    with pytest.raises(PermissionDenied):
        lifecycle.apply(complaint, event(EventKind.HOLD, admin), hierarchy=TREE)


def test_redispatch_not_to_itself_nor_back() -> None:
    """LC-REDISPATCH: the ancestor may not send the report to itself or back to the declarer."""
    declared = reach(Status.NOT_COMPETENT)  # declared by kab-32.01
    parent = Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32")
    for target in ("prov-32", "kab-32.01"):
        redispatch = EVENT.validate_python(
            {"kind": "redispatch", "at": LATER, "actor": parent, "agency_id": target}
        )
        with pytest.raises(PermissionDenied) as info:
            lifecycle.apply(declared, redispatch, hierarchy=TREE)
        assert info.value.rule == "LC-REDISPATCH"


def test_ancestor_scope_uses_the_declaring_actor() -> None:
    """The declaring agency is the declaring event's actor (a unit), not the dispatch target."""
    dispatched = reach(Status.DISPATCHED)
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    forwarded = lifecycle.apply(dispatched, event(EventKind.FORWARD_TO_UNIT, admin), hierarchy=TREE)
    unit = Actor(role=Role.LIAISON, agency_id="kab-32.01.dinas-pupr")
    declared = lifecycle.apply(forwarded, event(EventKind.DECLARE_NOT_COMPETENT, unit))
    assert lifecycle_scope.declaring_agency(declared) == "kab-32.01.dinas-pupr"
    back = EVENT.validate_python(
        {
            "kind": "redispatch",
            "at": START + timedelta(days=11),
            "actor": admin,
            "agency_id": "kota-32.73",
        }
    )
    assert lifecycle.apply(declared, back, hierarchy=TREE).status is Status.DISPATCHED


def test_verification_sets_admin_fields_and_replays() -> None:
    """verify_and_dispatch sets title, type, examination, category, tags and flags (§2/§8)."""
    complaint = new_complaint()
    verified = lifecycle.apply(
        complaint,
        _dispatch(
            NATIONAL,
            "kab-32.01",
            summary_title="Jalan Raya Bogor berlubang",
            examination="NEEDS_EXAMINATION",
            category="licensing",
            tags=["jalan", "pungli"],
            anonymous=True,
            confidential=True,
        ),
    )
    assert verified.summary_title == "Jalan Raya Bogor berlubang"
    assert verified.examination.value == "NEEDS_EXAMINATION"
    assert (verified.category, verified.tags) == ("licensing", ("jalan", "pungli"))
    assert verified.anonymous
    assert verified.confidential
    assert verified.title == complaint.title
    again = lifecycle.replay(
        lifecycle.submission_of(complaint), verified.history, tracking_id=verified.tracking_id
    )
    assert again == verified
    kept = lifecycle.apply(complaint, _dispatch(NATIONAL, "kab-32.01"))
    assert (kept.anonymous, kept.tags, kept.summary_title) == (False, (), None)


def test_verification_examination_only_for_complaints() -> None:
    """REPORT-EXAMINATION: verification cannot make a request need examination."""
    with pytest.raises(InvalidTransition) as info:
        lifecycle.apply(
            new_complaint(),
            _dispatch(
                NATIONAL, "kab-32.01", report_type="ASPIRATION", examination="NEEDS_EXAMINATION"
            ),
        )
    assert (info.value.rule, info.value.field) == ("REPORT-EXAMINATION", "examination")


def test_submit_by_reporter_needs_user_id() -> None:
    """LC-SUBMIT: a reporter without user_id would create an orphaned report."""
    with pytest.raises(PermissionDenied) as info:
        lifecycle.submit(submission(), tracking_id="0012345674", actor=Actor(role=Role.REPORTER))
    assert (info.value.rule, info.value.field) == ("LC-SUBMIT", "actor.user_id")
    channel = lifecycle.submit(submission(), tracking_id="0012345674", actor=SYSTEM)
    assert channel.status is Status.SUBMITTED
