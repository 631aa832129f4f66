"""Strategies for valid reports: submissions, actors, events and complaints with histories.

Everything drawn here validates: NIKs use a known regency code, a plausible
birth date (women: day + 40) and a serial other than 0000; phones are
Indonesian mobiles (+62 8xx …); e-mails are normalised ([`.identity`][sp4n.testing.identity]).
[`complaints`][sp4n.testing.complaints] walks the rulebook's transition table with
[`sp4n.lifecycle.apply`][sp4n.lifecycle.apply], so it yields complaints in every reachable status
with a lawful history (rule: standard.md §4).

The agencies are real ids of the embedded hierarchy (``AgencyGraph.indonesia()``)
— [`AGENCY_IDS`][sp4n.testing.AGENCY_IDS] and their units [`UNIT_IDS`][sp4n.testing.UNIT_IDS] — so
every drawn history
also checks against the default hierarchy; [`TREE`][sp4n.testing.TREE] is a small graph of
the same agencies with the same parents, for tests that want a small tree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from sp4n import lifecycle
from sp4n.hierarchy import AgencyGraph
from sp4n.lifecycle import AgencyTree
from sp4n.lifecycle._scope import declaring_agency
from sp4n.models import (
    Actor,
    Agency,
    ArchiveEvent,
    Attachment,
    AutoCloseEvent,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    CompleteEvent,
    Coordinates,
    DeclareNotCompetentEvent,
    DeleteEvent,
    Event,
    ForwardToUnitEvent,
    HoldEvent,
    Location,
    PostFollowUpEvent,
    RedispatchEvent,
    ReopenEvent,
    ReporterReplyEvent,
    SubmitEvent,
    VerifyAndDispatchEvent,
)
from sp4n.regions import regencies
from sp4n.rulebook import Rulebook
from sp4n.testing.identity import emails, names, niks, phones, reporters
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    Channel,
    DeleteReason,
    EventKind,
    ExaminationFlag,
    ReportType,
    Role,
)

__all__ = [
    "AGENCY_IDS",
    "CATEGORIES",
    "REPORTER_USER",
    "SYSTEM_DELAY",
    "TREE",
    "UNIT_IDS",
    "actor_for",
    "actors",
    "complaints",
    "emails",
    "event_of",
    "events",
    "harmless_numbers",
    "instants",
    "lawful_moves",
    "lawful_targets",
    "names",
    "next_events",
    "niks",
    "phones",
    "reporters",
    "sentences",
    "submissions",
]

REGENCY_CODES = tuple(sorted(regencies()))
GOVERNMENT_IDS = ("kab-32.01", "kota-32.73", "prov-32")
"""Kabupaten Bogor, Kota Bandung and Provinsi Jawa Barat in the default hierarchy."""
AGENCY_IDS = (*GOVERNMENT_IDS, "pln", "kementerian-kesehatan")
"""The agencies complaints are addressed and dispatched to (all in the default hierarchy)."""
UNIT_NAMES = ("dinas-pupr", "dinas-kesehatan", "dinas-pendidikan")
UNIT_IDS = tuple(f"{a}.{u}" for a in GOVERNMENT_IDS for u in UNIT_NAMES)
"""Units of `GOVERNMENT_IDS`, named ``<owner>.<unit>`` as in ``sp4n.hierarchy``."""

_REGIONS = {"prov-32": "32", "kab-32.01": "32.01", "kota-32.73": "32.73"}

TREE = AgencyGraph.from_agencies(
    [
        Agency(id="nasional", name="LAPOR!", kind=AgencyKind.NATIONAL),
        Agency(
            id="prov-32",
            name="Jawa Barat",
            kind=AgencyKind.PROVINCE,
            region_code="32",
            parent_id="nasional",
        ),
        Agency(
            id="kab-32.01",
            name="Bogor",
            kind=AgencyKind.REGENCY,
            region_code="32.01",
            parent_id="prov-32",
        ),
        Agency(
            id="kota-32.73",
            name="Bandung",
            kind=AgencyKind.CITY,
            region_code="32.73",
            parent_id="prov-32",
        ),
        Agency(id="kementerian-esdm", name="ESDM", kind=AgencyKind.MINISTRY, parent_id="nasional"),
        Agency(id="pln", name="PLN", kind=AgencyKind.SOE, parent_id="kementerian-esdm"),
        Agency(
            id="kementerian-kesehatan",
            name="Kemenkes",
            kind=AgencyKind.MINISTRY,
            parent_id="nasional",
        ),
        *(
            Agency(
                id=u,
                name=u,
                kind=AgencyKind.UNIT,
                region_code=_REGIONS[u.rsplit(".", 1)[0]],
                parent_id=u.rsplit(".", 1)[0],
            )
            for u in UNIT_IDS
        ),
    ]
)
"""A small hierarchy of `AGENCY_IDS` and `UNIT_IDS`, shaped as in the default one."""

SYSTEM_DELAY = timedelta(days=60)
"""The system's timed events come this much after the last event: their windows have passed."""
CATEGORIES = ("regency_road", "primary_school", "health_service", "licensing", "electricity")
"""Categories of the competence table that drawn reports use."""
WORDS = (
    "jalan",
    "rusak",
    "lubang",
    "besar",
    "sekolah",
    "guru",
    "puskesmas",
    "antrean",
    "lama",
    "pelayanan",
    "petugas",
    "meminta",
    "biaya",
    "tambahan",
    "lampu",
    "mati",
    "sejak",
    "minggu",
    "lalu",
    "mohon",
    "segera",
    "ditindaklanjuti",
    "di",
    "kelurahan",
    "desa",
    "warga",
)
REPORTER_USER = "warga-1"
"""The ``user_id`` of the reporter who submits every drawn complaint (scope ``own``)."""


sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
"""Indonesian-looking free text without personal data."""

money = st.integers(1, 999_999).map(lambda n: f"Rp {n * 1000:,}".replace(",", "."))
"""Rupiah amounts as people write them (``Rp 1.500.000``)."""
dates_text = st.dates(date(2015, 1, 1), date(2030, 12, 31)).flatmap(
    lambda d: st.sampled_from(
        (d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y"), d.isoformat(), d.strftime("%d.%m.%Y"))
    )
)
harmless_numbers = money | dates_text | st.sampled_from(("1708", "112", "1500123", "14045"))
"""Numbers that are not personal data: money amounts, dates, short and call-centre codes."""

instants = st.datetimes(
    min_value=datetime(2015, 1, 1),  # noqa: DTZ001 - Hypothesis bounds are naive by design
    max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
"""Aware instants (UTC) from 2015 to 2030."""


@st.composite
def submissions(
    draw: st.DrawFn, *, anonymous: bool | None = None, confidential: bool | None = None
) -> ComplaintSubmission:
    """A valid submission; privacy flags drawn unless fixed."""
    submitted = draw(instants)
    report_type = draw(st.sampled_from(list(ReportType)))
    examination = (
        draw(st.sampled_from(list(ExaminationFlag)))
        if report_type is ReportType.COMPLAINT
        else ExaminationFlag.NO_EXAMINATION
    )
    body_parts = draw(st.lists(sentences | harmless_numbers, min_size=1, max_size=4))
    location = draw(
        st.none()
        | st.builds(
            Location,
            region_code=st.sampled_from(REGENCY_CODES),
            address=st.none() | sentences,
            coordinates=st.none()
            | st.builds(
                Coordinates,
                latitude=st.floats(-11, 6, allow_nan=False),
                longitude=st.floats(95, 141, allow_nan=False),
            ),
        )
    )
    attachments = draw(
        st.lists(
            st.builds(
                Attachment,
                name=st.sampled_from(("foto.jpg", "bukti.pdf")),
                media_type=st.sampled_from(("image/jpeg", "application/pdf")),
                size_bytes=st.integers(1, 10_000_000),
                sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
            ),
            max_size=2,
        )
    )
    return ComplaintSubmission(
        type=report_type,
        examination=examination,
        title=draw(sentences),
        body=" ".join(body_parts),
        incident_date=draw(st.none() | st.just(submitted.date() - timedelta(days=3))),
        location=location,
        target_agency_id=draw(st.none() | st.sampled_from(AGENCY_IDS)),
        category=draw(st.sampled_from(CATEGORIES)),
        attachments=tuple(attachments),
        channel=draw(st.sampled_from(list(Channel))),
        anonymous=draw(st.booleans()) if anonymous is None else anonymous,
        confidential=draw(st.booleans()) if confidential is None else confidential,
        reporter=draw(st.none() | reporters()),
        submitted_at=submitted,
    )


_AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR})


