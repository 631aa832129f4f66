"""Property tests of sp4n.lifecycle: random event sequences through the transition table."""

from datetime import timedelta

from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from tests.strategies.complaints import (
    REPORTER_USER,
    _event,
    actors,
    complaints,
    next_events,
    submissions,
)

from sp4n import lifecycle
from sp4n.errors import InvalidTransition, PermissionDenied
from sp4n.models import Actor, Complaint, ComplaintSubmission
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import EventKind, Role

BOOK = Rulebook.default()
STATUSES = frozenset(s.status for s in BOOK.statuses)
AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR})


class LifecycleMachine(RuleBasedStateMachine):
    """A report driven by lawful and random (mostly unlawful) events."""

    complaint: Complaint

    @initialize(sub=submissions())
    def start(self, sub: ComplaintSubmission) -> None:
        self.complaint = lifecycle.submit(
            sub,
            tracking_id="0012345674",
            actor=Actor(role=Role.REPORTER, user_id=REPORTER_USER),
        )
        self.length = 1

    @rule(data=st.data())
    def lawful_event(self, data: st.DataObject) -> None:
        event = data.draw(next_events(self.complaint, BOOK))
        if event is None:
            return
        note(f"{event.kind} by {event.actor.role}")
        after = lifecycle.apply(self.complaint, event)
        assert after.history == (*self.complaint.history, event)
        self.complaint = after

    @rule(
        data=st.data(),
        kind=st.sampled_from(sorted(set(EventKind) - {EventKind.SUBMIT})),
        actor=actors(),
    )
    def random_event(self, data: st.DataObject, kind: EventKind, actor: Actor) -> None:
        at = self.complaint.history[-1].at + timedelta(hours=data.draw(st.integers(-2, 48)))
        event = _event(kind, data.draw, at, actor)
        before = self.complaint
        try:
            self.complaint = lifecycle.apply(before, event)
        except (InvalidTransition, PermissionDenied) as exc:
            error = exc
        else:
            return
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
                agency = (chain[-1] if chain else "kab-bogor") if role in AGENCY_ROLES else None
                actor = Actor(role=role, agency_id=agency, user_id=REPORTER_USER)
                assert lifecycle.available_events(self.complaint, actor) == ()

    @invariant()
    def replay_gives_the_same_complaint(self) -> None:
        again = lifecycle.replay(
            lifecycle.submission_of(self.complaint),
            self.complaint.history,
            tracking_id=self.complaint.tracking_id,
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
    event = _event(kind, data.draw, complaint.history[-1].at + timedelta(days=1), actor)
    try:
        lifecycle.apply(complaint, event)
    except (InvalidTransition, PermissionDenied):
        return
    msg = f"{kind} accepted in {complaint.status}"
    raise AssertionError(msg)


@given(complaints())
def test_strategy_complaints_have_consistent_history(complaint: Complaint) -> None:
    """Complaints drawn by the strategy pass check_history and are JSON round-trippable."""
    assert lifecycle.check_history(complaint) is complaint.status
    assert Complaint.model_validate_json(complaint.model_dump_json()) == complaint
