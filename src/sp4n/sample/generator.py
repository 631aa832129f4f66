"""Seeded generator of realistic sample reports — *pembangkit laporan contoh*.

Produces [`Complaint`][sp4n.models.Complaint] objects over the embedded Indonesian
hierarchy ([`sp4n.hierarchy.AgencyGraph.indonesia`][sp4n.hierarchy.AgencyGraph.indonesia]) for
demos, tests and
benchmarks. Everything is derived from one ``random.Random(seed)`` per run (no
global state), so the same arguments give the same reports, byte for byte.

What makes the mix realistic (standard.md §3–§7):

* titles and bodies in Indonesian, built from the competence table's
  ``examples`` keywords of each category and the regency's name;
* channels, report types, privacy flags and submission instants spread over
  working and non-working days (nights, weekends, holidays) in the three zones;
* routing by [`sp4n.hierarchy.resolve`][sp4n.hierarchy.resolve] and ``Resolution.dispatch_to``
  (the first *connected* agency of the fallback chain): a seeded share of
  regencies and cities is not connected (*belum terhubung*), so their reports
  go to the province;
* full event histories driven **through** the lifecycle engine
  ([`sp4n.lifecycle.apply`][sp4n.lifecycle.apply]): some reports held (*tunda*) then completed
  or archived when the hold window passes, some misaddressed (dispatched to the
  wrong agency, declared NOT_COMPETENT, redispatched), some archived or
  deleted, some still unverified, and follow-up delays that depend on a seeded
  profile per agency (fast, normal, late, silent).

Events never go past ``now``: a report filed late in the period is still
being handled, as in real data.

>>> from sp4n.sample import generate_complaints
>>> reports = list(generate_complaints(20, seed=7))
>>> len(reports), reports[0].tracking_id == list(generate_complaints(1, seed=7))[0].tracking_id
(20, True)
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import IO, Final, TypeVar

import attrs

from sp4n._files import atomic_text_writer
from sp4n._guards import CHECKS, boundary
from sp4n._types import generate_tracking_id
from sp4n.competence import CompetenceRule, Level
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph, Resolution, resolve
from sp4n.i18n import Message
from sp4n.lifecycle import apply, submit
from sp4n.models import (
    Actor,
    Agency,
    ArchiveEvent,
    AutoCloseEvent,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    CompleteEvent,
    DeclareNotCompetentEvent,
    DeleteEvent,
    Event,
    ForwardToUnitEvent,
    HoldEvent,
    Location,
    PostFollowUpEvent,
    RedispatchEvent,
    Reporter,
    ReporterReplyEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    Channel,
    DeleteReason,
    ExaminationFlag,
    ReportType,
    Role,
)
from sp4n.workdays import WIB, WorkingCalendar, zone_for_agency

__all__ = [
    "AGENCY_PROFILES",
    "SampleWorld",
    "generate_complaints",
    "sample_world",
    "write_jsonl",
]

T = TypeVar("T")

AGENCY_PROFILES: Final = ("fast", "normal", "late", "silent")
"""Handling profiles an agency draws from its seed: how long its first follow-up takes."""

_PROFILE_WEIGHTS: Final = (30, 42, 20, 8)
_FIRST_FOLLOW_UP_DAYS: Final = {"fast": (0, 3), "normal": (2, 7), "late": (5, 25), "silent": None}
"""Working days from dispatch to the first follow-up, per profile (``None``: rarely answers)."""

_CHANNELS: Final = (
    (Channel.WEB, 34),
    (Channel.MOBILE_APP, 30),
    (Channel.SMS, 10),
    (Channel.TWITTER, 6),
    (Channel.INTEGRATED_APP, 10),
    (Channel.WALK_IN, 4),
    (Channel.EMAIL, 3),
    (Channel.LETTER, 2),
    (Channel.OTHER, 1),
)
_TYPES: Final = (
    (ReportType.COMPLAINT, 68),
    (ReportType.ASPIRATION, 20),
    (ReportType.INFORMATION_REQUEST, 12),
)
_LEVEL_WEIGHT: Final = {
    Level.REGENCY_CITY: 6,
    Level.VILLAGE: 3,
    Level.PROVINCE: 3,
    Level.CENTRAL: 2,
    Level.SOE: 2,
}
"""How often a category of each level is reported (regional services dominate)."""

_PROBLEMS: Final = {
    "Pendidikan": "ada pungutan yang tidak jelas dasarnya dan informasi dari sekolah simpang siur",
    "Kesehatan": "antrean sangat panjang dan petugas meminta biaya tambahan tanpa kuitansi",
    "Pekerjaan Umum dan Penataan Ruang": (
        "kerusakan dibiarkan berbulan-bulan dan membahayakan warga"
    ),
    "Perhubungan": "jadwal tidak menentu dan fasilitas rusak tanpa perbaikan",
    "Sosial": "bantuan tidak sampai kepada warga yang berhak dan datanya tidak diperbarui",
    "Administrasi Kependudukan dan Pencatatan Sipil": (
        "dokumen belum selesai walau sudah lewat janji"
    ),
    "Lingkungan Hidup": "pencemaran dan bau menyengat mengganggu warga setiap hari",
}
_DEFAULT_PROBLEM: Final = "pelayanan lambat dan tidak ada kejelasan dari petugas"
_TITLES: Final = {
    ReportType.COMPLAINT: (
        "Keluhan {kw} di {place}",
        "{Kw} bermasalah di {place}",
        "Mohon tindak lanjut soal {kw} di {place}",
        "Pelayanan {label} di {place} mengecewakan",
    ),
    ReportType.ASPIRATION: (
        "Usulan perbaikan {kw} di {place}",
        "Aspirasi warga {place} tentang {label}",
    ),
    ReportType.INFORMATION_REQUEST: (
        "Pertanyaan tentang {kw} di {place}",
        "Mohon informasi prosedur {label}",
    ),
}
_BODIES: Final = {
    ReportType.COMPLAINT: "Sejak {weeks} minggu terakhir urusan {kw} ({label}) di {place}: "
    "{problem}. Sudah kami sampaikan ke petugas tetapi belum ada tanggapan. Mohon segera "
    "ditindaklanjuti.",
    ReportType.ASPIRATION: "Warga {place} mengusulkan perbaikan layanan {label}, khususnya "
    "{kw}. Selama {weeks} minggu ini {problem}. Kami berharap ada program yang jelas.",
    ReportType.INFORMATION_REQUEST: "Kami ingin mengetahui prosedur, syarat dan biaya resmi "
    "untuk {kw} ({label}) di {place}. Informasi di kantor dan di laman resmi berbeda.",
}
_HOLD_REASON: Final = "Mohon lengkapi lokasi dan waktu kejadian (5W1H)"
_NOT_COMPETENT_REASON: Final = "Bukan kewenangan instansi kami; mohon diteruskan ke yang berwenang"
_FOLLOW_UP_TEXTS: Final = (
    "Laporan sudah diteruskan ke petugas lapangan untuk diperiksa.",
    "Tim kami sudah meninjau lokasi; perbaikan dijadwalkan.",
    "Terima kasih, masalah sudah ditangani dan akan dipantau.",
)
_SYSTEM: Final = Actor(role=Role.SYSTEM, user_id="sistem")
_OPERATOR: Final = Actor(role=Role.NATIONAL_ADMIN, user_id="admin-nasional")


@attrs.frozen(eq=False)
class SampleWorld:
    """The hierarchy a sample lives in: connected flags and agency profiles from the seed.

    Attributes:
        seed: The seed it was drawn from.
        graph: The embedded hierarchy with a seeded share of regencies and
            cities (and their units) not connected.
        unconnected: Ids of the governments marked not connected.
        places: (region code, government) of every regency and city, in id order.
    """

    seed: int
    graph: AgencyGraph
    unconnected: frozenset[str]
    places: tuple[tuple[str, Agency], ...]

    def profile(self, agency_id: str) -> str:
        """The handling profile of an agency (one of `AGENCY_PROFILES`), seeded."""
        return _profile(self.seed, agency_id)


@functools.lru_cache(maxsize=256)
def _profile(seed: int, agency_id: str) -> str:
    return random.Random(f"{seed}/{agency_id}").choices(AGENCY_PROFILES, _PROFILE_WEIGHTS)[0]


@functools.lru_cache(maxsize=4)
def sample_world(seed: int = 0, *, unconnected_share: float = 0.08) -> SampleWorld:
    """The seeded world: the Indonesian hierarchy with some governments not connected.

    Rule: standard.md §6 and competence.md rule 6 — a report whose competent
    government is not connected goes up the fallback chain (the province).

    Args:
        seed: Seed of the draw.
        unconnected_share: Share of regencies and cities not connected.
    """
    base = AgencyGraph.indonesia()
    governments = sorted(
        (a for a in base.agencies() if a.kind in (AgencyKind.REGENCY, AgencyKind.CITY)),
        key=lambda a: a.id,
    )
    rng = random.Random(f"world/{seed}")
    off = sorted(a.id for a in governments if rng.random() < unconnected_share)
    flags = {d.id: False for gid in off for d in base.descendants(gid)}
    flags.update(dict.fromkeys(off, False))
    graph = base.with_connected(flags) if flags else base
    places = tuple((a.region_code or "", a) for a in governments if a.region_code)
    return SampleWorld(seed, graph, frozenset(off), places)


def _place_name(agency: Agency) -> str:
    return agency.name.removeprefix("Pemerintah ")


def _weighted(rng: random.Random, table: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


@attrs.define
class _Clock:
    """Instants of one report's history, on working hours of the handling zone."""

    rng: random.Random
    calendar: WorkingCalendar
    last: datetime

    def after_working_days(self, n: int, zone: tzinfo) -> datetime:
        tz = zone
        local = self.last.astimezone(tz)
        day = self.calendar.add_working_days(local.date(), n).day if n else local.date()
        at = datetime.combine(day, time(8), tz) + timedelta(minutes=self.rng.randrange(0, 480))
        self.last = max(at, self.last + timedelta(minutes=self.rng.randrange(5, 90)))
        return self.last

    def after_days(self, days: int) -> datetime:
        self.last += timedelta(days=days, minutes=self.rng.randrange(0, 600))
        return self.last


