"""The lifecycle engine: one function reads the transition table for every event."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from sp4n._guards import CHECKS, boundary, check_aware
from sp4n.errors import CalendarError, InvalidTransition, PermissionDenied, UnknownAgency
from sp4n.i18n import Message
from sp4n.lifecycle._protocols import (
    WIB,
    AgencyTree,
    WorkingDayCounter,
    count_of,
    known_agency,
    organisation_ids,
)
from sp4n.lifecycle._scope import ScopeContext, declaring_agency, scope_refusal, target_of
from sp4n.models import Actor, Complaint, ComplaintSubmission, Event
from sp4n.rulebook import Rulebook, TransitionRule
from sp4n.vocabulary import (
    ArchiveReason,
    DeleteReason,
    EventKind,
    ExaminationFlag,
    ReportType,
    Role,
    Status,
)

if TYPE_CHECKING:
    from sp4n.audit import JsonScalar
    from sp4n.audit_sink import AuditSink

__all__ = [
    "ADMIN_FIELDS",
    "CLOCK_EVENTS",
    "RESERVED_REASONS",
    "TIMED_TRANSITIONS",
    "apply",
    "audit_details",
    "available_events",
    "check_event",
    "clock_start",
    "default_calendar",
    "default_hierarchy",
    "entered_from",
    "rulebook_for",
    "submit",
    "window_passed",
]

TIMED_TRANSITIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"LC-AUTO-CLOSE": "SLA-REPLY-WINDOW", "LC-ARCHIVE-HOLD-EXPIRED": "SLA-HOLD-WINDOW"}
)
"""Timed transitions and the deadline row whose window must have passed first."""

CLOCK_EVENTS: Final[Mapping[str, frozenset[EventKind]]] = MappingProxyType(
    {
        "last_follow_up": frozenset(
            {EventKind.POST_FOLLOW_UP, EventKind.REPORTER_REPLY, EventKind.REOPEN}
        ),
        "hold": frozenset({EventKind.HOLD}),
    }
)
"""For a deadline's ``clock``, the events that (re)start it; the latest one counts.

