"""Property tests of sp4n.lifecycle: random event sequences through the transition table."""

from datetime import timedelta

from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sp4n import lifecycle
from sp4n.errors import InvalidTransition, PermissionDenied, UnknownAgency
from sp4n.hierarchy import AgencyGraph
from sp4n.lifecycle import TIMED_TRANSITIONS
from sp4n.models import Actor, Complaint, ComplaintSubmission, Event
from sp4n.rulebook import Rulebook
from sp4n.testing.complaints import (
    REPORTER_USER,
    TREE,
    actors,
    complaints,
    event_of,
    lawful_targets,
    next_events,
    submissions,
)
from sp4n.vocabulary import EventKind, Role

BOOK = Rulebook.default()
STATUSES = frozenset(s.status for s in BOOK.statuses)
AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR})
TIMED_KINDS = frozenset(r.event for r in BOOK.transitions if r.rule in TIMED_TRANSITIONS)
RESERVED = {"LC-ARCHIVE-HOLD-EXPIRED"}


def expected_lawful(before: Complaint, event: Event, tree: AgencyGraph | None) -> bool:
    """The oracle: listed for the actor, in order, not a timed event, lawful target and reason."""
    kind, actor = event.event_kind, event.actor
    if event.at < before.history[-1].at:
        return False
    if kind not in lifecycle.available_events(before, actor, hierarchy=tree):
        return False
    if kind in TIMED_KINDS and actor.role is Role.SYSTEM:
        return False  # random events come within 48 hours: never due
    reason = getattr(event, "reason", None)
    if kind is EventKind.ARCHIVE and (reason == "HOLD_EXPIRED") != (actor.role is Role.SYSTEM):
        return False
    targets = lawful_targets(kind, actor, before, tree)
    field = "unit_id" if kind is EventKind.FORWARD_TO_UNIT else "agency_id"
    return targets is None or getattr(event, field) in targets


class LifecycleMachine(RuleBasedStateMachine):
    """A report driven by lawful and random (mostly unlawful) events."""

    complaint: Complaint
    tree: AgencyGraph | None

    @initialize(sub=submissions(), tree=st.none() | st.just(TREE))
    def start(self, sub: ComplaintSubmission, tree: AgencyGraph | None) -> None:
        self.tree = tree
        self.complaint = lifecycle.submit(
            sub,
            tracking_id="0012345674",
            actor=Actor(role=Role.REPORTER, user_id=REPORTER_USER),
        )
        self.length = 1

    @rule(data=st.data())
    def lawful_event(self, data: st.DataObject) -> None:
        event = data.draw(next_events(self.complaint, BOOK, self.tree))
        if event is None:
            return
        note(f"{event.kind} by {event.actor.role}")
        after = lifecycle.apply(self.complaint, event, hierarchy=self.tree)
        assert after.history == (*self.complaint.history, event)
        self.complaint = after

    @rule(
        data=st.data(),
        kind=st.sampled_from(sorted(set(EventKind) - {EventKind.SUBMIT})),
        actor=actors(),
    )
    def random_event(self, data: st.DataObject, kind: EventKind, actor: Actor) -> None:
        at = self.complaint.history[-1].at + timedelta(hours=data.draw(st.integers(-2, 48)))
        event = event_of(kind, data.draw, at, actor)
        before = self.complaint
        lawful = expected_lawful(before, event, self.tree)
        note(f"random {event.kind} by {actor}: lawful={lawful}")
        try:
            self.complaint = lifecycle.apply(before, event, hierarchy=self.tree)
        except (InvalidTransition, PermissionDenied, UnknownAgency) as exc:
            error = exc
        else:
            assert lawful, f"unlawful {event.kind} by {actor} accepted in {before.status}"
            return
        assert not lawful, f"lawful {event.kind} refused: {error}"
        assert error.rule
        assert str(before.status) in str(error) or error.rule == "HISTORY-ORDER"
        assert self.complaint is before

    @invariant()
    def status_is_from_the_table(self) -> None:
        assert self.complaint.status in STATUSES

    @invariant()
    def history_never_shrinks(self) -> None:
        assert len(self.complaint.history) >= self.length
        self.length = len(self.complaint.history)

    @invariant()
    def final_status_accepts_nothing(self) -> None:
        if BOOK.is_final(self.complaint.status):
            for role in Role:
                chain = lifecycle.handling_chain(self.complaint)
                agency = (chain[-1] if chain else "kab-32.01") if role in AGENCY_ROLES else None
                actor = Actor(role=role, agency_id=agency, user_id=REPORTER_USER)
                assert lifecycle.available_events(self.complaint, actor, hierarchy=self.tree) == ()

    @invariant()
    def replay_gives_the_same_complaint(self) -> None:
        again = lifecycle.replay(
            lifecycle.submission_of(self.complaint),
            self.complaint.history,
            tracking_id=self.complaint.tracking_id,
            hierarchy=self.tree,
        )
        assert again == self.complaint


TestLifecycleMachine = LifecycleMachine.TestCase


@given(
    complaint=complaints(),
    kind=st.sampled_from(list(EventKind)),
    actor=actors(),
    data=st.data(),
)
def test_final_status_refuses_every_event(
    complaint: Complaint, kind: EventKind, actor: Actor, data: st.DataObject
) -> None:
    """A report in a final status refuses every event (reopen is off by default)."""
    if not BOOK.is_final(complaint.status):
        return
    event = event_of(kind, data.draw, complaint.history[-1].at + timedelta(days=1), actor)
    try:
        lifecycle.apply(complaint, event)
    except (InvalidTransition, PermissionDenied):
        return
    msg = f"{kind} accepted in {complaint.status}"
    raise AssertionError(msg)


@given(complaints(hierarchy=TREE))
def test_strategy_complaints_have_consistent_history(complaint: Complaint) -> None:
    """Complaints drawn by the strategy pass check_history and are JSON round-trippable."""
    assert lifecycle.check_history(complaint, hierarchy=TREE) is complaint.status
    assert Complaint.model_validate_json(complaint.model_dump_json()) == complaint


# -- the memoised row selection against the step-by-step one ----------------------------------


def _selected(fn: object) -> tuple[str, str]:
    """What a row selection gives: ``("row", rule)`` or ``(error type, rule)``."""
    try:
        row = fn()  # type: ignore[operator]
    except (InvalidTransition, PermissionDenied) as exc:
        return type(exc).__name__, str(exc.rule)
    return "row", str(row.rule)


@given(complaints(max_events=6, hierarchy=TREE), st.data())
def test_lc_select_row_memo_gives_the_step_by_step_answer(
    complaint: Complaint, data: st.DataObject
) -> None:
    """LC-*: the rows memoised per (rulebook, kind, status, role) select what the long way does.

    Views of a lawful history before any of its events (or before a lawful
    next one), in their own status or any other, the event made by its own
    actor or a random one: the rows and the refusals (wrong status, role,
    scope) must be the same.
    """
    from sp4n.lifecycle._engine import _select_row, _select_row_explained

    history = complaint.history
    i = data.draw(st.integers(1, len(history)))
    event = history[i] if i < len(history) else data.draw(next_events(complaint, BOOK, TREE))
    if event is None:
        return
    if data.draw(st.booleans()):
        event = event.model_copy(update={"actor": data.draw(actors())})
    view = complaint.model_copy(update={"history": history[:i]})
    if data.draw(st.booleans()):
        view = view.model_copy(update={"status": data.draw(st.sampled_from(sorted(STATUSES)))})
    memo = _selected(lambda: _select_row(view, event, BOOK, TREE))
    assert memo == _selected(lambda: _select_row_explained(view, event, BOOK, TREE))
