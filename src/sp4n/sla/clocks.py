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
from sp4n.i18n import Message
from sp4n.models import Complaint, Event
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.vocabulary import EventKind, Stage, Status

__all__ = [
    "CLOCKS",
    "CLOSES",
    "REPORTER_TOTAL",
    "START_EVENTS",
    "ClockReplay",
    "ClockSpec",
    "Run",
    "StatusSteps",
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
_CLOSES: Final = frozenset(k.value for k in CLOSES)

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


_STRINGS: dict[
    tuple[int, int],
    tuple[
        frozenset[str],
        frozenset[str],
        frozenset[str],
        frozenset[str],
        str | None,
        frozenset[str],
        tuple[ClockSpec, DeadlineRule],
    ],
] = {}
"""(spec, rule) → the string sets a clock reads, built once per pair (a clock per report)."""


@attrs.define
class ClockReplay:
    """One stage's clock, stepped event by event (what `replay` does over a history).

    A single pass over a history can step every clock at once (``sp4n.monev``);
    [`replay`][sp4n.sla.clocks.replay] is this stepper run over a whole history. Kinds and statuses
    are given as their plain string values (hashing a string is a C call,
    hashing an enum member a Python one: this runs for every event of every
    report).
    """

    spec: ClockSpec
    rule: DeadlineRule
    run: Run | None = None
    _starts: frozenset[str] = attrs.field(init=False)
    _ends: frozenset[str] = attrs.field(init=False)
    _voids: frozenset[str] = attrs.field(init=False)
    _reopened: frozenset[str] = attrs.field(init=False)
    _marker: str | None = attrs.field(init=False)
    _paused: frozenset[str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        key = (id(self.spec), id(self.rule))
        found = _STRINGS.get(key)
        if found is None:
            spec, rule = self.spec, self.rule
            found = _STRINGS[key] = (
                frozenset(k.value for k in START_EVENTS[rule.clock]),
                frozenset(k.value for k in spec.ends),
                frozenset(k.value for k in spec.voids),
                frozenset(k.value for k in spec.reopened_by),
                None if spec.end_at_last is None else spec.end_at_last.value,
                frozenset(s.value for s in rule.paused_in),
                (spec, rule),  # kept alive, so their ids are never reused for others
            )
        (
            self._starts,
            self._ends,
            self._voids,
            self._reopened,
            self._marker,
            self._paused,
            _,
        ) = found

    def step(self, kind: str, at: datetime, status: str) -> None:
        """Feed one event: its kind and the status it led to, as plain strings."""
        run = self.run
        if kind in self._starts and (run is None or self.spec.restarts):
            self.run = Run(at, [(at, None)])
            return
        if run is None or run.stopped:
            return
        if kind == self._marker:
            run.last_marker, run.awaiting = at, True
        if kind in self._reopened:
            run.awaiting = False
        if kind in self._ends:
            use_marker = self._marker is not None and kind in _CLOSES
            run.ended_at = run.last_marker if use_marker and run.last_marker else at
        elif kind in self._voids:
            run.voided_at = at
        elif status in self._paused:
            if not run.paused:
                run.segments[-1] = (run.segments[-1][0], at)
        elif run.paused:
            run.segments.append((at, None))

    def finish(self) -> Run | None:
        """The run after the last event; ``None`` if the clock never started."""
        run = self.run
        if run is not None and not run.stopped and self._reopened and run.awaiting:
            run.ended_at, run.provisional = run.last_marker, True
        return run


def replay(
    history: Sequence[tuple[Event, Status]], spec: ClockSpec, rule: DeadlineRule
) -> Run | None:
    """Replay one stage's clock over ``history``; ``None`` if it never started."""
    clock = ClockReplay(spec, rule)
    for event, status in history:
        clock.step(event.kind, event.at, status.value)
    return clock.finish()


class StatusSteps:
    """The status each event leads to, event by event: `statuses` as a stepper.

    The same reading of the table as [`statuses`][sp4n.sla.clocks.statuses]
    (``Rulebook.transition_to``:
    the first row taking the event from the current status, given the status
    that one was entered from); answers are memoised per rulebook, keyed and
    valued by plain strings, for single passes over many histories.

    Raises:
        DataError: from [`step`][sp4n.sla.clocks.StatusSteps.step], an event the table does not
            allow (HISTORY-TRANSITION).
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.memo = _STEP_MEMO.setdefault(id(rulebook), (rulebook, {}))[1]
        self.status: str | None = None
        self.before: str | None = None

    def step(self, kind: str) -> str:
        """The status (its value) the event of this kind leads to."""
        key = (kind, self.status, self.before)
        to = self.memo.get(key)
        if to is None:
            event = EventKind(kind)
            now_in = None if self.status is None else Status(self.status)
            came = None if self.before is None else Status(self.before)
            row = self.rulebook.transition_to(event, now_in, came)
            if row is None:
                book = self.rulebook.version
                raise DataError(
                    Message(
                        "HISTORY-TRANSITION.history-event-allowed-now",
                        "history: {event} is not allowed from {now_in} in rulebook {book}",
                        event=str(event),
                        now_in=str(now_in),
                        book=str(book),
                    ),
                    rule="HISTORY-TRANSITION",
                    field="history",
                )
            to = self.memo[key] = row.to.value
        if to != self.status:
            self.before, self.status = self.status, to
        return to


_STEP_MEMO: dict[int, tuple[Rulebook, dict[tuple[str, str | None, str | None], str]]] = {}
"""Rulebook id → (the rulebook, kept alive so its id is not reused; its memo)."""


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
            raise DataError(
                Message(
                    "HISTORY-TRANSITION.history-kind-allowed-status",
                    "history: {kind} is not allowed from {status} in rulebook {version}",
                    kind=str(kind),
                    status=str(status),
                    version=str(rulebook.version),
                ),
                rule="HISTORY-TRANSITION",
                field="history",
            )
        if row.to is not status:
            before, status = status, row.to
        out.append((event, row.to))
    return out