The reply window runs from the last follow-up *or* reporter reply (a reply
resets it, rule LC-REPORTER-REPLY); a reopened report (LC-REOPEN, off by default)
gets a fresh window from the reopening."""


RESERVED_REASONS: Final[Mapping[object, str]] = MappingProxyType(
    {ArchiveReason.HOLD_EXPIRED: "LC-ARCHIVE-HOLD-EXPIRED"}
)
"""Reasons only one transition row may record (an admin cannot claim a hold expired)."""

ROW_REASONS: Final[Mapping[str, frozenset[object]]] = MappingProxyType(
    {"LC-ARCHIVE-HOLD-EXPIRED": frozenset({ArchiveReason.HOLD_EXPIRED})}
)
"""Rows that may only record these reasons."""

ADMIN_FIELDS: Final[Mapping[EventKind, Mapping[str, str]]] = MappingProxyType(
    {
        EventKind.VERIFY_AND_DISPATCH: MappingProxyType(
            {
                "summary_title": "summary_title",
                "report_type": "type",
                "examination": "examination",
                "category": "category",
                "tags": "tags",
                "anonymous": "anonymous",
                "confidential": "confidential",
            }
        )
    }
)
"""Event field → report field that an event sets when not ``None`` (standard.md §2, §8)."""


@functools.lru_cache(maxsize=128)
def _book_on(day: date) -> Rulebook:
    return Rulebook.for_date(day)


@boundary(complaint=CHECKS["submission"])
def rulebook_for(complaint: ComplaintSubmission, rulebook: Rulebook | None = None) -> Rulebook:
    """The rules a report is judged by: ``rulebook`` if given, else those in force on its day.

    Rule: standard.md intro — a complaint is judged by the rules in force on the
    day it was submitted (local date in WIB).
    """
    if rulebook is not None:
        return rulebook
    return _book_on(complaint.submitted_at.astimezone(WIB).date())


def default_hierarchy() -> AgencyTree:
    """The embedded Indonesian hierarchy (``AgencyGraph.indonesia()``), built once per process.

    What the lifecycle checks agencies against when no ``hierarchy`` is given:
    an omitted hierarchy means the embedded one, never "no check".
    """
    from sp4n.hierarchy import AgencyGraph  # noqa: PLC0415 - builds the graph on first use

    return AgencyGraph.indonesia()


def _tree(hierarchy: AgencyTree | None) -> AgencyTree:
    return hierarchy if hierarchy is not None else default_hierarchy()


_REASON_CODES: Final = (ArchiveReason, DeleteReason)
"""Reasons recorded in the audit trail: codes from a fixed list, never free text."""

_ADMIN_AUDITED: Final = ("report_type", "examination", "category", "anonymous", "confidential")
"""Admin fields recorded in the audit trail (summary title and tags are free text)."""


def audit_details(
    before: Complaint | None, after: Complaint, event: Event, rule: str
) -> dict[str, JsonScalar]:
    """The facts of a step for its audit entry: rule, statuses, targets, codes; no personal data.

    Rule: standard.md §4 (history) and §8 (no personal data where it is not
    needed): free text (reasons, notes, follow-ups, titles) and the reporter's
    identity stay out; reasons from a fixed list (archive, delete) are codes.

    >>> from sp4n.models import ComplaintSubmission, HoldEvent
    >>> from sp4n.vocabulary import Role
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "t", "body": "b", "category": "regency_road",'
    ...     ' "channel": "WEB", "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> c = Complaint.from_submission(sub, tracking_id="0012345674")
    >>> hold = HoldEvent(at=sub.submitted_at, actor=Actor(role=Role.NATIONAL_ADMIN),
    ...                  reason="Alamat Bu Siti kurang lengkap")
    >>> audit_details(c, c, hold, "LC-HOLD")
    {'rule': 'LC-HOLD', 'from': 'SUBMITTED', 'to': 'SUBMITTED'}
    """
    details: dict[str, JsonScalar] = {
        "rule": rule,
        "from": None if before is None else str(before.status),
        "to": str(after.status),
    }
    for name in ("agency_id", "unit_id", "suggested_agency_id"):
        value = getattr(event, name, None)
        if value is not None:
            details[name] = str(value)
    reason = getattr(event, "reason", None)
    if isinstance(reason, _REASON_CODES):
        details["reason"] = str(reason)
    for name in _ADMIN_AUDITED:
        value = getattr(event, name, None)
        if isinstance(value, bool):
            details[name] = value
        elif value is not None:
            details[name] = str(value)
    return details


def _describe(complaint: Complaint, event: Event) -> Message:
    return Message(
        "error.lifecycle.described",
        "{event} by {role} in status {status}",
        event=str(event.kind),
        role=str(event.actor.role),
        status=str(complaint.status),
    )


@boundary
def submit(
    submission: ComplaintSubmission,
    *,
    tracking_id: str,
    actor: Actor,
    rulebook: Rulebook | None = None,
    audit: AuditSink | None = None,
) -> Complaint:
    """Create a report in ``SUBMITTED`` from a submission (rule LC-SUBMIT).

    The submit event is the only one that creates: [`apply`][sp4n.lifecycle.apply] refuses it.
    Give the reporter a ``user_id``: ownership (scope ``own``) is checked
    against it for later reporter events (complete, reply, close). With
    ``audit``, a ``submit`` entry is recorded as in [`apply`][sp4n.lifecycle.apply].

    Raises:
        PermissionDenied: the actor's role may not submit, or its scope is
            ``own`` (a reporter) and it has no ``user_id``: the report would
            belong to nobody (rule LC-SUBMIT).
    """
    book = rulebook_for(submission, rulebook)
    rows = [row for row in book.transitions if row.event is EventKind.SUBMIT]
    rule = rows[0].rule if rows else "LC-SUBMIT"
    check_submitter(actor, rows, rule)
    complaint = Complaint.from_submission(submission, tracking_id=tracking_id, actor=actor)
    if audit is not None:
        first = complaint.history[0]
        _record(audit, None, complaint, first, rule)
    return complaint


def check_submitter(actor: Actor, rows: Sequence[TransitionRule], rule: str) -> None:
    """Whether ``actor`` may submit under the SUBMIT ``rows`` (``submit`` and the monev walk).

    Raises:
        PermissionDenied: no row lets the actor's role submit, or every row
            needs an owner (``own``) and the actor has no ``user_id`` (rule LC-SUBMIT).
    """
    scopes = [row.actors[actor.role] for row in rows if actor.role in row.actors]
    if not scopes:
        raise PermissionDenied(
            Message(
                "error.lifecycle.submit-role",
                "submit by {role} is not allowed [{rule}]",
                role=str(actor.role),
                rule=str(rule),
            ),
            rule=rule,
            field="actor.role",
        )
    if all(scope == "own" for scope in scopes) and not actor.user_id:
        raise PermissionDenied(
            Message(
                "error.lifecycle.submit-owner",
                "submit by {role} needs a user_id: the report must have an owner [{rule}]",
                role=str(actor.role),
                rule=str(rule),
            ),
            rule=rule,
            field="actor.user_id",
        )


def _record(
    audit: AuditSink, before: Complaint | None, after: Complaint, event: Event, rule: str
) -> None:
    """Append the step's standard entry: action = event kind, subject = tracking id."""
    audit.append(
        at=event.at,
        actor=event.actor,
        action=str(event.kind),
        subject=after.tracking_id,
        details=audit_details(before, after, event, rule),
    )