@st.composite
def actors(draw: st.DrawFn, role: Role | None = None) -> Actor:
    """An actor of ``role`` (or any role); agency roles get an agency id."""
    chosen = role or draw(st.sampled_from(list(Role)))
    agency = draw(st.sampled_from(AGENCY_IDS + UNIT_IDS)) if chosen in _AGENCY_ROLES else None
    return Actor(
        role=chosen,
        agency_id=agency,
        user_id=draw(st.none() | st.from_regex(r"[a-z]{3,8}-[0-9]{1,3}", fullmatch=True)),
    )


def event_of(kind: EventKind, draw: st.DrawFn, at: datetime, actor: Actor) -> Event:
    """An event of ``kind`` at ``at`` by ``actor``, with drawn content (inside a composite)."""
    text = draw(sentences)
    builders: dict[EventKind, Callable[[], Event]] = {
        EventKind.SUBMIT: lambda: SubmitEvent(at=at, actor=actor),
        EventKind.VERIFY_AND_DISPATCH: lambda: VerifyAndDispatchEvent(
            at=at, actor=actor, agency_id=draw(st.sampled_from(AGENCY_IDS))
        ),
        EventKind.HOLD: lambda: HoldEvent(at=at, actor=actor, reason=text),
        EventKind.COMPLETE: lambda: CompleteEvent(at=at, actor=actor, info=text),
        EventKind.DECLARE_NOT_COMPETENT: lambda: DeclareNotCompetentEvent(
            at=at, actor=actor, reason=text
        ),
        EventKind.REDISPATCH: lambda: RedispatchEvent(
            at=at, actor=actor, agency_id=draw(st.sampled_from(AGENCY_IDS))
        ),
        EventKind.ARCHIVE: lambda: ArchiveEvent(
            at=at,
            actor=actor,
            reason=ArchiveReason.HOLD_EXPIRED
            if actor.role is Role.SYSTEM
            else draw(st.sampled_from(list(ArchiveReason))),
        ),
        EventKind.DELETE: lambda: DeleteEvent(
            at=at, actor=actor, reason=draw(st.sampled_from(list(DeleteReason)))
        ),
        EventKind.FORWARD_TO_UNIT: lambda: ForwardToUnitEvent(
            at=at, actor=actor, unit_id=draw(st.sampled_from(UNIT_IDS))
        ),
        EventKind.POST_FOLLOW_UP: lambda: PostFollowUpEvent(at=at, actor=actor, text=text),
        EventKind.REPORTER_REPLY: lambda: ReporterReplyEvent(at=at, actor=actor, text=text),
        EventKind.CLOSE: lambda: CloseEvent(at=at, actor=actor),
        EventKind.AUTO_CLOSE: lambda: AutoCloseEvent(at=at, actor=actor),
        EventKind.REOPEN: lambda: ReopenEvent(at=at, actor=actor, reason=text),
    }
    return builders[kind]()


