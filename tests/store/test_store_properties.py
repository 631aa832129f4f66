"""Property: the store adds no rule of its own — it persists exactly what the engine decides.

For any sequence of events by any of a few actors (most refused), applying
them through :class:`sp4n.store.Store` gives the same successes, the same
refusals (type and rule) and the same final report as applying them to the
pure engine, and the stored audit chain verifies with one entry per event.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sp4n import lifecycle
from sp4n.errors import SP4NError
from sp4n.models import (
    Actor,
    ArchiveEvent,
    CloseEvent,
    ComplaintSubmission,
    DeclareNotCompetentEvent,
    Event,
    HoldEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    ReporterReplyEvent,
    VerifyAndDispatchEvent,
)
from sp4n.store import Store
from sp4n.vocabulary import ArchiveReason, Role

SUBMISSION = ComplaintSubmission.model_validate_json(
    '{"type": "COMPLAINT", "title": "Jalan rusak", "body": "Lubang besar.",'
    ' "category": "regency_road", "channel": "WEB", "location": {"region_code": "16.02"},'
    ' "submitted_at": "2024-04-05T09:30:00+07:00"}'
)
REPORTER = Actor(role=Role.REPORTER, user_id="warga-1")
ACTORS = (
    REPORTER,
    Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="kab-16.02", user_id="pu-1"),
    Actor(role=Role.LIAISON, agency_id="kab-16.01", user_id="ln-1"),
)


def _event(kind: int, actor: Actor, hours: int) -> Event:
    at = SUBMISSION.submitted_at + timedelta(hours=hours)
    makers = (
        lambda: VerifyAndDispatchEvent(at=at, actor=actor, agency_id="kab-16.02"),
        lambda: HoldEvent(at=at, actor=actor, reason="Lokasi kurang jelas"),
        lambda: DeclareNotCompetentEvent(at=at, actor=actor, reason="Bukan wewenang"),
        lambda: RedispatchEvent(at=at, actor=actor, agency_id="kab-16.01"),
        lambda: PostFollowUpEvent(at=at, actor=actor, text="Sedang ditangani."),
        lambda: ReporterReplyEvent(at=at, actor=actor, text="Terima kasih."),
        lambda: CloseEvent(at=at, actor=actor),
        lambda: ArchiveEvent(at=at, actor=actor, reason=ArchiveReason.TOO_GENERAL),
    )
    return makers[kind]()


steps = st.lists(st.tuples(st.integers(0, 7), st.sampled_from(ACTORS)), min_size=1, max_size=10)


def _outcome(call: object) -> tuple[str, str | None]:
    try:
        call()  # type: ignore[operator]
    except SP4NError as exc:
        return type(exc).__name__, exc.rule
    return "ok", None


@settings(max_examples=15, deadline=None)
@given(steps=steps)
def test_STORE_store_persists_exactly_what_the_engine_decides(
    steps: list[tuple[int, Actor]],
) -> None:
    """Same outcomes, same final report, one audit entry per applied event."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "r.db")
        try:
            stored = store.submit(SUBMISSION, actor=REPORTER)
            pure = lifecycle.submit(SUBMISSION, tracking_id=stored.tracking_id, actor=REPORTER)
            applied = 1
            for hour, (kind, actor) in enumerate(steps, start=1):
                event = _event(kind, actor, hour)
                box: dict[str, object] = {}

                def engine(
                    event: Event = event, box: dict[str, object] = box, before: object = pure
                ) -> None:
                    box["c"] = lifecycle.apply(before, event)  # type: ignore[arg-type]

                expected = _outcome(engine)
                got = _outcome(
                    lambda event=event: store.apply(stored.tracking_id, event)  # type: ignore[misc]
                )
                assert got == expected
                if expected[0] == "ok":
                    pure = box["c"]  # type: ignore[assignment]
                    applied += 1
            final = store.get(stored.tracking_id)
            assert final.complaint == pure
            assert final.version == applied
            verification = store.verify()
            assert verification.ok
            assert verification.audit.length == applied
        finally:
            store.close()