class _Run:
    """One report's lifecycle, step by step through the engine, stopping at ``now``."""

    def __init__(self, complaint: Complaint, clock: _Clock, now: datetime) -> None:
        self.complaint, self.clock, self.now, self.open = complaint, clock, now, True

    def step(self, make: Callable[[datetime], Event], at: datetime) -> bool:
        if not self.open or at > self.now:
            self.open = False
            return False
        self.complaint = apply(self.complaint, make(at), calendar=self.clock.calendar)
        return True


def _submission(
    rng: random.Random, world: SampleWorld, rule: CompetenceRule, start: date, span: int
) -> ComplaintSubmission:
    region, government = world.places[rng.randrange(len(world.places))]
    place = _place_name(government)
    kind = _weighted(rng, _TYPES)
    keyword = rng.choice(rule.examples) if rule.examples else rule.label_id
    words = {
        "kw": keyword,
        "Kw": keyword[:1].upper() + keyword[1:],
        "label": rule.label_id,
        "place": place,
        "weeks": rng.randint(1, 12),
        "problem": _PROBLEMS.get(rule.urusan, _DEFAULT_PROBLEM),
    }
    day = start + timedelta(days=rng.randrange(span))
    zone = zone_for_agency(government)
    hour = rng.choices(range(24), [1] * 6 + [4] * 12 + [2] * 6)[0]
    submitted = datetime.combine(day, time(hour, rng.randrange(60)), zone)
    anonymous = rng.random() < 0.12
    reporter = None
    if not anonymous or rng.random() < 0.5:
        reporter = Reporter(name=f"Warga {rng.randrange(1, 99999)}", email="warga@example.id")
    location = None if rng.random() < 0.04 else Location(region_code=region)
    examination = ExaminationFlag.NO_EXAMINATION
    if kind is ReportType.COMPLAINT and rng.random() < 0.1:
        examination = ExaminationFlag.NEEDS_EXAMINATION
    channel = _weighted(rng, _CHANNELS)
    return ComplaintSubmission(
        type=kind,
        examination=examination,
        title=rng.choice(_TITLES[kind]).format(**words)[:200],
        body=_BODIES[kind].format(**words),
        incident_date=day - timedelta(days=rng.randrange(0, 20)),
        location=location,
        category=rule.category,
        channel=channel,
        anonymous=anonymous,
        confidential=rng.random() < 0.08,
        reporter=reporter,
        submitted_at=submitted.astimezone(UTC),
    )