@st.composite
def events(draw: st.DrawFn, kind: EventKind | None = None, *, at: datetime | None = None) -> Event:
    """An event of ``kind`` (or any kind) by a drawn actor: well-formed, lawful or not.

    For tests of what an engine does with any event; [`next_events`][sp4n.testing.next_events] draws
    only the lawful ones.
    """
    chosen = kind or draw(st.sampled_from(list(EventKind)))
    when = at or draw(instants)
    return event_of(chosen, draw, when, draw(actors()))


def _tree(tree: AgencyTree | None) -> AgencyTree:
    """The hierarchy in force: ``tree``, or the embedded one (as the engines default)."""
    return tree if tree is not None else AgencyGraph.indonesia()


def _ids(tree: AgencyTree | None) -> tuple[str, ...]:
    """Where drawn events may send a report: the tree's agencies, or the default pool."""
    if isinstance(tree, AgencyGraph):
        return tuple(a.id for a in tree.agencies())
    return AGENCY_IDS + UNIT_IDS


def _parent(tree: AgencyTree, agency_id: str) -> str | None:
    if isinstance(tree, AgencyGraph):
        parent = tree.parent(agency_id)
        return None if parent is None else parent.id
    found = lifecycle.ancestor_ids(tree, agency_id)
    return min(found) if found else None


def actor_for(
    role: Role, scope: str, complaint: Complaint, tree: AgencyTree | None = None
) -> Actor | None:
    """An actor of ``role`` who satisfies ``scope`` on ``complaint``, if there is one."""
    chain = lifecycle.handling_chain(complaint)
    if scope == "own":
        return Actor(role=role, user_id=lifecycle.owner_id(complaint))
    if scope == "assigned":
        return Actor(role=role, agency_id=chain[-1], user_id="staf-1") if chain else None
    if scope == "any":
        agency = chain[-1] if chain and role in _AGENCY_ROLES else None
        return Actor(role=role, agency_id=agency or ("nasional" if role in _AGENCY_ROLES else None))
    declared = declaring_agency(complaint)
    hierarchy = _tree(tree)
    if declared is None or declared not in hierarchy:
        return None
    parent = _parent(hierarchy, declared)
    return None if parent is None else Actor(role=role, agency_id=parent, user_id="atasan-1")


def lawful_moves(
    complaint: Complaint, rulebook: Rulebook, tree: AgencyTree | None = None
) -> list[tuple[EventKind, Actor, bool]]:
    """Every (event kind, actor, leads to a final status) the table allows now."""
    hierarchy = _tree(tree)
    moves: list[tuple[EventKind, Actor, bool]] = []
    for row in rulebook.transitions:
        if (
            row.event is EventKind.SUBMIT
            or complaint.status not in row.from_statuses
            or not rulebook.is_enabled(row)
        ):
            continue
        hops = sum(e.event_kind is EventKind.DECLARE_NOT_COMPETENT for e in complaint.history)
        for role, scope in row.actors.items():
            if scope == "ancestor" and hops >= rulebook.settings.hop_limit:
                continue  # ROUTE-HOP-LIMIT: only the national admin now
            actor = actor_for(role, scope, complaint, tree)
            if actor is not None and (actor.agency_id is None or actor.agency_id in hierarchy):
                moves.append((row.event, actor, rulebook.is_final(row.to)))
    return moves


def lawful_targets(
    kind: EventKind, actor: Actor, complaint: Complaint, tree: AgencyTree | None
) -> tuple[str, ...] | None:
    """Where ``actor`` may send the report with ``kind`` (``None``: the event has no target).

    An oracle written from the rules (standard.md §2, §4), not from the engine:
    the national admin anywhere known; an agency admin dispatches within its
    organisation, forwards to its own units, and an ancestor redispatches
    elsewhere than to itself or back to the declarer. Units are named
    ``<owner>.<unit>`` as in ``sp4n.hierarchy``.
    """
    known = _ids(tree)
    agency = actor.agency_id or ""
    if kind is EventKind.FORWARD_TO_UNIT:
        return tuple(u for u in known if u.startswith(f"{agency}."))
    if kind is EventKind.REDISPATCH:
        if actor.role is Role.NATIONAL_ADMIN:
            return known
        return tuple(a for a in known if a not in {agency, declaring_agency(complaint)})
    if kind is EventKind.VERIFY_AND_DISPATCH:
        if actor.role is Role.NATIONAL_ADMIN:
            return known
        return tuple(a for a in known if a == agency or a.startswith(f"{agency}."))
    return None


