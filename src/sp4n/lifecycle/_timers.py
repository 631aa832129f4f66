"""Timed transitions: which reports the system must close or archive now."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Final

import attrs

from sp4n._guards import boundary
from sp4n.errors import CalendarError
from sp4n.i18n import Message
from sp4n.lifecycle._engine import (
    TIMED_TRANSITIONS,
    clock_start,
    default_calendar,
    rulebook_for,
    window_passed,
)
from sp4n.lifecycle._protocols import WIB, WorkingDayCounter
from sp4n.models import Actor, ArchiveEvent, AutoCloseEvent, Complaint
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import ArchiveReason, EventKind, Role

__all__ = ["DueAction", "due_auto_closures"]

_SYSTEM: Final = Actor(role=Role.SYSTEM)

_TimedEvent = AutoCloseEvent | ArchiveEvent

_FACTORIES: Final[Mapping[EventKind, Callable[[datetime, Actor], _TimedEvent]]] = MappingProxyType(
    {
        EventKind.AUTO_CLOSE: lambda at, actor: AutoCloseEvent(at=at, actor=actor),
        EventKind.ARCHIVE: lambda at, actor: ArchiveEvent(
            at=at, actor=actor, reason=ArchiveReason.HOLD_EXPIRED
        ),
    }
)


@attrs.frozen
class DueAction:
    """A timed transition that is due: apply ``event`` to ``complaint``.

    Attributes:
        complaint: The report concerned.
        event: The system event to apply (``auto_close``, or ``archive`` with
            reason ``HOLD_EXPIRED``), dated ``now``.
        rule: The transition row (``LC-AUTO-CLOSE`` or ``LC-ARCHIVE-HOLD-EXPIRED``).
        deadline_rule: The window that has passed (``SLA-REPLY-WINDOW`` or
            ``SLA-HOLD-WINDOW``).
        clock_start: When the window started (last follow-up or reply; the hold).
    """

    complaint: Complaint
    event: _TimedEvent
    rule: str
    deadline_rule: str
    clock_start: datetime


@boundary(refuse_as=CalendarError)
def due_auto_closures(
    complaints: Iterable[Complaint],
    now: datetime,
    *,
    calendar: WorkingDayCounter | None = None,
    rulebook: Rulebook | None = None,
    zone: tzinfo | Callable[[Complaint], tzinfo] = WIB,
    actor: Actor = _SYSTEM,
) -> tuple[DueAction, ...]:
    """The reports whose waiting window has passed by ``now``, with the event to apply.

    Rules: an ``IN_PROGRESS`` report is closed by the system when the reporter
    has not replied within SLA-REPLY-WINDOW (10 calendar days after the last
    follow-up or reply, [P] FAQ-LAPOR "dalam waktu 10 hari"; transition
    LC-AUTO-CLOSE); an ``ON_HOLD`` report is archived when not completed within
    SLA-HOLD-WINDOW (10 working days after the hold, [D], inside the 30 days of
    UU 25/2009 Pasal 44; transition LC-ARCHIVE-HOLD-EXPIRED). Limits and units
    come from the rulebook; the window ends at the end of the N-th day after the
    local start date (standard.md §5).

    Args:
        complaints: Reports to scan.
        now: The instant of the scan (becomes the events' ``at``).
        calendar: Working-day counting; by default the national ``sp4n.workdays``
            calendar with the rulebook's week.
        rulebook: The rules; by default those in force on each report's submission date.
        zone: Time zone of the local dates, or a function giving each report's zone.
        actor: The system actor recorded on the events.

    Returns:
        One [`DueAction`][sp4n.lifecycle.DueAction] per report that is due, in input order.

    Raises:
        CalendarError: ``now`` is naive (rule TIMESTAMP-AWARE).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise CalendarError(
            Message(
                "TIMESTAMP-AWARE.now-timezone-aware-find",
                "now must be timezone-aware to find its local date [TIMESTAMP-AWARE]",
            ),
            rule="TIMESTAMP-AWARE",
            field="now",
        )
    due: list[DueAction] = []
    for complaint in complaints:
        book = rulebook_for(complaint, rulebook)
        local = zone(complaint) if callable(zone) else zone
        days = calendar if calendar is not None else default_calendar(book)
        for row in book.transitions:
            deadline_id = TIMED_TRANSITIONS.get(row.rule)
            if deadline_id is None or complaint.status not in row.from_statuses:
                continue
            deadline = book.deadline(deadline_id)
            start = clock_start(complaint, deadline.clock)
            if start is None or not window_passed(
                start, now, deadline.limit, days, local, unit=deadline.unit
            ):
                continue
            event = _FACTORIES[row.event](now, actor)
            due.append(DueAction(complaint, event, row.rule, deadline_id, start))
            break
    return tuple(due)