def _wrong_agency(rng: random.Random, world: SampleWorld, right: Agency) -> Agency | None:
    """An agency a report is wrongly addressed or dispatched to (not ``right`` nor above it)."""
    candidates = [a for a in (world.graph.province_of(right.id),) if a is not None]
    candidates += [world.places[rng.randrange(len(world.places))][1]]
    above = {a.id for a in world.graph.ancestors(right.id)} | {right.id}
    choices = [a for a in candidates if a.id not in above and a.connected]
    return rng.choice(choices) if choices else None


def _after_window(rng: random.Random, book: Rulebook, rule_id: str) -> int:
    """Working days after a window's start at which the system acts: 1-4 days past its limit."""
    limit = book.deadline(rule_id).limit
    return rng.randint(limit + 1, limit + 4)


def _lifecycle(  # noqa: PLR0911, PLR0912, PLR0915 - one story per report, read top-down
    run: _Run,
    rng: random.Random,
    world: SampleWorld,
    resolution: Resolution,
    reporter: Actor,
    *,
    book: Rulebook,
) -> None:
    clock = run.clock
    zone: tzinfo = WIB
    fate = rng.random()
    if fate < 0.01:
        spam = rng.choice(tuple(DeleteReason))
        run.step(lambda at: DeleteEvent(at=at, actor=_OPERATOR, reason=spam), clock.after_days(1))
        return
    if fate < 0.06:
        reason = rng.choice(
            (ArchiveReason.TOO_GENERAL, ArchiveReason.DUPLICATE, ArchiveReason.WRONG_FORMAT)
        )
        at = clock.after_working_days(rng.randint(0, 3), zone)
        run.step(lambda t: ArchiveEvent(at=t, actor=_OPERATOR, reason=reason), at)
        return
    if fate < 0.14:  # held: incomplete (5W1H)
        held = clock.after_working_days(rng.randint(0, 2), zone)
        if not run.step(lambda t: HoldEvent(at=t, actor=_OPERATOR, reason=_HOLD_REASON), held):
            return
        if rng.random() < 0.4:  # never completed: archived after the hold window
            at = clock.after_working_days(_after_window(rng, book, "SLA-HOLD-WINDOW"), zone)
            run.step(
                lambda t: ArchiveEvent(at=t, actor=_SYSTEM, reason=ArchiveReason.HOLD_EXPIRED), at
            )
            return
        at = clock.after_days(rng.randint(1, 6))
        if not run.step(lambda t: CompleteEvent(at=t, actor=reporter, info="Lokasi: RT 03"), at):
            return
    if rng.random() < 0.04:  # verification backlog: never verified
        return
    agency = resolution.agency
    target = agency if agency.connected else resolution.dispatch_to
    verify_days = rng.choices((0, 1, 2, 3, 5, 8), (20, 30, 20, 15, 10, 5))[0]
    wrong = _wrong_agency(rng, world, target) if rng.random() < 0.08 else None
    first = wrong or target
    at = clock.after_working_days(verify_days, zone)
    if not run.step(
        lambda t: VerifyAndDispatchEvent(at=t, actor=_OPERATOR, agency_id=first.id), at
    ):
        return
    if wrong is not None:  # misaddressed: NOT_COMPETENT, then redispatched
        zone = zone_for_agency(wrong)
        wrong_admin = Actor(role=Role.AGENCY_ADMIN, agency_id=wrong.id, user_id="admin")
        at = clock.after_working_days(rng.randint(1, 4), zone)
        if not run.step(
            lambda t: DeclareNotCompetentEvent(
                at=t, actor=wrong_admin, reason=_NOT_COMPETENT_REASON, suggested_agency_id=target.id
            ),
            at,
        ):
            return
        at = clock.after_working_days(rng.randint(0, 3), WIB)
        if not run.step(lambda t: RedispatchEvent(at=t, actor=_OPERATOR, agency_id=target.id), at):
            return
    zone = zone_for_agency(target)
    handler = target
    unit = resolution.unit
    if (
        unit is not None
        and unit.kind is AgencyKind.UNIT  # a regional SOE (PDAM) is no unit to forward to
        and unit.id != target.id
        and unit.connected
        and world.graph.is_ancestor(target.id, unit.id)
    ):
        admin = Actor(role=Role.AGENCY_ADMIN, agency_id=target.id, user_id="admin")
        at = clock.after_working_days(rng.randint(0, 1), zone)
        if not run.step(lambda t: ForwardToUnitEvent(at=t, actor=admin, unit_id=unit.id), at):
            return
        handler = unit
    profile = world.profile(target.id)
    bounds = _FIRST_FOLLOW_UP_DAYS[profile]
    if bounds is None and rng.random() < 0.85:
        return  # silent agency: no follow-up
    low, high = bounds or (10, 40)
    liaison = Actor(role=Role.LIAISON, agency_id=handler.id, user_id="penghubung")
    text = rng.choice(_FOLLOW_UP_TEXTS)
    at = clock.after_working_days(rng.randint(low, high), zone)
    if not run.step(lambda t: PostFollowUpEvent(at=t, actor=liaison, text=text), at):
        return
    for _ in range(rng.choices((0, 1, 2), (60, 30, 10))[0]):
        at = clock.after_days(rng.randint(1, 5))
        if not run.step(lambda t: ReporterReplyEvent(at=t, actor=reporter, text="Belum"), at):
            return
        at = clock.after_working_days(rng.randint(1, high), zone)
        if not run.step(lambda t: PostFollowUpEvent(at=t, actor=liaison, text=text), at):
            return
    ending = rng.random()
    if ending < 0.45:
        at = clock.after_days(rng.randint(0, 7))
        run.step(lambda t: CloseEvent(at=t, actor=reporter), at)
    elif ending < 0.9:  # the reporter stays silent: closed by the system after the window
        at = clock.after_working_days(_after_window(rng, book, "SLA-REPLY-WINDOW"), zone)
        run.step(lambda t: AutoCloseEvent(at=t, actor=_SYSTEM), at)