@st.composite
def next_events(
    draw: st.DrawFn, complaint: Complaint, rulebook: Rulebook, tree: AgencyTree | None = None
) -> Event | None:
    """A lawful next event for ``complaint`` (``None`` in a final status).

    ``tree`` is the hierarchy the event will be applied with (``None``: the
    embedded one, with targets drawn from [`AGENCY_IDS`][sp4n.testing.AGENCY_IDS] and
    [`UNIT_IDS`][sp4n.testing.UNIT_IDS]).
    """
    moves = lawful_moves(complaint, rulebook, tree)
    if not moves:
        return None
    onward = [m for m in moves if not m[2]]
    if onward and draw(st.integers(0, 3)) > 0:  # mostly keep the report alive
        moves = onward
    kinds = sorted({m[0] for m in moves})
    kind = draw(st.sampled_from(kinds))
    actor = draw(st.sampled_from([m[1] for m in moves if m[0] is kind]))
    at = complaint.history[-1].at + timedelta(minutes=draw(st.integers(0, 60 * 24 * 20)))
    if actor.role is Role.SYSTEM:
        at = complaint.history[-1].at + SYSTEM_DELAY
    event = event_of(kind, draw, at, actor)
    if (
        getattr(event, "reason", None) is ArchiveReason.HOLD_EXPIRED
        and actor.role is not Role.SYSTEM
    ):
        event = event.model_copy(update={"reason": ArchiveReason.DUPLICATE})  # the system's reason
    targets = lawful_targets(kind, actor, complaint, tree)
    if targets is not None:
        if not targets:
            return None
        field = "unit_id" if kind is EventKind.FORWARD_TO_UNIT else "agency_id"
        event = event.model_copy(update={field: draw(st.sampled_from(targets))})
    return event


@st.composite
def complaints(
    draw: st.DrawFn,
    *,
    max_events: int = 8,
    anonymous: bool | None = None,
    confidential: bool | None = None,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyGraph | None = None,
) -> Complaint:
    """A complaint after a random lawful walk through the transition table.

    Each step is applied with [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply] under ``rulebook``
    and ``hierarchy`` (by default the embedded ones), so the history is lawful
    there. The reporter's ``user_id`` is [`REPORTER_USER`][sp4n.testing.REPORTER_USER]; the tracking
    id
    is a 10-digit number.

    Args:
        draw: Hypothesis's draw function (supplied by ``st.composite``).
        max_events: At most this many events after the submission.
        anonymous: Fix the report's anonymous flag (drawn if ``None``).
        confidential: Fix the report's confidential flag (drawn if ``None``).
        rulebook: The rules of the walk (default: the rules in force now).
        hierarchy: The agency tree of the walk (default: the embedded one).
    """
    book = rulebook or Rulebook.default()
    submission = draw(submissions(anonymous=anonymous, confidential=confidential))
    tracking = f"{draw(st.integers(1, 999_999_999)):010d}"
    complaint = lifecycle.submit(
        submission,
        tracking_id=tracking,
        actor=Actor(role=Role.REPORTER, user_id=REPORTER_USER),
        rulebook=book,
    )
    for _ in range(draw(st.integers(0, max_events))):
        event = draw(next_events(complaint, book, hierarchy))
        if event is None:
            break
        complaint = lifecycle.apply(complaint, event, rulebook=book, hierarchy=hierarchy)
    return complaint
