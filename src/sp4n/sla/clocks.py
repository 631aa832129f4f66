"""Which events start, pause, end and restart each stage's clock (standard.md §4-§5).

The rulebook row gives the event that starts a clock (``clock``) and the statuses
that pause it (``paused_in``); this module holds the lifecycle's reading of which
events end, void (the agency leaves: not competent, archived) or restart it. The
status after each event comes from the rulebook's transition table, so pauses follow
the data, not ``if status == ...`` ladders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

import attrs

from sp4n.errors import DataError
from sp4n.models import Complaint, Event
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.vocabulary import EventKind, Stage, Status

__all__ = [
    "CLOCKS",
    "CLOSES",
    "REPORTER_TOTAL",
    "START_EVENTS",
    "ClockSpec",
    "Run",
    "replay",
    "statuses",
]


@attrs.frozen
class ClockSpec:
    """What ends, voids and restarts a stage's clock (its start is the rulebook's ``clock``).

    Attributes:
        ends: Events that end the stage (judged MET or BREACHED).
        voids: Events by which the agency leaves the stage (not judged unless late).
        restarts: Whether each start event starts a fresh clock.
        end_at_last: The stage ends at the last such event before the ending event
            (resolution: the agency's last follow-up before the close).
        reopened_by: While open, the last ``end_at_last`` event ends the stage
            provisionally unless one of these came after it (the reporter answered).
    """

    ends: frozenset[EventKind]
    voids: frozenset[EventKind] = frozenset()
    restarts: bool = True
    end_at_last: EventKind | None = None
    reopened_by: frozenset[EventKind] = frozenset()


START_EVENTS: Final[Mapping[str, frozenset[EventKind]]] = {
    "submission": frozenset({EventKind.SUBMIT}),
    "dispatch": frozenset({EventKind.VERIFY_AND_DISPATCH, EventKind.REDISPATCH}),
    "last_follow_up": frozenset({EventKind.POST_FOLLOW_UP}),
    "hold": frozenset({EventKind.HOLD}),
}
LEAVES: Final = frozenset({EventKind.DECLARE_NOT_COMPETENT, EventKind.ARCHIVE, EventKind.DELETE})
CLOSES: Final = frozenset({EventKind.CLOSE, EventKind.AUTO_CLOSE})

CLOCKS: Final[Mapping[Stage, ClockSpec]] = {
    Stage.VERIFICATION: ClockSpec(
        ends=frozenset({EventKind.VERIFY_AND_DISPATCH}) | LEAVES, restarts=False
    ),
    Stage.FIRST_FOLLOW_UP: ClockSpec(ends=frozenset({EventKind.POST_FOLLOW_UP}), voids=LEAVES),
    Stage.RESOLUTION: ClockSpec(
        ends=CLOSES,
        voids=LEAVES,
        end_at_last=EventKind.POST_FOLLOW_UP,
        reopened_by=frozenset({EventKind.REPORTER_REPLY}),
    ),
    Stage.REPLY_WINDOW: ClockSpec(ends=frozenset({EventKind.REPORTER_REPLY}) | CLOSES),
    Stage.HOLD_WINDOW: ClockSpec(
        ends=frozenset({EventKind.COMPLETE, EventKind.ARCHIVE, EventKind.DELETE})
    ),
}
REPORTER_TOTAL: Final = ClockSpec(
    ends=CLOSES | {EventKind.ARCHIVE, EventKind.DELETE},
    restarts=False,
    end_at_last=EventKind.POST_FOLLOW_UP,
    reopened_by=frozenset({EventKind.REPORTER_REPLY}),
)


@attrs.define
class Run:
    """A clock being replayed: running segments, pause, end."""

    started_at: datetime
    segments: list[tuple[datetime, datetime | None]]
    ended_at: datetime | None = None
    voided_at: datetime | None = None
    last_marker: datetime | None = None
    awaiting: bool = False
    provisional: bool = False

    @property
    def paused(self) -> bool:
        """Whether the last running segment was paused and not resumed."""
        return self.segments[-1][1] is not None

    @property
    def stopped(self) -> bool:
        """Whether the clock ended or the agency left the stage."""
        return self.ended_at is not None or self.voided_at is not None


def replay(
    history: Sequence[tuple[Event, Status]], spec: ClockSpec, rule: DeadlineRule
) -> Run | None:
    """Replay one stage's clock over ``history``; ``None`` if it never started."""
    starts = START_EVENTS[rule.clock]
    run: Run | None = None
    for event, status in history:
        kind = EventKind(event.kind)
        if kind in starts and (run is None or spec.restarts):
            run = Run(event.at, [(event.at, None)])
            continue
        if run is None or run.stopped:
            continue
        if spec.end_at_last is not None and kind is spec.end_at_last:
            run.last_marker, run.awaiting = event.at, True
        if kind in spec.reopened_by:
            run.awaiting = False
        if kind in spec.ends:
            use_marker = spec.end_at_last is not None and kind in CLOSES
            run.ended_at = run.last_marker if use_marker and run.last_marker else event.at
        elif kind in spec.voids:
            run.voided_at = event.at
        elif status in rule.paused_in and not run.paused:
            run.segments[-1] = (run.segments[-1][0], event.at)
        elif status not in rule.paused_in and run.paused:
            run.segments.append((event.at, None))
    if run is not None and not run.stopped and spec.reopened_by and run.awaiting:
        run.ended_at, run.provisional = run.last_marker, True
    return run


def statuses(complaint: Complaint, rulebook: Rulebook, now: datetime) -> list[tuple[Event, Status]]:
    """Each event up to ``now`` with the status it led to (the rulebook's transition table)."""
    out: list[tuple[Event, Status]] = []
    status: Status | None = None
    before: Status | None = None  # the status the current one was entered from
    for event in complaint.history:
        if event.at > now:
            break
        kind = EventKind(event.kind)
        row = rulebook.transition_to(kind, status, before)
        if row is None:
            msg = f"history: {kind} is not allowed from {status} in rulebook {rulebook.version}"
            raise DataError(msg, rule="HISTORY-TRANSITION", field="history")
        if row.to is not status:
            before, status = status, row.to
        out.append((event, row.to))
    return out
