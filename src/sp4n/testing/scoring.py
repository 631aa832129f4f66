"""Builders and strategies for scoring: cheap real complaints and agencies — *data monev*.

A complaint is validated once (``template``) and then copied with
``model_copy(update=...)`` for each distinct tracking id, status, agency and
history, so data sets of a thousand reports build in milliseconds. Complaints
in a given status ([`lawful`][sp4n.testing.scoring.lawful],
[`status_counts`][sp4n.testing.scoring.status_counts], [`complaints`][sp4n.testing.complaints])
are driven through [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply] once per status and agency,
so their histories agree with their statuses; copies change only the
tracking id (and dates, shifted together). The agencies (``a0`` …) hang under
a national operator in [`SCORING_TREE`][sp4n.testing.scoring.SCORING_TREE], the hierarchy the engine
checks
those histories against. Rule: standard.md §7 (monev indicators).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cache, partial

from hypothesis import strategies as st

from sp4n import lifecycle
from sp4n.hierarchy import AgencyGraph
from sp4n.models import (
    Actor,
    Agency,
    ArchiveEvent,
    AutoCloseEvent,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    DeclareNotCompetentEvent,
    DeleteEvent,
    Event,
    HoldEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    SubmitEvent,
    VerifyAndDispatchEvent,
)
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    Channel,
    DeleteReason,
    ReportType,
    Role,
    Stage,
    Status,
)

__all__ = [
    "AGENCY_IDS",
    "BASE",
    "SCORING_TREE",
    "agency",
    "chunks",
    "complaint",
    "complaint_sets",
    "complaints",
    "governments",
    "lawful",
    "scoring_tree",
    "stage_outcomes",
    "status_counts",
    "template",
]

BASE = datetime(2024, 1, 1, 2, 0, tzinfo=UTC)  # 09:00 WIB, a Monday
"""The first submission instant: 09:00 WIB on Monday 1 January 2024."""
AGENCY_IDS = ("a0", "a1", "a2", "a3", "a4")
"""The agencies of the scoring builders (regencies of `SCORING_TREE`)."""
_REPORTER = Actor(role=Role.REPORTER)


@cache
def _admin(agency_id: str) -> Actor:
    return Actor(role=Role.AGENCY_ADMIN, agency_id=agency_id)


@cache
def template() -> Complaint:
    """One validated complaint that every built complaint is a copy of."""
    submission = ComplaintSubmission(
        type=ReportType.COMPLAINT,
        title="Jalan rusak",
        body="Jalan berlubang sejak dua minggu.",
        category="regency_road",
        channel=Channel.WEB,
        submitted_at=BASE,
    )
    return Complaint.from_submission(submission, tracking_id="1000000")


def complaint(
    serial: int,
    *,
    status: Status = Status.SUBMITTED,
    agency_id: str | None = None,
    submitted_at: datetime = BASE,
    dispatch_after: timedelta | None = None,
    follow_up_after: timedelta | None = None,
    history: tuple[Event, ...] | None = None,
) -> Complaint:
    """A real complaint copied from the template, with its own tracking id.

    With ``dispatch_after`` it has a dispatch event to ``agency_id``; with
    ``follow_up_after`` (counted from the dispatch) a first follow-up too.
    """
    events: list[Event] = [SubmitEvent(at=submitted_at, actor=_REPORTER)]
    if history is not None:
        events = list(history)
    elif dispatch_after is not None and agency_id is not None:
        dispatched = submitted_at + dispatch_after
        events.append(
            VerifyAndDispatchEvent(at=dispatched, actor=_admin(agency_id), agency_id=agency_id)
        )
        if follow_up_after is not None:
            events.append(
                PostFollowUpEvent(
                    at=dispatched + follow_up_after, actor=_admin(agency_id), text="Ditangani."
                )
            )
    return template().model_copy(
        update={
            "tracking_id": str(1_000_000 + serial),
            "status": status,
            "target_agency_id": agency_id,
            "submitted_at": submitted_at,
            "history": tuple(events),
        }
    )


_NATIONAL = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
_SYSTEM = Actor(role=Role.SYSTEM)


def _after_reply_window(last_follow_up: datetime) -> datetime:
    """Well past SLA-REPLY-WINDOW (10 working days), even across the Lebaran leave block."""
    return last_follow_up + timedelta(days=40)


_OWNER = Actor(role=Role.REPORTER, user_id="pelapor-1")


def _path(status: Status, agency_id: str, at: datetime, owner: Actor) -> list[Event]:
    """Lawful events after the submission that end in ``status`` (one hour apart)."""
    admin = _admin(agency_id)

    def hour(n: int) -> datetime:
        return at + timedelta(hours=n)

    dispatch = VerifyAndDispatchEvent(at=hour(1), actor=_NATIONAL, agency_id=agency_id)
    follow = PostFollowUpEvent(at=hour(2), actor=admin, text="Ditangani.")
    paths: dict[Status, list[Event]] = {
        Status.SUBMITTED: [],
        Status.ON_HOLD: [HoldEvent(at=hour(1), actor=_NATIONAL, reason="Lengkapi lokasi.")],
        Status.NOT_COMPETENT: [
            dispatch,
            DeclareNotCompetentEvent(at=hour(2), actor=admin, reason="Bukan kewenangan."),
        ],
        Status.DISPATCHED: [dispatch],
        Status.IN_PROGRESS: [dispatch, follow],
        Status.CLOSED_BY_REPORTER: [dispatch, follow, CloseEvent(at=hour(3), actor=owner)],
        Status.CLOSED_BY_SYSTEM: [
            dispatch,
            follow,
            AutoCloseEvent(at=_after_reply_window(hour(2)), actor=_SYSTEM),
        ],
        Status.ARCHIVED: [
            ArchiveEvent(at=hour(1), actor=_NATIONAL, reason=next(iter(ArchiveReason)))
        ],
        Status.DELETED: [DeleteEvent(at=hour(1), actor=_NATIONAL, reason=next(iter(DeleteReason)))],
    }
    return paths[status]


@cache
def scoring_tree(agency_ids: tuple[str, ...] = AGENCY_IDS) -> AgencyGraph:
    """A national operator ``lapor`` with a province ``prov`` and the regencies ``agency_ids``."""
    return AgencyGraph.from_agencies(
        [
            Agency(id="lapor", name="LAPOR!", kind=AgencyKind.NATIONAL),
            Agency(id="prov", name="Provinsi", kind=AgencyKind.PROVINCE, parent_id="lapor"),
            *(agency(a) for a in agency_ids if a not in {"lapor", "prov"}),
        ]
    )


def drive(base: Complaint, events: Iterable[Event]) -> Complaint:
    """``base`` after each event, through the lifecycle engine (raises if unlawful).

    Dispatch targets are checked against a tree of the agencies the events name.
    """
    steps = tuple(events)
    named = {str(e.agency_id) for e in steps if isinstance(e, VerifyAndDispatchEvent)}
    tree = scoring_tree(tuple(sorted(named | set(AGENCY_IDS))))
    for event in steps:
        base = lifecycle.apply(base, event, hierarchy=tree)
    return base


@cache
def lawful(status: Status, agency_id: str, submitted_at: datetime = BASE) -> Complaint:
    """A complaint in ``status`` for ``agency_id`` whose history the lifecycle engine built.

    Addressed to ``agency_id``; any dispatch goes to it; in progress and closed
    reports have one follow-up an hour after the dispatch. Cached: copy it with
    a new tracking id (``model_copy``) for more.
    """
    base = template().model_copy(
        update={
            "target_agency_id": agency_id,
            "submitted_at": submitted_at,
            "history": (SubmitEvent(at=submitted_at, actor=_OWNER),),
        }
    )
    owner = _OWNER
    return drive(base, _path(status, agency_id, submitted_at, owner))


def status_counts(agency_id: str, counts: dict[Status, int], *, start: int = 0) -> list[Complaint]:
    """``counts[s]`` complaints in status ``s`` for one agency, distinct tracking ids.

    Each status's history is lawful ([`lawful`][sp4n.testing.scoring.lawful]); copies differ only in
    their tracking ids.
    """
    out: list[Complaint] = []
    serial = start
    for status, n in counts.items():
        one = lawful(status, agency_id)
        for _ in range(n):
            out.append(one.model_copy(update={"tracking_id": str(1_000_000 + serial)}))
            serial += 1
    return out


def agency(agency_id: str, *, connected: bool = True, parent: str = "prov") -> Agency:
    """A regency government under ``parent``."""
    return Agency(
        id=agency_id,
        name=f"Pemerintah {agency_id}",
        kind=AgencyKind.REGENCY,
        parent_id=parent,
        connected=connected,
    )


def governments(prefix: str, total: int, connected: int) -> list[Agency]:
    """A province government plus regencies/cities: ``total`` bodies, ``connected`` with an SK."""
    govs = [
        Agency(
            id=f"{prefix}-prov",
            name=f"Pemerintah Provinsi {prefix}",
            kind=AgencyKind.PROVINCE,
            parent_id="lapor",
            connected=connected > 0,
        )
    ]
    govs += [
        agency(f"{prefix}-{i:02d}", connected=i < connected, parent=f"{prefix}-prov")
        for i in range(1, total)
    ]
    return govs


def stage_outcomes(c: Complaint) -> Iterator[tuple[Stage, bool | None]]:
    """Toy SLA outcomes from the history: first follow-up met when within 5 calendar days."""
    dispatched = next((e.at for e in c.history if isinstance(e, VerifyAndDispatchEvent)), None)
    if dispatched is None:
        yield Stage.VERIFICATION, None
        return
    yield Stage.VERIFICATION, dispatched - c.submitted_at <= timedelta(days=3)
    followed = next((e.at for e in c.history if isinstance(e, PostFollowUpEvent)), None)
    yield Stage.FIRST_FOLLOW_UP, None if followed is None else followed - dispatched <= timedelta(5)


def _declared(actor: Actor, at: datetime) -> Event:
    return DeclareNotCompetentEvent(at=at, actor=actor, reason="Bukan kewenangan.")


def _redispatched(agency_id: str, at: datetime) -> Event:
    return RedispatchEvent(at=at, actor=_NATIONAL, agency_id=agency_id)


def _followed_up(actor: Actor, at: datetime) -> Event:
    return PostFollowUpEvent(at=at, actor=actor, text="Ditangani.")


@st.composite
def complaints(draw: st.DrawFn, *, serial: int = 0) -> Complaint:
    """A complaint with a lawful history, driven through `sp4n.lifecycle.apply`.

    Addressed to one of ``AGENCY_IDS``; possibly dispatched, declared not
    competent and redispatched up to twice (NOT_COMPETENT hops), followed up
    up to three times, and closed, archived, held or deleted, at drawn times.
    """
    target = draw(st.sampled_from(AGENCY_IDS))
    submitted = BASE + timedelta(days=draw(st.integers(0, 120)), minutes=draw(st.integers(0, 1439)))
    c = lawful(Status.SUBMITTED, target, submitted)
    c = c.model_copy(update={"tracking_id": str(1_000_000 + serial)})
    at = submitted
    hours = st.integers(0, 96).map(lambda h: timedelta(hours=h))

    def step(event_of: Callable[[datetime], Event], *, wait: timedelta | None = None) -> None:
        nonlocal c, at
        at = at + (draw(hours) if wait is None else wait)
        c = lifecycle.apply(c, event_of(at), hierarchy=SCORING_TREE)

    route = draw(st.sampled_from(["stay", "hold", "archive", "delete", "dispatch"]))
    if route == "hold":
        step(lambda t: HoldEvent(at=t, actor=_NATIONAL, reason="Lengkapi lokasi."))
        return c
    if route == "archive":
        step(lambda t: ArchiveEvent(at=t, actor=_NATIONAL, reason=next(iter(ArchiveReason))))
        return c
    if route == "delete":
        step(lambda t: DeleteEvent(at=t, actor=_NATIONAL, reason=next(iter(DeleteReason))))
        return c
    if route == "stay":
        return c
    agency = draw(st.sampled_from(AGENCY_IDS))
    step(lambda t: VerifyAndDispatchEvent(at=t, actor=_NATIONAL, agency_id=agency))
    for _ in range(draw(st.integers(0, 2))):  # NOT_COMPETENT hops, then a redispatch
        admin = _admin(agency)
        step(partial(_declared, admin))
        if draw(st.booleans()) and draw(st.booleans()):
            return c  # left NOT_COMPETENT
        agency = draw(st.sampled_from(AGENCY_IDS))
        step(partial(_redispatched, agency))
    for _ in range(draw(st.integers(0, 3))):  # follow-ups
        admin = _admin(agency)
        step(partial(_followed_up, admin))
    if c.status is Status.IN_PROGRESS:
        end = draw(st.sampled_from(["open", "close", "auto"]))
        if end == "close":
            step(lambda t: CloseEvent(at=t, actor=_OWNER))
        elif end == "auto":
            step(lambda t: AutoCloseEvent(at=t, actor=_SYSTEM), wait=timedelta(days=40))
    return c


@st.composite
def complaint_sets(draw: st.DrawFn, *, max_size: int = 40) -> list[Complaint]:
    """A list of complaints with distinct tracking ids."""
    n = draw(st.integers(0, max_size))
    return [draw(complaints(serial=i)) for i in range(n)]


SCORING_TREE = scoring_tree()
"""The hierarchy of `AGENCY_IDS` the drawn histories are checked against."""


def chunks(items: list[Complaint], cuts: Iterable[int]) -> list[list[Complaint]]:
    """``items`` split at the given cut points (sorted, clipped)."""
    bounds = sorted({min(max(c, 0), len(items)) for c in cuts} | {0, len(items)})
    return [items[a:b] for a, b in itertools.pairwise(bounds)]
