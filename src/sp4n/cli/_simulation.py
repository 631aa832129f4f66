"""A scripted lifecycle for each embedded sample report, run through the real engine.

Shows ``sp4n demo`` users the statuses of standard.md §4 on their own samples:
every step is a [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply] call with an actor the rulebook
allows, so the final status is what the engine decides, not a label.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from rich.table import Table

from sp4n import lifecycle
from sp4n._types import generate_tracking_id
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Lang, Message, label
from sp4n.models import (
    Actor,
    ArchiveEvent,
    AutoCloseEvent,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    CompleteEvent,
    DeclareNotCompetentEvent,
    Event,
    HoldEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    VerifyAndDispatchEvent,
)
from sp4n.vocabulary import ArchiveReason, Role
from sp4n.workdays import WorkingCalendar

_NATIONAL = Actor(role=Role.NATIONAL_ADMIN, user_id="admin-nasional")

Step = tuple[int, Callable[[datetime], Event]]
"""Hours after submission, and the event made at that instant."""


def _scenario(
    index: int, target: str, fallback: str, reporter: Actor
) -> tuple[Message, list[Step]]:
    """The scenario for sample ``index``: its name and its steps."""
    liaison = Actor(role=Role.LIAISON, agency_id=target, user_id=f"penghubung-{target}")
    other = Actor(role=Role.AGENCY_ADMIN, agency_id=fallback, user_id=f"admin-{fallback}")

    def dispatch(at: datetime) -> Event:
        return VerifyAndDispatchEvent(at=at, actor=_NATIONAL, agency_id=target)

    def answer(at: datetime) -> Event:
        return PostFollowUpEvent(at=at, actor=liaison, text="Sudah ditindaklanjuti petugas.")

    def close(at: datetime) -> Event:
        return CloseEvent(at=at, actor=reporter)

    def hold(at: datetime) -> Event:
        return HoldEvent(at=at, actor=_NATIONAL, reason="Lokasi kurang jelas.")

    def complete(at: datetime) -> Event:
        return CompleteEvent(at=at, actor=reporter, info="Di depan SDN 3.")

    def misdispatch(at: datetime) -> Event:
        return VerifyAndDispatchEvent(at=at, actor=_NATIONAL, agency_id=fallback)

    def decline(at: datetime) -> Event:
        return DeclareNotCompetentEvent(at=at, actor=other, reason="Bukan kewenangan kami.")

    def redispatch(at: datetime) -> Event:
        return RedispatchEvent(at=at, actor=_NATIONAL, agency_id=target)

    def auto_close(at: datetime) -> Event:
        return AutoCloseEvent(at=at, actor=Actor(role=Role.SYSTEM))

    def archive(at: datetime) -> Event:
        return ArchiveEvent(at=at, actor=_NATIONAL, reason=ArchiveReason.DUPLICATE)

    scenarios: list[tuple[Message, list[Step]]] = [
        (
            Message("ui.cli.demo.scenario-closed", "dispatch → follow-up → closed by reporter"),
            [(20, dispatch), (70, answer), (90, close)],
        ),
        (
            Message("ui.cli.demo.scenario-hold", "hold → completed → dispatch → follow-up"),
            [(5, hold), (10, complete), (20, dispatch), (70, answer)],
        ),
        (
            Message(
                "ui.cli.demo.scenario-redispatch",
                "not competent → redispatch → follow-up → auto-close",
            ),
            [(20, misdispatch), (30, decline), (40, redispatch), (70, answer), (720, auto_close)],
        ),
        (Message("ui.cli.demo.scenario-archived", "archived as duplicate"), [(8, archive)]),
        (
            Message("ui.cli.demo.scenario-waiting", "dispatched, awaiting follow-up"),
            [(20, dispatch)],
        ),
    ]
    return scenarios[index % len(scenarios)]


def simulate(
    submission: ComplaintSubmission, line: int, graph: AgencyGraph, calendar: WorkingCalendar
) -> tuple[Message, Complaint]:
    """Run sample ``line``'s scenario through the lifecycle engine; (scenario, final complaint)."""
    reporter = Actor(role=Role.REPORTER, user_id=f"pelapor-{line}")
    complaint = lifecycle.submit(
        submission, tracking_id=generate_tracking_id(2_000 + line), actor=reporter
    )
    resolution = graph.resolve(submission)
    target = resolution.dispatch_to.id
    parent = graph.parent(resolution.handler.id)
    fallback = parent.id if parent is not None and parent.id != target else "nasional"
    name, steps = _scenario(line, target, fallback, reporter)
    for hours, make in steps:
        event = make(submission.submitted_at + timedelta(hours=hours))
        complaint = lifecycle.apply(complaint, event, hierarchy=graph, calendar=calendar)
    lifecycle.check_history(complaint, hierarchy=graph)
    return name, complaint


_HEADERS: Final = (
    Message("ui.cli.demo.number"),
    Message("ui.cli.demo.scenario", "scenario"),
    Message("ui.cli.demo.events", "events"),
    Message("ui.cli.demo.final-status", "final status"),
)


def simulation_table(rows: list[tuple[int, Message, Complaint]], lang: Lang = "en") -> Table:
    """The table of simulated lifecycles: scenario, events and the final status, in ``lang``."""
    title = Message("ui.cli.demo.simulation", "Lifecycle simulation (sp4n.lifecycle)")
    table = Table(title=title.text(lang))
    for header in _HEADERS:
        table.add_column(header.text(lang), overflow="fold")
    for line, name, complaint in rows:
        events = " → ".join(e.kind for e in complaint.history)
        status = f"{label(complaint.status, lang)} ({complaint.status.value})"
        table.add_row(str(line), name.text(lang), events, status)
    return table