def default_calendar(rulebook: Rulebook) -> WorkingDayCounter:
    """The national working-day calendar with the rulebook's week (``sp4n.workdays``)."""
    from sp4n.workdays import WorkingCalendar  # noqa: PLC0415 - loads holiday data lazily

    return WorkingCalendar.from_rulebook(rulebook)


@boundary(start=check_aware, refuse_as=CalendarError)
def window_passed(
    start: datetime,
    now: datetime,
    limit: int,
    calendar: WorkingDayCounter,
    zone: tzinfo = WIB,
    *,
    unit: str = "working_days",
) -> bool:
    """Whether a window of ``limit`` days (``unit``) from ``start`` has ended by ``now``.

    The window ends at the end of the ``limit``-th working day (or calendar
    day, ``unit="calendar_days"``: the reply window, SLA-REPLY-WINDOW [P])
    strictly after the local date of ``start`` (standard.md §5 [D]); so it has
    passed when that day is before the local date of ``now``.

    >>> from datetime import UTC
    >>> class Weekdays:
    ...     def working_days_between(self, a, b):
    ...         days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
    ...         return sum(d.weekday() < 5 for d in days)
    >>> friday = datetime(2024, 4, 5, 3, tzinfo=UTC)
    >>> window_passed(friday, friday + timedelta(days=3), 1, Weekdays())  # Monday: day 1
    False
    >>> window_passed(friday, friday + timedelta(days=4), 1, Weekdays())
    True
    >>> window_passed(friday, friday + timedelta(days=2), 1, Weekdays(), unit="calendar_days")
    True

    Raises:
        CalendarError: ``start`` or ``now`` is naive (rule TIMESTAMP-AWARE): its
            local date would be a guess.
    """
    return _window_passed(start, now, limit, calendar, zone, unit=unit)