@boundary(size=CHECKS["count"], seed=CHECKS["integer"])
def generate_complaints(
    size: int = 2000,
    *,
    seed: int = 0,
    start: date = date(2024, 1, 1),
    end: date = date(2024, 12, 31),
    now: datetime | None = None,
    world: SampleWorld | None = None,
    first_serial: int = 1_000_000,
) -> Iterator[Complaint]:
    """Generate ``size`` reports submitted between ``start`` and ``end`` (inclusive), lazily.

    Rule: standard.md §3–§5. Each report is a valid [`Complaint`][sp4n.models.Complaint]
    whose history replays through [`sp4n.lifecycle.replay`][sp4n.lifecycle.replay].

    Args:
        size: Number of reports.
        seed: Seed: the same seed gives the same reports.
        start: First submission date.
        end: Last submission date.
        now: No event after this instant (default: 14 days after ``end``, 12:00 WIB);
            submission dates are drawn only up to it (an early ``now`` shortens the span).
        world: The hierarchy and profiles (default [`sample_world`][sp4n.sample.sample_world] of
            ``seed``).
        first_serial: Serial of the first tracking id (Luhn-checked, 10 digits).

    The hold-archive and auto-close delays follow the rulebook windows
    (SLA-HOLD-WINDOW, SLA-REPLY-WINDOW): the system acts 1-4 working days after.

    Raises:
        DataError: ``size`` is negative, ``end`` is before ``start``, or ``now``
            is naive or before ``start``.
    """
    if size < 0 or end < start:
        raise DataError(
            Message(
                "error.generator.sample-needs-size-0", "the sample needs size >= 0 and end >= start"
            ),
            field="size" if size < 0 else "end",
        )
    world = world or sample_world(seed)
    cutoff = now or datetime.combine(end + timedelta(days=14), time(12), WIB)
    if cutoff.tzinfo is None:
        raise DataError(
            Message("TIMESTAMP-AWARE.now-timezone-aware", "now must be timezone-aware"),
            rule="TIMESTAMP-AWARE",
            field="now",
        )
    last = min(end, cutoff.astimezone(WIB).date())  # a submission date never after ``now``
    if size and last < start:
        raise DataError(
            Message(
                "error.generator.now-isoformat-before-first",
                "now ({isoformat}) is before the first submission date {start}",
                isoformat=str(cutoff.isoformat()),
                start=str(start),
            ),
            field="now",
        )
    rng = random.Random(seed)
    book = Rulebook.default()
    calendar = WorkingCalendar.from_rulebook(book)
    rules = tuple(world.graph.competence)
    weights = [_LEVEL_WEIGHT.get(r.level, 1) for r in rules]
    span = (last - start).days + 1
    for serial in range(first_serial, first_serial + size):
        rule = rng.choices(rules, weights)[0]
        submission = _submission(rng, world, rule, start, span)
        resolution = resolve(world.graph, submission)
        changes: dict[str, object] = {}
        if submission.submitted_at > cutoff:  # late on the cutoff day: submitted at ``now``
            changes["submitted_at"] = cutoff
            if submission.incident_date is not None:
                changes["incident_date"] = min(submission.incident_date, last)
        if rng.random() < 0.1 and submission.target_agency_id is None:
            changes["target_agency_id"] = resolution.dispatch_to.id
        if changes:  # rebuilt and validated again, never copied past the validators
            data = submission.model_dump()
            data.update(changes)
            submission = ComplaintSubmission.model_validate(data)
        reporter = Actor(role=Role.REPORTER, user_id=f"warga-{serial}")
        complaint = submit(submission, tracking_id=generate_tracking_id(serial), actor=reporter)
        run = _Run(complaint, _Clock(rng, calendar, submission.submitted_at), cutoff)
        _lifecycle(run, rng, world, resolution, reporter, book=book)
        yield run.complaint


@boundary
def write_jsonl(complaints: Iterable[Complaint], out: IO[str] | str | Path) -> int:
    """Write reports as JSON Lines (one ``Complaint`` payload a line); returns the count.

    A path is written atomically (rule OUTPUT-FILE): the file appears only
    when every report is written, so a failure or Ctrl-C half-way leaves the
    previous file as it was.

    Raises:
        DataError: the file cannot be written (rule OUTPUT-FILE).
    """
    if isinstance(out, str | Path):
        with atomic_text_writer(out, field="out") as handle:
            return write_jsonl(complaints, handle)
    count = 0
    for complaint in complaints:
        out.write(complaint.model_dump_json(exclude_none=True))
        out.write("\n")
        count += 1
    return count
