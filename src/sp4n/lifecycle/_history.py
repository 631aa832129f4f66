"""History: rebuild a report from its submission and events, and check a stored one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

from sp4n._guards import boundary
from sp4n.errors import InvalidTransition
from sp4n.i18n import Message
from sp4n.lifecycle._engine import _tree, apply, rulebook_for, submit
from sp4n.lifecycle._protocols import WIB, AgencyTree, WorkingDayCounter
from sp4n.models import Complaint, ComplaintSubmission, Event
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import EventKind, Status

__all__ = ["check_history", "replay", "submission_of"]


@boundary
def submission_of(complaint: Complaint) -> ComplaintSubmission:
    """The citizen's submission inside a complaint (its fields without status and history)."""
    fields = {name: getattr(complaint, name) for name in ComplaintSubmission.model_fields}
    return ComplaintSubmission.model_validate(fields)


@boundary
def replay(
    submission: ComplaintSubmission,
    events: Iterable[Event],
    *,
    tracking_id: str,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
    calendar: WorkingDayCounter | None = None,
    zone: tzinfo = WIB,
) -> Complaint:
    """Rebuild a report from its submission and its events (the first one is the submit).

    A pure function of the data: replaying the history of a complaint with the
    same rulebook, hierarchy and calendar gives the same complaint (the lesson
    of helpdesk SLA engines, peers.md).

    Raises:
        InvalidTransition: the first event is not a submit (rule HISTORY-START),
            or a later event is not allowed where it stands.
        PermissionDenied: an event's actor was not allowed.
    """
    items = iter(events)
    first = next(items, None)
    if first is None or first.event_kind is not EventKind.SUBMIT:
        raise InvalidTransition(
            Message(
                "HISTORY-START.history-starts-one-submit",
                "a history starts with one submit event [HISTORY-START]",
            ),
            rule="HISTORY-START",
            field="history",
        )
    book = rulebook_for(submission, rulebook)
    tree = _tree(hierarchy)
    complaint = submit(submission, tracking_id=tracking_id, actor=first.actor, rulebook=book)
    if complaint.history[0] != first:
        raise InvalidTransition(
            Message(
                "HISTORY-START.submit-event-submitted-history",
                "the submit event must be at submitted_at [HISTORY-START]",
            ),
            rule="HISTORY-START",
            field="history",
        )
    for event in items:
        complaint = apply(
            complaint, event, rulebook=book, hierarchy=tree, calendar=calendar, zone=zone
        )
    return complaint


@boundary
def check_history(
    complaint: Complaint,
    *,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
    calendar: WorkingDayCounter | None = None,
    zone: tzinfo = WIB,
) -> Status:
    """Check that a stored report's status is what its history gives; return that status.

    Raises:
        InvalidTransition: the status differs from the replayed one (rule
            HISTORY-STATUS), or an event of the history is not allowed.
        PermissionDenied: an event's actor was not allowed.
    """
    replayed = replay(
        submission_of(complaint),
        complaint.history,
        tracking_id=complaint.tracking_id,
        rulebook=rulebook,
        hierarchy=hierarchy,
        calendar=calendar,
        zone=zone,
    )
    if replayed.status is not complaint.status:
        raise InvalidTransition(
            Message(
                "HISTORY-STATUS.report-tracking-id-has",
                "report {tracking_id} has status {status} but its history gives {status2} "
                "[HISTORY-STATUS]",
                tracking_id=str(complaint.tracking_id),
                status=str(complaint.status),
                status2=str(replayed.status),
            ),
            rule="HISTORY-STATUS",
            field="status",
        )
    return replayed.status