def _window_passed(
    start: datetime,
    now: datetime,
    limit: int,
    calendar: WorkingDayCounter,
    zone: tzinfo,
    *,
    unit: str,
) -> bool:
    """`window_passed` for the engine's timing checks: the rulebook's limits, no argument check."""
    for name, value in (("start", start), ("now", now)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise CalendarError(
                Message(
                    "TIMESTAMP-AWARE.name-timezone-aware-find",
                    "{name} must be timezone-aware to find its local date [TIMESTAMP-AWARE]",
                    name=str(name),
                ),
                rule="TIMESTAMP-AWARE",
                field=name,
            )
    first = start.astimezone(zone).date()
    today = now.astimezone(zone).date()
    if today <= first:
        return False
    if unit == "calendar_days":
        return (today - first).days > limit
    return count_of(calendar.working_days_between(first, today - timedelta(days=1))) >= limit


def entered_from(complaint: Complaint, rulebook: Rulebook) -> Status | None:
    """The status a report was in before it entered its current status (``None``: never left).

    Replays the history through the transition table
    ([`Rulebook.transition_to`][sp4n.rulebook.Rulebook.transition_to]):
    a report ON_HOLD entered it from SUBMITTED (held before verification) or from
    DISPATCHED (held by its agency, LC-HOLD-AGENCY), which decides where
    ``complete`` returns it (LC-COMPLETE / LC-COMPLETE-AGENCY).

    >>> from sp4n.models import ComplaintSubmission
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "t", "body": "b", "category": "regency_road",'
    ...     ' "channel": "WEB", "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> c = Complaint.from_submission(sub, tracking_id="0012345674")
    >>> entered_from(c, Rulebook.default()) is None
    True
    """
    status: Status | None = None
    before: Status | None = None
    for event in complaint.history:
        row = rulebook.transition_to(event.event_kind, status, before)
        if row is None:
            return before
        if row.to is not status:
            before, status = status, row.to
    return before


@boundary
def clock_start(complaint: Complaint, clock: str) -> datetime | None:
    """When a deadline's clock (``DeadlineRule.clock``) last (re)started (`CLOCK_EVENTS`)."""
    return _clock_start(complaint, clock)


def _clock_start(complaint: Complaint, clock: str) -> datetime | None:
    """`clock_start` for the engine's own timing checks (its arguments are checked already)."""
    kinds = CLOCK_EVENTS.get(clock, frozenset())
    starts = [e.at for e in complaint.history if e.event_kind in kinds]
    return starts[-1] if starts else None


def _check_timing(
    complaint: Complaint,
    event: Event,
    row: TransitionRule,
    book: Rulebook,
    *,
    calendar: WorkingDayCounter | None,
    zone: tzinfo,
) -> None:
    """Working-day guards: a timed transition only when due; reopen only within its window."""
    deadline_id = TIMED_TRANSITIONS.get(row.rule)
    if row.enabled_by != "reopen_enabled" and deadline_id is None:
        return
    days = calendar if calendar is not None else default_calendar(book)
    if row.enabled_by == "reopen_enabled":
        window = book.settings.reopen_window_working_days
        closed = complaint.history[-1].at
        if _window_passed(closed, event.at, window, days, zone, unit="working_days"):
            raise InvalidTransition(
                Message(
                    "LC-REOPEN-WINDOW.value-reopen-window-window",
                    "{value}: the reopen window of {window} working days after closure has passed "
                    "[LC-REOPEN-WINDOW]",
                    value=_describe(complaint, event),
                    window=str(window),
                ),
                rule="LC-REOPEN-WINDOW",
            )
    if deadline_id is None:
        return
    deadline = book.deadline(deadline_id)
    start = _clock_start(complaint, deadline.clock)
    if start is not None and not _window_passed(
        start, event.at, deadline.limit, days, zone, unit=deadline.unit
    ):
        unit = "ui.working-days" if deadline.unit == "working_days" else "ui.calendar-days"
        raise InvalidTransition(
            Message(
                "error.lifecycle.not-due",
                "{value}: not due before {limit} have passed [{deadline_id}]",
                value=_describe(complaint, event),
                limit=Message(unit, count=deadline.limit),
                deadline_id=deadline_id,
            ),
            rule=deadline_id,
        )


def _within_own(target: str, actor: Actor, _c: Complaint, tree: AgencyTree) -> Message | None:
    agency = actor.agency_id or ""
    if agency in organisation_ids(tree, target):
        return None
    return Message(
        "error.lifecycle.target-outside",
        "{target} is outside the actor's agency {agency}",
        target=repr(target),
        agency=repr(agency),
    )


def _unit_of_own(target: str, actor: Actor, _c: Complaint, tree: AgencyTree) -> Message | None:
    agency = actor.agency_id or ""
    if target != agency and agency in organisation_ids(tree, target):
        return None
    return Message(
        "error.lifecycle.target-not-a-unit",
        "{target} is not a unit of the actor's agency {agency}",
        target=repr(target),
        agency=repr(agency),
    )


def _elsewhere(target: str, actor: Actor, c: Complaint, _tree: AgencyTree) -> Message | None:
    if target == actor.agency_id:
        return Message(
            "error.lifecycle.target-itself",
            "an agency may not redispatch to itself ({target})",
            target=repr(target),
        )
    if target == declaring_agency(c):
        return Message(
            "error.lifecycle.target-declared",
            "{target} declared itself not competent",
            target=repr(target),
        )
    return None


_TARGET_CHECKS: Final[
    Mapping[EventKind, Callable[[str, Actor, Complaint, AgencyTree], Message | None]]
] = MappingProxyType(
    {
        EventKind.VERIFY_AND_DISPATCH: _within_own,
        EventKind.FORWARD_TO_UNIT: _unit_of_own,
        EventKind.REDISPATCH: _elsewhere,
    }
)
"""Where an actor with a scope other than ``any`` may send a report, per event."""


def _check_target(
    complaint: Complaint, event: Event, row: TransitionRule, tree: AgencyTree
) -> None:
    """A dispatch target must exist in the hierarchy and be within the actor's reach.

    Dispatching and forwarding by an agency admin stay within its own
    organisation; an ancestor redispatches elsewhere than to itself or to the
    agency that declared not competent. The national admin (scope ``any``)
    may send anywhere the hierarchy knows.
    """
    target = target_of(event)
    if target is None:
        return
    field = "unit_id" if event.event_kind is EventKind.FORWARD_TO_UNIT else "agency_id"
    if not known_agency(tree, target):
        raise UnknownAgency(
            Message(
                "error.lifecycle.unknown-target",
                "{value}: unknown agency {target} [{rule}]",
                value=_describe(complaint, event),
                target=repr(target),
                rule=str(row.rule),
            ),
            rule=row.rule,
            field=field,
        )
    check = _TARGET_CHECKS.get(event.event_kind)
    if row.actors.get(event.actor.role) == "any" or check is None:
        return
    refused = check(target, event.actor, complaint, tree)
    if refused is not None:
        raise PermissionDenied(
            Message(
                "error.lifecycle.refused-target",
                "{value}: {refused} [{rule}]",
                value=_describe(complaint, event),
                refused=refused,
                rule=str(row.rule),
            ),
            rule=row.rule,
            field=field,
        )


def _check_reason(complaint: Complaint, event: Event, row: TransitionRule) -> None:
    """Reasons reserved to one row (HOLD_EXPIRED: the system's hold expiry) stay there."""
    # Only events with a reason field are read: asking a pydantic model for a missing
    # attribute builds an AttributeError, which costs more than the whole check.
    reason = vars(event).get("reason")
    if reason is None:
        return
    reserved = RESERVED_REASONS.get(reason)
    allowed = ROW_REASONS.get(row.rule)
    if (reserved is not None and reserved != row.rule) or (
        allowed is not None and reason not in allowed
    ):
        rule = reserved or row.rule
        raise InvalidTransition(
            Message(
                "error.lifecycle.reason-not-allowed",
                "{value}: reason {reason} is not allowed here [{rule}]",
                value=_describe(complaint, event),
                reason=str(reason),
                rule=str(rule),
            ),
            rule=rule,
            field="reason",
        )


def _admin_updates(complaint: Complaint, event: Event) -> dict[str, object]:
    """The report fields an event sets (verification: title, type, flags …), checked."""
    fields = ADMIN_FIELDS.get(event.event_kind, {})
    updates = {
        target: getattr(event, source)
        for source, target in fields.items()
        if getattr(event, source, None) is not None
    }
    kind = updates.get("type", complaint.type)
    examination = updates.get("examination", complaint.examination)
    if examination is ExaminationFlag.NEEDS_EXAMINATION and kind is not ReportType.COMPLAINT:
        raise InvalidTransition(
            Message(
                "REPORT-EXAMINATION.value-only-complaint-can",
                "{value}: only a COMPLAINT can need examination [REPORT-EXAMINATION]",
                value=_describe(complaint, event),
            ),
            rule="REPORT-EXAMINATION",
            field="examination",
        )
    return updates


@functools.lru_cache(maxsize=256)
def _rows_by_event(book: Rulebook) -> Mapping[EventKind, list[TransitionRule]]:
    """The transition rows of each event kind, in table order (looked up per event)."""
    rows: dict[EventKind, list[TransitionRule]] = {}
    for row in book.transitions:
        rows.setdefault(row.event, []).append(row)
    return MappingProxyType(rows)


def _select_row(
    complaint: Complaint,
    event: Event,
    book: Rulebook,
    tree: AgencyTree,
) -> TransitionRule:
    """The transition row that allows ``event`` now, or the error that explains why not.

    The rows to check the scope of are memoised per (rulebook, event kind,
    status, role) when nothing before the scope check can refuse
    (`_rows_for_role`); otherwise `_select_row_explained` takes the long way
    and explains the refusal. A property test holds the two to the same answers.
    """
    role = event.actor.role
    known = _rows_for_role(book, event.event_kind, complaint.status, role)
    if known:
        return _first_in_scope(complaint, event, book, tree, known)
    return _select_row_explained(complaint, event, book, tree)


def _select_row_explained(
    complaint: Complaint,
    event: Event,
    book: Rulebook,
    tree: AgencyTree,
) -> TransitionRule:
    """`_select_row` step by step, each refusal explained (the memo's oracle)."""
    kind = event.event_kind
    rows = _rows_by_event(book).get(kind, [])
    if kind is EventKind.SUBMIT or not rows:
        rule = rows[0].rule if rows else "LC-UNKNOWN-EVENT"
        why = (
            Message("error.lifecycle.submit-creates", "submit only creates a report (use submit())")
            if rows
            else Message("error.lifecycle.no-row", "no row for this event")
        )
        raise InvalidTransition(
            Message(
                "error.lifecycle.not-allowed",
                "{value} is not allowed [{rule}]: {why}",
                value=_describe(complaint, event),
                rule=str(rule),
                why=why,
            ),
            rule=rule,
            field="kind",
        )
    here = [row for row in rows if complaint.status in row.from_statuses]
    if any(row.entered_from for row in here):
        prior = entered_from(complaint, book)
        here = [row for row in here if row.applies_after(prior)]
    if not here:
        allowed = sorted({s.value for row in rows for s in row.from_statuses})
        raise InvalidTransition(
            Message(
                "error.lifecycle.wrong-status",
                "{value} is not allowed [{rule}]: allowed only from {join}",
                value=_describe(complaint, event),
                rule=str(rows[0].rule),
                join=str(", ".join(allowed)),
            ),
            rule=rows[0].rule,
            field="kind",
        )
    enabled = [row for row in here if book.is_enabled(row)]
    if not enabled:
        row = here[0]
        raise InvalidTransition(
            Message(
                "error.lifecycle.switched-off",
                "{value} is switched off [{rule}]: setting {enabled_by} is false",
                value=_describe(complaint, event),
                rule=str(row.rule),
                enabled_by=str(row.enabled_by),
            ),
            rule=row.rule,
            field="kind",
        )
    role = event.actor.role
    for_role = [row for row in enabled if role in row.actors]
    if not for_role:
        row = enabled[0]
        roles = ", ".join(sorted({r.value for r in row.actors}))
        raise PermissionDenied(
            Message(
                "error.lifecycle.refused-role",
                "{value} is refused [{rule}]: only {roles} may do it",
                value=_describe(complaint, event),
                rule=str(row.rule),
                roles=str(roles),
            ),
            rule=row.rule,
            field="actor.role",
        )
    return _first_in_scope(complaint, event, book, tree, for_role)


@functools.lru_cache(maxsize=4096)
def _rows_for_role(
    book: Rulebook, kind: EventKind, status: Status, role: Role
) -> tuple[TransitionRule, ...]:
    """The rows `_select_row` would check the scope of, when no earlier step can refuse.

    Empty when it must take the long way: a submit, no row for the event, a
    row that depends on the status entered from (read from the history), or
    a refusal to explain (wrong status, switched off, wrong role). Memoised: the
    answer depends only on the rulebook, the event kind, the status and the
    role, and is asked once per replayed event.
    """
    rows = _rows_by_event(book).get(kind, [])
    if kind is EventKind.SUBMIT:
        return ()
    here = [row for row in rows if status in row.from_statuses]
    if any(row.entered_from for row in here):
        return ()
    return tuple(row for row in here if book.is_enabled(row) and role in row.actors)


def _first_in_scope(
    complaint: Complaint,
    event: Event,
    book: Rulebook,
    tree: AgencyTree,
    for_role: Sequence[TransitionRule],
) -> TransitionRule:
    """The first of ``for_role`` whose scope admits the actor, or the scope's refusal."""
    role = event.actor.role
    ctx = ScopeContext(complaint, book, tree)
    refusal: tuple[str, Message | str] = ("", "")
    for row in for_role:
        refused = scope_refusal(row.actors[role], event.actor, ctx)
        if refused is None:
            return row
        refusal = (refused[0] or row.rule, refused[1])
    rule, reason = refusal
    raise PermissionDenied(
        Message(
            "error.lifecycle.refused-scope",
            "{value} is refused [{rule}]: {reason}",
            value=_describe(complaint, event),
            rule=str(rule),
            reason=reason,
        ),
        rule=rule,
        field="actor",
    )


@boundary
def apply(
    complaint: Complaint,
    event: Event,
    *,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
    calendar: WorkingDayCounter | None = None,
    zone: tzinfo = WIB,
    audit: AuditSink | None = None,
) -> Complaint:
    """Apply one event to a report: a new complaint with the new status and the event appended.

    Rule: standard.md §4 — the transition table of the rulebook (rows ``LC-*``)
    decides everything: the event must have a row whose ``from`` holds the
    current status, that row must be switched on (``enabled_by``), the event's
    actor must have a role listed in the row and be within its scope
    (``any``/``assigned``/``ancestor``/``own``, see [`sp4n.lifecycle`][sp4n.lifecycle]).
    History is append-only and in time order (rule HISTORY-ORDER).

    Args:
        complaint: The report as it is now (never modified).
        event: The event, carrying its ``actor`` and ``at``.
        rulebook: The rules; by default those in force on the submission date.
        hierarchy: The agency tree, for scopes ``assigned``/``ancestor`` and for
            checking dispatch targets (which must exist in it); by default the
            embedded Indonesian hierarchy (``AgencyGraph.indonesia()``, built
            once per process on first use).
        calendar: Working-day counting for timed transitions (auto-close,
            hold expiry: only when due) and reopening (only within its
            window); the national ``sp4n.workdays`` calendar by default.
        zone: Time zone of the local dates the working days are counted in.
        audit: Where to record the step ([`sp4n.audit_sink.AuditSink`][sp4n.audit_sink.AuditSink]:
            an ``AuditLog``, an ``AuditFile``…). The entry — action = the event
            kind, subject = the tracking id, details =
            [`audit_details`][sp4n.lifecycle.audit_details]
            (rule, from/to status, target agency, reason codes; no personal
            data) — is appended once the transition is known to be lawful and
            before the new complaint is returned: if it cannot be recorded
            (e.g. AUDIT-ORDER), the step fails with the audit's ``DataError``.

    Returns:
        A new ``Complaint``.

    A ``verify_and_dispatch`` also sets the admin fields it carries
    (``summary_title``, type, examination, category, tags, anonymous,
    confidential; ``None`` keeps the value), standard.md §2/§8; replaying the
    history reproduces them.

    Raises:
        InvalidTransition: the event is not allowed in the current status, is
            switched off, out of time order, not yet due, records a reason
            reserved to another row (HOLD_EXPIRED), or would make a non-complaint
            need examination (REPORT-EXAMINATION); ``rule`` names the row.
        PermissionDenied: the actor's role or scope does not allow it, or the
            dispatch target is outside the actor's reach.
        UnknownAgency: the dispatch target is not in the hierarchy.
        DataError: ``audit`` refused the entry (AUDIT-ORDER, AUDIT-FORMAT, AUDIT-FILE).

    >>> from sp4n.models import ComplaintSubmission, VerifyAndDispatchEvent
    >>> from sp4n.vocabulary import Role
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "Jalan rusak", "body": "Lubang besar.",'
    ...     ' "category": "regency_road", "channel": "WEB",'
    ...     ' "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> c = submit(sub, tracking_id="0012345674", actor=Actor(role=Role.REPORTER, user_id="u1"))
    >>> admin = Actor(role=Role.NATIONAL_ADMIN, user_id="op1")
    >>> ev = VerifyAndDispatchEvent(at=sub.submitted_at, actor=admin, agency_id="kab-32.01")
    >>> apply(c, ev).status
    <Status.DISPATCHED: 'DISPATCHED'>
    >>> apply(c, ev.model_copy(update={"agency_id": "kab-99.99"}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    sp4n.errors.UnknownAgency: ...: unknown agency 'kab-99.99' [LC-VERIFY-DISPATCH]
    """
    book = rulebook_for(complaint, rulebook)
    row, updates = check_event(
        complaint, event, rulebook=book, hierarchy=hierarchy, calendar=calendar, zone=zone
    )
    data = {
        **dict(complaint),
        **updates,
        "status": row.to,
        "history": (*complaint.history, event),
    }
    after = Complaint.model_validate(data, context={"rulebook": book})
    if audit is not None:
        _record(audit, complaint, after, event, row.rule)
    return after


def check_event(
    complaint: Complaint,
    event: Event,
    *,
    rulebook: Rulebook,
    hierarchy: AgencyTree | None = None,
    calendar: WorkingDayCounter | None = None,
    zone: tzinfo = WIB,
) -> tuple[TransitionRule, dict[str, object]]:
    """Every check [`apply`][sp4n.lifecycle.apply] makes, without building the new report.

    Returns the transition row that allows ``event`` and the report fields it
    sets; raises what [`apply`][sp4n.lifecycle.apply] raises. A single pass over a stored
    history (``sp4n.monev``) calls this once per event instead of validating a
    new report after each one.
    """
    if event.at < complaint.history[-1].at:
        raise InvalidTransition(
            Message(
                "HISTORY-ORDER.value-isoformat-before-last",
                "{value}: at {isoformat} is before the last event at {isoformat2} [HISTORY-ORDER]",
                value=_describe(complaint, event),
                isoformat=str(event.at.isoformat()),
                isoformat2=str(complaint.history[-1].at.isoformat()),
            ),
            rule="HISTORY-ORDER",
            field="at",
        )
    tree = _tree(hierarchy)
    row = _select_row(complaint, event, rulebook, tree)
    _check_target(complaint, event, row, tree)
    _check_reason(complaint, event, row)
    _check_timing(complaint, event, row, rulebook, calendar=calendar, zone=zone)
    return row, _admin_updates(complaint, event)


@boundary
def available_events(
    complaint: Complaint,
    actor: Actor,
    *,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
) -> tuple[EventKind, ...]:
    """The events ``actor`` may make on the report now, in table order.

    The same rows and scopes as [`apply`][sp4n.lifecycle.apply]; checks that depend on the event's
    own content (dispatch target, time windows) are left to [`apply`][sp4n.lifecycle.apply].

    >>> from sp4n.models import ComplaintSubmission
    >>> from sp4n.vocabulary import Role
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "t", "body": "b", "category": "regency_road",'
    ...     ' "channel": "WEB", "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> c = submit(sub, tracking_id="0012345674", actor=Actor(role=Role.REPORTER, user_id="u1"))
    >>> ", ".join(available_events(c, Actor(role=Role.NATIONAL_ADMIN)))
    'verify_and_dispatch, hold, archive, delete'
    """
    book = rulebook_for(complaint, rulebook)
    ctx = ScopeContext(complaint, book, _tree(hierarchy))
    found: list[EventKind] = []
    prior = entered_from(complaint, book)
    for row in book.transitions:
        scope = row.actors.get(actor.role)
        if (
            scope is None
            or row.event in found
            or complaint.status not in row.from_statuses
            or not row.applies_after(prior)
            or not book.is_enabled(row)
        ):
            continue
        if scope_refusal(scope, actor, ctx) is None:
            found.append(row.event)
    return tuple(found)
